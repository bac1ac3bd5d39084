/**
 * lib/array groupController, cycle by cycle on the IrSimulator with a random upstream (valid held
 * until accepted) and random downstream stalls: every accepted beat gives one `en`, `last` on
 * every G-th, one `load` per group (`latency` cycles after its last beat), `rows` consumes per
 * load, and exactly `rows` output beats per tile (the last group's items) under the stream rules;
 * with rows <= G and no stalls the input never waits (MixPE spec §6). The full array is
 * cosimulated on both simulators in test/pe/mixpe/rtl-control.test.ts and rtl-array*.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { groupController, groupStartFlag, holdFromGroupStart, type GroupControllerConfig } from '../../../src/lib/array/group-controller.ts';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { Prng } from '../../../src/util/prng.ts';
import { emitToTemp, lintFailures } from '../rtl-harness.ts';

interface Counts {
  en: number;
  last: number;
  load: number;
  loadFinal: number;
  consume: number;
  out: number;
  inWaits: number;
  violations: string[];
  loadDelays: number[];
}

function run(cfg: GroupControllerConfig, beats: number, bubble: number, stall: number, seed = 1): Counts {
  const sim = new IrSimulator(elaborate(groupController(cfg)).design);
  const rng = new Prng(seed);
  const rand = () => rng.u32() / 2 ** 32;
  sim.poke('rst', 1n);
  sim.step();
  sim.poke('rst', 0n);
  const c: Counts = { en: 0, last: 0, load: 0, loadFinal: 0, consume: 0, out: 0, inWaits: 0, violations: [], loadDelays: [] };
  let offering = false;
  let sent = 0;
  let prevOutPending = false;
  const lastAt: number[] = [];
  for (let t = 0; t < 40 * beats && (sent < beats || c.out < (beats / cfg.K) * cfg.rows); t++) {
    if (!offering && sent < beats && rand() >= bubble) offering = true;
    const ready = rand() >= stall;
    sim.poke('in_valid', offering ? 1n : 0n);
    sim.poke('out_ready', ready ? 1n : 0n);
    sim.eval();
    const outValid = sim.peek('out_valid') === 1n;
    if (prevOutPending && !outValid) c.violations.push(`cycle ${t}: out_valid dropped before acceptance`);
    if (outValid && ready) c.out++;
    prevOutPending = outValid && !ready;
    if (offering && sim.peek('in_ready') === 0n) c.inWaits++;
    if (sim.peek('en') === 1n) {
      c.en++;
      if (sim.peek('last') === 1n) {
        c.last++;
        lastAt.push(t);
      }
    }
    if (sim.peek('load') === 1n) {
      c.load++;
      c.loadDelays.push(t - lastAt[c.load - 1]!);
    }
    if (sim.peek('load_final') === 1n) c.loadFinal++;
    if (sim.peek('consume') === 1n) c.consume++;
    if (offering && sim.peek('in_ready') === 1n) {
      offering = false;
      sent++;
    }
    sim.step();
  }
  return c;
}

describe('lib/array groupController', () => {
  for (const latency of [0, 2]) {
    it(`frames beats, groups and tiles under bubbles and stalls (latency ${latency})`, () => {
      const cfg = { rows: 3, G: 4, K: 12, latency };
      const tiles = 20;
      const c = run(cfg, tiles * cfg.K, 0.3, 0.5);
      expect(c.violations).toEqual([]);
      expect(c.en).toBe(tiles * cfg.K);
      expect(c.last).toBe((tiles * cfg.K) / cfg.G);
      expect(c.load).toBe(c.last);
      expect(new Set(c.loadDelays)).toEqual(new Set([latency]));
      expect(c.loadFinal).toBe(tiles);
      expect(c.consume).toBe(c.load * cfg.rows);
      expect(c.out).toBe(tiles * cfg.rows);
    });
  }

  it('never makes the input wait when rows <= G and the output is always ready', () => {
    const c = run({ rows: 4, G: 4, K: 8, latency: 0 }, 200, 0, 0);
    expect(c.inWaits).toBe(0);
    expect(c.en).toBe(200);
  });

  it('groupStartFlag / holdFromGroupStart: the first beat of each group passes through, the rest see it held', () => {
    const def = module('hold_top', (m) => {
      const v = m.input('v', uint(4));
      const en = m.input('en', uint(1));
      const last = m.input('last', uint(1));
      const start = groupStartFlag(m, en, last);
      m.output('start', start);
      m.output('cur', holdFromGroupStart(m, 'v', v, en, start));
    });
    const sim = new IrSimulator(elaborate(def).design);
    sim.poke('rst', 1n);
    sim.step();
    sim.poke('rst', 0n);
    // Groups of 3 accepted beats; a cycle without en between beats changes nothing.
    const beats: { v: bigint; en: bigint; last: bigint }[] = [
      { v: 5n, en: 1n, last: 0n },
      { v: 9n, en: 0n, last: 0n },
      { v: 1n, en: 1n, last: 0n },
      { v: 2n, en: 1n, last: 1n },
      { v: 7n, en: 1n, last: 0n },
      { v: 3n, en: 1n, last: 0n },
      { v: 4n, en: 1n, last: 1n },
      { v: 11n, en: 1n, last: 0n },
    ];
    const seen = beats.map((b) => {
      sim.poke('v', b.v);
      sim.poke('en', b.en);
      sim.poke('last', b.last);
      sim.eval();
      const r = [sim.peek('start'), sim.peek('cur')];
      sim.step();
      return r;
    });
    expect(seen).toEqual([
      [1n, 5n],
      [0n, 5n],
      [0n, 5n],
      [0n, 5n],
      [1n, 7n],
      [0n, 7n],
      [0n, 7n],
      [1n, 11n],
    ]);
  });

  it('rejects shapes it cannot build', () => {
    expect(() => groupController({ rows: 0, G: 4, K: 8, latency: 0 })).toThrow(/rows must be an integer >= 1/);
    expect(() => groupController({ rows: 2, G: 4, K: 6, latency: 0 })).toThrow(/K must be a positive multiple of G = 4/);
    expect(() => groupController({ rows: 2, G: 4, K: 8, latency: 32 })).toThrow(/latency must be an integer in 0 … 31/);
  });

  it('emits Verilog clean under Verilator -Wall, Icarus and Yosys (one and several groups, latency 0 and 2)', async () => {
    for (const cfg of [{ rows: 2, G: 4, K: 4, latency: 0 }, { rows: 3, G: 4, K: 12, latency: 2 }]) {
      expect(await lintFailures(emitToTemp(groupController(cfg), 'ctrl-lint'))).toEqual([]);
    }
  });
});
