/**
 * lib/stream resultBuffer: a one-beat producer (the result is the beat itself, plus 1) behind a
 * one-entry result buffer; cosimulated on both simulators with random bubbles and backpressure,
 * and protocol-checked on the IrSimulator: the stream rules hold, in_ready is a register (never
 * follows out_ready combinationally), and back-to-back beats cost one bubble each.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { streamInput, streamOutput } from '../../../src/lib/stream/bundle.ts';
import { resultBuffer } from '../../../src/lib/stream/result-buffer.ts';
import { Prng } from '../../../src/util/prng.ts';
import { cosim } from '../cosim-harness.ts';
import { runProtocol } from './protocol-check.ts';

const top = () =>
  module('result_top', (m) => {
    const i = streamInput(m, 'in', { x: { type: uint(10) } });
    const o = streamOutput(m, 'out', { y: { type: uint(11) } });
    const buf = resultBuffer(m, o.ready);
    const load = i.valid.and(buf.loadAllowed);
    const held = buf.capture(load, [{ name: 'y', value: i.data.x!.add(1) }]);
    i.driveReady(buf.loadAllowed);
    o.driveValid(buf.outValid);
    o.drive({ y: held.y! });
  });

const golden = ([[x]]: bigint[][]) => [[x! + 1n]];

function beats(n: number): bigint[][] {
  const r = new Prng(4);
  return Array.from({ length: n }, () => [BigInt(r.below(1024))]);
}

describe('lib/stream resultBuffer', () => {
  it('delivers every result in order (both simulators)', async () => {
    const r = await cosim(top(), { protocol: { kind: 'stream' }, golden, vectors: { count: 2000 } });
    expect(r.failed, r.report).toBe(0);
  });

  it('keeps the stream rules; in_ready is registered; one bubble per result', () => {
    const input = beats(300);
    const run = runProtocol(top(), { inFields: ['x'], outFields: ['y'], beats: input, bubble: 0.2, stall: 0.4 });
    expect(run.violations).toEqual([]);
    expect(run.stalls).toBeGreaterThan(30);
    expect(run.readyFollowsOutReady).toBe(0);
    expect(run.out).toEqual(input.map((b) => golden([b])[0]!));
    const fast = runProtocol(top(), { inFields: ['x'], outFields: ['y'], beats: input, bubble: 0, stall: 0 });
    expect(fast.out.length).toBe(300);
    expect(fast.cycles).toBeGreaterThanOrEqual(2 * 300 - 1);
    expect(fast.cycles).toBeLessThanOrEqual(2 * 300 + 1);
  });

  it('refuses a second capture', () => {
    expect(() =>
      module('twice', (m) => {
        const b = resultBuffer(m, m.input('r', uint(1)));
        const l = m.input('l', uint(1));
        b.capture(l, []);
        b.capture(l, []);
      }),
    ).toThrow(/capture called twice/);
  });
});
