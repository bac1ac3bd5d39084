import { describe, expect, it } from 'vitest';
import { harnessView, VECTOR_MAGIC } from '../../src/cosim/harness-model.ts';
import { resolveTarget } from '../../src/cosim/target.ts';

describe('harnessView', () => {
  const t = resolveTarget({
    top: 'dut',
    files: ['/x.v'],
    inputs: [{ name: 'a', width: 8, signed: true }, { name: 'w', width: 100, signed: false }],
    outputs: [{ name: 'y', width: 40, signed: true }],
    protocol: { kind: 'stream' },
    reset: { name: 'rst_n', activeLow: true, cycles: 3 },
    beats: { in: 2, out: 1 },
  });
  const v = harnessView(t, true);

  it('classifies Verilator storage and masks per port', () => {
    expect(v.inputs.map((p) => [p.name, p.narrow, p.quad, p.wide, p.offset, p.words, p.lastMask])).toEqual([
      ['a', true, false, false, 0, 1, '0xffu'],
      ['w', false, false, true, 1, 4, '0xfu'],
    ]);
    expect(v.outputs[0]).toMatchObject({ quad: true, lastWord: 1, lastMask: '0xffu', msb: 39, sig: 'p_y' });
  });

  it('lists 32-bit slices with absolute word indices for the Icarus testbench', () => {
    expect(v.inputs[1].slices).toEqual([
      { index: 0, word: 1, lo: 0, hi: 31 },
      { index: 1, word: 2, lo: 32, hi: 63 },
      { index: 2, word: 3, lo: 64, hi: 95 },
      { index: 3, word: 4, lo: 96, hi: 99 },
    ]);
  });

  it('carries protocol, reset polarity, beats and the DUT connection list', () => {
    expect([v.stream, v.clocked, v.comb, v.pipelined]).toEqual([true, true, false, false]);
    expect([v.resetActive, v.resetInactive, v.resetCycles, v.beatsIn, v.beatsOut]).toEqual([0, 1, 3, 2, 1]);
    expect([v.inWords, v.outWords, v.magicHex]).toEqual([5, 2, VECTOR_MAGIC.toString(16)]);
    expect(v.connections.map((c) => `${c.port}:${c.signal}:${c.comma}`)).toEqual([
      'clk:tb_clk:true',
      'rst_n:tb_rst:true',
      'in_valid:tb_in_valid:true',
      'in_ready:tb_in_ready:true',
      'out_valid:tb_out_valid:true',
      'out_ready:tb_out_ready:true',
      'a:p_a:true',
      'w:p_w:true',
      'y:p_y:false',
    ]);
    expect([v.outFormat, v.outArgs]).toEqual(['%u', 'p_y']);
  });
});
