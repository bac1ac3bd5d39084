import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import {
  type FixedFormat,
  checkFixedFormat,
  formatName,
  fracBits,
  intToRaw,
  maxInt,
  minInt,
  qModeToRoundMode,
  rawToInt,
  resolveFixedFormat,
} from '../../../src/golden/fixed/format.ts';

function errorOf(f: unknown): LowbitError {
  try {
    checkFixedFormat(f as FixedFormat);
  } catch (e) {
    expect(e).toBeInstanceOf(LowbitError);
    return e as LowbitError;
  }
  throw new Error('expected a LowbitError');
}

describe('defaults and names', () => {
  it('fills AP_TRN / AP_WRAP / N = 0', () => {
    expect(resolveFixedFormat({ w: 8, i: 4, signed: true })).toEqual({ w: 8, i: 4, signed: true, q: 'AP_TRN', o: 'AP_WRAP', n: 0 });
  });
  it('names formats the ap_fixed way', () => {
    expect(formatName({ w: 8, i: 4, signed: true })).toBe('ap_fixed<8,4>');
    expect(formatName({ w: 8, i: 4, signed: true }, true)).toBe('ap_fixed<8,4,AP_TRN,AP_WRAP,0>');
    expect(formatName({ w: 6, i: -2, signed: false, q: 'AP_RND', o: 'AP_SAT' })).toBe('ap_ufixed<6,-2,AP_RND,AP_SAT,0>');
  });
  it('F = W - I may be negative or exceed W', () => {
    expect(fracBits({ w: 4, i: 6, signed: true })).toBe(-2);
    expect(fracBits({ w: 4, i: -2, signed: true })).toBe(6);
  });
});

describe('Q mode -> shared rounding rule (R2 equivalents)', () => {
  it.each([
    ['AP_RND', 'TIES_UP'],
    ['AP_RND_ZERO', 'TIES_ZERO'],
    ['AP_RND_MIN_INF', 'TIES_DOWN'],
    ['AP_RND_INF', 'TIES_AWAY'],
    ['AP_RND_CONV', 'TIES_EVEN'],
    ['AP_TRN', 'FLOOR'],
    ['AP_TRN_ZERO', 'TRUNC_ZERO'],
  ] as const)('%s -> %s', (q, mode) => {
    expect(qModeToRoundMode(q)).toBe(mode);
  });
});

describe('validation', () => {
  it.each([
    [{ w: 0, i: 0, signed: true }, 'ap_fixed<0,0>: width W must be an integer >= 1 (got 0)'],
    [{ w: 2.5, i: 0, signed: true }, 'width W must be an integer >= 1 (got 2.5)'],
    [{ w: 4, i: 0.5, signed: true }, 'integer bits I must be an integer (got 0.5)'],
    [{ w: 4, i: 2, signed: 'yes' }, "'signed' must be true (ap_fixed) or false (ap_ufixed)"],
    [{ w: 4, i: 2, signed: true, q: 'AP_ROUND' }, "unknown quantization mode 'AP_ROUND'"],
    [{ w: 4, i: 2, signed: true, o: 'AP_CLAMP' }, "unknown overflow mode 'AP_CLAMP'"],
    [{ w: 4, i: 2, signed: true, n: 5 }, 'saturation bits N must be an integer in 0..W = 0..4 (got 5)'],
    [{ w: 4, i: 2, signed: true, n: -1 }, 'saturation bits N must be an integer in 0..W = 0..4 (got -1)'],
    [{ w: 4, i: 2, signed: true, o: 'AP_SAT', n: 1 }, 'N = 1 only applies to AP_WRAP and AP_WRAP_SM, not AP_SAT'],
    [{ w: 4, i: 2, signed: false, o: 'AP_WRAP_SM' }, 'ap_ufixed<4,2,AP_TRN,AP_WRAP_SM,0>: ap_ufixed does not support AP_WRAP_SM'],
  ])('%j', (f, message) => {
    expect(errorOf(f).message).toContain(message);
  });
  it('accepts every valid corner: W = 1, N = W, I far outside W', () => {
    expect(() => checkFixedFormat({ w: 1, i: 1, signed: true, o: 'AP_WRAP_SM', n: 1 })).not.toThrow();
    expect(() => checkFixedFormat({ w: 3, i: -40, signed: false, o: 'AP_WRAP', n: 3 })).not.toThrow();
    expect(() => checkFixedFormat({ w: 3, i: 40, signed: true, q: 'AP_RND_CONV', o: 'AP_SAT_SYM' })).not.toThrow();
  });
});

describe('raw bit patterns', () => {
  it('round-trips every pattern of every W <= 8, both signednesses', () => {
    for (let w = 1; w <= 8; w++) {
      for (const signed of [true, false]) {
        const f: FixedFormat = { w, i: 0, signed };
        const seen = new Set<bigint>();
        for (let raw = 0n; raw < 1n << BigInt(w); raw++) {
          const n = rawToInt(raw, f);
          expect(n >= minInt(f) && n <= maxInt(f)).toBe(true);
          expect(intToRaw(n, f)).toBe(raw);
          seen.add(n);
        }
        expect(seen.size).toBe(2 ** w); // a bijection onto [min, max]
        expect(maxInt(f) - minInt(f) + 1n).toBe(1n << BigInt(w));
      }
    }
  });
  it('reads two’s complement for signed formats', () => {
    expect(rawToInt(30n, { w: 5, i: 3, signed: true })).toBe(-2n);
    expect(rawToInt(30n, { w: 5, i: 3, signed: false })).toBe(30n);
    expect(rawToInt(8n, { w: 4, i: -3, signed: true })).toBe(-8n);
  });
  it('rejects patterns and integers that do not fit', () => {
    expect(() => rawToInt(16n, { w: 4, i: 4, signed: true })).toThrow(/not a 4-bit pattern/);
    expect(() => rawToInt(-1n, { w: 4, i: 4, signed: true })).toThrow(/not a 4-bit pattern/);
    expect(() => intToRaw(8n, { w: 4, i: 4, signed: true })).toThrow(/outside the range of ap_fixed<4,4>/);
    expect(() => intToRaw(-1n, { w: 4, i: 4, signed: false })).toThrow(/outside the range of ap_ufixed<4,4>/);
  });
});
