/**
 * Leading-one detector: the index of the highest set bit of an unsigned vector, as a balanced
 * tree (log2 levels of 2:1 muxes), the normalization primitive of the FP datapaths.
 *
 * Contract: `leadingOne(v)` returns `pos` = msb(v) as uint(max(1, ceil(log2 width))) and `any`
 * = (v ≠ 0); `pos` is 0 when v = 0.
 */
import type { Signal } from '../../dsl/signal.ts';
import { cat, mux } from '../../dsl/ops.ts';

export interface LeadingOne {
  /** Index of the highest set bit (0 when the vector is 0). */
  readonly pos: Signal;
  /** The vector is non-zero. */
  readonly any: Signal;
}

/** Leading-one position of `v` (unsigned). */
export function leadingOne(v: Signal): LeadingOne {
  const u = v.asUnsigned();
  // One bit: its only possible leading-one index is 0.
  if (u.width === 1) return { pos: u.m.constant(0, { width: 1, signed: false }), any: u };
  const k = Math.ceil(Math.log2(u.width));
  const padded = u.width === 2 ** k ? u : cat(u.m.constant(0, { width: 2 ** k - u.width, signed: false }), u);
  return tree(padded, k);
}

/** `v` has exactly 2^k bits, k ≥ 1. */
function tree(v: Signal, k: number): LeadingOne {
  if (k === 1) return { pos: v.bit(1), any: v.orReduce() };
  const half = 2 ** (k - 1);
  const hi = tree(v.slice(2 * half - 1, half), k - 1);
  const lo = tree(v.slice(half - 1, 0), k - 1);
  return { pos: cat(hi.any, mux(hi.any, hi.pos, lo.pos)), any: hi.any.or(lo.any) };
}
