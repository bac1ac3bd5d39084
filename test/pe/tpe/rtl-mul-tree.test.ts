/**
 * Multiplier-adder tree: register placement, lint-clean RTL, cosim bit for bit on Verilator and
 * Icarus against the exact GEMM with bubbles and backpressure (INT4/INT8, signed, unsigned, mixed).
 */
import { describe, expect, it } from 'vitest';
import { tpeCosimSpec } from '../../../src/pe/tpe/cosim-spec.ts';
import { tpeParams, type TpeParams } from '../../../src/pe/tpe/params.ts';
import { registerPlacement, tpeMulTree } from '../../../src/pe/tpe/rtl-mul-tree.ts';
import { emitAndCheck } from './tpe-harness.ts';

describe('registerPlacement', () => {
  it('spreads the stages evenly over the logic levels and always places them all', () => {
    expect(registerPlacement(3, 3)).toEqual([1, 1, 1]);
    expect(registerPlacement(3, 1)).toEqual([0, 0, 1]);
    expect(registerPlacement(5, 7)).toEqual([1, 1, 2, 1, 2]);
    expect(registerPlacement(2, 5)).toEqual([2, 3]);
    for (let levels = 1; levels < 8; levels++) for (let s = 1; s < 17; s++) expect(registerPlacement(levels, s).reduce((a, b) => a + b, 0)).toBe(s);
  });
});

const CONFIGS: Partial<TpeParams>[] = [
  { m: 3, k: 4, n: 3, W: 8, stages: 3 },
  { m: 2, k: 4, n: 3, W: 4, aSigned: false, bSigned: false, stages: 1 },
  { m: 1, k: 3, n: 2, W: 8, aSigned: true, bSigned: false, stages: 5 },
];

describe('tpeMulTree baseline', () => {
  for (const c of CONFIGS) {
    it(`cosim K${c.k} x N${c.n}, m=${c.m}, W=${c.W}, ${c.stages} stages: Verilator + Icarus, bit for bit`, async () => {
      const p = tpeParams('mul-tree', 'baseline', c);
      const spec = tpeCosimSpec(p, { count: 150 });
      const { cosim, lint } = await emitAndCheck(tpeMulTree(p), spec);
      for (const l of lint) expect(l.ok, `${l.tool}: ${l.output}`).toBe(true);
      expect(cosim.failed, cosim.report).toBe(0);
      expect(cosim.passed).toBe(2 * 157);
    }, 300_000);
  }
});
