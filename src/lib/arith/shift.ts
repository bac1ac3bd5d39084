/**
 * Barrel shifters: log2 stages of 2:1 muxes, stage j shifting by 2^j when bit j of the amount is
 * set; all amount bits of weight ≥ w are ORed into one last stage (the result is then all fill).
 * The amount `s` is any uint signal. Each returns `{ value, sticky }`:
 *   shiftLeft(x, s)         — value = x·2^s mod 2^w, x's type (bits leave at the top);
 *                             sticky = 1 when a set bit left the top.
 *   shiftRightLogical(x, s) — value = floor(bits(x) / 2^s), uint(w) (zeros shifted in);
 *                             sticky = 1 when a set bit was shifted out (bits(x) mod 2^s ≠ 0).
 *   shiftRightArith(x, s)   — value = floor(x / 2^s), sint(w) (x read as signed, sign bit shifted in);
 *                             sticky = 1 when x mod 2^s ≠ 0 (the round/sticky bit of FP alignment).
 */
import type { Signal } from '../../dsl/signal.ts';
import { cat, mux, repl } from '../../dsl/ops.ts';
import { checkShiftAmount, checkWidth } from './check.ts';
import { fail } from './located.ts';

export interface Shifted {
  /** The shifted value, width w. */
  readonly value: Signal;
  /** uint(1): a set bit was shifted out. */
  readonly sticky: Signal;
}

type Dir = 'left' | 'right';

function barrel(block: string, x: Signal, s: Signal, dir: Dir, fill: Signal): Shifted {
  fail(checkWidth(block, 'width', x.width));
  fail(checkShiftAmount(block, s.signed));
  const w = x.width;
  let cur = x.asUnsigned();
  let sticky: Signal | undefined;
  const big: Signal[] = [];
  for (let j = 0; j < s.width; j++) {
    const k = 2 ** j;
    if (k >= w) {
      big.push(s.bit(j));
      continue;
    }
    const fills = repl(fill, k);
    const shifted = dir === 'right' ? cat(fills, cur.slice(w - 1, k)) : cat(cur.slice(w - 1 - k, 0), fills);
    const lost = (dir === 'right' ? cur.slice(k - 1, 0) : cur.slice(w - 1, w - k)).orReduce();
    const lostNow = s.bit(j).and(lost);
    sticky = sticky ? sticky.or(lostNow) : lostNow;
    cur = mux(s.bit(j), shifted, cur);
  }
  if (big.length > 0) {
    const any = big.reduce((a, b) => a.or(b));
    const lostNow = any.and(cur.orReduce());
    sticky = sticky ? sticky.or(lostNow) : lostNow;
    cur = mux(any, repl(fill, w), cur);
  }
  return { value: cur, sticky: sticky ?? x.m.constant(0, { width: 1, signed: false }) };
}

/** `x · 2^s mod 2^w` in x's type; sticky = a set bit left the top. */
export function shiftLeft(x: Signal, s: Signal): Shifted {
  const r = barrel('shiftLeft', x, s, 'left', x.m.constant(0, { width: 1, signed: false }));
  return { value: x.signed ? r.value.asSigned() : r.value, sticky: r.sticky };
}

/** `floor(bits(x) / 2^s)` as uint(w); sticky = a set bit was shifted out. */
export function shiftRightLogical(x: Signal, s: Signal): Shifted {
  return barrel('shiftRightLogical', x, s, 'right', x.m.constant(0, { width: 1, signed: false }));
}

/** `floor(x / 2^s)` with x read as signed, as sint(w); sticky = a set bit was shifted out. */
export function shiftRightArith(x: Signal, s: Signal): Shifted {
  const r = barrel('shiftRightArith', x, s, 'right', x.msb());
  return { value: r.value.asSigned(), sticky: r.sticky };
}
