import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import { type KhotSet, type KhotTie, KHOT_TIES, khotSet, khotShiftAdd, khotTerms, projectKhot } from '../../../src/golden/fixed/khot.ts';
import { type Rational, rational } from '../../../src/golden/rounding.ts';

const project = (x: number | bigint, s: KhotSet, tie?: KhotTie) => projectKhot(rational(BigInt(x)), s, tie);

describe('set sizes and members (test item 7)', () => {
  it.each([
    [6, 1, 7, 13],
    [6, 2, 22, 43],
    [8, 2, 37, 73],
  ])('(M, K) = (%i, %i): %i magnitudes, %i signed values', (m, k, mags, vals) => {
    const s = khotSet({ m, k });
    expect(s.magnitudes.length).toBe(mags);
    expect(s.values.length).toBe(vals);
  });
  it('(6, 1) magnitudes are 0 and the powers of two', () => {
    expect(khotSet({ m: 6, k: 1 }).magnitudes).toEqual([0n, 1n, 2n, 4n, 8n, 16n, 32n]);
  });
  it('(6, 2) magnitudes', () => {
    const want = [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 16, 17, 18, 20, 24, 32, 33, 34, 36, 40, 48].map(BigInt);
    expect(khotSet({ m: 6, k: 2 }).magnitudes).toEqual(want);
  });
  it('PLAIN sets are exactly the values with at most K set bits below 2^M (brute force)', () => {
    for (let m = 1; m <= 9; m++) {
      for (let k = 1; k <= Math.min(m, 4); k++) {
        const want: bigint[] = [];
        for (let v = 0; v < 2 ** m; v++) if (v.toString(2).split('1').length - 1 <= k) want.push(BigInt(v));
        expect(khotSet({ m, k }).magnitudes).toEqual(want);
      }
    }
  });
  it('the signed set is symmetric and never contains -2^M', () => {
    for (const enc of ['PLAIN', 'CSD'] as const) {
      const s = khotSet({ m: 6, k: 2, encoding: enc });
      expect(s.values.map((v) => -v).reverse()).toEqual(s.values);
      expect(s.values.includes(-64n)).toBe(false);
    }
  });
});

describe('CSD encoding', () => {
  it('is a superset of PLAIN with more values for the same K', () => {
    for (const [m, k] of [[6, 1], [6, 2], [8, 2], [8, 3]] as const) {
      const plain = khotSet({ m, k });
      const csd = khotSet({ m, k, encoding: 'CSD' });
      for (const v of plain.values) expect(csd.values.includes(v)).toBe(true);
      if (k > 1) expect(csd.values.length).toBeGreaterThan(plain.values.length);
    }
  });
  it('matches a brute force over signed-digit vectors', () => {
    const m = 6;
    const k = 2;
    const want = new Set<bigint>();
    for (let code = 0; code < 3 ** m; code++) {
      let c = code;
      let v = 0n;
      let nz = 0;
      for (let p = 0; p < m; p++, c = Math.floor(c / 3)) {
        const d = (c % 3) - 1;
        if (d !== 0) nz++;
        v += BigInt(d) << BigInt(p);
      }
      if (nz <= k) want.add(v);
    }
    expect(khotSet({ m, k, encoding: 'CSD' }).values).toEqual([...want].sort((a, b) => (a < b ? -1 : 1)));
  });
  it('decomposes with the fewest terms: 7 = 8 - 1, 3 = 2 + 1', () => {
    const s = khotSet({ m: 6, k: 2, encoding: 'CSD' });
    expect(khotTerms(7n, s)).toEqual([{ pos: 3, neg: false }, { pos: 0, neg: true }]);
    expect(khotTerms(3n, s)).toEqual([{ pos: 1, neg: false }, { pos: 0, neg: false }]);
    expect(khotTerms(-30n, s)).toEqual([{ pos: 5, neg: true }, { pos: 1, neg: false }]);
  });
});

