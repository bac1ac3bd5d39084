/**
 * Fixed-to-fixed conversion `ap_[u]fixed<dst>(ap_[u]fixed<src> x)` (specs/fixed-point.md §4.1):
 * quantize the exact source with the destination's Q mode, then overflow-handle with its O/N.
 * Input: an integer in source LSB units. Output: an integer in destination LSB units.
 */
import { roundShift } from '../rounding.ts';
import { type FixedFormat, checkFixedFormat, DEFAULT_Q, formatName, fracBits, intInRange, qModeToRoundMode } from './format.ts';
import { overflowFixed } from './overflow.ts';

export interface CastOptions {
  /**
   * Reproduce the reference headers' deviations from the documented semantics
   * (conformance tags `sat_sym_1bit`, `wrap_sm_rounding_carry`). Default false.
   */
  readonly hlsCompat?: boolean;
}

/**
 * Convert `srcInt` (value `srcInt * 2^-Fsrc`) into `dst`, returning the destination integer
 * (value `result * 2^-Fdst`; encode with `intToRaw`).
 *
 * 1. Quantize: `n = round(srcInt * 2^(Fdst - Fsrc))` with the rule of `dst.q` — an exact
 *    right shift through the shared `roundShift` when Fsrc > Fdst, a left shift otherwise.
 * 2. Overflow: `overflowFixed(n, dst)` on the rounded value (§4.3).
 *
 * Plain BigInt arithmetic, no allocation beyond the BigInts themselves: this computes the
 * expected outputs of exhaustive cast-unit cosimulation.
 */
export function castFixed(srcInt: bigint, src: FixedFormat, dst: FixedFormat, opts?: CastOptions): bigint {
  checkFixedFormat(src);
  checkFixedFormat(dst);
  if (!intInRange(srcInt, src)) {
    throw new RangeError(`castFixed: ${srcInt} LSB is outside the range of ${formatName(src)}`);
  }
  const shift = fracBits(src) - fracBits(dst);
  let n: bigint;
  let truncated: bigint;
  if (shift > 0) {
    const s = BigInt(shift);
    truncated = srcInt >> s; // floor: BigInt >> is arithmetic
    n = roundShift(srcInt, shift, qModeToRoundMode(dst.q ?? DEFAULT_Q));
  } else {
    n = truncated = srcInt << BigInt(-shift);
  }
  return overflowFixed(n, dst, opts?.hlsCompat === true, truncated);
}
