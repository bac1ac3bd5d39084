import { describe, expect, it } from 'vitest';
import { compareFixed } from '../../../src/golden/fixed/compare.ts';
import { type FixedFormat, maxInt, minInt } from '../../../src/golden/fixed/format.ts';
import { fixedValue } from '../../../src/golden/fixed/value.ts';

const SMALL: FixedFormat[] = [
  { w: 1, i: 1, signed: true },
  { w: 3, i: -2, signed: true },
  { w: 4, i: 2, signed: true },
  { w: 2, i: 5, signed: true },
  { w: 1, i: 0, signed: false },
  { w: 3, i: 1, signed: false },
  { w: 4, i: 6, signed: false },
];

function expectedFlags(a: bigint, fa: FixedFormat, b: bigint, fb: FixedFormat) {
  const x = fixedValue(a, fa);
  const y = fixedValue(b, fb);
  const l = x.num * y.den;
  const r = y.num * x.den;
  return { lt: l < r, le: l <= r, gt: l > r, ge: l >= r, eq: l === r, ne: l !== r };
}

describe('exact comparison', () => {
  it('agrees with rational comparison for every pair of small-format values, with and without hlsCompat', () => {
    let n = 0;
    let equal = 0;
    for (const fa of SMALL) {
      for (const fb of SMALL) {
        for (let a = minInt(fa); a <= maxInt(fa); a++) {
          for (let b = minInt(fb); b <= maxInt(fb); b++) {
            const want = expectedFlags(a, fa, b, fb);
            expect(compareFixed(a, fa, b, fb)).toEqual(want);
            // aligned widths stay below 32 bits: the reference is exact here too
            expect(compareFixed(a, fa, b, fb, { hlsCompat: true })).toEqual(want);
            if (want.eq) equal++;
            n++;
          }
        }
      }
    }
    expect(n).toBeGreaterThan(3000);
    expect(equal).toBeGreaterThan(100);
  });
  it('is exact for wide operands of equal signedness even with hlsCompat', () => {
    const a: FixedFormat = { w: 40, i: 10, signed: true };
    const b: FixedFormat = { w: 33, i: 3, signed: true };
    const x = -(1n << 39n);
    expect(compareFixed(x, a, -1n, b, { hlsCompat: true }).lt).toBe(true);
  });
});

describe('cmp_mixed_sign_promotion (hlsCompat)', () => {
  const u19: FixedFormat = { w: 19, i: 19, signed: false };
  const s22: FixedFormat = { w: 22, i: 7, signed: true };
  const minusOne = -(1n << 15n); // -1 in ap_fixed<22,7> (F = 15)
  it('ap_ufixed<19,19>(1) < ap_fixed<22,7>(-1) is true in the reference, false by value', () => {
    expect(compareFixed(1n, u19, minusOne, s22).lt).toBe(false);
    const hls = compareFixed(1n, u19, minusOne, s22, { hlsCompat: true });
    expect(hls).toEqual({ lt: true, le: true, gt: false, ge: false, eq: false, ne: true });
  });
  it('the promotion is unsigned only when the unsigned aligned operand is at least as wide', () => {
    // a = ap_fixed<40,40>(-1) vs b = ap_ufixed<8,8>(1): the signed operand is wider -> exact
    const s40: FixedFormat = { w: 40, i: 40, signed: true };
    const u8: FixedFormat = { w: 8, i: 8, signed: false };
    expect(compareFixed(-1n, s40, 1n, u8, { hlsCompat: true }).lt).toBe(true);
    // a = ap_fixed<8,8>(-1) vs b = ap_ufixed<40,40>(1): unsigned wins -> -1 reads as 2^41 - 1
    const u40: FixedFormat = { w: 40, i: 40, signed: false };
    const s8: FixedFormat = { w: 8, i: 8, signed: true };
    expect(compareFixed(-1n, s8, 1n, u40, { hlsCompat: true })).toMatchObject({ lt: false, gt: true, eq: false });
    expect(compareFixed(-1n, s8, 1n, u40)).toMatchObject({ lt: true, gt: false, eq: false });
  });
  it('equality compares patterns modulo 2^max(W, 32)', () => {
    // ap_fixed<8,8>(-1) vs ap_ufixed<40,40>(2^40 - 1): same 40-bit pattern
    const s8: FixedFormat = { w: 8, i: 8, signed: true };
    const u40: FixedFormat = { w: 40, i: 40, signed: false };
    expect(compareFixed(-1n, s8, (1n << 40n) - 1n, u40, { hlsCompat: true }).eq).toBe(true);
    expect(compareFixed(-1n, s8, (1n << 40n) - 1n, u40).eq).toBe(false);
  });
});
