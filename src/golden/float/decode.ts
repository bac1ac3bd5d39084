/**
 * Decode a floating-point code into its fields and its exact value (formats.md §1.1).
 *
 * Contract: `decode` is total on `0 … 2^totalBits − 1` and exact; finite results keep the raw
 * significand (`mag` = hidden bit | fraction, `exp` = the LSB exponent), so a datapath model can
 * read `M` and `E` straight from it. Codes may be given as `number` (bit patterns only, never
 * arithmetic) or `bigint`.
 */
import { expFieldMax, totalBits, type FloatFormat } from './format.ts';
import { NAN, inf, type FloatValue } from './value.ts';

/** The three fields of a code. */
export interface FloatFields {
  /** Sign bit. */
  readonly sign: 0 | 1;
  /** Biased exponent field `e`, 0 … 2^expBits − 1. */
  readonly expField: number;
  /** Fraction field `f`, 0 … 2^manBits − 1. */
  readonly frac: bigint;
}

export function codeToBigInt(code: number | bigint, f: FloatFormat): bigint {
  const c = typeof code === 'bigint' ? code : BigInt(code);
  if (typeof code === 'number' && !Number.isSafeInteger(code)) {
    throw new RangeError(`${f.name} code ${code} is not an integer`);
  }
  if (c < 0n || c >> BigInt(totalBits(f)) !== 0n) {
    throw new RangeError(`${f.name} code 0x${c.toString(16)} does not fit in ${totalBits(f)} bits`);
  }
  return c;
}

export function fieldsOf(code: number | bigint, f: FloatFormat): FloatFields {
  const c = codeToBigInt(code, f);
  const m = BigInt(f.manBits);
  return {
    sign: (c >> BigInt(f.expBits + f.manBits)) & 1n ? 1 : 0,
    expField: Number((c >> m) & BigInt(expFieldMax(f))),
    frac: c & ((1n << m) - 1n),
  };
}

/** Assemble a code from fields (no range checks beyond masking assumptions of the caller). */
export function codeFromFields(sign: 0 | 1, expField: number, frac: bigint, f: FloatFormat): bigint {
  return (BigInt(sign) << BigInt(f.expBits + f.manBits)) | (BigInt(expField) << BigInt(f.manBits)) | frac;
}

/** Classify a code without computing its value. */
export function classify(code: number | bigint, f: FloatFormat): 'zero' | 'subnormal' | 'normal' | 'inf' | 'nan' {
  const { expField, frac } = fieldsOf(code, f);
  const top = expFieldMax(f);
  if (f.specials === 'IEEE' && expField === top) return frac === 0n ? 'inf' : 'nan';
  if (f.specials === 'FN' && expField === top && frac === (1n << BigInt(f.manBits)) - 1n) return 'nan';
  if (expField === 0) return frac === 0n ? 'zero' : 'subnormal';
  return 'normal';
}

/**
 * Significand and effective exponent field as a hardware datapath sees them (mixpe.md
 * conventions): `M` = hidden bit | fraction (hidden bit 0 for zero/subnormal) and `E` = the
 * exponent field with 0 replaced by 1. The finite value is `(−1)^sign · M · 2^(E − bias − manBits)`.
 */
export function significandOf(code: number | bigint, f: FloatFormat): { sign: 0 | 1; M: bigint; E: number } {
  const { sign, expField, frac } = fieldsOf(code, f);
  return expField === 0
    ? { sign, M: frac, E: 1 }
    : { sign, M: frac | (1n << BigInt(f.manBits)), E: expField };
}

/** The exact value of a code. */
export function decode(code: number | bigint, f: FloatFormat): FloatValue {
  const kind = classify(code, f);
  const { sign } = fieldsOf(code, f);
  if (kind === 'nan') return NAN;
  if (kind === 'inf') return inf(sign === 1);
  const { M, E } = significandOf(code, f);
  return { kind: 'finite', neg: sign === 1, mag: M, exp: E - f.bias - f.manBits };
}
