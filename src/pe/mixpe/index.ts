/** `lowbit-hdl/pe` mixpe: public generators, params and cosim specs (names carry the `mixpe` prefix). */
export {
  mixpeParams,
  mixpeWidths,
  validateMixpeParams,
  type MixpeParams,
  type MixpeActivation,
  type MixpeScaleFormat,
  type MixpeOutputFormat,
  type WeightBits,
} from './params.ts';
export { mixpeArray, type MixpeArrayOptions } from './rtl-array.ts';
export { fpPe as mixpeFpArrayPe, mixpeFpPe } from './rtl-pe-fp.ts';
export { intPe as mixpeIntPe } from './rtl-pe-int.ts';
export {
  arrayCosimSpec as mixpeArrayCosimSpec,
  arrayGolden as mixpeArrayGolden,
  type ArrayCosimOptions as MixpeArrayCosimOptions,
} from './rtl-cosim.ts';
