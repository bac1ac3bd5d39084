/**
 * `FloatValue`: an exact extended-real value with a signed zero — what a floating-point code
 * means, independent of any format. Finite values are `(−1)^neg · mag · 2^exp` with `mag >= 0`
 * (`mag = 0` is ±0 and keeps its sign).
 *
 * Contract: constructors and conversions are exact; comparisons treat +0 and −0 as equal.
 */
import type { Rational } from '../rounding.ts';
import { DYADIC_ZERO, dyadicToRational, normalizeDyadic, type Dyadic } from './dyadic.ts';

export type FloatValue =
  | { readonly kind: 'finite'; readonly neg: boolean; readonly mag: bigint; readonly exp: number }
  | { readonly kind: 'inf'; readonly neg: boolean }
  | { readonly kind: 'nan' };

export const NAN: FloatValue = { kind: 'nan' };
export const POS_INF: FloatValue = { kind: 'inf', neg: false };
export const NEG_INF: FloatValue = { kind: 'inf', neg: true };
export const POS_ZERO: FloatValue = { kind: 'finite', neg: false, mag: 0n, exp: 0 };
export const NEG_ZERO: FloatValue = { kind: 'finite', neg: true, mag: 0n, exp: 0 };

export function inf(neg: boolean): FloatValue {
  return neg ? NEG_INF : POS_INF;
}

export function zero(neg: boolean): FloatValue {
  return neg ? NEG_ZERO : POS_ZERO;
}

/** A finite value from a signed dyadic; a zero dyadic gives +0 (a two's-complement register has one zero). */
export function finiteFromDyadic(d: Dyadic): FloatValue {
  return d.mant < 0n
    ? { kind: 'finite', neg: true, mag: -d.mant, exp: d.exp }
    : { kind: 'finite', neg: false, mag: d.mant, exp: d.exp };
}

export function isFiniteValue(v: FloatValue): v is Extract<FloatValue, { kind: 'finite' }> {
  return v.kind === 'finite';
}

export function isZero(v: FloatValue): boolean {
  return v.kind === 'finite' && v.mag === 0n;
}

/** The signed dyadic of a finite value (±0 both map to 0). */
export function toDyadic(v: FloatValue): Dyadic {
  if (v.kind !== 'finite') throw new RangeError(`toDyadic: ${v.kind} has no finite value`);
  if (v.mag === 0n) return DYADIC_ZERO;
  return { mant: v.neg ? -v.mag : v.mag, exp: v.exp };
}

export function toRational(v: FloatValue): Rational {
  return dyadicToRational(toDyadic(v));
}

/**
 * Exact equality of meaning: same kind, same sign (zeros included: +0 ≠ −0 here), same value.
 * Use it to compare a model result with an expected value bit-for-bit in value space.
 */
export function sameValue(a: FloatValue, b: FloatValue): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'nan') return true;
  if (a.kind === 'inf') return a.neg === (b as typeof a).neg;
  const bb = b as typeof a;
  if (a.neg !== bb.neg) return false;
  const da = normalizeDyadic({ mant: a.mag, exp: a.exp });
  const db = normalizeDyadic({ mant: bb.mag, exp: bb.exp });
  return da.mant === db.mant && da.exp === db.exp;
}

/** Human-readable form for messages: `+0`, `-Inf`, `NaN`, `65504`, `-3·2^-5`. */
export function formatValue(v: FloatValue): string {
  if (v.kind === 'nan') return 'NaN';
  if (v.kind === 'inf') return v.neg ? '-Inf' : '+Inf';
  if (v.mag === 0n) return v.neg ? '-0' : '+0';
  const n = normalizeDyadic({ mant: v.mag, exp: v.exp });
  const body = n.exp >= 0 && n.exp <= 64 ? `${n.mant << BigInt(n.exp)}` : `${n.mant}·2^${n.exp}`;
  return `${v.neg ? '-' : ''}${body}`;
}
