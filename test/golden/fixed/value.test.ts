import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import type { FixedFormat } from '../../../src/golden/fixed/format.ts';
import {
  fixedValue,
  fromDecimalString,
  fromRational,
  parseDecimal,
  rationalFromDouble,
  toDecimalString,
} from '../../../src/golden/fixed/value.ts';
import { rational } from '../../../src/golden/rounding.ts';

const eqRational = (a: { num: bigint; den: bigint }, b: { num: bigint; den: bigint }) => a.num * b.den === b.num * a.den;

describe('exact values', () => {
  it('ap_fixed<4,-2> holds k/64 for k in -8..7; ap_ufixed<3,6> holds 8k for k in 0..7', () => {
    for (let k = -8n; k <= 7n; k++) expect(eqRational(fixedValue(k, { w: 4, i: -2, signed: true }), rational(k, 64n))).toBe(true);
    for (let k = 0n; k <= 7n; k++) expect(eqRational(fixedValue(k, { w: 3, i: 6, signed: false }), rational(8n * k))).toBe(true);
  });
  it('prints exact decimals', () => {
    expect(toDecimalString(-152n, { w: 10, i: 4, signed: true })).toBe('-2.375');
    expect(toDecimalString(3n, { w: 4, i: -2, signed: true })).toBe('0.046875');
    expect(toDecimalString(7n, { w: 3, i: 6, signed: false })).toBe('56');
    expect(toDecimalString(-1n, { w: 8, i: 0, signed: true })).toBe('-0.00390625');
    expect(toDecimalString(0n, { w: 8, i: 0, signed: true })).toBe('0');
  });
});

describe('constants into a format (§2 examples)', () => {
  const f46: FixedFormat = { w: 4, i: 6, signed: true, q: 'AP_RND', o: 'AP_SAT' };
  it('ap_fixed<4,6,AP_RND,AP_SAT>: 13 -> 12, 100 -> 28 (LSB 4)', () => {
    expect(toDecimalString(fromDecimalString('13', f46), f46)).toBe('12');
    expect(toDecimalString(fromDecimalString('100', f46), f46)).toBe('28');
  });
  it('ap_fixed<4,-2,AP_RND,AP_SAT>: 0.05 -> 0.046875 (LSB 2^-6)', () => {
    const f: FixedFormat = { w: 4, i: -2, signed: true, q: 'AP_RND', o: 'AP_SAT' };
    expect(fromDecimalString('0.05', f)).toBe(3n);
    // the same from the IEEE double 0.05, converted exactly first
    expect(fromRational(rationalFromDouble(0.05), f)).toBe(3n);
  });
  it('uses the format’s own Q mode on exact ties', () => {
    expect(fromRational(rational(5n, 2n), { w: 6, i: 6, signed: true, q: 'AP_RND_CONV' })).toBe(2n);
    expect(fromRational(rational(5n, 2n), { w: 6, i: 6, signed: true, q: 'AP_RND' })).toBe(3n);
    expect(fromRational(rational(-5n, 2n), { w: 6, i: 6, signed: true })).toBe(-3n); // default AP_TRN
  });
});

describe('decimal parsing', () => {
  it.each([
    ['-1.25', -5n, 4n],
    ['+.5', 1n, 2n],
    ['3.', 3n, 1n],
    ['3e-2', 3n, 100n],
    ['1.5E3', 1500n, 1n],
    ['007', 7n, 1n],
    [' -0 ', 0n, 1n],
  ])('%s', (text, num, den) => {
    expect(eqRational(parseDecimal(text), rational(num, den))).toBe(true);
  });
  it.each(['', '.', 'abc', '1.2.3', '1e', '--1', '0x10'])('rejects %j', (text) => {
    expect(() => parseDecimal(text)).toThrow(LowbitError);
  });
});

describe('exact double conversion (R1)', () => {
  it('0.1 is exactly 3602879701896397 * 2^-55', () => {
    expect(rationalFromDouble(0.1)).toEqual({ num: 3602879701896397n, den: 1n << 55n });
  });
  it('integers, negatives, subnormals and zero', () => {
    expect(rationalFromDouble(2 ** 53)).toEqual({ num: 1n << 53n, den: 1n });
    expect(rationalFromDouble(-2.375)).toEqual({ num: -19n, den: 8n });
    expect(rationalFromDouble(5e-324)).toEqual({ num: 1n, den: 1n << 1074n });
    expect(rationalFromDouble(-0)).toEqual({ num: 0n, den: 1n });
    expect(() => rationalFromDouble(Number.NaN)).toThrow(LowbitError);
  });
});
