/**
 * TPE controllers: the phase controller (LOAD k beats, FLUSH f steps, DRAIN d beats) and the
 * streaming controller (valid chain with one global enable, beat counter, optional hold of a
 * transaction's first beat), handshakes honoured, against reference models of the protocols.
 */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { phaseControl, streamControl } from '../../../src/pe/tpe/rtl-control.ts';
import { Prng } from '../../../src/util/prng.ts';

/** Run with random in_valid / out_ready; record per cycle (in_ready, out_valid, step, en, en_edge). */
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
    rows.push(['in_valid', 'out_ready', 'in_ready', 'out_valid', 'step', 'en', 'en_edge'].map((n) => Number(s.peek(n))));
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
      for (const [iv, or, ir, ov, step, en, enEdge] of rows) {
        expect(ir).toBe(phase === 'load' ? 1 : 0);
        expect(ov).toBe(phase === 'drain' ? 1 : 0);
        const take = phase === 'load' && iv === 1;
        const give = phase === 'drain' && or === 1;
        expect(step).toBe(take || phase === 'flush' ? 1 : 0);
        expect(en).toBe(take || phase === 'flush' || give ? 1 : 0);
        expect(enEdge).toBe(take || give ? 1 : 0);
        if (take && ++count === load) [phase, count] = [flush > 0 ? 'flush' : 'drain', 0];
        else if (phase === 'flush' && ++count === flush) [phase, count] = ['drain', 0];
        else if (give && ++count === drain) [phase, count, txns] = ['load', 0, txns + 1];
      }
      expect(txns).toBeGreaterThan(5);
    });
  }
});

/** A module exposing streamControl's signals; the hold (when given) is "any of the first `hold` stages valid". */
function streamModule(stages: number, beats: number, hold: number) {
  return module('sc', (m) => {
    const inValid = m.input('in_valid', uint(1));
    const outReady = m.input('out_ready', uint(1));
    const c = streamControl(m, { stages, beats, inValid, outReady, holdFirst: hold > 0 ? (v) => v.slice(0, hold).reduce((x, y) => x.or(y)) : undefined });
    m.output('in_ready', c.ready);
    m.output('out_valid', c.valid[stages - 1]!);
    m.output('en_o', c.en);
    m.output('take_o', c.take);
    m.output('load_o', c.load);
  });
}

describe('streamControl', () => {
  for (const [stages, beats, hold] of [[3, 1, 0], [4, 3, 2], [5, 2, 3], [1, 4, 0]] as const) {
    it(`${stages} stages, ${beats} beats per transaction, hold ${hold}: matches the reference pipeline`, () => {
      const s = new IrSimulator(elaborate(streamModule(stages, beats, hold)).design);
      s.poke('rst', 1n);
      s.step();
      s.poke('rst', 0n);
      const rng = new Prng(stages * 13 + beats);
      const valid = new Array<number>(stages).fill(0);
      let beat = 0;
      let takes = 0;
      let holds = 0;
      let loads = 0;
      for (let c = 0; c < 500; c++) {
        const iv = rng.chance(0.7) ? 1 : 0;
        const or = rng.chance(0.7) ? 1 : 0;
        s.poke('in_valid', BigInt(iv));
        s.poke('out_ready', BigInt(or));
        s.eval();
        const en = valid[stages - 1] === 0 || or === 1;
        const held = beat === 0 && valid.slice(0, hold).some((v) => v === 1);
        const ready = en && !held;
        const take = iv === 1 && ready;
        expect(Number(s.peek('en_o'))).toBe(en ? 1 : 0);
        expect(Number(s.peek('in_ready'))).toBe(ready ? 1 : 0);
        expect(Number(s.peek('out_valid'))).toBe(valid[stages - 1]);
        expect(Number(s.peek('take_o'))).toBe(take ? 1 : 0);
        expect(Number(s.peek('load_o'))).toBe(take && beat === 0 ? 1 : 0);
        if (en && held) holds++;
        if (take && beat === 0) loads++;
        if (en) valid.splice(0, stages, take ? 1 : 0, ...valid.slice(0, stages - 1));
        if (take) [beat, takes] = [(beat + 1) % beats, takes + 1];
        s.step();
      }
      expect(takes).toBeGreaterThan(100);
      expect(loads).toBeGreaterThan(20);
      if (hold > 0) expect(holds).toBeGreaterThan(5);
    });
  }
});
