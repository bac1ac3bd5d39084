import { describe, expect, it } from 'vitest';
import { ROUND_MODES, rational, type Rational, type RoundMode } from '../../../src/golden/rounding.ts';
import { decode } from '../../../src/golden/float/decode.ts';
import { FP16 } from '../../../src/golden/float/format.ts';
import { toRational } from '../../../src/golden/float/value.ts';
import { dyadicFromDouble } from '../../../src/golden/float/dyadic.ts';
import { MIXTURES, decodeWeight } from '../../../src/pe/bitmod/datatypes.ts';
import {
  SCALE_MIN,
  channelScale,
  cmpR,
  quantizeGroupInt,
  quantizeMatrix,
  quantizeRow,
  quantizeToGrid,
  selectDatatype,
} from '../../../src/pe/bitmod/quantizer.ts';
import { Prng } from '../../../src/util/prng.ts';

/** Exact decimal literal → rational ("0.85" = 17/20). */
function dec(s: string): Rational {
  const neg = s.startsWith('-');
  const [i, f = ''] = s.replace('-', '').split('.');
  return rational(BigInt(i! + f) * (neg ? -1n : 1n), 10n ** BigInt(f.length));
}
const num = (r: Rational): number => Number(r.num) / Number(r.den);
const rel = (r: Rational, x: number, digits = 3): void => expect(num(r) / x).toBeCloseTo(1, digits);

