/**
 * lib/stream skidBuffer: identity stream through a skid buffer (and a skid buffer in front of a
 * 2-stage elastic pipeline), cosimulated on both simulators with random bubbles and
 * backpressure; protocol checks on the IrSimulator, including the documented absence of any
 * combinational path from out_ready to in_ready. The checker itself is shown to catch a broken
 * handshake.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { streamInput, streamOutput } from '../../../src/lib/stream/bundle.ts';
import { elasticPipeline } from '../../../src/lib/stream/elastic.ts';
import { skidBuffer } from '../../../src/lib/stream/skid.ts';
import { Prng } from '../../../src/util/prng.ts';
import { cosim } from '../cosim-harness.ts';
import { runProtocol } from './protocol-check.ts';

const skidTop = (withPipe: boolean) =>
  module(withPipe ? 'skid_pipe_top' : 'skid_top', (m) => {
    const i = streamInput(m, 'in', { d: { type: uint(12) }, e: { type: uint(3) } });
    const o = streamOutput(m, 'out', { y: { type: uint(12) }, z: { type: uint(3) } });
    if (!withPipe) {
      const s = skidBuffer(m, 'sk', i.valid, i.data, o.ready);
      i.driveReady(s.inReady);
      o.driveValid(s.outValid);
      o.drive({ y: s.data.d!, z: s.data.e! });
      return;
    }
    // skid buffer -> elastic pipeline: the pipeline's combinational ready path stops at the skid buffer.
    const pipeReady = m.wire('pipe_ready', uint(1));
    const s = skidBuffer(m, 'sk', i.valid, i.data, pipeReady);
    const p = elasticPipeline(m, 2, s.outValid, o.ready);
    pipeReady.set(p.inReady);
    const y = p.stage(2, 'y2', p.stage(1, 'y1', s.data.d!));
    const z = p.stage(2, 'z2', p.stage(1, 'z1', s.data.e!));
    i.driveReady(s.inReady);
    o.driveValid(p.outValid);
    o.drive({ y, z });
  });

/** A broken "stream": valid and data straight through, in_ready tied high (drops stalled beats). */
const brokenTop = () =>
  module('broken_top', (m) => {
    const i = streamInput(m, 'in', { d: { type: uint(12) }, e: { type: uint(3) } });
    const o = streamOutput(m, 'out', { y: { type: uint(12) }, z: { type: uint(3) } });
    const r = m.reg('r', uint(12));
    r.set(i.data.d!);
    i.driveReady(m.constant(1, uint(1)));
    o.driveValid(i.valid);
    o.drive({ y: r, z: i.data.e! });
  });

const identity = ([[d, e]]: bigint[][]) => [[d!, e!]];

function beats(n: number): bigint[][] {
  const r = new Prng(9);
  return Array.from({ length: n }, () => [BigInt(r.below(4096)), BigInt(r.below(8))]);
}

describe('lib/stream skidBuffer', () => {
  it('passes every beat unchanged and in order, alone and in front of a pipeline (both simulators)', async () => {
    for (const withPipe of [false, true]) {
      const r = await cosim(skidTop(withPipe), { protocol: { kind: 'stream' }, golden: identity, vectors: { count: 2000 } });
      expect(r.failed, r.report).toBe(0);
    }
  });

  it('keeps the stream rules and in_ready never follows out_ready combinationally (IrSimulator)', () => {
    for (const withPipe of [false, true]) {
      const input = beats(500);
      const run = runProtocol(skidTop(withPipe), { inFields: ['d', 'e'], outFields: ['y', 'z'], beats: input, bubble: 0.2, stall: 0.4 });
      expect(run.violations).toEqual([]);
      expect(run.stalls).toBeGreaterThan(50);
      expect(run.readyFollowsOutReady).toBe(0);
      expect(run.out).toEqual(input);
    }
  });

  it('runs at one beat per cycle when never stalled', () => {
    const run = runProtocol(skidTop(false), { inFields: ['d', 'e'], outFields: ['y', 'z'], beats: beats(200), bubble: 0, stall: 0 });
    expect(run.out.length).toBe(200);
    expect(run.cycles).toBeLessThanOrEqual(202);
  });

  it('the protocol checker flags a handshake that drops and changes stalled beats', () => {
    const run = runProtocol(brokenTop(), { inFields: ['d', 'e'], outFields: ['y', 'z'], beats: beats(100), bubble: 0.2, stall: 0.4, maxCycles: 400 });
    expect(run.violations.length).toBeGreaterThan(0);
  });
});
