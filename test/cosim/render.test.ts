import { describe, expect, it } from 'vitest';
import { harnessView } from '../../src/cosim/harness-model.ts';
import { renderTemplate, templateText } from '../../src/cosim/render.ts';
import { resolveTarget } from '../../src/cosim/target.ts';
import type { CosimTarget, Protocol } from '../../src/cosim/types.ts';

const target = (protocol: Protocol): CosimTarget => ({
  top: 'dut',
  files: ['/x.v'],
  inputs: [{ name: 'a', width: 8, signed: true }, { name: 'w', width: 70, signed: false }],
  outputs: [{ name: 'y', width: 33, signed: true }],
  protocol,
  reset: { name: 'rst', activeLow: false },
});

describe('templates', () => {
  it('are logic-free: only each/if blocks', () => {
    for (const name of ['verilator-harness.cpp.hbs', 'icarus-tb.v.hbs'] as const) {
      const blocks = [...templateText(name).matchAll(/\{\{#(\w+)/g)].map((m) => m[1]);
      expect(new Set(blocks)).toEqual(new Set(['each', 'if']));
    }
  });

  it('render one simulate() per protocol in the Verilator harness, with port accessors per storage class', () => {
    for (const [p, marker] of [
      [{ kind: 'comb' }, '// comb:'],
      [{ kind: 'pipelined', latency: 3 }, 'const uint64_t latency = 3;'],
      [{ kind: 'stream' }, 'COSIM-HANG'],
    ] as [Protocol, string][]) {
      const cpp = renderTemplate('verilator-harness.cpp.hbs', harnessView(resolveTarget(target(p)), false));
      expect(cpp.match(/^uint64_t simulate\(/gm)).toHaveLength(1);
      expect(cpp).toContain(marker);
      expect(cpp).toContain('t->a = r[0];');
      expect(cpp).toContain('for (int w = 0; w < 3; ++w) t->w[w] = r[1 + w];');
      expect(cpp).toContain('o[0 + 1] = (uint32_t)(v >> 32) & 0x1u;');
      expect(cpp).not.toContain('VerilatedVcdC');
      expect(cpp).not.toContain('{{');
    }
    const traced = renderTemplate('verilator-harness.cpp.hbs', harnessView(resolveTarget(target({ kind: 'comb' })), true));
    expect(traced).toContain('#include "verilated_vcd_c.h"');
  });

  it('render the Icarus testbench with byte-swapped slices and the DUT instance', () => {
    const tb = renderTemplate('icarus-tb.v.hbs', harnessView(resolveTarget(target({ kind: 'pipelined', latency: 2 })), true));
    expect(tb).toContain('localparam LATENCY = 2;');
    expect(tb).toContain('p_w[69:64] = {tb_w[7:0], tb_w[15:8], tb_w[23:16], tb_w[31:24]};');
    expect(tb).toContain('tb_w = tb_buf[tb_base + 3];');
    expect(tb).toContain('$fwrite(tb_fout, "%u", p_y);');
    expect(tb).toMatch(/dut dut \(\n {4}\.clk\(tb_clk\),\n {4}\.rst\(tb_rst\),\n {4}\.a\(p_a\),\n {4}\.w\(p_w\),\n {4}\.y\(p_y\)\n {2}\);/);
    expect(tb).not.toContain('{{');
  });
});
