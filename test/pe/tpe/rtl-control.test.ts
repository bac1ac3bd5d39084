/** TPE phase controller: LOAD k beats, FLUSH f steps, DRAIN d beats, handshakes honoured. */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { phaseControl } from '../../../src/pe/tpe/rtl-control.ts';
import { Prng } from '../../../src/util/prng.ts';

/** Run with random in_valid / out_ready; record per cycle (in_ready, out_valid, step, feed, drain). */
function trace(load: number, flush: number, drain: number, cycles: number, seed: number) {
  const s = new IrSimulator(elaborate(phaseControl({ load, flush, drain })).design);
  s.poke('rst', 1n);
  s.step();
  s.poke('rst', 0n);
  const rng = new Prng(seed);
  const rows: number[][] = [];
  for (let c = 0; c < cycles; c++) {
    s.poke('in_valid', rng.chance(0.6) ? 1n : 0n);
    s.poke('out_ready', rng.chance(0.6) ? 1n : 0n);
    s.eval();
    rows.push(['in_valid', 'out_ready', 'in_ready', 'out_valid', 'step', 'feed', 'drain'].map((n) => Number(s.peek(n))));
    s.step();
  }
  return rows;
}

describe('phaseControl', () => {
  for (const [load, flush, drain] of [[3, 2, 4], [1, 0, 1], [2, 5, 1]] as const) {
    it(`load ${load}, flush ${flush}, drain ${drain}: every transaction is exactly that sequence`, () => {
      const rows = trace(load, flush, drain, 400, load * 7 + flush);
      // Reference model of the protocol.
      let phase: 'load' | 'flush' | 'drain' = 'load';
      let count = 0;
      let txns = 0;
      for (const [iv, or, ir, ov, step, feed, dr] of rows) {
        expect(ir).toBe(phase === 'load' ? 1 : 0);
        expect(ov).toBe(phase === 'drain' ? 1 : 0);
        const take = phase === 'load' && iv === 1;
        const give = phase === 'drain' && or === 1;
        expect(feed).toBe(take ? 1 : 0);
        expect(step).toBe(take || phase === 'flush' ? 1 : 0);
        expect(dr).toBe(give ? 1 : 0);
        if (take && ++count === load) [phase, count] = [flush > 0 ? 'flush' : 'drain', 0];
        else if (phase === 'flush' && ++count === flush) [phase, count] = ['drain', 0];
        else if (give && ++count === drain) [phase, count, txns] = ['load', 0, txns + 1];
      }
      expect(txns).toBeGreaterThan(5);
    });
  }
});
