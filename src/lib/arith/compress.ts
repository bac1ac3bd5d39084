/**
 * Compressor trees (tpe.md §3.3): reduce a bit heap to two rows `(sum, carry)`, each uint(width),
 * with `sum + carry ≡ heap value (mod 2^width)`, using full adders (3:2 counters), half adders
 * (2:2) and optionally 4:2 compressors. The constant becomes one row of constant bits first.
 *
 * Schedules:
 *   wallace — greedy: every stage compresses every column as far as it goes (3:2 on each triple,
 *             2:2 on a leftover pair).
 *   dadda   — as late as possible: stage targets follow the height sequence 2, 3, 4, 6, 9, 13, 19, …
 *             (d_{k+1} = floor(1.5·d_k)); a column gets only the counters that bring it (with the
 *             carries arriving from the column below) down to the target, 2:2 only to trim the last bit.
 * A 4:2 compressor takes four bits of a column plus a `cin` (a `cout` of the column below in the
 * same stage; `cout` never depends on `cin`, so nothing ripples) and gives a sum bit and two bits
 * of the next column: `cout = maj(x1, x2, x3)`, `t = x1^x2^x3^x4`, `sum = t ^ cin`,
 * `carry = t ? cin : x4`.
 */
import type { Signal } from '../../dsl/signal.ts';
import { cat } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import type { BitHeap } from './bit-heap.ts';
import { checkHeapBits, checkSchedule, type Schedule } from './check.ts';
import { fail } from './located.ts';

export interface CompressOptions {
  /** Default 'dadda'. */
  readonly schedule?: Schedule;
  /** Use 4:2 compressors where a column needs at least three bits removed (default false). */
  readonly use42?: boolean;
}

export interface Compressed {
  /** uint(width). */
  readonly sum: Signal;
  /** uint(width). */
  readonly carry: Signal;
  /** Reduction stages (counter levels) used. */
  readonly stages: number;
  /** Counters used. */
  readonly counters: { readonly fa: number; readonly ha: number; readonly c42: number };
}

const maj = (a: Signal, b: Signal, c: Signal): Signal => a.and(b).or(a.and(c)).or(b.and(c));

/** The Dadda height sequence up to (excluding) the first value >= h: its last element. */
function daddaTarget(h: number): number {
  let d = 2;
  for (;;) {
    const next = Math.floor(1.5 * d);
    if (next >= h) return d;
    d = next;
  }
}

/** Reduce `heap` to (sum, carry) with the given schedule. The heap is not modified. */
export function compressHeap(heap: BitHeap, opts: CompressOptions = {}): Compressed {
  const schedule = opts.schedule ?? 'dadda';
  fail(checkSchedule(schedule));
  fail(checkHeapBits(heap.bitCount));
  const W = heap.width;
  const m = heap.m;
  const one = m.constant(1, uint(1));
  const zero = m.constant(0, uint(1));
  let cols: Signal[][] = heap.columns.map((c, j) => [...c, ...((heap.constant >> BigInt(j)) & 1n ? [one] : [])]);
  const counters = { fa: 0, ha: 0, c42: 0 };
  let stages = 0;
  const height = (): number => Math.max(...cols.map((c) => c.length));
  while (height() > 2) {
    const target = schedule === 'dadda' ? daddaTarget(height()) : 2;
    const next: Signal[][] = Array.from({ length: W }, () => []);
    /** couts of 4:2 compressors of column j − 1 in this stage, usable as cin of column j. */
    let couts: Signal[] = [];
    const up = (j: number, b: Signal): void => void (j + 1 < W && next[j + 1]!.push(b));
    for (let j = 0; j < W; j++) {
      const old = [...cols[j]!];
      const pool = couts;
      couts = [];
      next[j]!.push(...pool);
      const take = (n: number): Signal[] => old.splice(0, n);
      // Height of column j in the next stage if nothing more is done: old bits + what arrived.
      const h = (): number => old.length + next[j]!.length;
      const over = (): number => (schedule === 'dadda' ? h() - target : old.length >= 2 ? Number.POSITIVE_INFINITY : 0);
      for (;;) {
        if (opts.use42 && old.length >= 4 && over() >= 3) {
          const [x1, x2, x3, x4] = take(4) as [Signal, Signal, Signal, Signal];
          const cinAt = next[j]!.findIndex((b) => pool.includes(b));
          const cin = cinAt >= 0 ? next[j]!.splice(cinAt, 1)[0]! : zero;
          const t = x1.xor(x2).xor(x3).xor(x4);
          const cout = maj(x1, x2, x3);
          next[j]!.push(t.xor(cin));
          up(j, t.and(cin).or(t.not().and(x4)));
          couts.push(cout);
          counters.c42++;
        } else if (old.length >= 3 && over() >= 2) {
          const [a, b, c] = take(3) as [Signal, Signal, Signal];
          next[j]!.push(a.xor(b).xor(c));
          up(j, maj(a, b, c));
          counters.fa++;
        } else if (old.length >= 2 && over() >= 1 && (schedule === 'dadda' || h() > 2 || old.length === 2)) {
          const [a, b] = take(2) as [Signal, Signal];
          next[j]!.push(a.xor(b));
          up(j, a.and(b));
          counters.ha++;
        } else break;
      }
      next[j]!.push(...old);
    }
    cols = next;
    stages++;
  }
  const row = (k: number): Signal => cat(...cols.map((c) => c[k] ?? zero).reverse()).asUnsigned();
  return { sum: row(0), carry: row(1), stages, counters };
}
