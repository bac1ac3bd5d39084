/**
 * Exact dyadic rationals `mant · 2^exp` (BigInt mantissa, integer exponent) — rule R1's
 * fixed-point value type for every floating-point golden model.
 *
 * Contract: every function is exact; none normalizes unless its name says so, so a register
 * image (`mant` in units of `2^exp`) survives unchanged. No `Number` arithmetic touches a
 * mantissa; exponents are small integers (|exp| < 2^31) and are plain numbers.
 */
import { rational, type Rational } from '../rounding.ts';

/** Exact value `mant · 2^exp`. Not normalized: `{mant: 4n, exp: 0}` and `{mant: 1n, exp: 2}` are equal. */
export interface Dyadic {
  readonly mant: bigint;
  readonly exp: number;
}

export const DYADIC_ZERO: Dyadic = { mant: 0n, exp: 0 };

export function dyadic(mant: bigint, exp = 0): Dyadic {
  return { mant, exp };
}

/** Number of bits of `|n|` (0 for 0): the index of the highest set bit plus one. */
export function bitLength(n: bigint): number {
  let a = n < 0n ? -n : n;
  if (a === 0n) return 0;
  // Hex length gives the bit length to within 4; finish with a short loop.
  let len = (a.toString(16).length - 1) * 4;
  a >>= BigInt(len);
  while (a > 0n) {
    a >>= 1n;
    len++;
  }
  return len;
}

/** Number of trailing zero bits of `n` (n != 0). */
export function trailingZeros(n: bigint): number {
  if (n === 0n) throw new RangeError('trailingZeros: zero');
  let a = n < 0n ? -n : n;
  let k = 0;
  while ((a & 0xffffffffn) === 0n) {
    a >>= 32n;
    k += 32;
  }
  while ((a & 1n) === 0n) {
    a >>= 1n;
    k++;
  }
  return k;
}

/** Rewrite `d` with exponent `exp` (must not lose bits: `exp <= d.exp` or the low bits are zero). */
export function withExp(d: Dyadic, exp: number): Dyadic {
  if (exp === d.exp) return d;
  if (exp < d.exp) return { mant: d.mant << BigInt(d.exp - exp), exp };
  const shift = BigInt(exp - d.exp);
  const mant = d.mant >> shift;
  if (mant << shift !== d.mant) throw new RangeError('withExp: would drop set bits');
  return { mant, exp };
}

/** Canonical form: odd mantissa (or 0 with exp 0). Equal values have equal canonical forms. */
export function normalizeDyadic(d: Dyadic): Dyadic {
  if (d.mant === 0n) return DYADIC_ZERO;
  const tz = trailingZeros(d.mant);
  return tz === 0 ? d : { mant: d.mant >> BigInt(tz), exp: d.exp + tz };
}

export function addD(a: Dyadic, b: Dyadic): Dyadic {
  const e = Math.min(a.exp, b.exp);
  return { mant: withExp(a, e).mant + withExp(b, e).mant, exp: e };
}

export function subD(a: Dyadic, b: Dyadic): Dyadic {
  return addD(a, negD(b));
}

export function negD(a: Dyadic): Dyadic {
  return { mant: -a.mant, exp: a.exp };
}

export function absD(a: Dyadic): Dyadic {
  return a.mant < 0n ? negD(a) : a;
}

export function mulD(a: Dyadic, b: Dyadic): Dyadic {
  return { mant: a.mant * b.mant, exp: a.exp + b.exp };
}

/** `a · 2^k`. */
export function scaleD(a: Dyadic, k: number): Dyadic {
  return { mant: a.mant, exp: a.exp + k };
}

/** Exact comparison: -1, 0 or 1. */
export function cmpD(a: Dyadic, b: Dyadic): number {
  const d = subD(a, b).mant;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function eqD(a: Dyadic, b: Dyadic): boolean {
  return cmpD(a, b) === 0;
}

export function maxD(a: Dyadic, b: Dyadic): Dyadic {
  return cmpD(a, b) >= 0 ? a : b;
}

/** `2^k` as a dyadic. */
export function pow2D(k: number): Dyadic {
  return { mant: 1n, exp: k };
}

export function dyadicToRational(d: Dyadic): Rational {
  return d.exp >= 0 ? rational(d.mant << BigInt(d.exp), 1n) : rational(d.mant, 1n << BigInt(-d.exp));
}

/** The dyadic equal to `r`; throws if the reduced denominator is not a power of two. */
export function rationalToDyadic(r: Rational): Dyadic {
  if (r.num === 0n) return DYADIC_ZERO;
  let den = r.den;
  let num = r.num;
  const g = gcd(num < 0n ? -num : num, den);
  num /= g;
  den /= g;
  if ((den & (den - 1n)) !== 0n) throw new RangeError('rationalToDyadic: denominator is not a power of two');
  return { mant: num, exp: 1 - bitLength(den) };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * The exact value of an IEEE double as a dyadic (rule R1: "a test input given as an IEEE double
 * is converted exactly"). Reads the bit pattern; `0.1` gives `3602879701896397 · 2^−55`.
 * Rejects NaN and ±Inf (they have no dyadic value). The result is normalized (odd mantissa).
 */
export function dyadicFromDouble(x: number): Dyadic {
  if (!Number.isFinite(x)) throw new RangeError(`dyadicFromDouble: ${x} is not finite`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  const e = Number((bits >> 52n) & 0x7ffn);
  const f = bits & ((1n << 52n) - 1n);
  const mag = e === 0 ? f : f | (1n << 52n);
  const exp = (e === 0 ? 1 : e) - 1075;
  return normalizeDyadic({ mant: neg ? -mag : mag, exp });
}

/** Human-readable exact form, e.g. `-3·2^-5`. */
export function formatDyadic(d: Dyadic): string {
  const n = normalizeDyadic(d);
  return n.exp === 0 ? `${n.mant}` : `${n.mant}·2^${n.exp}`;
}
