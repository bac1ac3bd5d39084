/**
 * BitMoD array RTL (src/pe/bitmod/rtl-array.ts): whole GEMM tiles on 2×2 and 4×4 arrays under
 * random input bubbles and output backpressure, every output equal to level b of its PE, on
 * Verilator and Icarus.
 */
import { describe, expect, it } from 'vitest';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimTarget } from '../../../src/cosim/types.ts';
import { Prng } from '../../../src/util/prng.ts';
import { bitmodParams, type BitmodParams } from '../../../src/pe/bitmod/params.ts';
import { bitmodArray } from '../../../src/pe/bitmod/rtl-array.ts';
import { bitmodArrayGolden, tileBeats } from '../../../src/pe/bitmod/rtl-cosim.ts';
import { randomTile } from '../../../src/pe/bitmod/vectors.ts';
import { emitToTemp, lintFailures, streamTarget } from '../../lib/rtl-harness.ts';

const GROUPS = 2;
function target(p: BitmodParams, prefix: string): CosimTarget & { rtl: ReturnType<typeof emitToTemp> } {
  const rtl = emitToTemp(bitmodArray(p), prefix);
  return { rtl, ...streamTarget(rtl, GROUPS * (p.G / p.L)) };
}

describe('BitMoD array RTL', () => {
  const cases = [
    { name: '2x2-fp4-int8', p: bitmodParams({ rows: 2, cols: 2, G: 32, K: 64, weightTypes: ['FP4', 'INT8'] }), n: 24, sim: 'both' as const },
    { name: '4x4-fp3', p: bitmodParams({ rows: 4, cols: 4, G: 32, K: 64, weightTypes: ['FP3'] }), n: 6, sim: 'verilator' as const },
  ];
  for (const c of cases) {
    describe(c.name, () => {
      const t = target(c.p, `bitmod-array-${c.name}`);
      const golden = bitmodArrayGolden(c.p);
      const g = new Prng(c.p.rows * 31);
      const vecs = Array.from({ length: c.n }, (_, i) => tileBeats(c.p, randomTile(g, c.p, c.p.weightTypes[i % c.p.weightTypes.length]!, { groups: GROUPS, specials: 0.005, expRange: [8, 22] })));
      it('is lint-clean', async () => {
        const bad = await lintFailures(t.rtl);
        expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
      });
      it(`tiles equal level b under bubbles and backpressure (${c.sim})`, async () => {
        const r = await runCosim({ target: t, golden, vectors: vecs, sim: c.sim, seed: 5, backpressure: { bubble: 0.3, stall: 0.4 } });
        expect(r.failed, formatCosimReport(r)).toBe(0);
        expect(r.passed).toBe((c.sim === 'both' ? 2 : 1) * vecs.length);
      });
    });
  }
});
