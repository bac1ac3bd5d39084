/**
 * lib/stream elasticPipeline: a 3-stage arithmetic pipeline between stream bundles, cosimulated
 * on both simulators with random bubbles and backpressure, and run on the IrSimulator with the
 * protocol checks (valid held, data stable while stalled, order, full throughput, the documented
 * combinational ready path).
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { streamInput, streamOutput } from '../../../src/lib/stream/bundle.ts';
import { elasticPipeline } from '../../../src/lib/stream/elastic.ts';
import { Prng } from '../../../src/util/prng.ts';
import { cosim } from '../cosim-harness.ts';
import { runProtocol } from './protocol-check.ts';

const top = (depth = 3) =>
  module('elastic_top', (m) => {
    const i = streamInput(m, 'in', { a: { type: uint(8) }, b: { type: sint(8) } });
    const o = streamOutput(m, 'out', { y: { type: sint(11) } });
    const p = elasticPipeline(m, depth, i.valid, o.ready);
    let v = p.stage(1, 's1', i.data.a!.add(i.data.b!)); // sint(10)
    for (let k = 2; k <= depth; k++) v = p.stage(k, `s${k}`, k === 2 ? v.add(v.shl(1).resize(10)).resize(11) : v);
    i.driveReady(p.inReady);
    o.driveValid(p.outValid);
    o.drive({ y: depth === 1 ? v.resize(11) : v });
  });

const golden = ([[a, b]]: bigint[][]) => {
  const s = BigInt.asIntN(10, a! + b!);
  return [[BigInt.asIntN(11, s + BigInt.asIntN(10, s * 2n))]];
};

function beats(n: number, seed = 3): bigint[][] {
  const r = new Prng(seed);
  return Array.from({ length: n }, () => [BigInt(r.below(256)), BigInt(r.below(256) - 128)]);
}

describe('lib/stream elasticPipeline', () => {
  it('matches the golden sum·3 under random bubbles and backpressure (both simulators)', async () => {
    const r = await cosim(top(), { protocol: { kind: 'stream' }, golden, vectors: { count: 3000 } });
    expect(r.failed, r.report).toBe(0);
  });

  it('keeps valid until accepted, data stable while stalled, beats in order (IrSimulator)', () => {
    const input = beats(400);
    const run = runProtocol(top(), { inFields: ['a', 'b'], outFields: ['y'], beats: input, bubble: 0.3, stall: 0.4 });
    expect(run.violations).toEqual([]);
    expect(run.stalls).toBeGreaterThan(50);
    expect(run.out).toEqual(input.map((b) => golden([b])[0]!));
  });

  it('one beat per cycle with no bubbles and no stalls; in_ready follows out_ready combinationally', () => {
    const input = beats(100, 5);
    const run = runProtocol(top(), { inFields: ['a', 'b'], outFields: ['y'], beats: input, bubble: 0, stall: 0 });
    expect(run.out.length).toBe(100);
    expect(run.cycles).toBeLessThanOrEqual(100 + 3 + 1);
    const stalled = runProtocol(top(), { inFields: ['a', 'b'], outFields: ['y'], beats: input, bubble: 0, stall: 0.5 });
    expect(stalled.readyFollowsOutReady).toBeGreaterThan(0);
  });

  it('drains every beat in order under heavy backpressure (90 % stalls)', () => {
    const run = runProtocol(top(), { inFields: ['a', 'b'], outFields: ['y'], beats: beats(50), bubble: 0, stall: 0.9 });
    expect(run.violations).toEqual([]);
    expect(run.out.length).toBe(50);
  });

  it('rejects depth 0 and an out-of-range stage', () => {
    expect(() => top(0)).toThrow(/depth must be an integer >= 1/);
    expect(() =>
      module('bad', (m) => {
        const p = elasticPipeline(m, 2, m.input('v', uint(1)), m.input('r', uint(1)));
        p.stage(3, 'x', m.input('d', uint(2)));
      }),
    ).toThrow(/stage 3 is outside 1 … 2/);
  });
});
