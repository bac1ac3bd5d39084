/**
 * Partial-product generation into a bit heap (tpe.md §3.3). Signedness comes from the operand types.
 *
 *   arrayPartialProducts(heap, a, b)   — one row `a_i · b · 2^i` per bit of `a` (AND gates); the top
 *                                        row of a signed `a` weighs −2^(n−1) and is subtracted
 *                                        (inverse plus a constant hot one).
 *   recodedPartialProducts(heap, ds, b) — one row `d_k · b · 4^k` per radix-4 digit (Booth or EN-T,
 *                                        recode.ts): `|d_k|·b` selected bitwise as
 *                                        `(one & b_i) | (two & b_{i−1})` (wb + 1 bits), inverted by
 *                                        `neg` with `neg` as the hot one in column 2k.
 * Every row is added modulo 2^heap.width, with the heap's sign extension (full or eliminated).
 * `shift` moves every row up (the product times 2^shift).
 */
import type { Signal } from '../../dsl/signal.ts';
import { cat, repl } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import type { BitHeap, SignExtension } from './bit-heap.ts';
import type { RecodedDigit } from './recode.ts';

export interface PartialProductOptions {
  /** Column of the product's bit 0 (default 0). */
  readonly shift?: number;
  /** Override the heap's sign handling. */
  readonly signExtension?: SignExtension;
}

/** Add `a · b · 2^shift` as an AND array (one row per bit of `a`). */
export function arrayPartialProducts(heap: BitHeap, a: Signal, b: Signal, opts: PartialProductOptions = {}): void {
  const shift = opts.shift ?? 0;
  for (let i = 0; i < a.width; i++) {
    const ai = repl(a.bit(i), b.width);
    const row = b.and(b.signed ? ai.asSigned() : ai);
    heap.addRow(row, { shift: shift + i, negate: a.signed && i === a.width - 1, signExtension: opts.signExtension });
  }
}

/** Add `Σ d_k · b · 4^k · 2^shift` for radix-4 digits `digits` (boothRecode / entRecode of the multiplier). */
export function recodedPartialProducts(heap: BitHeap, digits: readonly RecodedDigit[], b: Signal, opts: PartialProductOptions = {}): void {
  const shift = opts.shift ?? 0;
  const zero = b.m.constant(0, uint(1));
  const S = b.width + 1; // |d|·b ≤ 2·|b|
  const bit = (i: number): Signal => (i < 0 ? zero : i < b.width ? b.bit(i) : b.signed ? b.msb() : zero);
  for (const d of digits) {
    const bits: Signal[] = [];
    for (let i = 0; i < S; i++) bits.push(d.one.and(bit(i)).or(d.two.and(bit(i - 1))));
    const mag = cat(...bits.reverse());
    heap.addRow(b.signed ? mag.asSigned() : mag, { shift: shift + d.weight, negate: d.neg, signExtension: opts.signExtension });
  }
}
