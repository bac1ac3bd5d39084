import { describe, expect, it } from 'vitest';
import {
  BF16,
  FP16,
  FP32,
  FP4_E2M1,
  FP6_E2M3,
  FP6_E3M2,
  FP8_E4M3,
  FP8_E5M2,
  emaxOf,
  eminOf,
  floatFormat,
  hasInf,
  hasNaN,
  maxFinite,
  minSubnormal,
  quantumExp,
  totalBits,
} from '../../../src/golden/float/format.ts';
import { dyadicToRational, type Dyadic } from '../../../src/golden/float/dyadic.ts';
import { rational } from '../../../src/golden/rounding.ts';

function asRational(d: Dyadic): string {
  const r = dyadicToRational(d);
  const g = gcd(r.num, r.den);
  return `${r.num / g}/${r.den / g}`;
}
function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
}
function r(n: bigint, d = 1n): string {
  const x = rational(n, d);
  const g = gcd(x.num, x.den);
  return `${x.num / g}/${x.den / g}`;
}

describe('float formats (formats.md §1.1 table)', () => {
  it('max normal, min normal and min subnormal match the table', () => {
    expect(asRational(maxFinite(FP16))).toBe(r(65504n));
    expect(asRational(maxFinite(FP8_E4M3))).toBe(r(448n));
    expect(asRational(maxFinite(FP8_E5M2))).toBe(r(57344n));
    expect(asRational(maxFinite(FP6_E3M2))).toBe(r(28n));
    expect(asRational(maxFinite(FP6_E2M3))).toBe(r(15n, 2n));
    expect(asRational(maxFinite(FP4_E2M1))).toBe(r(6n));
    // BF16: (2 - 2^-7) * 2^127 = 255 * 2^120
    expect(maxFinite(BF16)).toEqual({ mant: 255n, exp: 120 });
    expect(maxFinite(FP32)).toEqual({ mant: (1n << 24n) - 1n, exp: 104 });
    expect(eminOf(FP16)).toBe(-14);
    expect(eminOf(FP8_E4M3)).toBe(-6);
    expect(eminOf(FP6_E3M2)).toBe(-2);
    expect(eminOf(BF16)).toBe(-126);
    expect(minSubnormal(FP16)).toEqual({ mant: 1n, exp: -24 });
    expect(minSubnormal(FP8_E4M3)).toEqual({ mant: 1n, exp: -9 });
    expect(minSubnormal(FP8_E5M2)).toEqual({ mant: 1n, exp: -16 });
    expect(minSubnormal(FP6_E3M2)).toEqual({ mant: 1n, exp: -4 });
    expect(minSubnormal(FP6_E2M3)).toEqual({ mant: 1n, exp: -3 });
    expect(minSubnormal(FP4_E2M1)).toEqual({ mant: 1n, exp: -1 });
    expect(quantumExp(BF16)).toBe(-133);
    expect(emaxOf(FP16)).toBe(15);
    expect(emaxOf(FP8_E4M3)).toBe(8);
  });

  it('code widths and special sets', () => {
    expect(totalBits(FP16)).toBe(16);
    expect(totalBits(BF16)).toBe(16);
    expect(totalBits(FP32)).toBe(32);
    expect(totalBits(FP4_E2M1)).toBe(4);
    expect(hasInf(FP8_E4M3)).toBe(false);
    expect(hasNaN(FP8_E4M3)).toBe(true);
    expect(hasNaN(FP6_E2M3)).toBe(false);
    expect(hasInf(FP8_E5M2)).toBe(true);
  });

  it('rejects malformed formats with a clear message', () => {
    expect(() => floatFormat('X', 0, 3)).toThrow(/expBits/);
    expect(() => floatFormat('X', 4, -1)).toThrow(/manBits/);
    expect(() => floatFormat('X', 1, 3)).toThrow(/IEEE specials/);
    expect(() => floatFormat('X', 4, 0, { specials: 'FN' })).toThrow(/FN specials/);
    expect(() => floatFormat('X', 4, 3, { bias: 1.5 })).toThrow(/bias/);
  });
});
