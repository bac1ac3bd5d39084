/**
 * MixPE level b: the `BLOCK_ALIGN` accumulator primitive (block floating point), used for the FP
 * group sums P_g / R_g and for the block-aligned output accumulator.
 *
 * Contract. A term is a normalized sign-magnitude value `(−1)^neg · N · 2^(top − tw)` with
 * `2^(tw−1) ≤ N < 2^tw` (or `N = 0`); `top` is its exclusive power-of-two ceiling. The register
 * holds a two's-complement integer `acc` and the running maximum `top` of the non-zero terms
 * seen so far (zero terms neither add nor raise the maximum); its value is
 * `acc · 2^(top − tw − guard)`. Adding a term:
 *   1. if the term's `top` exceeds the running maximum by d: `acc ← FLOOR(acc / 2^d)` (re-align;
 *      truncation point "block re-align"), and the maximum becomes the term's `top`;
 *   2. the term, as a signed integer `±N · 2^guard`, is shifted right by (max − term top) with
 *      FLOOR (arithmetic shift; truncation point "block align"). A shift ≥ the term width leaves
 *      0 for a positive term and −1 for a negative one;
 *   3. `acc ← acc + aligned` (exact; the width is checked, never wrapped).
 * Every FLOOR that drops a non-zero bit adds one LSB (`2^(top − tw − guard)` at that moment) to
 * the error bound (rule R3).
 */
import { addD, bitLength, type Dyadic, DYADIC_ZERO } from '../../golden/float/dyadic.ts';
import { roundShift } from '../../golden/rounding.ts';

/** Geometry of one block accumulator. */
export interface BlockConfig {
  /** Term significand field width `tw` (bits of N). */
  readonly tw: number;
  /** Guard bits below the LSB of the largest term. */
  readonly guard: number;
  /** Register width (two's complement); exceeding it is an internal error (validation prevents it). */
  readonly width: number;
}

/** A normalized term entering the accumulator. */
export interface BlockTerm {
  readonly neg: boolean;
  /** Normalized significand: `N = 0` or `2^(tw−1) ≤ N < 2^tw`. */
  readonly N: bigint;
  /** Exclusive power-of-two ceiling of the term's magnitude (unbiased). */
  readonly top: number;
}

/** Register state. */
export interface BlockState {
  /** Two's-complement accumulator contents. */
  readonly acc: bigint;
  /** Running maximum `top`; null before the first non-zero term. */
  readonly top: number | null;
  /** Accumulated rounding bound (sum of the LSB weights of every lossy FLOOR). */
  readonly err: Dyadic;
}

export const BLOCK_EMPTY: BlockState = { acc: 0n, top: null, err: DYADIC_ZERO };

/** Exponent of the register LSB: `top − tw − guard` (null while empty). */
export function blockLsbExp(s: BlockState, c: BlockConfig): number | null {
  return s.top === null ? null : s.top - c.tw - c.guard;
}

/** Exact value `acc · 2^lsbExp` of the register. */
export function blockValue(s: BlockState, c: BlockConfig): Dyadic {
  const e = blockLsbExp(s, c);
  return e === null ? DYADIC_ZERO : { mant: s.acc, exp: e };
}

/** Normalize a non-negative magnitude `mag · 2^lsbExp` into a `tw`-bit term (lossless). */
export function normalizeTerm(neg: boolean, mag: bigint, lsbExp: number, tw: number): BlockTerm {
  if (mag < 0n) throw new RangeError('normalizeTerm: negative magnitude');
  if (mag === 0n) return { neg, N: 0n, top: 0 };
  const len = bitLength(mag);
  if (len > tw) throw new RangeError(`normalizeTerm: ${len}-bit magnitude exceeds the ${tw}-bit term field`);
  return { neg, N: mag << BigInt(tw - len), top: lsbExp + len };
}

/** FLOOR right shift by `d >= 0`, reporting whether a set bit was dropped. */
export function floorShift(v: bigint, d: number): { v: bigint; lossy: boolean } {
  if (d === 0) return { v, lossy: false };
  const r = roundShift(v, d, 'FLOOR');
  return { v: r, lossy: r << BigInt(d) !== v };
}

function checkWidth(v: bigint, c: BlockConfig): void {
  const lim = 1n << BigInt(c.width - 1);
  if (v < -lim || v >= lim) {
    throw new Error(`internal: block accumulator value ${v} overflows its ${c.width}-bit register`);
  }
}

/** Add one term (steps 1–3 of the contract). */
export function blockAdd(s: BlockState, t: BlockTerm, c: BlockConfig): BlockState {
  if (t.N === 0n) return s;
  let acc = s.acc;
  let err = s.err;
  let top = s.top ?? t.top;
  if (t.top > top) {
    const r = floorShift(acc, t.top - top);
    top = t.top;
    acc = r.v;
    if (r.lossy) err = addD(err, { mant: 1n, exp: top - c.tw - c.guard });
  }
  const signed = (t.neg ? -t.N : t.N) << BigInt(c.guard);
  const a = floorShift(signed, top - t.top);
  if (a.lossy) err = addD(err, { mant: 1n, exp: top - c.tw - c.guard });
  acc += a.v;
  checkWidth(acc, c);
  return { acc, top, err };
}
