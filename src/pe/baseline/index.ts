/** `lowbit-hdl/pe` baseline: public generators, params and cosim specs (names carry the `baseline` prefix). */
export { int8BaselineArray as baselineInt8Array, type Int8BaselineArrayOptions as BaselineInt8ArrayOptions } from './int8-array.ts';
export { int8BaselinePe as baselineInt8Pe, int8BaselineAccW as baselineInt8AccW } from './int8-pe.ts';
export { fp16FmaBaselinePe as baselineFp16FmaPe, type Fp16FmaOptions as BaselineFp16FmaOptions } from './fp16-fma-pe.ts';
export { fp16DequantUnit as baselineFp16DequantUnit } from './fp16-dequant.ts';
export { baselineArrayCosimSpec, baselineArrayGolden, swapZeroPoints as baselineSwapZeroPoints } from './int8-array-cosim.ts';
export { int8GroupSum as baselineInt8GroupSum, fp16FmaValue as baselineFp16FmaValue } from './golden.ts';
