/**
 * The dequantize-first baseline array (src/pe/mixpe/baseline-int8-array.ts) against level b `gemmTile`
 * on Verilator and Icarus (random input bubbles and output stalls): UINT4 weights with zero
 * points (z sampled on the first beat of each group) and INT4 weights, small arrays with three
 * groups per tile; spec corners, realistic seeded tiles and uniformly random transactions. Its
 * ports equal the MixPE array's, and the emitted RTL lints clean on all three front ends.
 */
import { describe, expect, it } from 'vitest';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { int8BaselineArray } from '../../../src/pe/mixpe/baseline-int8-array.ts';
import { baselineArrayCosimSpec } from '../../../src/pe/mixpe/baseline-int8-array-cosim.ts';
import { lintAll, readRtlDir } from '../../../src/lint/lint-rtl.ts';
import { cosim, emit } from '../../lib/cosim-harness.ts';

const portsOf = (def: ReturnType<typeof mixpeArray>): string[] => def.ir.ports.map((q) => `${q.dir} ${q.name} ${q.protocol}`);

describe('baseline (dequantize-first) W4A8 array', () => {
  for (const weightSigned of [false, true]) {
    it(`equals level b with ${weightSigned ? 'INT4' : 'UINT4 + zero point'} weights, 3x4, G = 32, K = 96 (both simulators)`, async () => {
      const p = mixpeParams({ rows: 3, cols: 4, G: 32, K: 96, weightSigned });
      const top = int8BaselineArray(p);
      expect(portsOf(top)).toEqual(portsOf(mixpeArray(p)));
      const spec = baselineArrayCosimSpec(p, { random: 6, tiles: 3, seed: 21 });
      const r = await cosim(top, spec, { seed: 9 });
      expect(r.failed, r.report).toBe(0);
      expect(r.passed).toBe(2 * (spec.corners!.length + 6));
    });
  }

  it('equals level b with 2 shared epilogues for 5 columns (3 slots each), 3x5, G = 32, K = 64 (both simulators)', async () => {
    const p = mixpeParams({ rows: 3, cols: 5, G: 32, K: 64, epilogues: 2 });
    const top = int8BaselineArray(p);
    const e = emit(top, 'baseline-array-epi');
    expect(e.text.get(`${e.design.top}.v`)!.match(/_epilogue_group_\w+ epi_\d+ \(/g)).toHaveLength(2);
    const spec = baselineArrayCosimSpec(p, { random: 3, tiles: 2, seed: 27 });
    const r = await cosim(top, spec, { seed: 8 });
    expect(r.failed, r.report).toBe(0);
    expect(r.passed).toBe(2 * (spec.corners!.length + 3));
  });

  it('lints clean (Verilator -Wall, Icarus, Yosys) for the 8x8, G = 32 bench configuration', async () => {
    const e = emit(int8BaselineArray(mixpeParams({ rows: 8, cols: 8, G: 32, K: 64 })), 'baseline-array');
    // One INT8 x INT8 PE per (row, column): 8 instances in the column module. (`_g`: the weight is gated by en, no accumulator enable)
    const column = [...e.text].find(([f]) => f.startsWith('baseline_column_'))![1];
    expect(column.match(/^  baseline_pe_int8_w8_acc21_g pe_\d+ \(/gm)).toHaveLength(8);
    const results = await lintAll(readRtlDir(e.dir));
    for (const r of results) expect(r.ok, `${r.tool}:\n${r.output}`).toBe(true);
  });

  it('rejects FP activations and the BIT_SERIAL unit (the baseline multiplies in its PEs)', () => {
    expect(() => int8BaselineArray(mixpeParams({ activation: 'FP16', rows: 2, cols: 2, G: 32, K: 32 }))).toThrow(/activation FP16 is not supported/);
    expect(() => int8BaselineArray(mixpeParams({ rows: 2, cols: 2, G: 32, K: 32, dequantUnit: 'BIT_SERIAL' }))).toThrow(/dequantUnit BIT_SERIAL is not supported/);
  });
});
