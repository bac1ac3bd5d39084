/**
 * Baseline golden models (src/pe/mixpe/golden-baseline.ts): exact INT8 sums, the FP16 → FP32 FMA chain
 * against an independent double-precision oracle (Math.fround on sums that are exact in double),
 * and the FP16 weight dequantizer on spec-derived values.
 */
import { describe, expect, it } from 'vitest';
import { dequantWeightFp16, fp16FmaGroupSum, fp16FmaValue, int8GroupSum } from '../../../src/pe/mixpe/golden-baseline.ts';
import { Prng } from '../../../src/util/prng.ts';

/** Exact double of an FP16 code. */
function fp16ToNumber(c: number): number {
  const s = c >> 15 ? -1 : 1;
  const e = (c >> 10) & 31;
  const f = c & 1023;
  if (e === 31) return f ? NaN : s * Infinity;
  return e === 0 ? s * f * 2 ** -24 : s * (1024 + f) * 2 ** (e - 25);
}

function fp32Code(v: number): bigint {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, v);
  return BigInt(b.getUint32(0));
}

describe('baseline golden models', () => {
  it('int8GroupSum is the exact dot product, extremes included', () => {
    expect(int8GroupSum([1n, -2n, 3n], [4n, 5n, -6n])).toBe(4n - 10n - 18n);
    expect(int8GroupSum(Array(128).fill(-128n), Array(128).fill(-128n))).toBe(128n * 16384n);
    expect(int8GroupSum(Array(128).fill(-128n), Array(128).fill(127n))).toBe(-128n * 16256n);
    expect(() => int8GroupSum([128n], [1n])).toThrow(/outside the 8-bit/);
    expect(() => int8GroupSum([1n], [16n], 5)).toThrow(/outside the 5-bit/);
    expect(() => int8GroupSum([1n, 2n], [1n])).toThrow(RangeError);
  });

  it('fp16FmaGroupSum equals RNE32 of each step where the step is exact in double (seeded)', () => {
    const rng = new Prng(11);
    for (let t = 0; t < 300; t++) {
      // exponents within a window keep every acc + product exact in double (< 53 bits span)
      const base = 6 + rng.below(18);
      const xs: number[] = [];
      const ws: number[] = [];
      for (let k = 0; k < 32; k++) {
        xs.push(((rng.u32() & 1) << 15) | ((base + rng.below(3)) << 10) | (rng.u32() & 1023));
        ws.push(((rng.u32() & 1) << 15) | ((15 + rng.below(3) - 1) << 10) | (rng.u32() & 1023));
      }
      let acc = 0;
      xs.forEach((x, k) => (acc = Math.fround(acc + fp16ToNumber(x) * fp16ToNumber(ws[k]!))));
      expect(fp16FmaGroupSum(xs, ws)).toBe(fp32Code(acc));
    }
  });

  it('fp16FmaValue follows IEEE specials and zero signs', () => {
    expect(fp16FmaValue([0x7c00], [0x0000]).kind).toBe('nan'); // Inf × 0
    expect(fp16FmaValue([0x7c00, 0xfc00], [0x3c00, 0x3c00]).kind).toBe('nan'); // +Inf + −Inf
    expect(fp16FmaValue([0xfc00, 0x3c00], [0x3c00, 0x3c00])).toEqual({ kind: 'inf', neg: true });
    expect(fp16FmaGroupSum([0x8000], [0x3c00])).toBe(0n); // +0 + (−0) = +0
    expect(fp16FmaGroupSum([0x3c00, 0xbc00], [0x3c00, 0x3c00])).toBe(0n); // exact cancellation → +0
    expect(fp16FmaGroupSum([0x7e00], [0x3c00])).toBe(0x7fc00000n);
    expect(fp16FmaGroupSum([0x7bff], [0x7bff])).toBe(fp32Code(65504 * 65504));
    expect(fp16FmaGroupSum([0x0001], [0x0001])).toBe(fp32Code(2 ** -48)); // smallest product, normal in FP32
  });

  it('dequantWeightFp16 rounds s·(Q − z) once to FP16', () => {
    expect(dequantWeightFp16(0x3c00, 15n, 0n)).toBe(0x4b80n); // 1.0 · 15 = 15
    expect(dequantWeightFp16(0x3c00, 0n, 15n)).toBe(0xcb80n); // −15
    expect(dequantWeightFp16(0x7bff, 15n, 0n)).toBe(0x7c00n); // 65504 · 15 overflows to +Inf
    expect(dequantWeightFp16(0x0001, 3n, 0n)).toBe(0x0003n); // 3 · 2^−24, subnormal, exact
    expect(dequantWeightFp16(0x3c01, 3n, 0n)).toBe(0x4202n); // 3.0029296875: tie 513.5 → even 514
    expect(dequantWeightFp16(0xbc00, 4n, 4n)).toBe(0x0000n); // exact zero → +0
    expect(dequantWeightFp16(0x7c00, 4n, 4n)).toBe(0x7e00n); // Inf · 0 → NaN
    expect(dequantWeightFp16(0xfc00, 2n, 5n)).toBe(0x7c00n); // −Inf · (−3) → +Inf
    expect(dequantWeightFp16(0x7e00, 1n, 0n)).toBe(0x7e00n);
  });
});
