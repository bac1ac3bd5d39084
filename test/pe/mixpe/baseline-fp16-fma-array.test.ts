/**
 * The FP16-FMA baseline array (src/pe/mixpe/baseline-fp16-fma-array.ts) against its golden model
 * `fp16FmaGemmTile` on Verilator and Icarus (random input bubbles and output stalls): UINT4
 * weights with zero points and INT4 weights, FP16 and FP32 outputs, two groups per tile (s and z
 * sampled on each group's first beat); spec corners, seeded tiles and uniformly random
 * transactions (every code, specials included). The emitted RTL lints clean on all three front ends.
 */
import { describe, expect, it } from 'vitest';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { fpPe } from '../../../src/pe/mixpe/rtl-pe-fp.ts';
import { fp16FmaBaselineArray } from '../../../src/pe/mixpe/baseline-fp16-fma-array.ts';
import { fmaArrayCosimSpec } from '../../../src/pe/mixpe/baseline-fp16-fma-array-cosim.ts';
import { lintAll, readRtlDir } from '../../../src/lint/lint-rtl.ts';
import { cosim, emit } from '../../lib/cosim-harness.ts';

const portsOf = (def: ReturnType<typeof mixpeArray>): string[] => def.ir.ports.map((q) => `${q.dir} ${q.name} ${q.protocol}`);

describe('FP16-FMA baseline (dequantize each weight first) W4A16 array', () => {
  const cases = [
    { weightSigned: false, outputFormat: 'FP16' as const, seed: 31, rows: 2, cols: 3, random: 4, tiles: 2 },
    // Kept small (CI time): INT4 weights (no z) and the FP32 output path.
    { weightSigned: true, outputFormat: 'FP32' as const, seed: 32, rows: 1, cols: 2, random: 2, tiles: 1 },
  ];
  for (const c of cases) {
    it(`equals fp16FmaGemmTile with ${c.weightSigned ? 'INT4' : 'UINT4 + zero point'} weights, ${c.outputFormat} output, ${c.rows}x${c.cols}, G = 32, K = 64 (both simulators)`, async () => {
      const p = mixpeParams({ activation: 'FP16', rows: c.rows, cols: c.cols, G: 32, K: 64, weightSigned: c.weightSigned, outputFormat: c.outputFormat });
      const top = fp16FmaBaselineArray(p);
      expect(portsOf(top)).toEqual(portsOf(mixpeArray(p, { pe: fpPe })));
      const spec = fmaArrayCosimSpec(p, { random: c.random, tiles: c.tiles, seed: c.seed });
      const r = await cosim(top, spec, { seed: c.seed });
      expect(r.failed, r.report).toBe(0);
      expect(r.passed).toBe(2 * (spec.corners!.length + c.random));
    });
  }

  it('lints clean (Verilator -Wall, Icarus, Yosys) with one dequantizer per column', async () => {
    const e = emit(fp16FmaBaselineArray(mixpeParams({ activation: 'FP16', rows: 3, cols: 2, G: 32, K: 64, outputRound: 'FLOOR' })), 'fma-array');
    const column = [...e.text].find(([f]) => f.startsWith('baseline_fma_column_'))![1];
    expect(column.match(/^  baseline_pe_fp16_fma pe_\d+ \(/gm)).toHaveLength(3);
    expect(column.match(/^  baseline_fp16_dequant_\w+ dq \(/gm)).toHaveLength(1);
    const results = await lintAll(readRtlDir(e.dir));
    for (const r of results) expect(r.ok, `${r.tool}:\n${r.output}`).toBe(true);
  });

  it('rejects INT8/BF16 activations and non-FP16 scales', () => {
    expect(() => fp16FmaBaselineArray(mixpeParams({ rows: 2, cols: 2, G: 32, K: 32 }))).toThrow(/activation INT8 is not supported/);
    expect(() => fp16FmaBaselineArray(mixpeParams({ activation: 'BF16', rows: 2, cols: 2, G: 32, K: 32 }))).toThrow(/activation BF16 is not supported/);
    expect(() => fp16FmaBaselineArray(mixpeParams({ activation: 'FP16', scaleFormat: 'BF16', rows: 2, cols: 2, G: 32, K: 32 }))).toThrow(/scaleFormat BF16 is not supported/);
  });
});
