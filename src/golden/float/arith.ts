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

/** Result of one rounded operation: the rounded value and whether rounding changed it. */
export interface ArithResult {
  readonly value: FloatValue;
  readonly inexact: boolean;
}

/** `round_f(a + b)`. */
export function fpAdd(a: FloatValue, b: FloatValue, f: FloatFormat, opts: ArithOptions = {}): ArithResult {
  if (a.kind === 'nan' || b.kind === 'nan') return { value: NAN, inexact: false };
  if (a.kind === 'inf' && b.kind === 'inf') return { value: a.neg === b.neg ? a : NAN, inexact: false };
  if (a.kind === 'inf') return { value: a, inexact: false };
  if (b.kind === 'inf') return { value: b, inexact: false };
  if (isZero(a) && isZero(b)) {
    const neg = a.neg && b.neg ? true : a.neg !== b.neg ? opts.round === 'FLOOR' : false;
    return { value: zero(neg), inexact: false };
  }
  const sum = addD(toDyadic(a), toDyadic(b));
  if (sum.mant === 0n) return { value: zero(opts.round === 'FLOOR'), inexact: false };
  return roundInto(finiteFromDyadic(sum), f, opts);
}

/** `round_f(a − b)`. */
export function fpSub(a: FloatValue, b: FloatValue, f: FloatFormat, opts: ArithOptions = {}): ArithResult {
  return fpAdd(a, negate(b), f, opts);
}

/** `round_f(a · b)`. */
export function fpMul(a: FloatValue, b: FloatValue, f: FloatFormat, opts: ArithOptions = {}): ArithResult {
  if (a.kind === 'nan' || b.kind === 'nan') return { value: NAN, inexact: false };
  const neg = a.neg !== b.neg;
  if (a.kind === 'inf' || b.kind === 'inf') {
    return { value: isZero(a) || isZero(b) ? NAN : inf(neg), inexact: false };
  }
  if (a.mag === 0n || b.mag === 0n) return { value: zero(neg), inexact: false };
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
  return { value: e.value, inexact: e.inexact };
}
