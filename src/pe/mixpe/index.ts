/** `lowbit-hdl/pe` mixpe: public generators, params and cosim specs (names carry the `mixpe` prefix). */
export {
  mixpeParams, validateMixpeParams as mixpeValidateParams, mixpeWidths, mixpeFormat, minAccW as mixpeMinAccW,
  type MixpeParams, type WeightBits as MixpeWeightBits, type MixpeActivation, type MixpeAccMode, type MixpeDequantUnit,
  type MixpeScaleFormat, type MixpeOutputFormat, type MixpeWidths,
} from './params.ts';
export { mixpeArray, type MixpeArrayOptions } from './rtl-array.ts';
export { intPe as mixpeIntPe } from './rtl-pe-int.ts';
export { fpPe as mixpeFpPeInfo, mixpeFpPe, mixpeFpRowSum } from './rtl-pe-fp.ts';
export { mixpeFpProduct } from './rtl-fp-product.ts';
export { mixpePeContract, checkPe as mixpeCheckPe, type MixpePe, type MixpePeGenerator } from './rtl-pe-interface.ts';
export {
  arrayCosimSpec as mixpeArrayCosimSpec, arrayGolden as mixpeArrayGolden, arrayCorners as mixpeArrayCorners,
  arrayInputNames as mixpeArrayInputNames, arrayOutputNames as mixpeArrayOutputNames, type ArrayCosimOptions as MixpeArrayCosimOptions,
} from './rtl-cosim.ts';
export { gemmTile as mixpeGemmTile } from './golden-datapath.ts';
export type { MixpeInputs } from './golden-inputs.ts';
