/**
 * Multiplier-adder tree: register placement, lint-clean RTL, cosim bit for bit on Verilator and
 * Icarus against the exact GEMM with bubbles and backpressure (INT4/INT8, signed, unsigned, mixed).
 */
import { describe, expect, it } from 'vitest';
import { tpeCosimSpec } from '../../../src/pe/tpe/cosim-spec.ts';
import { tpeParams, type TpeParams } from '../../../src/pe/tpe/params.ts';
import { bitWeightSumWidth, registerPlacement, tpeMulTree } from '../../../src/pe/tpe/rtl-mul-tree.ts';
import { emitAndCheck } from './tpe-harness.ts';

describe('bitWeightSumWidth', () => {
  it('W + 2 + ceil(log2 k): k · 2^W (the largest |d · b|, d = −2, b = −2^(W−1)) fits signed', () => {
    const p = tpeParams('mul-tree', 'opt', { k: 16, W: 8 });
    expect(bitWeightSumWidth(p)).toBe(14);
    expect(16n * 256n).toBeLessThan(1n << 13n);
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
];

describe('tpeMulTree baseline and OPT2', () => {
  for (const c of CONFIGS) {
    it(`cosim ${c.form} K${c.k} x N${c.n}, m=${c.m}, W=${c.W}, ${c.stages} stages ${c.recoder ?? ''} ${c.tree ?? ''} ${c.edgeCpa ?? ''}: Verilator + Icarus, bit for bit`, async () => {
      const p = tpeParams('mul-tree', c.form!, c);
      const spec = tpeCosimSpec(p, { count: 150 });
      const { cosim, lint } = await emitAndCheck(tpeMulTree(p), spec);
      for (const l of lint) expect(l.ok, `${l.tool}: ${l.output}`).toBe(true);
      expect(cosim.failed, cosim.report).toBe(0);
      expect(cosim.passed).toBe(2 * 157);
    }, 300_000);
  }
});
