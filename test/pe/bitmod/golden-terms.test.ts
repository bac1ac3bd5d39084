import { describe, expect, it } from 'vitest';
import { allCodes, decodeWeight, SPECIAL_VALUES } from '../../../src/pe/bitmod/datatypes.ts';
import { boothTerms, leadingOneTerms, svEntry, termsValue, weightTerms } from '../../../src/pe/bitmod/golden-terms.ts';

const digits = (code: number, n: number): number[] =>
  boothTerms(code, n).map((t) => (t.man === 0 ? 0 : (t.sign ? -1 : 1) * 2 ** t.exp));
const u = (v: number, n: number): number => (v < 0 ? v + 2 ** n : v);

describe('BitMoD term generator, level b (spec §5)', () => {
  it('Booth vectors of §5.1 (digits LSB first)', () => {
    expect(digits(u(127, 8), 8)).toEqual([-1, 0, 0, 2]);
    expect(digits(u(-128, 8), 8)).toEqual([0, 0, 0, -2]);
    expect(digits(u(-1, 8), 8)).toEqual([-1, 0, 0, 0]);
    expect(digits(85, 8)).toEqual([1, 1, 1, 1]);
    expect(digits(u(-86, 8), 8)).toEqual([-2, -1, -1, -1]);
    expect(digits(u(-3, 8), 8)).toEqual([1, -1, 0, 0]);
    expect(digits(u(-8, 4), 4)).toEqual([0, -2]);
    expect(digits(7, 4)).toEqual([-1, 2]);
    expect(digits(u(-32, 6), 6)).toEqual([0, 0, -2]);
    expect(digits(31, 6)).toEqual([-1, 0, 2]);
  });

  it('test case 2: every INT8/6/4/3 value through Booth sums to its value in T cycles with bsig = 2k', () => {
    for (const [t, T] of [['INT8', 4], ['INT6', 3], ['INT4', 2], ['INT3', 2]] as const) {
      for (const c of allCodes(t)) {
        const terms = weightTerms(t, c, 0, []);
        expect(terms.length).toBe(T);
        terms.forEach((x, k) => {
          expect(x.bsig).toBe(2 * k);
          expect(x.exp === 0 || x.exp === 1).toBe(true);
          if (x.man === 0) expect(x).toMatchObject({ sign: 0, exp: 0 });
        });
        expect(termsValue(terms)).toBe(decodeWeight(t, 0, c));
      }
    }
  });

  it('test case 2: FP4 16 codes × 4 ids and FP3 8 codes × 4 ids, exactly 2 cycles, value = table', () => {
    for (const t of ['FP4', 'FP3'] as const) {
      const sv = SPECIAL_VALUES[t].map((v) => svEntry(v, 4));
      for (let id = 0; id < 4; id++) {
        for (const c of allCodes(t)) {
          const terms = weightTerms(t, c, id, sv);
          expect(terms.length).toBe(2);
          const v = decodeWeight(t, id, c);
          expect(termsValue(terms)).toBe(v);
          for (const x of terms) {
            expect(x.bsig).toBe(0);
            expect(x.sign).toBe(v < 0 ? 1 : c >= 2 ** (t === 'FP4' ? 3 : 2) && c !== 2 ** (t === 'FP4' ? 3 : 2) ? 1 : 0);
            if (x.man === 0) expect(x.exp).toBe(0);
          }
          if (terms[0]!.man && terms[1]!.man) expect(terms[0]!.exp).toBeGreaterThan(terms[1]!.exp);
        }
      }
    }
  });

  it('leading-one table of §5.2', () => {
    const rows: [number, number[]][] = [[1, [0]], [2, [1]], [3, [1, 0]], [4, [2]], [6, [2, 1]], [8, [3]], [10, [3, 1]], [12, [3, 2]], [16, [4]]];
    for (const [m, pos] of rows) {
      const t = leadingOneTerms(0, m);
      expect(t.filter((x) => x.man).map((x) => x.exp)).toEqual(pos);
      if (pos.length === 1) expect(t[1]).toEqual({ sign: 0, exp: 0, man: 0, bsig: 0 });
    }
    expect(leadingOneTerms(1, 0)).toEqual([{ sign: 1, exp: 0, man: 0, bsig: 0 }, { sign: 1, exp: 0, man: 0, bsig: 0 }]);
  });

  it('the SV register is read at run time and checked', () => {
    const custom = [5, -9, 24, -17].map((v) => svEntry(v, 4));
    expect([0, 1, 2, 3].map((id) => termsValue(weightTerms('FP4', 8, id, custom)))).toEqual([5, -9, 24, -17]);
    expect(() => svEntry(7, 4)).toThrow(/at most two set bits/);
    expect(() => svEntry(32, 4)).toThrow(/cannot be programmed/);
    expect(() => svEntry(0, 4)).toThrow(/cannot be programmed/);
    expect(() => weightTerms('FP4', 16, 0, custom)).toThrow(/does not fit in 4 bits/);
  });
});
