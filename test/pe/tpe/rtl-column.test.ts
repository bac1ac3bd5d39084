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
  it('holds the dense worst case of the opt form and k + 2 of the baseline', () => {
    const p = tpeParams('column', 'baseline', { k: 32, n: 4 });
    // Dense opt worst case: 1 + D·k + 3 = 1 + 4·32 + 3 = 132 < 2^8.
    expect(columnCyclesWidth(p)).toBe(8);
    // W = 2, k = 1: 1 + 1 + 3 = 5 → 3 bits; k = 15: 1 + 15 + 3 = 19 > 1 + 15 + 1 → 5 bits.
    expect(columnCyclesWidth(tpeParams('column', 'baseline', { k: 1, n: 1, W: 2 }))).toBe(3);
    expect(columnCyclesWidth(tpeParams('column', 'baseline', { k: 15, n: 1, W: 2 }))).toBe(5);
  });
});

const CONFIGS: Partial<TpeParams>[] = [
  { form: 'baseline', k: 5, n: 4, W: 8 },
  { form: 'baseline', k: 3, n: 4, W: 4, aSigned: false, bSigned: false },
  { form: 'baseline', k: 4, n: 2, W: 8, aSigned: false, bSigned: true },
  // OPT3/OPT4: a partial last block (k = 5, block 2; k = 4, block 3), a single block (k = block = 4).
  { form: 'opt', k: 5, n: 2, W: 8, block: 2 },
  { form: 'opt', k: 4, n: 2, W: 4, aSigned: false, bSigned: false, block: 4, tree: 'wallace', edgeCpa: 'kogge-stone' },
  { form: 'opt', k: 4, n: 2, W: 8, aSigned: false, bSigned: true, block: 3, compress42: true, signExt: 'eliminated', edgeCpa: 'ripple' },
];

describe('tpeColumn baseline and OPT3/OPT4', () => {
  for (const c of CONFIGS) {
    it(`cosim ${c.form} N${c.n}, k=${c.k}, W=${c.W}, block ${c.block ?? '-'}: results and cycle count, Verilator + Icarus`, async () => {
      const p = tpeParams('column', c.form!, c);
      const count = c.form === 'opt' ? 60 : 150;
      const spec = tpeCosimSpec(p, { count });
      const { cosim, lint } = await emitAndCheck(tpeColumn(p), spec);
      for (const l of lint) expect(l.ok, `${l.tool}: ${l.output}`).toBe(true);
      expect(cosim.outputs.map((o) => o.name)).toEqual([...Array.from({ length: p.n }, (_, j) => `c_${j}`), 'cycles']);
      expect(cosim.failed, cosim.report).toBe(0);
      // 7 corners + 2 sparse column corners + the random transactions, on each simulator.
      expect(cosim.passed).toBe(2 * (9 + count));
    }, 300_000);
  }
});
