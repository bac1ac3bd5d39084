import { describe, expect, it } from 'vitest';
import { castFixed } from '../../../src/golden/fixed/cast.ts';
import type { FixedFormat, OMode } from '../../../src/golden/fixed/format.ts';
import { overflowFixed } from '../../../src/golden/fixed/overflow.ts';
import { naiveOverflow } from './naive-cast.ts';

const fx4 = (o: OMode, n = 0): FixedFormat => ({ w: 4, i: 4, signed: true, q: 'AP_TRN', o, n });
const ufx4 = (o: OMode, n = 0): FixedFormat => ({ w: 4, i: 4, signed: false, q: 'AP_TRN', o, n });

/** Columns of the §4.3 table, in order. */
const COLUMNS: [string, FixedFormat][] = [
  ['SAT', fx4('AP_SAT')],
  ['SAT_ZERO', fx4('AP_SAT_ZERO')],
  ['SAT_SYM', fx4('AP_SAT_SYM')],
  ['WRAP', fx4('AP_WRAP')],
  ['WRAP_SM', fx4('AP_WRAP_SM')],
  ['WRAP N=1', fx4('AP_WRAP', 1)],
  ['WRAP N=2', fx4('AP_WRAP', 2)],
  ['WRAP_SM N=1', fx4('AP_WRAP_SM', 1)],
  ['WRAP_SM N=2', fx4('AP_WRAP_SM', 2)],
  ['ufixed SAT', ufx4('AP_SAT')],
  ['ufixed WRAP', ufx4('AP_WRAP')],
];

// §4.3 full table, plus the two extra rows of test item 1 (9 and 15).
const TABLE: number[][] = [
  [19, 7, 0, 7, 3, -4, 3, 7, 3, 4, 15, 3],
  [-19, -8, 0, -7, -3, 2, -3, -7, -3, -6, 0, 13],
  [8, 7, 0, 7, -8, 7, 0, 4, 7, 7, 8, 8],
  [-8, -8, -8, -7, -8, -8, -8, -8, -8, -8, 0, 8],
  [-9, -8, 0, -7, 7, -8, -1, -5, -8, -8, 0, 7],
  [12, 7, 0, 7, -4, 3, 4, 4, 3, 4, 12, 12],
  [-12, -8, 0, -7, 4, -5, -4, -8, -5, -5, 0, 4],
  [16, 7, 0, 7, 0, -1, 0, 4, 0, 7, 15, 0],
  [-17, -8, 0, -7, -1, 0, -1, -5, -1, -8, 0, 15],
  [31, 7, 0, 7, -1, -1, 7, 7, 0, 7, 15, 15],
  [9, 7, 0, 7, -7, 6, 1, 5, 6, 6, 9, 9],
  [15, 7, 0, 7, -1, 0, 7, 7, 0, 7, 15, 15],
];

describe('§4.3 overflow table, ap_fixed<4,4,AP_TRN,·> (test item 1)', () => {
  it.each(TABLE)('x = %i', (x, ...want) => {
    const src: FixedFormat = { w: 8, i: 8, signed: true };
    const got = COLUMNS.map(([, dst]) => Number(overflowFixed(BigInt(x), dst)));
    expect(got).toEqual(want);
    // the same through a full conversion from an integer source
    expect(COLUMNS.map(([, dst]) => Number(castFixed(BigInt(x), src, dst)))).toEqual(want);
  });
});

