/**
 * lib/stream groupStreamTop: G-beat groups through two group units (an accumulator with latency
 * 0 and one with a registered result, latency 1) into one result beat per group; cosimulated on
 * both simulators with random bubbles and backpressure against the sum of the group.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { mux } from '../../../src/dsl/ops.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { groupStreamTop } from '../../../src/lib/stream/group-top.ts';
import { cosim } from '../cosim-harness.ts';

const G = 4;

/** acc of the group's beats; `pg` = acc including the current (last) beat, registered `latency` times. */
const unit = (latency: number) =>
  module(`acc_l${latency}`, (m) => {
    const x = m.input('x', sint(6));
    const en = m.input('en', uint(1));
    const last = m.input('last', uint(1));
    const acc = m.reg('acc', sint(9), { reset: 0 });
    const sum = acc.add(x).resize(9);
    acc.set(mux(en, mux(last, m.constant(0, sint(9)), sum), acc));
    let pg = sum;
    for (let i = 0; i < latency; i++) {
      const r = m.reg(`pg_${i}`, sint(9));
      r.set(pg);
      pg = r;
    }
    m.output('pg', pg);
  });

describe('lib/stream groupStreamTop', () => {
  it('one result beat per group of G beats, for latency 0 and 1 (both simulators)', async () => {
    for (const latency of [0, 1]) {
      const top = groupStreamTop(`grp_top_l${latency}`, G, latency, [{ name: 'x', type: sint(6) }], [
        { inst: 'a', def: unit(latency), connect: (i) => ({ x: i.x! }) },
      ]);
      const golden = (beats: bigint[][]) => [[beats.reduce((s, [x]) => s + x!, 0n)]];
      const r = await cosim(top, { protocol: { kind: 'stream' }, golden, beats: { in: G, out: 1 }, vectors: { count: 400 } });
      expect(r.failed, r.report).toBe(0);
    }
  });

  it('rejects G < 2 and a latency of G or more', () => {
    expect(() => groupStreamTop('t', 1, 0, [], [])).toThrow(/G must be an integer >= 2/);
    expect(() => groupStreamTop('t', 4, 4, [], [])).toThrow(/latency must be in 0 … G − 1/);
  });
});
