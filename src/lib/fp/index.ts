/**
 * `lowbit-hdl/lib` fp blocks; one export line per block file. The format descriptor itself is
 * golden code (src/golden/float/format.ts), shared with the golden models and re-exported here.
 */
export {
  BF16, FP16, FP32, FP64, FP8_E4M3, FP8_E5M2, FP6_E3M2, FP6_E2M3, FP4_E2M1, floatFormat, totalBits, expFieldMax,
  maxFiniteExpField, maxFiniteFrac, quantumExp, type FloatFormat, type SpecialEncoding,
} from '../../golden/float/format.ts';
export { checkEncodeOptions, type OverflowMode } from '../../golden/float/encode.ts';
export { decodeFloat, type FpFields } from './decode.ts';
export { fpRoundUnit, roundUp, type FpRoundConfig } from './round.ts';
export { kulischAccumulator, termSpecial, type KulischTerm, type GroupControl, type KulischState } from './kulisch.ts';
export { fp32Accumulator, fp32AddLogic, checkFp32TermRange, kulischTermAsFp32, type Fp32Term, type Fp32TermRange } from './fp32-add.ts';
export { leadingOne, type LeadingOne } from './leading-one.ts';
export { alignedAdd, exactInt, exactMul, exactOf, roundExact, type ExactValue } from './ieee-op.ts';
export { blockAddLogic, type BlockRegister, type BlockTermIn, type BlockAccConfig } from './block-acc.ts';
export {
  bNot, bAnd, bOr, bXor, bMux, bSig, lazyClass, finiteClass, flagClass, isFinite, withRegister, classFlag, ieeeAdd, ieeeSub,
  ieeeMul, type Bit, type SpecialClass,
} from './special.ts';
