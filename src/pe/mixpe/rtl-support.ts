/**
 * Which MixPE parameter sets the RTL generators implement. Every generator calls
 * `checkRtlParams` first: it runs the shared `validateMixpeParams`, so the RTL and level b reject
 * bad parameters with the same message (rule R5).
 *
 * Implemented: every parameter set level b accepts — `accMode` EXACT_WIDE, BLOCK_ALIGN and
 * FP32_RNE for INT8, FP16 and BF16 activations, `dequantUnit` SHARED_MULT and BIT_SERIAL, any weight width/signedness, G, K,
 * rows, cols, accW, epilogues, scale/act-scale formats FP16/BF16/FP32, output FP16/FP32 with every
 * `outputRound` and `outputOverflow`.
 */
import { validateMixpeParams, type MixpeParams } from './params.ts';

export function checkRtlParams(p: MixpeParams): void {
  validateMixpeParams(p);
}
