/**
 * BitMoD array RTL (src/pe/bitmod/rtl-array.ts): whole GEMM tiles on 2×2 (EXACT_WIDE) and 4×4
 * (BF16 activations, accW + scaleBits = 26 > 24, FP32_RNE cross-group accumulation through FP32 subnormals, ties and
 * overflow to ±Inf/NaN, FP32 output) arrays under random input bubbles and output backpressure,
 * every output equal to level b of its PE, on Verilator and Icarus; the row stage lint-clean.
 */
import { describe, expect, it } from 'vitest';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimTarget } from '../../../src/cosim/types.ts';
import { Prng } from '../../../src/util/prng.ts';
import { bitmodParams, type BitmodParams } from '../../../src/pe/bitmod/params.ts';
import { bitmodArray, bitmodRowStage } from '../../../src/pe/bitmod/rtl-array.ts';
import { bitmodArrayGolden, tileBeats, tilePe } from '../../../src/pe/bitmod/rtl-cosim.ts';
import { fp32Events, fp32RangeTile, randomTile } from '../../../src/pe/bitmod/vectors.ts';
import { emitToTemp, lintFailures, streamTarget } from '../../lib/rtl-harness.ts';

const GROUPS = 2;
function target(p: BitmodParams, prefix: string): CosimTarget & { rtl: ReturnType<typeof emitToTemp> } {
  const rtl = emitToTemp(bitmodArray(p), prefix);
  return { rtl, ...streamTarget(rtl, GROUPS * (p.G / p.L)) };
}

describe('BitMoD array RTL', () => {
  const cases = [
    { name: '2x2-fp4-int8', p: bitmodParams({ rows: 2, cols: 2, G: 32, K: 64, weightTypes: ['FP4', 'INT8'] }), n: 24, icarus: 24 },
    { name: '4x4-fp3-bf16-f32acc', p: bitmodParams({ rows: 4, cols: 4, G: 32, K: 64, weightTypes: ['FP3'], activation: 'BF16', gb: 8, accW: 18, crossGroupAcc: 'FP32_RNE', outputFormat: 'FP32' }), n: 8, icarus: 3 },
  ];
  /** Tiles of case c: random, and for BF16 FP32_RNE alternately FP32 range corners (subnormal, overflowing group sums). */
  const tileOf = (g: Prng, c: (typeof cases)[number], i: number) => {
    const wt = c.p.weightTypes[i % c.p.weightTypes.length]!;
    if (c.p.activation === 'BF16' && i % 2 === 0) return fp32RangeTile(g, c.p, wt);
    return randomTile(g, c.p, wt, { groups: GROUPS, specials: 0.005, expRange: c.p.activation === 'BF16' ? [100, 140] : [8, 22] });
  };
  for (const c of cases) {
    describe(c.name, () => {
      const t = target(c.p, `bitmod-array-${c.name}`);
      const golden = bitmodArrayGolden(c.p);
      const g = new Prng(c.p.rows * 31);
      const tiles = Array.from({ length: c.n }, (_, i) => tileOf(g, c, i));
      const vecs = tiles.map((t) => tileBeats(c.p, t));
      if (c.p.crossGroupAcc === 'FP32_RNE') {
        it('the tiles reach FP32 rounding ties, subnormal and overflowing group sums, ±Inf and NaN sums', () => {
          const ev = tiles.flatMap((t) => Array.from({ length: c.p.rows * c.p.cols }, (_, k) => fp32Events(c.p, tilePe(t, Math.floor(k / c.p.cols), k % c.p.cols))));
          const n = (f: (e: (typeof ev)[number]) => number | boolean) => ev.reduce((a, e) => a + Number(f(e)), 0);
          expect({ ties: n((e) => e.ties) >= 3, subnormal: n((e) => e.subnormal) >= 4, overflow: n((e) => e.overflow) >= 10, sumSub: n((e) => e.sumSubnormal) >= 2, sumInf: n((e) => e.sumInf) >= 3, sumNan: n((e) => e.sumNan) >= 1 }).toEqual({ ties: true, subnormal: true, overflow: true, sumSub: true, sumInf: true, sumNan: true });
        });
      }
      it('is lint-clean', async () => {
        const bad = await lintFailures(t.rtl);
        expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
      });
      it('tiles equal level b under bubbles and backpressure (Verilator)', async () => {
        const r = await runCosim({ target: t, golden, vectors: vecs, sim: 'verilator', seed: 5, backpressure: { bubble: 0.3, stall: 0.4 } });
        expect(r.failed, formatCosimReport(r)).toBe(0);
        expect(r.passed).toBe(vecs.length);
      });
      it(`tiles equal level b under bubbles and backpressure (Icarus, ${c.icarus} tiles)`, async () => {
        const sub = vecs.slice(0, c.icarus);
        const r = await runCosim({ target: t, golden, vectors: sub, sim: 'icarus', seed: 6, backpressure: { bubble: 0.3, stall: 0.4 } });
        expect(r.failed, formatCosimReport(r)).toBe(0);
        expect(r.passed).toBe(sub.length);
      });
    });
  }
  it('the row stage is lint-clean on its own (FP16 PROPAGATE, BF16 ASSUME_FINITE)', async () => {
    for (const p of [bitmodParams({ G: 32, K: 64 }), bitmodParams({ G: 32, K: 64, activation: 'BF16', specialPolicy: 'ASSUME_FINITE' })]) {
      const bad = await lintFailures(emitToTemp(bitmodRowStage(p), 'bitmod-row'));
      expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
    }
  });
});
