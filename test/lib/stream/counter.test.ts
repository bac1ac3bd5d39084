/**
 * lib/stream beatCounter and frameCounter: a stream pass-through that tags every beat with its
 * framing (beat within a group of 3, group within a transaction of 2 groups, transaction end),
 * cosimulated on both simulators with random bubbles and backpressure: the tags must follow the
 * accepted beats, not the cycles.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { streamInput, streamOutput } from '../../../src/lib/stream/bundle.ts';
import { beatCounter, bitsFor, frameCounter } from '../../../src/lib/stream/counter.ts';
import { cosim } from '../cosim-harness.ts';

const G = 3;
const GROUPS = 2;

const top = () =>
  module('frame_top', (m) => {
    const i = streamInput(m, 'in', { x: { type: uint(4) } });
    const o = streamOutput(m, 'out', {
      y: { type: uint(4) },
      k: { type: uint(2) },
      first_k: { type: uint(1) },
      last_k: { type: uint(1) },
      first_g: { type: uint(1) },
      last_g: { type: uint(1) },
      tx_end: { type: uint(1) },
    });
    const fire = i.valid.and(o.ready);
    const f = frameCounter(m, 'frame', [G, GROUPS], fire);
    i.driveReady(o.ready);
    o.driveValid(i.valid);
    o.drive({
      y: i.data.x!,
      k: f.levels[0]!.count!,
      first_k: f.first(0),
      last_k: f.last(0),
      first_g: f.first(1),
      last_g: f.last(1),
      tx_end: f.end,
    });
  });

describe('lib/stream beatCounter / frameCounter', () => {
  it('tags each accepted beat with its position in the group and the transaction (both simulators)', async () => {
    // One transaction = G·GROUPS beats; transactions are counted from reset, so beat j of a
    // transaction has k = j mod G, group = floor(j / G).
    const golden = (beats: bigint[][]) =>
      beats.map(([x], j) => {
        const k = j % G;
        const g = Math.floor(j / G);
        const b = (c: boolean) => (c ? 1n : 0n);
        return [x!, BigInt(k), b(k === 0), b(k === G - 1), b(g === 0), b(g === GROUPS - 1), b(j === G * GROUPS - 1)];
      });
    const r = await cosim(
      top(),
      {
        protocol: { kind: 'stream' },
        golden,
        beats: { in: G * GROUPS, out: G * GROUPS },
        vectors: { count: 500 },
      },
    );
    expect(r.failed, r.report).toBe(0);
  });

  it('sizes counters to hold beats − 1 and treats a level of size 1 as constant', () => {
    expect([1, 2, 3, 4, 5, 128].map((n) => bitsFor(n - 1))).toEqual([1, 1, 2, 2, 3, 7]);
    const def = module('one', (m) => {
      const adv = m.input('adv', uint(1));
      const c = beatCounter(m, 'c', 1, adv);
      expect(c.count).toBeNull();
      m.output('last', c.last);
      m.output('wrap', c.wrap);
    });
    expect(def.ir.nodes.some((n) => n.kind === 'reg')).toBe(false);
    expect(() => module('bad', (m) => void beatCounter(m, 'c', 0, m.input('a', uint(1))))).toThrow(/beats must be an integer >= 1/);
    expect(() => module('bad2', (m) => void frameCounter(m, 'f', [], m.input('a', uint(1))))).toThrow(/at least one level/);
  });
});
