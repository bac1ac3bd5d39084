/**
 * Systolic OS array: lint-clean RTL, cosim bit for bit on Verilator and Icarus against the exact
 * GEMM with random bubbles and backpressure (INT4 and INT8, signed, unsigned, mixed), and named,
 * located parameter errors identical to the golden model's.
 */
import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import { tpeCosimSpec } from '../../../src/pe/tpe/cosim-spec.ts';
import { tpeGemm } from '../../../src/pe/tpe/golden.ts';
import { tpeParams, type TpeParams } from '../../../src/pe/tpe/params.ts';
import { tpeSystolicOs } from '../../../src/pe/tpe/rtl-systolic-os.ts';
import { emitAndCheck, thrown } from './tpe-harness.ts';

const CONFIGS: Partial<TpeParams>[] = [
  { form: 'baseline', m: 2, n: 2, k: 3, W: 4 },
  { form: 'baseline', m: 3, n: 4, k: 2, W: 8, aSigned: false, bSigned: false, edgeCpa: 'ripple' },
  { form: 'baseline', m: 3, n: 4, k: 3, W: 8, aSigned: false, bSigned: true, accW: 24 },
  { form: 'opt', m: 2, n: 2, k: 3, W: 4 },
  { form: 'opt', m: 3, n: 4, k: 2, W: 8, aSigned: false, bSigned: false, recoder: 'ent', tree: 'wallace', edgeCpa: 'kogge-stone' },
  { form: 'opt', m: 3, n: 4, k: 3, W: 8, aSigned: false, bSigned: true, accW: 24, compress42: true, signExt: 'eliminated', edgeCpa: 'sklansky' },
  { form: 'opt', m: 2, n: 3, k: 2, W: 8, recoder: 'ent', signExt: 'eliminated', edgeCpa: 'brent-kung' },
];

describe('tpeSystolicOs baseline and OPT1', () => {
  for (const c of CONFIGS) {
    it(`cosim ${c.form} ${c.m}x${c.n} k=${c.k} W=${c.W} A ${c.aSigned === false ? 'u' : 's'} B ${c.bSigned === false ? 'u' : 's'} ${c.recoder ?? ''} ${c.tree ?? ''} ${c.edgeCpa ?? ''}: Verilator + Icarus, bit for bit`, async () => {
      const p = tpeParams('systolic-os', c.form!, c);
      const spec = tpeCosimSpec(p, { count: 150 });
      const { cosim, lint } = await emitAndCheck(tpeSystolicOs(p), spec);
      for (const l of lint) expect(l.ok, `${l.tool}: ${l.output}`).toBe(true);
      expect(cosim.failed, cosim.report).toBe(0);
      expect(cosim.runs.map((r) => r.sim).sort()).toEqual(['icarus', 'verilator']);
      expect(cosim.vectors).toBe(157);
      expect(cosim.passed).toBe(2 * 157);
      // Bubbles and stalls stretch the run beyond the no-stall minimum per transaction.
      const minimum = 157 * (p.k + p.m + p.n - 2 + p.n);
      for (const r of cosim.runs) expect(r.cycles).toBeGreaterThan(minimum);
    }, 300_000);
  }
});

describe('tpeSystolicOs parameter errors', () => {
  it('a bad parameter is a LowbitError at the caller with the golden model\'s message', () => {
    const p = { ...tpeParams('systolic-os', 'baseline', { m: 2, n: 2, k: 2 }), W: 7 };
    const gen = thrown(() => tpeSystolicOs(p)); // this line is the location
    const gold = thrown(() => tpeGemm([[0n, 0n], [0n, 0n]], [[0n, 0n], [0n, 0n]], p));
    expect(gen).toBeInstanceOf(LowbitError);
    const d = (gen as LowbitError).diagnostics[0]!;
    expect(d.message).toBe('tpe systolic-os: parameter W must be an even integer from 2 to 16, got 7');
    expect(d.message).toBe((gold as LowbitError).diagnostics[0]!.message);
    expect(d.loc?.file).toMatch(/rtl-systolic-os\.test\.ts$/);
    expect(d.loc?.line).toBeGreaterThan(40);
  });
  it('a different architecture is refused', () => {
    expect(() => tpeSystolicOs(tpeParams('cube', 'baseline', { m: 2, k: 2, n: 2 }))).toThrow(/builds arch systolic-os, not cube/);
  });
});
