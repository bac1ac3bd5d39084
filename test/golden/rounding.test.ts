import { describe, expect, it } from 'vitest';
import { khotSet } from '../../src/golden/fixed/khot.ts';
import { type Rational, type RoundMode, ROUND_MODES, floorDiv, rational, round, roundDiv, roundShift, roundToGrid } from '../../src/golden/rounding.ts';

/** Exact rational from a short decimal literal ("-2.5" -> -25/10). */
function dec(x: string): Rational {
  const [int, frac = ''] = x.split('.');
  return rational(BigInt(int! + frac), 10n ** BigInt(frac.length));
}

describe('R2 test case 1: round(x, mode) table', () => {
  const inputs = ['2.5', '-2.5', '1.5', '-1.5', '0.5', '-0.5', '2.4', '-2.4', '2.6', '-2.6'];
  const table: Record<RoundMode, number[]> = {
    TIES_EVEN: [2, -2, 2, -2, 0, 0, 2, -2, 3, -3],
    TIES_AWAY: [3, -3, 2, -2, 1, -1, 2, -2, 3, -3],
    TIES_UP: [3, -2, 2, -1, 1, 0, 2, -2, 3, -3],
    TIES_DOWN: [2, -3, 1, -2, 0, -1, 2, -2, 3, -3],
    TIES_ZERO: [2, -2, 1, -1, 0, 0, 2, -2, 3, -3],
    FLOOR: [2, -3, 1, -2, 0, -1, 2, -3, 2, -3],
    TRUNC_ZERO: [2, -2, 1, -1, 0, 0, 2, -2, 2, -2],
    CEIL: [3, -2, 2, -1, 1, 0, 3, -2, 3, -2],
  };
  it('covers every mode', () => {
    expect(Object.keys(table).sort()).toEqual([...ROUND_MODES].sort());
  });
  it.each(ROUND_MODES)('%s', (mode) => {
    expect(inputs.map((x) => Number(round(dec(x), mode)))).toEqual(table[mode]);
  });
  it('integers are fixed points of every mode; roundShift and roundDiv agree with round', () => {
    for (const mode of ROUND_MODES) {
      for (let n = -40n; n <= 40n; n++) {
        expect(round(rational(n), mode)).toBe(n);
        for (let s = 0; s <= 4; s++) {
          expect(roundShift(n, s, mode)).toBe(round(rational(n, 1n << BigInt(s)), mode));
          expect(roundDiv(n, 3n, mode)).toBe(round(rational(-n, -3n), mode)); // negative den normalized
        }
      }
    }
  });
  it('floorDiv floors and bad arguments are rejected', () => {
    expect([floorDiv(7n, 2n), floorDiv(-7n, 2n), floorDiv(-8n, 2n)]).toEqual([3n, -4n, -4n]);
    expect(() => rational(1n, 0n)).toThrow(/zero denominator/);
    expect(() => roundDiv(1n, 0n, 'FLOOR')).toThrow(/positive/);
    expect(() => roundShift(1n, -1, 'FLOOR')).toThrow(/negative shift/);
  });
});

describe('R2 test case 2: grid rounding', () => {
  // BitMoD FP4_ER_POS integer grid: FP4 E2M1 x 2 = 0, ±1, ±2, ±3, ±4, ±6, ±8, ±12, plus +10.
  const erPos = [-12, -8, -6, -4, -3, -2, -1, 0, 1, 2, 3, 4, 6, 8, 10, 12].map((v) => rational(BigInt(v)));
  it('FP4_ER_POS with TIES_DOWN: 1.5 -> 1, -1.5 -> -2, 9 -> 8, 11 -> 10, 0.5 -> 0, -0.5 -> -1', () => {
    const got = ['1.5', '-1.5', '9', '11', '0.5', '-0.5'].map((x) => roundToGrid(dec(x), erPos, 'TIES_DOWN').num);
    expect(got).toEqual([1n, -2n, 8n, 10n, 0n, -1n]);
  });

  // FP4 E2M1 code set: magnitudes by code 0..7; a member's code LSB is its magnitude index LSB.
  const e2m1Mags = ['0', '0.5', '1', '1.5', '2', '3', '4', '6'].map(dec);
  const e2m1 = [...e2m1Mags.slice(1).map((r) => rational(-r.num, r.den)).reverse(), ...e2m1Mags];
  const magIndex = (r: Rational) => e2m1Mags.findIndex((m) => m.num * r.den === (r.num < 0n ? -r.num : r.num) * m.den);
  const isEven = (index: number) => magIndex(e2m1[index]!) % 2 === 0;
  const onE2m1 = (x: string, mode: RoundMode) => {
    const r = roundToGrid(dec(x), e2m1, mode, isEven);
    return Number(r.num) / Number(r.den);
  };
  it('FP4 E2M1 with TIES_EVEN: 0.25 -> 0, 0.75 -> 1, 2.5 -> 2, 5 -> 4 (and mirrored)', () => {
    expect(['0.25', '0.75', '2.5', '5'].map((x) => onE2m1(x, 'TIES_EVEN'))).toEqual([0, 1, 2, 4]);
    expect(['-0.75', '-2.5', '-5'].map((x) => onE2m1(x, 'TIES_EVEN'))).toEqual([-1, -2, -4]);
  });
  it('FP4 E2M1 with TIES_AWAY: 0.25 -> 0.5, 2.5 -> 3, 5 -> 6 (and mirrored)', () => {
    expect(['0.25', '2.5', '5'].map((x) => onE2m1(x, 'TIES_AWAY'))).toEqual([0.5, 3, 6]);
    expect(['-0.25', '-2.5', '-5'].map((x) => onE2m1(x, 'TIES_AWAY'))).toEqual([-0.5, -3, -6]);
  });
  it('clamps beyond the ends and honours directed modes between members', () => {
    expect(onE2m1('100', 'TIES_EVEN')).toBe(6);
    expect(onE2m1('-100', 'TIES_AWAY')).toBe(-6);
    expect(onE2m1('4.1', 'FLOOR')).toBe(4);
    expect(onE2m1('4.1', 'CEIL')).toBe(6);
    expect(onE2m1('-4.1', 'TRUNC_ZERO')).toBe(-4);
    expect(onE2m1('3.9', 'TIES_ZERO')).toBe(4); // not a tie: nearest
  });
  it('TIES_EVEN on a K-hot set (no code order) is rejected', () => {
    expect(() => roundToGrid(rational(7n), khotSet({ m: 6, k: 2 }).grid, 'TIES_EVEN')).toThrow(/TIES_EVEN is not defined/);
    expect(() => roundToGrid(rational(0n), [], 'FLOOR')).toThrow(/empty grid/);
  });
});
