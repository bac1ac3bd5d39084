import { describe, expect, it } from 'vitest';
import {
  GRIDS,
  MIXTURES,
  SPECIAL_VALUES,
  allCodes,
  decodeWeight,
  encodeWeight,
  qmaxOf,
} from '../../../src/pe/bitmod/datatypes.ts';

describe('BitMoD datatypes (spec §2)', () => {
  it('grids of §2.1', () => {
    expect(GRIDS.FP4_ER_POS).toEqual([-12, -8, -6, -4, -3, -2, -1, 0, 1, 2, 3, 4, 6, 8, 10, 12]);
    expect(GRIDS.FP4_EA_NEG).toEqual([-16, -12, -8, -6, -4, -3, -2, -1, 0, 1, 2, 3, 4, 6, 8, 12]);
    expect(GRIDS.FP3_ER_NEG).toEqual([-4, -3, -2, -1, 0, 1, 2, 4]);
    expect(GRIDS.FP3_EA_POS).toEqual([-4, -2, -1, 0, 1, 2, 4, 6]);
    expect(GRIDS.FLINT4).toEqual([-16, -8, -6, -4, -3, -2, -1, 0, 1, 2, 3, 4, 6, 8, 16]);
    expect(GRIDS.INT3).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(GRIDS.INT4.length).toBe(15);
    expect(GRIDS.INT8[0]).toBe(-127);
    expect(MIXTURES.FP4.map(qmaxOf)).toEqual([12, 12, 16, 16]);
    expect(MIXTURES.FP3.map(qmaxOf)).toEqual([4, 4, 6, 6]);
  });

  it('test case 1: every FP4 code of each datatype decodes to the table value; 1000 → SV', () => {
    const table = [0, 1, 2, 3, 4, 6, 8, 12];
    for (let id = 0; id < 4; id++) {
      for (const c of allCodes('FP4')) {
        const expected = c === 8 ? SPECIAL_VALUES.FP4[id]! : c < 8 ? table[c]! : -table[c - 8]!;
        expect(decodeWeight('FP4', id, c)).toBe(expected);
      }
    }
    expect([0, 1, 2, 3].map((id) => decodeWeight('FP4', id, 8))).toEqual([10, -10, 16, -16]);
    // Every code's value lies on its datatype's grid, and the grid is exactly the set of code values.
    for (let id = 0; id < 4; id++) {
      const vals = new Set(allCodes('FP4').map((c) => decodeWeight('FP4', id, c)));
      expect([...vals].sort((a, b) => a - b)).toEqual(GRIDS[MIXTURES.FP4[id]!]);
    }
  });

  it('test case 1: FP3 codes s m1 m0 with SV +3, −3, +6, −6', () => {
    for (let id = 0; id < 4; id++) {
      expect(allCodes('FP3').map((c) => decodeWeight('FP3', id, c))).toEqual([0, 1, 2, 4, SPECIAL_VALUES.FP3[id], -1, -2, -4]);
      const vals = new Set(allCodes('FP3').map((c) => decodeWeight('FP3', id, c)));
      expect([...vals].sort((a, b) => a - b)).toEqual(GRIDS[MIXTURES.FP3[id]!]);
    }
  });

  it('INT codes are two\'s complement', () => {
    expect(decodeWeight('INT8', 0, 0x80)).toBe(-128);
    expect(decodeWeight('INT8', 0, 0x7f)).toBe(127);
    expect(decodeWeight('INT3', 0, 5)).toBe(-3);
    expect(decodeWeight('INT6', 0, 63)).toBe(-1);
  });

  it('encodeWeight inverts decodeWeight on every grid value', () => {
    for (const t of ['FP4', 'FP3'] as const) {
      for (let id = 0; id < 4; id++) {
        for (const v of GRIDS[MIXTURES[t][id]!]) expect(decodeWeight(t, id, encodeWeight(t, id, v))).toBe(v);
      }
    }
    for (const t of ['INT8', 'INT6', 'INT4', 'INT3'] as const) for (const c of allCodes(t)) expect(encodeWeight(t, 0, decodeWeight(t, 0, c))).toBe(c);
    expect(() => encodeWeight('FP4', 0, 16)).toThrow(/not on the FP4_ER_POS grid/);
    expect(() => decodeWeight('FP4', 0, 16)).toThrow(/does not fit in 4 bits/);
    expect(() => decodeWeight('FP4', 4, 8)).toThrow(/datatype id 4 is out of range/);
  });
});
