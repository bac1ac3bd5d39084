import { describe, expect, it } from 'vitest';
import { type FixedFormat, maxInt, minInt } from '../../../src/golden/fixed/format.ts';
import { shlFixed, shrFixed } from '../../../src/golden/fixed/shift.ts';
import { fromDecimalString, toDecimalString } from '../../../src/golden/fixed/value.ts';

describe('shift examples', () => {
  it('ap_fixed<8,4,AP_RND,AP_SAT>: 5.75 << 1 = -4.5, 5.75 >> 3 = 0.6875 (Q/O ignored)', () => {
    const f: FixedFormat = { w: 8, i: 4, signed: true, q: 'AP_RND', o: 'AP_SAT' };
    const x = fromDecimalString('5.75', f);
    expect(toDecimalString(shlFixed(x, f, 1), f)).toBe('-4.5');
    expect(toDecimalString(shrFixed(x, f, 3), f)).toBe('0.6875');
  });
  it('shr does not round: -1 LSB >> 5 stays -1 LSB (signed), 1 >> 1 is 0', () => {
    const f: FixedFormat = { w: 6, i: 2, signed: true, q: 'AP_RND' };
    expect(shrFixed(-1n, f, 5)).toBe(-1n);
    expect(shrFixed(1n, f, 1)).toBe(0n);
  });
  it('sh >= w: << gives 0, >> gives 0 or -1; negative sh flips direction', () => {
    const s: FixedFormat = { w: 4, i: 4, signed: true };
    const u: FixedFormat = { w: 4, i: 4, signed: false };
    expect(shlFixed(5n, s, 4)).toBe(0n);
    expect(shrFixed(-3n, s, 4)).toBe(-1n);
    expect(shrFixed(5n, s, 40)).toBe(0n);
    expect(shrFixed(15n, u, 4)).toBe(0n);
    expect(shlFixed(3n, s, -1)).toBe(1n);
    expect(shrFixed(3n, s, -2)).toBe(-4n); // 0011 << 2 = 1100
  });
});

/** Naive model: manipulate the '0'/'1' string of the pattern. */
function naiveShift(x: bigint, f: FixedFormat, sh: number, left: boolean): bigint {
  if (sh < 0) return naiveShift(x, f, -sh, !left);
  const m = 2n ** BigInt(f.w);
  let bits = (((x % m) + m) % m).toString(2).padStart(f.w, '0');
  const fill = f.signed ? bits[0]! : '0';
  for (let k = 0; k < sh; k++) bits = left ? bits.slice(1) + '0' : fill + bits.slice(0, -1);
  const u = BigInt('0b' + bits);
  return f.signed && bits[0] === '1' ? u - m : u;
}

describe('exhaustive small formats against a bit-string model', () => {
  it('every value of every W <= 7 format, shift amounts -9..9', () => {
    let n = 0;
    for (let w = 1; w <= 7; w++) {
      for (const signed of [true, false]) {
        const f: FixedFormat = { w, i: 1, signed, q: 'AP_RND_CONV', o: 'AP_SAT_SYM' };
        for (let x = minInt(f); x <= maxInt(f); x++) {
          for (let sh = -9; sh <= 9; sh++) {
            expect(shlFixed(x, f, sh)).toBe(naiveShift(x, f, sh, true));
            expect(shrFixed(x, f, sh)).toBe(naiveShift(x, f, sh, false));
            n++;
          }
        }
      }
    }
    expect(n).toBe(19 * 2 * (2 + 4 + 8 + 16 + 32 + 64 + 128));
  });
  it('rejects out-of-range operands and non-integer amounts', () => {
    const f: FixedFormat = { w: 4, i: 4, signed: true };
    expect(() => shlFixed(8n, f, 1)).toThrow(/outside ap_fixed<4,4>/);
    expect(() => shrFixed(1n, f, 0.5)).toThrow(/must be an integer/);
  });
});
