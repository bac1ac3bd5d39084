/**
 * Multiplier-adder tree: register placement, lint-clean RTL, cosim bit for bit on Verilator and
 * Icarus against the exact GEMM with bubbles and backpressure (INT4/INT8, signed, unsigned, mixed).
 */
import { describe, expect, it } from 'vitest';
import { tpeCosimSpec } from '../../../src/pe/tpe/cosim-spec.ts';
import { tpeParams, type TpeParams } from '../../../src/pe/tpe/params.ts';
import { bitWeightSumWidth, daddaLevels, laneGroups, registerPlacement, tpeMulTree } from '../../../src/pe/tpe/rtl-mul-tree.ts';
import { emitAndCheck } from './tpe-harness.ts';

describe('bitWeightSumWidth', () => {
  it('W + 2 + ceil(log2 k): k · 2^W (the largest |d · b|, d = −2, b = −2^(W−1)) fits signed', () => {
    const p = tpeParams('mul-tree', 'opt', { k: 16, W: 8 });
    expect(bitWeightSumWidth(p)).toBe(14);
    expect(16n * 256n).toBeLessThan(1n << 13n);
  });
});

describe('laneGroups', () => {
  it('balances the weight heaps against the root heap: 1 group up to k = 8 at W = 8, 2 at k = 16', () => {
    const g = (k: number, W = 8) => laneGroups(tpeParams('mul-tree', 'opt', { k, W }));
    expect([2, 4, 8, 16].map((k) => g(k))).toEqual([1, 1, 1, 2]);
    expect(g(8, 4)).toBe(2);
    expect([2, 3, 4, 5, 7, 9, 10, 13, 14, 19, 20].map(daddaLevels)).toEqual([0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 7]);
  });
});

describe('registerPlacement', () => {
  it('one register per level, the surplus after the last; fewer stages spread evenly; always all placed', () => {
    expect(registerPlacement(3, 3)).toEqual([1, 1, 1]);
    expect(registerPlacement(3, 1)).toEqual([0, 0, 1]);
    expect(registerPlacement(4, 2)).toEqual([0, 1, 0, 1]);
    expect(registerPlacement(5, 7)).toEqual([1, 1, 1, 1, 3]);
    expect(registerPlacement(2, 5)).toEqual([1, 4]);
    for (let levels = 1; levels < 8; levels++) for (let s = 1; s < 17; s++) expect(registerPlacement(levels, s).reduce((a, b) => a + b, 0)).toBe(s);
  });
});

const CONFIGS: Partial<TpeParams>[] = [
  { form: 'baseline', m: 3, k: 4, n: 3, W: 8, stages: 3 },
  { form: 'baseline', m: 2, k: 4, n: 3, W: 4, aSigned: false, bSigned: false, stages: 1, edgeCpa: 'ripple' },
  { form: 'baseline', m: 1, k: 3, n: 2, W: 8, aSigned: true, bSigned: false, stages: 5 },
  { form: 'opt', m: 3, k: 4, n: 3, W: 8, stages: 3 },
  { form: 'opt', m: 2, k: 4, n: 3, W: 4, aSigned: false, bSigned: false, stages: 1, tree: 'wallace', edgeCpa: 'kogge-stone' },
  { form: 'opt', m: 2, k: 3, n: 2, W: 8, aSigned: true, bSigned: false, stages: 5, recoder: 'booth', compress42: true, signExt: 'eliminated', edgeCpa: 'brent-kung' },
  // Two lane groups per weight heap (laneGroups = 2 at k = 8, W = 4), sign extension eliminated
  // (the bench's OPT2 configuration), 3 surplus stages.
  { form: 'opt', m: 2, k: 8, n: 2, W: 4, aSigned: true, bSigned: false, stages: 7, signExt: 'eliminated' },
];

describe('tpeMulTree baseline and OPT2', () => {
  for (const c of CONFIGS) {
    it(`cosim ${c.form} K${c.k} x N${c.n}, m=${c.m}, W=${c.W}, ${c.stages} stages ${c.recoder ?? ''} ${c.tree ?? ''} ${c.edgeCpa ?? ''}: Verilator + Icarus, bit for bit`, async () => {
      const p = tpeParams('mul-tree', c.form!, c);
      // The two-group configurations (k = 8) add 40 random GEMMs to the corners: CI time.
      const count = c.k === 8 ? 40 : 150;
      const spec = tpeCosimSpec(p, { count });
      const { cosim, lint } = await emitAndCheck(tpeMulTree(p), spec);
      for (const l of lint) expect(l.ok, `${l.tool}: ${l.output}`).toBe(true);
      expect(cosim.failed, cosim.report).toBe(0);
      expect(cosim.passed).toBe(2 * (count + 7));
    }, 300_000);
  }
});
