/**
 * BitMoD column stage (src/pe/bitmod/rtl-column.ts) on its own: lint-clean for each collector
 * (EXACT_WIDE, FP32_RNE), one and several rows, PROPAGATE and ASSUME_FINITE; its ports are the
 * ones the array wires (terms per lane, one Δ bit, one result per row). Its behaviour is checked
 * bit for bit inside the array (rtl-array.test.ts, rtl-pe.test.ts, rtl-array-datasheet.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { bitmodParams } from '../../../src/pe/bitmod/params.ts';
import { bitmodColumn, bitmodColumnName } from '../../../src/pe/bitmod/rtl-column.ts';
import { emitToTemp, lintFailures } from '../../lib/rtl-harness.ts';

describe('BitMoD column stage', () => {
  const cases = [
    bitmodParams({ rows: 3, G: 32, K: 64 }),
    bitmodParams({ rows: 1, G: 32, K: 64, weightTypes: ['INT8', 'FP3'], crossGroupAcc: 'FP32_RNE', specialPolicy: 'ASSUME_FINITE', outputFormat: 'FP32' }),
  ];
  it('is lint-clean (Verilator -Wall, Icarus, Yosys) for both collectors', async () => {
    for (const p of cases) {
      const bad = await lintFailures(emitToTemp(bitmodColumn(p), 'bitmod-col'));
      expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
    }
  });
  it('has the ports the array wires: terms per lane, the Δ bit, one result per row', () => {
    const names = (i: number) => bitmodColumn(cases[i]!).ir.ports.map((x) => x.name);
    const a = names(0);
    for (const n of ['t_s0', 't_e3', 't_m2', 'w_neg1', 'w_zero0', 'dq_bit', 'y_r0', 'y_r2', 'g_m_r2', 'g_nan_r0', 'col_row', 'sv3']) expect(a).toContain(n);
    const b = names(1);
    for (const n of ['mode', 'y_r0', 'g_e_r0']) expect(b).toContain(n);
    for (const n of ['w_neg0', 'g_nan_r0', 'col_row', 'y_r1']) expect(b).not.toContain(n);
    expect(bitmodColumnName(cases[1]!)).toMatch(/_f32_fp32$/);
  });
});
