import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import { khotSet } from '../../../src/golden/fixed/khot.ts';
import { decodeKhot, encodeKhot, khotCodeWidth, khotPositionBits, type KhotStorage } from '../../../src/golden/fixed/khot-storage.ts';

describe('layout widths', () => {
  it('ceil(log2 M) position bits', () => {
    expect([1, 2, 3, 4, 5, 6, 8, 9, 16].map(khotPositionBits)).toEqual([0, 1, 2, 2, 3, 3, 3, 4, 4]);
  });
  it('FIELDS: K (P+1) + 1 plain, K (P+2) CSD; MASK: M + 1 plain, 2M CSD', () => {
    const plain = khotSet({ m: 6, k: 2 });
    const csd = khotSet({ m: 6, k: 2, encoding: 'CSD' });
    expect(khotCodeWidth(plain)).toBe(2 * 4 + 1);
    expect(khotCodeWidth(plain, 'MASK')).toBe(7);
    expect(khotCodeWidth(csd, 'FIELDS')).toBe(2 * 5);
    expect(khotCodeWidth(csd, 'MASK')).toBe(12);
  });
});

describe('canonical codes', () => {
  const s = khotSet({ m: 6, k: 2 });
  it('PLAIN FIELDS: -40 = -(2^5 + 2^3) -> sign 1, field0 = en|5, field1 = en|3', () => {
    // fields are [enable | pos(3)], field 0 in the low bits, sign bit 8
    expect(encodeKhot(-40n, s)).toBe((1n << 8n) | ((0b1000n | 3n) << 4n) | (0b1000n | 5n));
    expect(encodeKhot(4n, s)).toBe(0b1000n | 2n); // one term, second field unused (all zero)
    expect(encodeKhot(0n, s)).toBe(0n);
  });
  it('PLAIN MASK: the magnitude bits with the sign above', () => {
    expect(encodeKhot(-40n, s, 'MASK')).toBe((1n << 6n) | 0b101000n);
    expect(encodeKhot(33n, s, 'MASK')).toBe(0b100001n);
  });
  it('CSD: per-term signs, no global sign', () => {
    const c = khotSet({ m: 6, k: 2, encoding: 'CSD' });
    // 7 = 2^3 - 2^0; a field is [enable | neg | pos(3)]: field 0 = 1_0_011, field 1 = 1_1_000
    expect(encodeKhot(7n, c)).toBe((0b1_1_000n << 5n) | 0b1_0_011n);
    expect(encodeKhot(7n, c, 'MASK')).toBe((1n << 6n) | (1n << 3n)); // -1 digit mask above +1 mask
  });
});

describe('round trips', () => {
  it('every member of several sets, both encodings and storages', () => {
    let n = 0;
    for (const [m, k] of [[1, 1], [2, 2], [6, 1], [6, 2], [8, 2], [7, 3], [16, 3]] as const) {
      for (const encoding of ['PLAIN', 'CSD'] as const) {
        const s = khotSet({ m, k, encoding });
        for (const storage of ['FIELDS', 'MASK'] as KhotStorage[]) {
          const width = khotCodeWidth(s, storage);
          const codes = new Set<bigint>();
          for (const v of s.values) {
            const code = encodeKhot(v, s, storage);
            expect(code >> BigInt(width)).toBe(0n);
            expect(decodeKhot(code, s, storage)).toBe(v);
            codes.add(code);
            n++;
          }
          expect(codes.size).toBe(s.values.length); // injective
        }
      }
    }
    expect(n).toBeGreaterThan(10_000);
  });
  it('every code word of the (6,2) PLAIN layouts decodes to a member or is rejected', () => {
    const s = khotSet({ m: 6, k: 2 });
    for (const storage of ['FIELDS', 'MASK'] as KhotStorage[]) {
      let valid = 0;
      for (let code = 0n; code < 1n << BigInt(khotCodeWidth(s, storage)); code++) {
        let v: bigint;
        try {
          v = decodeKhot(code, s, storage);
        } catch (e) {
          expect(e).toBeInstanceOf(LowbitError);
          continue;
        }
        expect(s.values.includes(v)).toBe(true);
        valid++;
      }
      expect(valid).toBeGreaterThanOrEqual(s.values.length);
    }
  });
});

describe('decode errors', () => {
  const s = khotSet({ m: 6, k: 2 });
  it('names the problem', () => {
    expect(() => decodeKhot(1n << 9n, s)).toThrow(/does not fit the 9-bit PLAIN\/FIELDS layout/);
    expect(() => decodeKhot(0b1000n | 6n, s)).toThrow(/field 0 has position 6 >= M = 6/);
    expect(() => decodeKhot(((0b1000n | 2n) << 4n) | 0b1000n | 2n, s)).toThrow(/position 2 is used twice/);
    expect(() => decodeKhot(0b000111n, s, 'MASK')).toThrow(/3 terms, more than K = 2/);
    const c = khotSet({ m: 6, k: 2, encoding: 'CSD' });
    expect(() => decodeKhot((1n << 6n) | 1n, c, 'MASK')).toThrow(/both a \+1 and a -1 digit/);
    expect(() => encodeKhot(7n, s)).toThrow(/not a member/);
    expect(() => encodeKhot(4n, s, 'BITS' as KhotStorage)).toThrow(/unknown khotStorage 'BITS'/);
  });
});
