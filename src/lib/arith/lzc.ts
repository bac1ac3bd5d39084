/**
 * Leading-zero and leading-one counters. `leadingZeros(x)` counts the zeros above the most
 * significant 1 of `x` (any width w ≥ 1, signedness ignored: the bits are counted), `w` when x = 0;
 * result uint(ceil(log2(w + 1))). `leadingOnes(x)` = `leadingZeros(~x)`.
 *
 * Structure: x is padded below with a single 1 and zeros to P = 2^k ≥ w + 1 bits (so the padded
 * word is never 0 and its count is min(lzc(x), w)); a binary tree combines halves (hi, lo) as
 * `zero = hi.zero & lo.zero`, `count = hi.zero ? {1, lo.count} : {0, hi.count}` — depth log2 P muxes.
 */
import type { Signal } from '../../dsl/signal.ts';
import { cat, mux } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { checkWidth } from './check.ts';
import { fail } from './located.ts';

interface Node {
  /** uint(1): every bit of the block is 0. */
  zero: Signal;
  /** Leading zeros of the block when it is not all zero (log2(size) bits), or undefined for 1 bit. */
  count?: Signal;
}

function tree(bits: Signal[]): Node {
  if (bits.length === 1) return { zero: bits[0]!.not() };
  const half = bits.length / 2;
  const hi = tree(bits.slice(0, half)); // bits are most significant first
  const lo = tree(bits.slice(half));
  const zero = hi.zero.and(lo.zero);
  const count = hi.count && lo.count ? cat(hi.zero, mux(hi.zero, lo.count, hi.count)) : hi.zero;
  return { zero, count };
}

/** Leading zeros of `x`: uint(ceil(log2(w + 1))), value w when x = 0. */
export function leadingZeros(x: Signal): Signal {
  fail(checkWidth('leadingZeros', 'width', x.width));
  const w = x.width;
  const outW = Math.ceil(Math.log2(w + 1));
  let P = 1;
  while (P < w + 1) P *= 2;
  const m = x.m;
  const bits: Signal[] = [];
  for (let i = w - 1; i >= 0; i--) bits.push(x.bit(i));
  bits.push(m.constant(1, uint(1)));
  while (bits.length < P) bits.push(m.constant(0, uint(1)));
  const count = tree(bits).count!;
  return count.width === outW ? count : count.trunc(outW);
}

/** Leading ones of `x`: uint(ceil(log2(w + 1))), value w when every bit is 1. */
export function leadingOnes(x: Signal): Signal {
  fail(checkWidth('leadingOnes', 'width', x.width));
  return leadingZeros(x.asUnsigned().not());
}
