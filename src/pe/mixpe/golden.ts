/**
 * MixPE golden models — the public surface. Level a (exact math) lives in golden-math.ts;
 * level b (bit-accurate datapath) is composed in golden-datapath.ts from its stages:
 * golden-mac (per-MAC shift-and-add) → golden-group (P_g, R_g) → golden-epilogue (dequant,
 * output accumulator, final rounding), with golden-block as the BLOCK_ALIGN primitive.
 * See docs/mixpe.md for the semantics.
 */
export { gemmExact, gemmExactGrouped, groupSumsExact, quantizeWeight, roundOutput } from './golden-math.ts';
export {
  compareWithExact,
  dotProduct,
  gemm,
  gemmTile,
  groupResult,
  rowSums,
  type DatapathOptions,
  type ExactCheck,
  type GroupTrace,
  type MixpeResult,
} from './golden-datapath.ts';
export { macProductFp, macProductInt, shiftAddProduct, type FpProduct, type ShiftAddResult } from './golden-mac.ts';
export { groupSum, rowSum, type GroupReg, type GroupSum, type SpecialFlag } from './golden-group.ts';
export {
  dequantGroup,
  dequantMultiply,
  outputAdd,
  outputFinal,
  outputInit,
  type DequantReg,
  type DequantTerm,
  type MixpeOutput,
  type OutputReg,
  type OutputState,
} from './golden-epilogue.ts';
export { checkInputs, type MixpeInputs, type Scalar } from './golden-inputs.ts';
