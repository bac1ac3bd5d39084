/**
 * 2D-matrix column: lint-clean RTL, cosim bit for bit on Verilator and Icarus against the exact
 * GEMM — including the `cycles` port against the golden model's prediction — with bubbles and
 * backpressure, INT4 and INT8, signed, unsigned and mixed.
 */
import { describe, expect, it } from 'vitest';
import { tpeCosimSpec } from '../../../src/pe/tpe/cosim-spec.ts';
import { tpeParams, type TpeParams } from '../../../src/pe/tpe/params.ts';
import { columnCyclesWidth, tpeColumn } from '../../../src/pe/tpe/rtl-column.ts';
import { emitAndCheck } from './tpe-harness.ts';

describe('columnCyclesWidth', () => {
  it('holds the dense worst case of the opt form and k + 1 of the baseline', () => {
    const p = tpeParams('column', 'baseline', { k: 32, n: 4 });
    // Bound used: 1 + D·(k + ceil(k/block) + 1) = 1 + 4·(32 + 8 + 1) = 165 < 2^8 (max(1, nz) ≤ nz + 1 per block).
    expect(columnCyclesWidth(p)).toBe(8);
    expect(columnCyclesWidth(tpeParams('column', 'baseline', { k: 1, n: 1, W: 2 }))).toBe(3);
  });
});

const CONFIGS: Partial<TpeParams>[] = [
  { k: 5, n: 4, W: 8 },
  { k: 3, n: 4, W: 4, aSigned: false, bSigned: false },
  { k: 4, n: 2, W: 8, aSigned: false, bSigned: true },
];

describe('tpeColumn baseline', () => {
  for (const c of CONFIGS) {
    it(`cosim N${c.n}, k=${c.k}, W=${c.W}: results and cycle count, Verilator + Icarus`, async () => {
      const p = tpeParams('column', 'baseline', c);
      const spec = tpeCosimSpec(p, { count: 150 });
      const { cosim, lint } = await emitAndCheck(tpeColumn(p), spec);
      for (const l of lint) expect(l.ok, `${l.tool}: ${l.output}`).toBe(true);
      expect(cosim.outputs.map((o) => o.name)).toEqual([...Array.from({ length: p.n }, (_, j) => `c_${j}`), 'cycles']);
      expect(cosim.failed, cosim.report).toBe(0);
      expect(cosim.passed).toBe(2 * 157);
    }, 300_000);
  }
});
