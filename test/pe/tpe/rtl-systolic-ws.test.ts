/**
 * Systolic WS array: lint-clean RTL, cosim bit for bit on Verilator and Icarus against the exact
 * GEMM with random bubbles and backpressure (INT4 and INT8, signed, unsigned, mixed, both forms),
 * the documented latency, and named, located parameter errors identical to the golden model's.
 */
import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import { tpeCosimSpec } from '../../../src/pe/tpe/cosim-spec.ts';
import { tpeGemm } from '../../../src/pe/tpe/golden.ts';
import { tpeParams, type TpeParams } from '../../../src/pe/tpe/params.ts';
import { systolicWsLatency, tpeSystolicWs } from '../../../src/pe/tpe/rtl-systolic-ws.ts';
import { emitAndCheck, thrown } from './tpe-harness.ts';

const CONFIGS: Partial<TpeParams>[] = [
  { form: 'baseline', m: 3, k: 2, n: 2, W: 4 },
  { form: 'baseline', m: 2, k: 3, n: 2, W: 8, aSigned: false, bSigned: true, edgeCpa: 'ripple' },
  { form: 'opt', m: 3, k: 2, n: 2, W: 4, aSigned: false, bSigned: false, tree: 'wallace', edgeCpa: 'kogge-stone' },
  { form: 'opt', m: 2, k: 2, n: 3, W: 8, accW: 20, recoder: 'ent', compress42: true, signExt: 'eliminated', edgeCpa: 'brent-kung' },
];

describe('tpeSystolicWs baseline and OPT1', () => {
  for (const c of CONFIGS) {
    it(`cosim ${c.form} k${c.k}xn${c.n} m=${c.m} W=${c.W} A ${c.aSigned === false ? 'u' : 's'} B ${c.bSigned === false ? 'u' : 's'} ${c.recoder ?? ''} ${c.tree ?? ''} ${c.edgeCpa ?? ''}: Verilator + Icarus, bit for bit`, async () => {
      const p = tpeParams('systolic-ws', c.form!, c);
      const spec = tpeCosimSpec(p, { count: 60 });
      const { cosim, lint } = await emitAndCheck(tpeSystolicWs(p), spec);
      for (const l of lint) expect(l.ok, `${l.tool}: ${l.output}`).toBe(true);
      expect(cosim.failed, cosim.report).toBe(0);
      expect(cosim.runs.map((r) => r.sim).sort()).toEqual(['icarus', 'verilator']);
      expect(cosim.vectors).toBe(67);
      expect(cosim.passed).toBe(2 * 67);
      // Bubbles and stalls stretch the run beyond the no-stall minimum (m rows per transaction).
      for (const r of cosim.runs) expect(r.cycles).toBeGreaterThan(67 * p.m + systolicWsLatency(p));
    }, 300_000);
  }
});

describe('tpeSystolicWs datasheet and errors', () => {
  it('latency k + n, and the doc states the transaction shape', () => {
    const p = tpeParams('systolic-ws', 'opt', { m: 4, k: 3, n: 5, W: 4 });
    expect(systolicWsLatency(p)).toBe(8);
    expect(tpeSystolicWs(p).ir.doc ?? '').toMatch(/4 input beats \(A row; B on the first\), 4 output beats \(C row\); latency 8 cycles/);
  });
  it('a bad parameter is a LowbitError at the caller with the golden model\'s message', () => {
    const p = { ...tpeParams('systolic-ws', 'opt', { m: 2, k: 2, n: 2, W: 4 }), accW: 8 };
    const gen = thrown(() => tpeSystolicWs(p)); // this line is the location
    const gold = thrown(() => tpeGemm([[0n, 0n], [0n, 0n]], [[0n, 0n], [0n, 0n]], p));
    expect(gen).toBeInstanceOf(LowbitError);
    const d = (gen as LowbitError).diagnostics[0]!;
    expect(d.message).toBe('tpe systolic-ws: parameter accW must be 0 (the minimum) or an integer from 9 (the exact minimum 2W + ceil(log2 k)) to 128, got 8');
    expect(d.message).toBe((gold as LowbitError).diagnostics[0]!.message);
    expect(d.loc?.file).toMatch(/rtl-systolic-ws\.test\.ts$/);
  });
  it('a different architecture is refused', () => {
    expect(() => tpeSystolicWs(tpeParams('systolic-os', 'baseline', { m: 2, k: 2, n: 2 }))).toThrow(/builds arch systolic-ws, not systolic-os/);
  });
});