describe('projection (test item 7)', () => {
  const s1 = khotSet({ m: 6, k: 1 });
  const s2 = khotSet({ m: 6, k: 2 });
  it('(6, 1) ties at 3, 6, 12, 24: TIES_AWAY -> 4, 8, 16, 32; TIES_ZERO -> 2, 4, 8, 16', () => {
    expect([3, 6, 12, 24].map((x) => project(x, s1))).toEqual([4n, 8n, 16n, 32n]);
    expect([3, 6, 12, 24].map((x) => project(x, s1, 'TIES_ZERO'))).toEqual([2n, 4n, 8n, 16n]);
  });
  it('(6, 2) ties at 7, 11, 14, 19, 22, 28, 35, 38, 44', () => {
    const ties = [7, 11, 14, 19, 22, 28, 35, 38, 44];
    expect(ties.map((x) => project(x, s2))).toEqual([8, 12, 16, 20, 24, 32, 36, 40, 48].map(BigInt));
    expect(ties.map((x) => project(x, s2, 'TIES_ZERO'))).toEqual([6, 10, 12, 18, 20, 24, 34, 36, 40].map(BigInt));
    // directed tie rules: up / down the number line
    expect(project(7, s2, 'TIES_UP')).toBe(8n);
    expect(project(-7, s2, 'TIES_UP')).toBe(-6n);
    expect(project(7, s2, 'TIES_DOWN')).toBe(6n);
    expect(project(-7, s2, 'TIES_DOWN')).toBe(-8n);
  });
  it('nearest is not greedy: 45 -> 48, 29 -> 32', () => {
    expect(project(45, s2)).toBe(48n);
    expect(project(29, s2)).toBe(32n);
  });
  it('saturates: 63 -> 48 (6, 2) and 32 (6, 1); -63 -> -48 and -32', () => {
    expect(project(63, s2)).toBe(48n);
    expect(project(63, s1)).toBe(32n);
    expect(project(-63, s2)).toBe(-48n);
    expect(project(-63, s1)).toBe(-32n);
    expect(project(10n ** 30n, s2)).toBe(48n);
  });
  it('sign symmetry under TIES_AWAY and TIES_ZERO, exact nearest under every tie rule (brute force)', () => {
    for (const s of [s1, s2, khotSet({ m: 8, k: 2 }), khotSet({ m: 6, k: 2, encoding: 'CSD' })]) {
      const top = s.values[s.values.length - 1]!;
      for (let q = -4n * (top + 3n); q <= 4n * (top + 3n); q++) {
        const x: Rational = rational(q, 4n); // quarter-LSB steps: hits every midpoint
        for (const tie of KHOT_TIES) {
          const got = projectKhot(x, s, tie);
          // brute force: minimal |x - v|, ties broken by the rule
          const dist = (v: bigint) => (q - 4n * v < 0n ? 4n * v - q : q - 4n * v);
          const best = s.values.reduce((m, v) => (dist(v) < m ? dist(v) : m), dist(s.values[0]!));
          const near = s.values.filter((v) => dist(v) === best);
          const pick =
            near.length === 1
              ? near[0]!
              : tie === 'TIES_UP'
                ? near[1]!
                : tie === 'TIES_DOWN'
                  ? near[0]!
                  : tie === 'TIES_AWAY'
                    ? (q < 0n ? near[0]! : near[1]!)
                    : q < 0n ? near[1]! : near[0]!;
          expect(got).toBe(pick);
          if (tie === 'TIES_AWAY' || tie === 'TIES_ZERO') expect(projectKhot(rational(-q, 4n), s, tie)).toBe(-got);
        }
      }
    }
  });
  it('rejects TIES_EVEN and unknown tie rules', () => {
    expect(() => projectKhot(rational(7n), s2, 'TIES_EVEN' as KhotTie)).toThrow(LowbitError);
    expect(() => projectKhot(rational(7n), s2, 'TIES_EVEN' as KhotTie)).toThrow(/TIES_EVEN is not defined on a K-hot set/);
    expect(() => projectKhot(rational(7n), s2, 'FLOOR' as KhotTie)).toThrow(/unknown khotTie 'FLOOR'/);
  });
});

describe('parameters', () => {
  it('rejects bad M, K and encodings with clear messages', () => {
    expect(() => khotSet({ m: 0, k: 1 })).toThrow(/M must be an integer in 1..64/);
    expect(() => khotSet({ m: 6, k: 0 })).toThrow(/K must be an integer in 1..M = 1..6/);
    expect(() => khotSet({ m: 6, k: 7 })).toThrow(/K must be an integer in 1..M/);
    expect(() => khotSet({ m: 6, k: 2, encoding: 'NAF' as 'CSD' })).toThrow(/unknown khotEncoding 'NAF'/);
    expect(() => khotSet({ m: 64, k: 6 })).toThrow(/over the limit/);
  });
  it('caches sets', () => {
    expect(khotSet({ m: 6, k: 2 })).toBe(khotSet({ m: 6, k: 2, encoding: 'PLAIN' }));
  });
});

describe('K-hot MAC (test item 8)', () => {
  it('shift-and-add equals the exact product for every weight of (6,2), (8,2) and every 8-bit activation', () => {
    let n = 0;
    for (const s of [khotSet({ m: 6, k: 2 }), khotSet({ m: 8, k: 2 }), khotSet({ m: 8, k: 2, encoding: 'CSD' })]) {
      for (const w of s.values) {
        for (let x = -128n; x <= 255n; x++) {
          expect(khotShiftAdd(x, w, s)).toBe(x * w);
          n++;
        }
      }
    }
    expect(n).toBe(384 * (43 + 73 + khotSet({ m: 8, k: 2, encoding: 'CSD' }).values.length));
  });
  it('refuses a non-member weight', () => {
    expect(() => khotShiftAdd(3n, 7n, khotSet({ m: 6, k: 2 }))).toThrow(/not a member/);
  });
});
