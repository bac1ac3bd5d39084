import { describe, expect, it } from 'vitest';
import { DEFAULT_HANDSHAKE, resolveTarget } from '../../src/cosim/target.ts';
import type { CosimTarget } from '../../src/cosim/types.ts';

const base: CosimTarget = {
  top: 'dut',
  files: ['/abs/dut.v'],
  inputs: [{ name: 'a', width: 8, signed: false }],
  outputs: [{ name: 'y', width: 8, signed: false }],
  protocol: { kind: 'stream' },
  reset: { name: 'rst_n', activeLow: true },
};

describe('resolveTarget', () => {
  it('fills clock, reset cycles, handshake names and layouts', () => {
    const t = resolveTarget({ ...base, beats: { in: 2, out: 3 }, handshake: { outReady: 'm_ready' } });
    expect(t.clock).toBe('clk');
    expect(t.reset).toEqual({ name: 'rst_n', activeLow: true, cycles: 2 });
    expect(t.resetCycles).toBe(2);
    expect(t.handshake).toEqual({ ...DEFAULT_HANDSHAKE, outReady: 'm_ready' });
    expect([t.inLayout.beats, t.outLayout.beats]).toEqual([2, 3]);
  });

  it('ignores clock and reset for comb targets', () => {
    const t = resolveTarget({ ...base, protocol: { kind: 'comb' } });
    expect([t.clock, t.reset, t.handshake, t.resetCycles]).toEqual([undefined, undefined, undefined, 0]);
  });

  it.each([
    [{ files: ['rel.v'] }, "file 'rel.v' is not an absolute path"],
    [{ files: [] }, 'no Verilog files'],
    [{ protocol: { kind: 'pipelined', latency: -1 } }, 'latency must be an integer >= 0'],
    [{ protocol: { kind: 'comb' }, beats: { in: 1, out: 2 } }, 'beats are only meaningful for the stream protocol'],
    [{ outputs: [] }, 'no output ports'],
    [{ inputs: [{ name: 'in_valid', width: 1, signed: false }] }, "port name 'in_valid' is used twice"],
    [{ reset: { name: 'rst', activeLow: false, cycles: 0 } }, 'reset cycles must be an integer >= 1'],
    [{ top: 'bad top' }, 'top is not a Verilog identifier'],
  ] as [Partial<CosimTarget>, string][])('rejects %j', (patch, msg) => {
    expect(() => resolveTarget({ ...base, ...patch } as CosimTarget)).toThrow(msg);
  });
});
