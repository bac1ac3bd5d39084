/**
 * Field decode of a floating-point code in hardware, the way the MixPE W4A16 datapath reads an
 * activation (specs/mixpe.md conventions, src/golden/float/decode.ts `significandOf`):
 * `M` = hidden bit | fraction (hidden bit 0 when the exponent field is 0), `E` = the exponent
 * field with 0 replaced by 1, so a finite code is `(−1)^sign · M · 2^(E − bias − manBits)`.
 *
 * Contract: pure wiring plus three small detectors (field = 0, field = all ones, fraction = 0);
 * IEEE special encodings only (FP16, BF16, FP32).
 */
import type { Signal } from '../../dsl/signal.ts';
import { cat } from '../../dsl/ops.ts';
import { totalBits, type FloatFormat } from '../../golden/float/format.ts';

/** The decoded fields of one code. All signals unsigned. */
export interface FpFields {
  /** Sign bit. */
  readonly sign: Signal;
  /** Raw biased exponent field, `expBits` bits. */
  readonly field: Signal;
  /** Effective exponent `E` (field, or 1 when the field is 0), `expBits` bits, 1 … 2^expBits − 1. */
  readonly E: Signal;
  /** Significand `M` = hidden | fraction, `manBits + 1` bits (0 for ±0). */
  readonly M: Signal;
  /** Exponent field all ones (Inf or NaN). */
  readonly special: Signal;
  /** NaN code (field all ones, fraction ≠ 0). */
  readonly nan: Signal;
  /** ±Inf code (field all ones, fraction = 0). */
  readonly inf: Signal;
}

/** Decode `code` (uint of `1 + expBits + manBits` bits) as format `f`. */
export function decodeFp(code: Signal, f: FloatFormat): FpFields {
  const n = totalBits(f);
  if (code.width !== n || code.signed) throw new RangeError(`decodeFp: a ${f.name} code is uint(${n}), got ${code.toString()}`);
  const sign = code.bit(n - 1);
  const field = code.slice(n - 2, f.manBits);
  const frac = code.slice(f.manBits - 1, 0);
  const fieldNonZero = field.orReduce();
  const special = field.andReduce();
  const fracNonZero = frac.orReduce();
  return {
    sign,
    field,
    // field | (field == 0): sets bit 0 exactly when the field is 0.
    E: field.or(fieldNonZero.not()),
    M: cat(fieldNonZero, frac),
    special,
    nan: special.and(fracNonZero),
    inf: special.and(fracNonZero.not()),
  };
}
