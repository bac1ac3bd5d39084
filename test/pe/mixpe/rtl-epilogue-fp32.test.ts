/**
 * The FP32_RNE epilogue (src/pe/mixpe/rtl-epilogue-fp32.ts) in the MixPE array, against level b
 * `gemmTile` on both simulators: INT8 activations (exact t and u, FP32 v and Y) and BF16
 * activations (the FP32_RNE PE of rtl-pe-fp.ts: P_g and R_g as FP32 codes, subnormal and
 * overflowing sums included, then t, u, v, Y each rounded; the FP16 PE shares the epilogue and
 * is cosimulated on its own in rtl-pe-fp.test.ts, linted in the array here), with FP16, BF16 and FP32 scales (FP32 subnormal and overflowing products), every
 * output format and rounding tested elsewhere picked across the configurations; the BF16 case
 * uses the BIT_SERIAL dequantization unit (significand product formed bit-serially, then rounded). Tiles: the
 * named spec corners, realistic seeded tiles, special activations, uniformly random beats.
 */
import { describe, expect, it } from 'vitest';
import { mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { fpPe } from '../../../src/pe/mixpe/rtl-pe-fp.ts';
import { arrayCosimSpec, inputsToBeats } from '../../../src/pe/mixpe/rtl-cosim.ts';
import { randomInputs } from '../../../src/pe/mixpe/vectors.ts';
import { lintAll, readRtlDir } from '../../../src/lint/lint-rtl.ts';
import { cosim, emit } from '../../lib/cosim-harness.ts';

const CASES: readonly Partial<MixpeParams>[] = [
  { rows: 2, cols: 3, epilogues: 1, scaleFormat: 'FP32', actScaleFormat: 'BF16', outputFormat: 'FP32', outputRound: 'FLOOR' },
  { rows: 1, cols: 2, activation: 'BF16', scaleFormat: 'BF16', outputFormat: 'FP32', outputOverflow: 'SATURATE', dequantUnit: 'BIT_SERIAL' },
];

describe('MixPE array, accMode = FP32_RNE', () => {
  for (const c of CASES) {
    it(`equals level b bit for bit: ${JSON.stringify(c)} (both simulators)`, async () => {
      const p = mixpeParams({ G: 32, K: 64, accMode: 'FP32_RNE', ...c });
      const spec = arrayCosimSpec(p, { random: 4, tiles: 2, seed: 21 });
      const extra = p.activation === 'INT8' ? [] : [1, 2].map((s) => inputsToBeats(randomInputs(p, { seed: 70 + s, specials: 0.05 }), p));
      const corners = [...spec.corners!, ...extra];
      const r = await cosim(mixpeArray(p, p.activation === 'INT8' ? {} : { pe: fpPe }), { ...spec, corners }, { seed: 4 });
      expect(r.failed, r.report).toBe(0);
      expect(r.passed).toBe(2 * (corners.length + 4));
    });
  }

  it('lints clean (Verilator -Wall, Icarus, Yosys): FP16 activations, and INT8 with the BIT_SERIAL unit', async () => {
    const p = mixpeParams({ rows: 2, cols: 2, G: 32, K: 64, accMode: 'FP32_RNE', activation: 'FP16' });
    const e = emit(mixpeArray(p, { pe: fpPe }));
    for (const r of await lintAll(readRtlDir(e.dir))) expect(r.ok, `${r.tool}:\n${r.output}`).toBe(true);
    const q = mixpeParams({ rows: 2, cols: 3, G: 32, K: 64, accMode: 'FP32_RNE', dequantUnit: 'BIT_SERIAL', scaleFormat: 'BF16' });
    const f = emit(mixpeArray(q));
    for (const r of await lintAll(readRtlDir(f.dir))) expect(r.ok, `${r.tool}:\n${r.output}`).toBe(true);
  });
});
