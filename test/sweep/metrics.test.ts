/** Metric lists and the tool versions a metric set depends on. */
import { describe, expect, it } from 'vitest';
import { metricId, parseMetrics, toolVersions, DEFAULT_COSIM_VECTORS } from '../../src/sweep/metrics.ts';

describe('parseMetrics', () => {
  it('parses, de-duplicates and sorts', () => {
    const ms = parseMetrics('synth:cmos,lint,cosim:200,synth:cmos,pnr:ice40:hx8k,pnr:ice40,cosim');
    expect(ms.map(metricId)).toEqual(['cosim:1000', 'cosim:200', 'lint', 'pnr:ice40:hx8k', 'pnr:ice40:up5k', 'synth:cmos']);
    expect(parseMetrics('cosim')[0]).toEqual({ kind: 'cosim', vectors: DEFAULT_COSIM_VECTORS });
  });
  it.each([
    ['synth:asic', /timing-aware ASIC flow does not exist/],
    ['synth:vhdl', /names no synthesis target/],
    ['cosim:-1', /non-negative integer/],
    ['cosim:', /non-negative integer/],
    ['pnr:ecp5', /no place-and-route flow/],
    ['pnr:ice40:lp1k', /unknown iCE40 device/],
    ['lint:x', /takes no argument/],
    ['area', /is not a metric/],
    ['lint,,synth:generic', /empty entry/],
  ])('rejects %s', (list, msg) => {
    expect(() => parseMetrics(list)).toThrow(msg);
  });
});

describe('toolVersions', () => {
  it('records only the tools the metrics run', async () => {
    const synth = await toolVersions(parseMetrics('synth:generic'));
    expect(Object.keys(synth)).toEqual(['lowbit-hdl', 'node', 'yosys-native', 'yosys-wasm']);
    expect(synth['yosys-wasm']).toMatch(/^Yosys \d+\.\d+/);
    const all = await toolVersions(parseMetrics('lint,cosim,pnr:ice40'));
    expect(all.verilator).toMatch(/^Verilator \d/);
    expect(all.iverilog).toMatch(/Icarus Verilog/);
    expect(all['nextpnr-ice40']).toMatch(/nextpnr-ice40/);
  });
});
