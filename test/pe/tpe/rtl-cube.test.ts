/**
 * 3D-Cube: lint-clean RTL, cosim bit for bit on Verilator and Icarus against the exact GEMM with
 * random bubbles and backpressure (cube 2 and, for OPT1's carry-save chain over three hops, 3;
 * INT4 and INT8, signed, unsigned, mixed, both forms), the documented latency, and named, located
 * parameter errors.
 */
import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import { tpeCosimSpec } from '../../../src/pe/tpe/cosim-spec.ts';
import { tpeParams, type TpeParams } from '../../../src/pe/tpe/params.ts';
import { cubeLatency, tpeCube } from '../../../src/pe/tpe/rtl-cube.ts';
import { emitAndCheck, thrown } from './tpe-harness.ts';

const CONFIGS: Partial<TpeParams>[] = [
  { form: 'baseline', n: 2, W: 8, edgeCpa: 'ripple' },
  { form: 'baseline', n: 2, W: 4, aSigned: false, bSigned: false },
  { form: 'opt', n: 2, W: 8, aSigned: false, bSigned: true, compress42: true, edgeCpa: 'sklansky' },
  { form: 'opt', n: 3, W: 4, recoder: 'ent', tree: 'wallace', signExt: 'eliminated', accW: 12 },
];

describe('tpeCube baseline and OPT1', () => {
  for (const c of CONFIGS) {
    it(`cosim ${c.form} cube ${c.n} W=${c.W} A ${c.aSigned === false ? 'u' : 's'} B ${c.bSigned === false ? 'u' : 's'} ${c.recoder ?? ''} ${c.tree ?? ''} ${c.edgeCpa ?? ''}: Verilator + Icarus, bit for bit`, async () => {
      const p = tpeParams('cube', c.form!, { ...c, m: c.n, k: c.n });
      const spec = tpeCosimSpec(p, { count: 60 });
      const { cosim, lint } = await emitAndCheck(tpeCube(p), spec);
      for (const l of lint) expect(l.ok, `${l.tool}: ${l.output}`).toBe(true);
      expect(cosim.failed, cosim.report).toBe(0);
      expect(cosim.runs.map((r) => r.sim).sort()).toEqual(['icarus', 'verilator']);
      expect(cosim.vectors).toBe(67);
      expect(cosim.passed).toBe(2 * 67);
      // Bubbles and stalls stretch the run beyond the no-stall minimum of one GEMM per cycle.
      for (const r of cosim.runs) expect(r.cycles).toBeGreaterThan(67 + cubeLatency(p));
    }, 300_000);
  }
});

describe('tpeCube datasheet and errors', () => {
  it('latency 3n − 2, and the doc states the transaction shape', () => {
    const p = tpeParams('cube', 'baseline', { m: 4, k: 4, n: 4, W: 4 });
    expect(cubeLatency(p)).toBe(10);
    expect(tpeCube(p).ir.doc ?? '').toMatch(/1 input beat \(A, B row-major\), 1 output beat \(C row-major\); latency 10 cycles/);
  });
  it('a cube that is not n × n × n is a located error naming the parameters', () => {
    const p = { ...tpeParams('cube', 'opt', { m: 2, k: 2, n: 2, W: 4 }), k: 3 };
    const gen = thrown(() => tpeCube(p)); // this line is the location
    expect(gen).toBeInstanceOf(LowbitError);
    const d = (gen as LowbitError).diagnostics[0]!;
    expect(d.message).toBe('tpe cube: parameter m, k, n must be equal (an N×N×N cube), got 2, 3, 2');
    expect(d.loc?.file).toMatch(/rtl-cube\.test\.ts$/);
  });
  it('a different architecture is refused', () => {
    expect(() => tpeCube(tpeParams('systolic-ws', 'baseline', { m: 2, k: 2, n: 2 }))).toThrow(/builds arch cube, not systolic-ws/);
  });
});