describe('further rows from the text', () => {
  it('4-bit wrap: 19 -> 3, -19 -> -3, 8 -> -8, 31 -> -1', () => {
    expect([19n, -19n, 8n, 31n].map((x) => overflowFixed(x, fx4('AP_WRAP')))).toEqual([3n, -3n, -8n, -1n]);
  });
  it('signed WRAP N=1 keeps the source sign: 12 -> 4, -12 -> -4; N=2: 19 -> 7, -19 -> -7', () => {
    expect(overflowFixed(12n, fx4('AP_WRAP', 1))).toBe(4n);
    expect(overflowFixed(-12n, fx4('AP_WRAP', 1))).toBe(-4n);
    expect(overflowFixed(19n, fx4('AP_WRAP', 2))).toBe(7n);
    expect(overflowFixed(-19n, fx4('AP_WRAP', 2))).toBe(-7n);
    expect(overflowFixed(9n, fx4('AP_WRAP', 2))).toBe(5n); // README: 0101
  });
  it('unsigned WRAP N: N=1 16 -> 8, -1 -> 15; N=2 16 -> 12, -8 -> 12, 19 -> 15', () => {
    expect(overflowFixed(16n, ufx4('AP_WRAP', 1))).toBe(8n);
    expect(overflowFixed(-1n, ufx4('AP_WRAP', 1))).toBe(15n);
    expect(overflowFixed(16n, ufx4('AP_WRAP', 2))).toBe(12n);
    expect(overflowFixed(-8n, ufx4('AP_WRAP', 2))).toBe(12n);
    expect(overflowFixed(19n, ufx4('AP_WRAP', 2))).toBe(15n);
  });
  it('WRAP_SM: 19 -> -4, -19 -> 2, 9 -> 6, 12 -> 3, -12 -> -5, 16 -> -1, 15 -> 0; N=1 19 -> 3; N=2 19 -> 4, -19 -> -6', () => {
    const sm = [19n, -19n, 9n, 12n, -12n, 16n, 15n].map((x) => overflowFixed(x, fx4('AP_WRAP_SM')));
    expect(sm).toEqual([-4n, 2n, 6n, 3n, -5n, -1n, 0n]);
    expect(overflowFixed(19n, fx4('AP_WRAP_SM', 1))).toBe(3n);
    expect(overflowFixed(9n, fx4('AP_WRAP_SM', 1))).toBe(6n);
    expect(overflowFixed(19n, fx4('AP_WRAP_SM', 2))).toBe(4n);
    expect(overflowFixed(-19n, fx4('AP_WRAP_SM', 2))).toBe(-6n);
  });
  it('N = W saturates every bit on overflow', () => {
    expect(overflowFixed(100n, fx4('AP_WRAP', 4))).toBe(7n);
    expect(overflowFixed(-100n, fx4('AP_WRAP', 4))).toBe(-8n);
    expect(overflowFixed(100n, ufx4('AP_WRAP', 4))).toBe(15n);
  });
  it('in-range values are never changed, except AP_SAT_SYM on MIN', () => {
    for (const [, dst] of COLUMNS) {
      const lo = dst.signed ? -8n : 0n;
      const hi = dst.signed ? 7n : 15n;
      for (let x = lo; x <= hi; x++) {
        const sym = dst.o === 'AP_SAT_SYM' && x === -8n;
        expect(overflowFixed(x, dst)).toBe(sym ? -7n : x);
      }
    }
  });
});

describe('every integer in [-70, 70] at W = 4 and 5, all modes and every N, vs the naive model', () => {
  it('agrees', () => {
    let n = 0;
    for (const w of [4, 5]) {
      for (const signed of [true, false]) {
        for (const o of ['AP_WRAP', 'AP_SAT', 'AP_SAT_ZERO', 'AP_SAT_SYM', 'AP_WRAP_SM'] as OMode[]) {
          if (o === 'AP_WRAP_SM' && !signed) continue;
          const ns = o.startsWith('AP_WRAP') ? [...Array(w + 1).keys()] : [0];
          for (const N of ns) {
            const dst: FixedFormat = { w, i: w, signed, o, n: N };
            for (let x = -70n; x <= 70n; x++) {
              expect(overflowFixed(x, dst), `${x} -> ${JSON.stringify(dst)}`).toBe(naiveOverflow(x, dst, o, N));
              n++;
            }
          }
        }
      }
    }
    expect(n).toBe(141 * ((3 + 2 * 5) + (3 + 2 * 6) + (3 + 5) + (3 + 6)));
  });
});

describe('hlsCompat deviations', () => {
  it('sat_sym_1bit: a 1-bit signed AP_SAT_SYM type behaves like AP_SAT', () => {
    const d: FixedFormat = { w: 1, i: 1, signed: true, o: 'AP_SAT_SYM' };
    // documented: symmetric range {0}
    expect([-5n, -1n, 0n, 3n].map((x) => overflowFixed(x, d))).toEqual([0n, 0n, 0n, 0n]);
    // reference: the negative code survives
    expect([-5n, -1n, 0n, 3n].map((x) => overflowFixed(x, d, true))).toEqual([-1n, -1n, 0n, 0n]);
  });
  it('wrap_sm_rounding_carry: bit W comes from the value before rounding', () => {
    // README vector: ap_fixed<15,14>(8191.5) -> ap_fixed<9,9,AP_RND_INF,AP_WRAP_SM>: n = 8192, floor 8191
    const d: FixedFormat = { w: 9, i: 9, signed: true, q: 'AP_RND_INF', o: 'AP_WRAP_SM' };
    expect(overflowFixed(8192n, d)).toBe(0n);
    expect(overflowFixed(8192n, d, true, 8191n)).toBe(-1n); // raw 511
    const src: FixedFormat = { w: 15, i: 14, signed: true };
    expect(castFixed(16383n, src, d)).toBe(0n);
    expect(castFixed(16383n, src, d, { hlsCompat: true })).toBe(-1n);
  });
  it('hlsCompat leaves every other mode alone', () => {
    const d: FixedFormat = { w: 4, i: 4, signed: true, o: 'AP_SAT_SYM' };
    expect(overflowFixed(-8n, d, true)).toBe(-7n);
    expect(overflowFixed(-20n, d, true)).toBe(-7n);
  });
});
