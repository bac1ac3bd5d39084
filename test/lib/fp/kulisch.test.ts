/**
 * The exact (Kulisch) group accumulator (src/lib/fp/kulisch.ts) against its definition: a group
 * of G terms `±S · 2^(E − 1)` sums EXACTLY (a BigInt sum in the test, no rounding, no wrap), a
 * non-finite term adds 0, and the special flag follows IEEE addition of the terms' classes (any
 * NaN or +Inf with −Inf → NaN (3), else an Inf keeps its sign (1 / 2), else finite (0)).
 *
 * The bench wraps the accumulator in a valid/ready stream (lib/stream): one input beat per term,
 * G beats per transaction, one output beat `{sum, sp}` taken from `next` during the last beat;
 * `en` is the accepted beat and `last` the beat counter's last, so bubbles and backpressure must
 * leave the registers untouched, and every group starts from 0 (the clear on `last`). The bench
 * zeroes S of non-finite terms and feeds E = e + 1 (the block's contract: S = 0 off the finite
 * terms, E ≥ 1). Exhaustive at G = 2 with 3-bit S and 2-bit e (2^16 transactions); seeded random
 * at G = 6 with 24-bit S and 7-bit e (terms up to 2^150, a 156-bit register), plus corners
 * (full cancellation, the largest magnitude of both signs, special mixtures). Both simulators.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { mux } from '../../../src/dsl/ops.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { kulischAccumulator } from '../../../src/lib/fp/kulisch.ts';
import { streamInput, streamOutput } from '../../../src/lib/stream/bundle.ts';
import { beatCounter } from '../../../src/lib/stream/counter.ts';
import { Prng } from '../../../src/util/prng.ts';
import { cosim, emit } from '../cosim-harness.ts';
import { lintAll, readRtlDir } from '../../../src/lint/lint-rtl.ts';

interface Shape {
  /** Terms per group. */
  readonly G: number;
  readonly sW: number;
  readonly eW: number;
}

/** Placed-term width: S << (E − 1) with E − 1 = e ≤ 2^eW − 1. */
const placedW = (s: Shape): number => s.sW + 2 ** s.eW - 1;
/** Exact worst case of G placed terms, signed: |sum| ≤ G · (2^placedW − 1). */
const accW = (s: Shape): number => placedW(s) + 1 + Math.ceil(Math.log2(s.G));

function bench(name: string, s: Shape) {
  return module(name, (m) => {
    const i = streamInput(m, 'in', {
      S: { type: uint(s.sW) },
      e: { type: uint(s.eW) },
      neg: { type: uint(1) },
      nan: { type: uint(1) },
      inf: { type: uint(1) },
    });
    const o = streamOutput(m, 'out', { sum: { type: sint(accW(s)) }, sp: { type: uint(2) } });
    const beat = beatCounter(m, 'beat', s.G);
    const ready = o.ready.or(beat.last.not());
    const fire = i.valid.and(ready);
    beat.advanceOn(fire);
    i.driveReady(ready);
    o.driveValid(i.valid.and(beat.last));
    const d = i.data;
    const S = mux(d.nan.or(d.inf), m.constant(0, uint(s.sW)), d.S);
    const E = d.e.add(1);
    const st = kulischAccumulator(m, { en: fire, last: beat.last }, { S, E, neg: d.neg, nan: d.nan, inf: d.inf }, accW(s), placedW(s));
    o.drive({ sum: st.next, sp: st.nextSp });
  });
}

type Cls = 'finite' | '+inf' | '-inf' | 'nan';

/** IEEE addition of two value classes. */
function addClass(a: Cls, b: Cls): Cls {
  if (a === 'nan' || b === 'nan') return 'nan';
  if ((a === '+inf' && b === '-inf') || (a === '-inf' && b === '+inf')) return 'nan';
  if (a !== 'finite') return a;
  return b;
}

const flagOf: Record<Cls, bigint> = { finite: 0n, '+inf': 1n, '-inf': 2n, nan: 3n };

/** Golden: one transaction of G beats `[S, e, neg, nan, inf]` → `[[sum, sp]]`. */
function golden(beats: bigint[][]): bigint[][] {
  let sum = 0n;
  let cls: Cls = 'finite';
  for (const [S, e, neg, nan, inf] of beats) {
    const c: Cls = nan ? 'nan' : inf ? (neg ? '-inf' : '+inf') : 'finite';
    if (c === 'finite') sum += (neg ? -1n : 1n) * S! * 2n ** e!;
    cls = addClass(cls, c);
  }
  return [[sum, flagOf[cls]]];
}

