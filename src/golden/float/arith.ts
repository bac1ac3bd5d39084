/**
 * IEEE 754 arithmetic on exact values, each result rounded once into a target format:
 * `fpAdd`, `fpSub`, `fpMul`. Models an FP register datapath (e.g. MixPE's `FP32_RNE` accumulator).
 *
 * Contract: the exact result is computed first, then rounded by `encodeValue` (one rounding, the
 * given mode, IEEE overflow). Special values follow IEEE 754: NaN propagates; Inf − Inf and
 * 0 · Inf are NaN; an exact zero sum of opposite-signed operands is +0 (−0 under `FLOOR`);
 * (−0) + (−0) = −0; a product's sign is the XOR of the operands' signs.
 */
import type { RoundMode } from '../rounding.ts';
import { addD, mulD } from './dyadic.ts';
import { encodeValue, type OverflowMode } from './encode.ts';
import type { FloatFormat } from './format.ts';
import { NAN, finiteFromDyadic, inf, isZero, toDyadic, zero, type FloatValue } from './value.ts';

export interface ArithOptions {
  /** Rounding rule of the result, default `TIES_EVEN`. */
  readonly round?: RoundMode;
  /** Overflow policy of the result, default `IEEE`. */
  readonly overflow?: OverflowMode;
}

/** Result of one rounded operation. */
export interface ArithResult {
  /** The rounded result. */
  readonly value: FloatValue;
  /** The exact (unrounded) result; equal to `value` for special results. */
  readonly exact: FloatValue;
  /** True when rounding or overflow changed the value. */
  readonly inexact: boolean;
  /** True when the rounded magnitude exceeded the format's largest finite value. */
  readonly overflow: boolean;
}

function plain(v: FloatValue): ArithResult {
  return { value: v, exact: v, inexact: false, overflow: false };
}

/** `round_f(a + b)`. */
export function fpAdd(a: FloatValue, b: FloatValue, f: FloatFormat, opts: ArithOptions = {}): ArithResult {
  if (a.kind === 'nan' || b.kind === 'nan') return plain(NAN);
  if (a.kind === 'inf' && b.kind === 'inf') return plain(a.neg === b.neg ? a : NAN);
  if (a.kind === 'inf') return plain(a);
  if (b.kind === 'inf') return plain(b);
  if (isZero(a) && isZero(b)) {
    const neg = a.neg && b.neg ? true : a.neg !== b.neg ? opts.round === 'FLOOR' : false;
    return plain(zero(neg));
  }
  const sum = addD(toDyadic(a), toDyadic(b));
  if (sum.mant === 0n) return plain(zero(opts.round === 'FLOOR'));
  return roundInto(finiteFromDyadic(sum), f, opts);
}

/** `round_f(a − b)`. */
export function fpSub(a: FloatValue, b: FloatValue, f: FloatFormat, opts: ArithOptions = {}): ArithResult {
  return fpAdd(a, negate(b), f, opts);
}

/** `round_f(a · b)`. */
export function fpMul(a: FloatValue, b: FloatValue, f: FloatFormat, opts: ArithOptions = {}): ArithResult {
  if (a.kind === 'nan' || b.kind === 'nan') return plain(NAN);
  const neg = a.neg !== b.neg;
  if (a.kind === 'inf' || b.kind === 'inf') {
    return plain(isZero(a) || isZero(b) ? NAN : inf(neg));
  }
  if (a.mag === 0n || b.mag === 0n) return plain(zero(neg));
  const p = mulD(toDyadic(a), toDyadic(b));
  return roundInto(finiteFromDyadic(p), f, opts);
}

/** Sign flip (NaN stays NaN). */
export function negate(v: FloatValue): FloatValue {
  if (v.kind === 'nan') return v;
  return { ...v, neg: !v.neg };
}

/** Round an exact value into `f` (a conversion, e.g. FP32 → FP16). */
export function fpRound(v: FloatValue, f: FloatFormat, opts: ArithOptions = {}): ArithResult {
  return roundInto(v, f, opts);
}

function roundInto(v: FloatValue, f: FloatFormat, opts: ArithOptions): ArithResult {
  const e = encodeValue(v, f, { round: opts.round ?? 'TIES_EVEN', overflow: opts.overflow ?? 'IEEE' });
  return { value: e.value, exact: v, inexact: e.inexact, overflow: e.overflow };
}