describe('BitMoD quantizer (spec §3–4)', () => {
  it('test case 3: tie vectors on FP4_ER_POS / FP4_ER_NEG with TIES_DOWN', () => {
    const cases: [string, number][] = [['1.5', 1], ['-1.5', -2], ['9', 8], ['11', 10], ['0.5', 0], ['-0.5', -1]];
    for (const [x, q] of cases) expect(quantizeToGrid(dec(x), 'FP4_ER_POS')).toBe(q);
    expect(quantizeToGrid(dec('-11'), 'FP4_ER_NEG')).toBe(-12);
    // Saturation is implicit; non-ties round to nearest.
    expect(quantizeToGrid(dec('100'), 'FP4_ER_POS')).toBe(12);
    expect(quantizeToGrid(dec('-13'), 'FP4_EA_POS')).toBe(-12);
    expect(quantizeToGrid(dec('9.01'), 'FP4_ER_POS')).toBe(10);
  });

  it('tie parameterization (README R4 test 6): the same vectors under each directed tie rule', () => {
    const want: Partial<Record<RoundMode, number[]>> = {
      TIES_DOWN: [1, -2, 8, 10, 0, -1],
      TIES_UP: [2, -1, 10, 12, 1, 0],
      TIES_AWAY: [2, -2, 10, 12, 1, -1],
      TIES_ZERO: [1, -1, 8, 10, 0, 0],
    };
    for (const [mode, out] of Object.entries(want)) {
      expect(['1.5', '-1.5', '9', '11', '0.5', '-0.5'].map((x) => quantizeToGrid(dec(x), 'FP4_ER_POS', mode as RoundMode))).toEqual(out);
    }
    expect(() => quantizeToGrid(dec('1.5'), 'FP4_ER_POS', 'TIES_EVEN')).toThrow(/TIES_EVEN is not defined/);
    expect(ROUND_MODES).toContain('TIES_DOWN');
  });

  it('test case 4: the three worked examples of §3.2', () => {
    const ex: [string[], number, number[], number, Record<number, number>][] = [
      [['1.0', '0.85', '-0.2', '0.05'], 0, [12, 10, -2, 1], 6.25e-4, { 1: 6.18e-3, 2: 2.58e-3, 3: 1.82e-2 }],
      [['-1.0', '0.3', '0.5', '-0.9'], 1, [-12, 4, 6, -10], 1.389e-3, { 0: 2.78e-3, 3: 3.125e-3 }],
      [['0.9', '-1.0', '0.55', '0.1'], 0, [10, -12, 6, 1], 1.806e-3, { 1: 3.19e-3 }],
    ];
    for (const [w, id, q, mse, others] of ex) {
      const s = selectDatatype(w.map(dec), MIXTURES.FP4);
      expect(s.chosen).toBe(id);
      const c = s.candidates[id]!;
      expect(c.q).toEqual(q);
      expect(cmpR(c.scale, rational(1n, 12n))).toBe(0);
      rel(c.mse, mse, 2);
      for (const [j, m] of Object.entries(others)) rel(s.candidates[Number(j)]!.mse, m, 2);
    }
    expect(cmpR(selectDatatype(['1.0', '0.85', '-0.2', '0.05'].map(dec), MIXTURES.FP4).candidates[0]!.mse, rational(1n, 1600n))).toBe(0);
  });

  it('test case 4: selection tie keeps ER_POS; EA_NEG wins exactly; FP3 mixture', () => {
    const tie = selectDatatype(['12', '8', '4', '2'].map(dec), MIXTURES.FP4);
    expect(tie.chosen).toBe(0);
    expect(num(tie.candidates[0]!.mse)).toBe(0);
    expect(num(tie.candidates[1]!.mse)).toBe(0);
    expect(num(tie.candidates[2]!.mse)).toBeCloseTo(0.328, 3);
    expect(num(tie.candidates[3]!.mse)).toBeCloseTo(2.578, 3);

    const ea = selectDatatype(['-1.0', '0.75', '0.375', '0.0625'].map(dec), MIXTURES.FP4);
    expect(ea.chosen).toBe(3);
    expect(cmpR(ea.candidates[3]!.scale, rational(1n, 16n))).toBe(0);
    expect(ea.candidates[3]!.q).toEqual([-16, 12, 6, 1]);
    expect(ea.candidates[3]!.mse.num).toBe(0n);
    rel(ea.candidates[0]!.mse, 2.279e-3);
    rel(ea.candidates[1]!.mse, 2.279e-3);
    expect(cmpR(ea.candidates[2]!.mse, rational(15625n, 1000000n))).toBe(0);

    const fp3 = selectDatatype(['1.0', '0.7', '-0.3', '0.1'].map(dec), MIXTURES.FP3);
    expect(fp3.chosen).toBe(2);
    expect(cmpR(fp3.candidates[2]!.scale, rational(1n, 6n))).toBe(0);
    expect(fp3.candidates[2]!.q).toEqual([6, 4, -2, 1]);
    rel(fp3.candidates[2]!.mse, 1.667e-3);
    rel(fp3.candidates[0]!.mse, 3.75e-3, 6);
    expect(cmpR(fp3.candidates[1]!.mse, rational(13125n, 1000000n))).toBe(0);
    rel(fp3.candidates[3]!.mse, 2.944e-2);
  });

  it('test case 5: all-zero group and a single non-zero weight', () => {
    const z = selectDatatype(['0', '0', '0', '0'].map(dec), MIXTURES.FP4);
    expect(z.chosen).toBe(0);
    expect(z.candidates[0]!.scale).toEqual(SCALE_MIN);
    expect(z.candidates.every((c) => c.q.every((v) => v === 0))).toBe(true);
    const one = selectDatatype(['0', '-0.3', '0', '0'].map(dec), MIXTURES.FP4);
    expect(one.chosen).toBe(0);
    expect(one.candidates[0]!.q).toEqual([0, -12, 0, 0]);
    expect(one.candidates[0]!.mse.num).toBe(0n);
    expect(one.candidates[2]!.q).toEqual([0, -12, 0, 0]); // EA_POS clips −16 to −12
    const pos = selectDatatype(['0', '0.3', '0', '0'].map(dec), MIXTURES.FP4);
    expect(pos.chosen).toBe(0);
  });

  it('INT quantizer: TIES_EVEN, symmetric clamp, −2^(b−1) never produced', () => {
    const r = quantizeGroupInt(['1.0', '-1.0', '0.5', '-0.5'].map(dec), 3); // scale 1/3: x = 3, −3, 1.5, −1.5
    expect(r.q).toEqual([3, -3, 2, -2]);
    const r2 = quantizeGroupInt(['1.0', '0.25'].map(dec), 3); // x = 0.75 → 1
    expect(r2.q).toEqual([3, 1]);
    const t = quantizeGroupInt(['7', '2.5', '-3.5', '0.5'].map(dec), 4); // scale 1
    expect(t.q).toEqual([7, 2, -4, 0]);
    expect(quantizeGroupInt(['7', '2.5'].map(dec), 4, 'TIES_AWAY').q).toEqual([7, 3]);
    const r8 = quantizeGroupInt(['-1', '1'].map(dec), 8);
    expect(Math.min(...r8.q)).toBe(-127);
  });

  it('test case 6: Δ with TIES_EVEN, Δ = 0 dequantizes to 0, Δ = 255 for the largest group', () => {
    const s = [rational(255n), rational(5n, 2n), rational(7n, 2n), rational(1n, 1000n)]; // s_ch = 1 exactly
    const ch = channelScale(s, 8);
    expect(ch.schCode).toBe(0x3c00);
    expect(ch.delta).toEqual([255, 2, 4, 0]);
    // Through a row: the tiny group gets Δ = 0 and its deployed weights are exactly 0.
    const row = [...Array(4).fill('0').map((_, i) => (i === 0 ? '200' : '1')), ...['0.001', '0', '0', '0']].map(dec);
    const qr = quantizeRow(row, { wtype: 'FP4', G: 4 });
    expect(qr.groups[0]!.delta).toBe(255);
    expect(qr.groups[1]!.delta).toBe(0);
    const sch = toRational(decode(qr.schCode, FP16));
    expect(sch).toEqual(qr.sch);
    expect(num(qr.groups[1]!.mse)).toBeCloseTo(1e-6 / 4, 12); // deployed 0: error = mean w²
  });

  it('quantizeMatrix: codes decode to the chosen grid values; selectWithQuantizedScale re-selects at Δ·s_ch', () => {
    const g = new Prng(7);
    const rows = Array.from({ length: 3 }, () => Array.from({ length: 64 }, () => dyadicFromDouble((g.u32() / 2 ** 32 - 0.5) * (1 + g.below(4)))));
    for (const wtype of ['FP4', 'FP3', 'INT8', 'INT6', 'INT4', 'INT3'] as const) {
      for (const sq of [false, true]) {
        const out = quantizeMatrix(rows, { wtype, G: 32, selectWithQuantizedScale: sq });
        for (const r of out) {
          for (const grp of r.groups) {
            expect(grp.codes.map((c) => decodeWeight(wtype, grp.dtId, c))).toEqual(grp.q);
            expect(grp.delta).toBeGreaterThanOrEqual(0);
            expect(grp.delta).toBeLessThanOrEqual(255);
            if (sq) expect(cmpR(grp.scale, rational(BigInt(grp.delta) * r.sch.num, r.sch.den))).toBe(0);
          }
          expect(Math.max(...r.groups.map((x) => x.delta))).toBeGreaterThanOrEqual(254);
        }
      }
    }
  });
});