const SMALL: Shape = { G: 2, sW: 3, eW: 2 };
const WIDE: Shape = { G: 6, sW: 24, eW: 7 };

describe('lib/fp kulischAccumulator', () => {
  it('golden model: exact signed sum and IEEE special classes', () => {
    expect(golden([[5n, 3n, 1n, 0n, 0n], [7n, 1n, 0n, 0n, 0n]])).toEqual([[-26n, 0n]]);
    expect(golden([[0n, 0n, 0n, 0n, 1n], [0n, 0n, 1n, 0n, 1n]])).toEqual([[0n, 3n]]);
    expect(golden([[1n, 0n, 1n, 0n, 1n], [3n, 0n, 0n, 0n, 0n]])).toEqual([[3n, 2n]]);
    expect(accW(SMALL)).toBe(8);
    expect(accW(WIDE)).toBe(24 + 127 + 1 + 3);
  });

  it('is lint-clean (Verilator -Wall, Icarus, Yosys) at both shapes', async () => {
    for (const [n, s] of [['kulisch_small', SMALL], ['kulisch_wide', WIDE]] as const) {
      const e = emit(bench(n, s), 'kulisch-lint');
      const bad = (await lintAll(readRtlDir(e.dir))).filter((r) => !r.ok);
      expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n'), n).toBe('');
    }
  });

  it('sums every pair of 3-bit × 2^(0..3) terms of every sign and class exactly (exhaustive 2^16, both simulators)', async () => {
    const r = await cosim(bench('kulisch_small', SMALL), { protocol: { kind: 'stream' }, golden, beats: { in: SMALL.G, out: 1 } });
    expect(r.vectorsDescription).toBe('exhaustive 2^16');
    expect(r.failed, r.report).toBe(0);
    expect(r.passed).toBe(2 * 2 ** 16);
  });

  it('sums groups of six 24-bit terms placed up to 2^150 exactly, with corners (seeded, both simulators)', async () => {
    const top = 2n ** 24n - 1n;
    const beat = (S: bigint, e: bigint, neg: bigint, nan = 0n, inf = 0n) => [S, e, neg, nan, inf];
    const rng = new Prng(8);
    const rand = () => beat(rng.bits(24), rng.bits(7), rng.bits(1));
    const corners: bigint[][][] = [
      Array.from({ length: 6 }, () => beat(top, 127n, 0n)), // largest positive sum
      Array.from({ length: 6 }, () => beat(top, 127n, 1n)), // largest negative sum
      [beat(top, 127n, 0n), beat(top, 127n, 1n), beat(1n, 0n, 0n), beat(1n, 0n, 1n), beat(top, 0n, 0n), beat(top, 0n, 1n)], // cancels to 0
      [beat(1n, 127n, 0n), beat(1n, 0n, 1n), beat(0n, 0n, 0n), beat(0n, 5n, 1n), beat(0n, 0n, 0n), beat(0n, 0n, 0n)], // 2^127 − 1
      [rand(), beat(top, 3n, 0n, 0n, 1n), rand(), beat(top, 3n, 1n, 0n, 1n), rand(), rand()], // +Inf + −Inf = NaN
      [rand(), rand(), beat(5n, 9n, 1n, 0n, 1n), rand(), rand(), rand()], // −Inf
      [rand(), rand(), rand(), rand(), rand(), beat(1n, 1n, 0n, 1n, 0n)], // NaN on the last beat
    ];
    expect(golden(corners[0]!)[0]![0]).toBe(6n * top * 2n ** 127n);
    expect(golden(corners[2]!)).toEqual([[0n, 0n]]);
    expect(golden(corners[4]!)[0]![1]).toBe(3n);
    const r = await cosim(bench('kulisch_wide', WIDE), {
      protocol: { kind: 'stream' },
      golden,
      beats: { in: WIDE.G, out: 1 },
      corners,
      vectors: { count: 3000, corners: true },
    });
    expect(r.failed, r.report).toBe(0);
    expect(r.passed).toBeGreaterThanOrEqual(2 * (3000 + corners.length));
  });

  it('rejects a register too narrow for the placed term', () => {
    // S < 2^8, E ≤ 7: the placed term S·2^(E−1) < 2^14 needs 14 bits, plus the sign.
    expect(() =>
      module('narrow', (m) => {
        const S = m.input('S', uint(8));
        const E = m.input('E', uint(3));
        const b = m.input('b', uint(1));
        const st = kulischAccumulator(m, { en: b, last: b }, { S, E, neg: b, nan: b, inf: b }, 14, 15);
        m.output('y', st.next);
      }),
    ).toThrow(/a 14-bit placed term does not fit sint\(14\)/);
  });
});
