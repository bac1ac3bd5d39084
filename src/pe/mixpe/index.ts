/** `lowbit-hdl/pe` mixpe: public generators, params and cosim specs (names carry the `mixpe` prefix). */
export {
  mixpeParams,
  mixpeWidths,
  mixpeFormat,
  minAccW as mixpeMinAccW,
  validateMixpeParams,
  type MixpeParams,
  type MixpeActivation,
  type MixpeAccMode,
  type MixpeDequantUnit,
  type MixpeScaleFormat,
  type MixpeOutputFormat,
  type MixpeWidths,
  type WeightBits,
} from './params.ts';
export { mixpeArray, type MixpeArrayOptions } from './rtl-array.ts';
export { mixpeArrayTiming, mixpeTimingText, type MixpeArrayTiming } from './rtl-timing.ts';
export { fpPe as mixpeFpArrayPe, mixpeFpPe, mixpeFpRowSum } from './rtl-pe-fp.ts';
export { intPe as mixpeIntPe } from './rtl-pe-int.ts';
export { mixpeFpProduct } from './rtl-fp-product.ts';
export { mixpePeContract, checkPe as mixpeCheckPe, type MixpePe, type MixpePeGenerator } from './rtl-pe-interface.ts';
export {
  arrayCosimSpec as mixpeArrayCosimSpec,
  arrayGolden as mixpeArrayGolden,
  arrayCorners as mixpeArrayCorners,
  arrayInputNames as mixpeArrayInputNames,
  arrayOutputNames as mixpeArrayOutputNames,
  type ArrayCosimOptions as MixpeArrayCosimOptions,
} from './rtl-cosim.ts';
export { gemmTile as mixpeGemmTile } from './golden-datapath.ts';
export type { MixpeInputs } from './golden-inputs.ts';
// The dequantize-first comparison baselines of the MixPE spec (§1), parameterized by MixpeParams.
export { int8BaselineArray as mixpeBaselineInt8Array, type Int8BaselineArrayOptions as MixpeBaselineInt8ArrayOptions } from './baseline-int8-array.ts';
export { int8BaselinePe as mixpeBaselineInt8Pe, int8BaselineAccW as mixpeBaselineInt8AccW } from './baseline-int8-pe.ts';
export { fp16FmaBaselinePe as mixpeBaselineFp16FmaPe, type Fp16FmaOptions as MixpeBaselineFp16FmaOptions } from './baseline-fp16-fma-pe.ts';
export { fp16DequantUnit as mixpeBaselineFp16DequantUnit } from './baseline-fp16-dequant.ts';
export {
  baselineArrayCosimSpec as mixpeBaselineArrayCosimSpec,
  baselineArrayGolden as mixpeBaselineArrayGolden,
  swapZeroPoints as mixpeBaselineSwapZeroPoints,
} from './baseline-int8-array-cosim.ts';
export { int8GroupSum as mixpeBaselineInt8GroupSum, fp16FmaValue as mixpeBaselineFp16FmaValue } from './golden-baseline.ts';
export { fp16FmaBaselineArray as mixpeBaselineFp16FmaArray, type Fp16FmaArrayOptions as MixpeBaselineFp16FmaArrayOptions } from './baseline-fp16-fma-array.ts';
export {
  fmaArrayCosimSpec as mixpeBaselineFmaArrayCosimSpec,
  fmaArrayGolden as mixpeBaselineFmaArrayGolden,
  moveGroupSideToFirst as mixpeBaselineMoveGroupSideToFirst,
} from './baseline-fp16-fma-array-cosim.ts';
export { fp16FmaGemmTile as mixpeBaselineFp16FmaGemmTile } from './golden-baseline.ts';
