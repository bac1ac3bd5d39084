import { describe, it, expect } from 'vitest';
import { uint, sint, fixed, ufixed, typeText, formatNote, rangeOf, typeForValue } from '../../src/dsl/types.ts';

describe('uint / sint', () => {
  it('make plain integer types', () => {
    expect(uint(8)).toEqual({ width: 8, signed: false });
    expect(sint(1)).toEqual({ width: 1, signed: true });
    expect(sint(65536)).toEqual({ width: 65536, signed: true });
  });

  it.each([0, -1, 1.5, 65537, Number.NaN])('refuses width %s', (w) => {
    expect(() => uint(w)).toThrow(RangeError);
    expect(() => sint(w)).toThrow(/sint: width must be an integer from 1 to 65536/);
  });
});

describe('fixed / ufixed', () => {
  it('default to signed AP_TRN / AP_WRAP with n = 0', () => {
    expect(fixed(8, 3)).toEqual({ width: 8, signed: true, fixed: { i: 3, q: 'AP_TRN', o: 'AP_WRAP', n: 0 } });
    expect(ufixed(6, -2, { q: 'AP_RND', o: 'AP_SAT' })).toEqual({ width: 6, signed: false, fixed: { i: -2, q: 'AP_RND', o: 'AP_SAT', n: 0 } });
  });

  it('allow integer bits beyond the width or negative', () => {
    expect(fixed(4, 9).fixed!.i).toBe(9);
    expect(fixed(4, -3).fixed!.i).toBe(-3);
  });

  it('refuse bad integer bits, saturation bits, and AP_WRAP_SM unsigned', () => {
    expect(() => fixed(8, 2.5)).toThrow(/integer bits must be an integer/);
    expect(() => fixed(8, 3, { n: 9 })).toThrow(/saturation bits n must be 0..8, got 9/);
    expect(() => fixed(8, 3, { n: -1 })).toThrow(RangeError);
    expect(() => ufixed(8, 3, { o: 'AP_WRAP_SM' })).toThrow(/AP_WRAP_SM is not defined for unsigned/);
    expect(fixed(8, 3, { o: 'AP_WRAP_SM', n: 8 }).fixed!.n).toBe(8);
  });
});

describe('typeText / formatNote', () => {
  it('names integer and fixed types, with modes only when not the defaults', () => {
    expect(typeText(uint(5))).toBe('uint(5)');
    expect(typeText(sint(12))).toBe('sint(12)');
    expect(typeText(fixed(8, 3))).toBe('ap_fixed<8,3>');
    expect(typeText(ufixed(8, 3))).toBe('ap_ufixed<8,3>');
    expect(typeText(fixed(8, 3, { q: 'AP_RND' }))).toBe('ap_fixed<8,3,AP_RND,AP_WRAP,0>');
    expect(typeText(fixed(8, 3, { n: 2 }))).toBe('ap_fixed<8,3,AP_TRN,AP_WRAP,2>');
  });

  it('gives a format note for fixed types only', () => {
    expect(formatNote(uint(4))).toBeUndefined();
    expect(formatNote(fixed(10, 4, { o: 'AP_SAT' }))).toEqual({ kind: 'fixed', text: 'ap_fixed<10,4,AP_TRN,AP_SAT,0>' });
  });
});

describe('rangeOf', () => {
  it('is [0, 2^w - 1] unsigned and [-2^(w-1), 2^(w-1) - 1] signed, for every width 1..64', () => {
    for (let w = 1; w <= 64; w++) {
      const p = 2n ** BigInt(w);
      expect(rangeOf({ width: w, signed: false })).toEqual({ min: 0n, max: p - 1n });
      expect(rangeOf({ width: w, signed: true })).toEqual({ min: -p / 2n, max: p / 2n - 1n });
    }
  });
});

describe('typeForValue', () => {
  /** Bits of the smallest two's complement / unsigned field holding v, counted directly. */
  const minimalWidth = (v: bigint, signed: boolean): number => {
    if (!signed) return v === 0n ? 1 : v.toString(2).length;
    const mag = v < 0n ? -v - 1n : v; // -2^(k) .. 2^k - 1 fit k + 1 bits
    return (mag === 0n ? 0 : mag.toString(2).length) + 1;
  };

  it('is the smallest type for every value in [-4096, 4096], both signednesses', () => {
    for (let v = -4096n; v <= 4096n; v++) {
      const t = typeForValue(v);
      expect(t.signed).toBe(v < 0n);
      expect(t.width).toBe(minimalWidth(v, v < 0n));
      if (v >= 0n) expect(typeForValue(v, true)).toEqual({ width: minimalWidth(v, true), signed: true });
    }
  });

  it('handles wide values', () => {
    expect(typeForValue(2n ** 100n)).toEqual({ width: 101, signed: false });
    expect(typeForValue(-(2n ** 100n))).toEqual({ width: 101, signed: true });
    expect(typeForValue(-(2n ** 100n) - 1n)).toEqual({ width: 102, signed: true });
  });
});
