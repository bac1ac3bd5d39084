import { describe, expect, it } from 'vitest';
import {
  absD,
  addD,
  bitLength,
  cmpD,
  dyadicFromDouble,
  dyadicToRational,
  formatDyadic,
  mulD,
  normalizeDyadic,
  rationalToDyadic,
  subD,
  trailingZeros,
  withExp,
} from '../../../src/golden/float/dyadic.ts';
import { rational } from '../../../src/golden/rounding.ts';
import { Prng } from '../../../src/util/prng.ts';

describe('dyadic', () => {
  it('bitLength matches the binary string length', () => {
    const rng = new Prng(11);
    for (let i = 0; i < 2000; i++) {
      const n = rng.bits(rng.int(0, 300));
      expect(bitLength(n)).toBe(n === 0n ? 0 : n.toString(2).length);
      expect(bitLength(-n)).toBe(bitLength(n));
    }
  });

  it('trailingZeros counts zero bits below the lowest set bit', () => {
    expect(trailingZeros(1n)).toBe(0);
    expect(trailingZeros(-8n)).toBe(3);
    expect(trailingZeros(1n << 100n)).toBe(100);
    expect(() => trailingZeros(0n)).toThrow();
  });

  it('the double 0.1 converts to exactly 3602879701896397 * 2^-55 (README test 3)', () => {
    expect(dyadicFromDouble(0.1)).toEqual({ mant: 3602879701896397n, exp: -55 });
    expect(dyadicFromDouble(-0.5)).toEqual({ mant: -1n, exp: -1 });
    expect(dyadicFromDouble(5e-324)).toEqual({ mant: 1n, exp: -1074 });
    expect(dyadicFromDouble(2 ** 53)).toEqual({ mant: 1n, exp: 53 });
    expect(() => dyadicFromDouble(Number.NaN)).toThrow();
  });

  it('2^53 + 1 held as BigInt survives exact arithmetic unchanged', () => {
    const big = { mant: (1n << 53n) + 1n, exp: 0 };
    const back = subD(addD(big, { mant: 3n, exp: -7 }), { mant: 3n, exp: -7 });
    expect(normalizeDyadic(back)).toEqual(big);
    expect(dyadicToRational(big)).toEqual(rational((1n << 53n) + 1n));
  });

  it('arithmetic is exact and independent of representation', () => {
    const rng = new Prng(12);
    for (let i = 0; i < 500; i++) {
      const a = { mant: BigInt(rng.int(-100000, 100000)), exp: rng.int(-40, 40) };
      const b = { mant: BigInt(rng.int(-100000, 100000)), exp: rng.int(-40, 40) };
      const ra = dyadicToRational(a);
      const rb = dyadicToRational(b);
      const sum = dyadicToRational(addD(a, b));
      expect(sum.num * ra.den * rb.den).toBe((ra.num * rb.den + rb.num * ra.den) * sum.den);
      const prod = dyadicToRational(mulD(a, b));
      expect(prod.num * ra.den * rb.den).toBe(ra.num * rb.num * prod.den);
      const lhs = ra.num * rb.den;
      const rhs = rb.num * ra.den;
      expect(cmpD(a, b)).toBe(lhs < rhs ? -1 : lhs > rhs ? 1 : 0);
      expect(cmpD(absD(a), { mant: 0n, exp: 0 })).toBeGreaterThanOrEqual(0);
    }
  });

  it('withExp refuses to drop set bits; normalize gives an odd mantissa', () => {
    expect(withExp({ mant: 12n, exp: 0 }, 2)).toEqual({ mant: 3n, exp: 2 });
    expect(() => withExp({ mant: 13n, exp: 0 }, 1)).toThrow();
    expect(normalizeDyadic({ mant: -40n, exp: 1 })).toEqual({ mant: -5n, exp: 4 });
    expect(normalizeDyadic({ mant: 0n, exp: 9 })).toEqual({ mant: 0n, exp: 0 });
    expect(formatDyadic({ mant: -12n, exp: -7 })).toBe('-3·2^-5');
  });

  it('rationalToDyadic accepts power-of-two denominators only', () => {
    expect(rationalToDyadic(rational(6n, 16n))).toEqual({ mant: 3n, exp: -3 });
    expect(rationalToDyadic(rational(-7n, 1n))).toEqual({ mant: -7n, exp: 0 });
    expect(() => rationalToDyadic(rational(1n, 3n))).toThrow(/power of two/);
  });
});
