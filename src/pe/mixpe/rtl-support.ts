/**
 * Which MixPE parameter sets the RTL generators implement. Every generator calls
 * `checkRtlParams` first: it runs the shared `validateMixpeParams` (so the RTL and level b reject
 * bad parameters with the same message, rule R5), then refuses the options the RTL does not
 * implement yet with a `LowbitError` that names the parameter.
 *
 * Implemented: `accMode = EXACT_WIDE`, `BLOCK_ALIGN` for INT8 activations (the block-aligned
 * output accumulator of level b), `dequantUnit = SHARED_MULT`, any weight width/signedness,
 * G, K, rows, cols, accW, scale/act-scale formats FP16/BF16/FP32, output FP16/FP32 with every
 * `outputRound` and `outputOverflow`. Not implemented: `BLOCK_ALIGN` with FP activations, `FP32_RNE`,
 * the `BIT_SERIAL` dequantization unit (level b models all of them).
 */
import { userError } from '../../diag/error.ts';
import { validateMixpeParams, type MixpeParams } from './params.ts';

export function checkRtlParams(p: MixpeParams): void {
  validateMixpeParams(p);
  if (p.dequantUnit !== 'SHARED_MULT') {
    throw userError(
      `MixPE RTL: dequantUnit ${p.dequantUnit} is not implemented by the RTL generator`,
      'use dequantUnit SHARED_MULT (the default); BIT_SERIAL changes timing only, never a result bit',
    );
  }
}
