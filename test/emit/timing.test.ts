import { describe, it, expect } from 'vitest';
import { module, uint, sint, elaborate, mux } from '../../src/index.ts';
import { designTiming } from '../../src/emit/timing.ts';

/** A one-register stream stage; `combReady` makes in_ready = !full || out_ready (combinational). */
function stage(combReady: boolean) {
  return elaborate(
    module('stage', (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const a = m.input('a', sint(4));
      const scale = m.input('scale', uint(3));
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
      const full = m.reg('full', uint(1), { reset: 0 });
      const q = m.reg('q', sint(7), { reset: 0 });
      const inReady = combReady ? full.not().or(outReady) : full.not();
      const take = inValid.and(inReady);
      full.set(mux(take, 1, mux(outReady, 0, full)));
      q.set(mux(take, a.mul(scale.asSigned().ext(4)).resize(7), q));
      m.output('in_ready', inReady, { protocol: 'ready' });
      m.output('out_valid', full, { protocol: 'valid' });
      m.output('y', q);
    }),
  ).design;
}

describe('designTiming', () => {
  it('stream: handshake pairs with the ports they guard, beats, throughput bound, no fixed latency', () => {
    const t = designTiming(stage(true), { protocol: { kind: 'stream' }, beats: { in: 3, out: 1 }, golden: (x) => x, sampled: { scale: 'on the first input beat' } });
    expect(t).toMatchObject({ protocol: 'stream', latency: null, initiationInterval: null, beats: { in: 3, out: 1 }, sampledOnce: { scale: 'on the first input beat' } });
    expect(t.throughput).toBe('at most 1 transaction per 3 cycles (one beat per cycle per stream)');
    expect(t.handshakes).toEqual([
      { direction: 'input', valid: 'in_valid', ready: 'in_ready', guards: ['a'] },
      { direction: 'output', valid: 'out_valid', ready: 'out_ready', guards: ['y'] },
    ]);
    expect(t.text).toContain('Transaction: **3 input beats → 1 output beat**');
    expect(t.text).toContain('`scale` is read once per transaction: on the first input beat.');
    expect(t.reset).toEqual({ port: 'rst', activeLow: false, style: 'sync', cycles: 2 });
  });

  it('tells whether in_ready depends combinationally on out_ready (from the IR paths)', () => {
    const spec = { protocol: { kind: 'stream' as const }, golden: (x: bigint[][]) => x };
    expect(designTiming(stage(true), spec).readyDependsOnDownstreamReady).toBe(true);
    expect(designTiming(stage(true), spec).text).toContain('`in_ready` depends **combinationally** on `out_ready`');
    expect(designTiming(stage(false), spec).readyDependsOnDownstreamReady).toBe(false);
    expect(designTiming(stage(false), spec).text).toContain('`in_ready` does not depend combinationally on `out_ready` (registered).');
  });

  it('pipelined: latency, II 1, one per cycle; combinational: latency 0; no spec: latency unknown', () => {
    const d = stage(false);
    expect(designTiming(d, { protocol: { kind: 'pipelined', latency: 3 }, golden: (x) => x })).toMatchObject({ latency: 3, initiationInterval: 1, throughput: '1 transaction per cycle' });
    const comb = elaborate(module('c', (m) => void m.output('y', m.input('a', uint(2))), { clock: null })).design;
    expect(designTiming(comb)).toMatchObject({ protocol: 'combinational', latency: 0, reset: null, handshakes: [] });
    const none = designTiming(d);
    expect(none).toMatchObject({ protocol: 'clocked', latency: null });
    expect(none.text).toContain('declares no cosim protocol, so its latency is not stated');
  });

  it('names ports as emitted (a Verilog keyword gets its suffix)', () => {
    const kw = elaborate(
      module('kw', (m) => {
        const v = m.input('in_valid', uint(1), { protocol: 'valid' });
        m.output('out_valid', v, { protocol: 'valid' });
        m.output('output', m.input('reg', uint(2)));
      }),
    ).design;
    const t = designTiming(kw, { protocol: { kind: 'stream' }, golden: (x) => x });
    expect(t.handshakes.map((h) => h.guards)).toEqual([['reg_'], ['output_']]);
  });
});
