/**
 * Baseline golden models (src/pe/mixpe/golden-baseline.ts): exact INT8 sums, the FP16 → FP32 FMA chain
 * against an independent double-precision oracle (Math.fround on sums that are exact in double),
 * and the FP16 weight dequantizer on spec-derived values.
 */
import { describe, expect, it } from 'vitest';
import { dequantWeightFp16, fp16FmaGemmTile, fp16FmaGroupSum, fp16FmaValue, int8GroupSum } from '../../../src/pe/mixpe/golden-baseline.ts';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
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

  it('fp16FmaGemmTile dequantizes per group, accumulates the whole tile in FP32 and rounds once (hand-computed)', () => {
    const p = mixpeParams({ activation: 'FP16', G: 32, K: 64 });
    const ones = (v: number): number[] => Array(64).fill(v);
    // Row 0: X = 1.0; row 1: X = 0.5. Column 0: group 0 s = 0.5, Q − z = 3 − 1 = 2 → w = 1.0;
    // group 1 s = −2.0, Q − z = 3 − 2 = 1 → w = −2.0. Σ = 32·1 − 32·2 = −32 (row 0), −16 (row 1).
    // Column 1: Q = 0, z = 0 in both groups → w = +0, Y = +0.
    const inp = {
      X: [ones(0x3c00), ones(0x3800)],
      Q: Array.from({ length: 64 }, () => [3, 0]),
      S: [[0x3800, 0x3c00], [0xc000, 0x3c00]],
      Z: [[1, 0], [2, 0]],
    };
    expect(fp16FmaGemmTile(inp, p)).toEqual([[0xd000n, 0n], [0xcc00n, 0n]]);
    // FP32 output keeps the accumulator's code: −32.0 = 0xc2000000.
    expect(fp16FmaGemmTile(inp, { ...p, outputFormat: 'FP32' })[0]).toEqual([0xc2000000n, 0n]);
    // Rounding happens in the weight: 1.0009765625 · 3 = 3.0029296875 is a tie between FP16 codes,
    // RNE16 gives 3.00390625 (0x4202); 64 of them sum exactly to 192.25 = 0x5a02.
    const t = { X: [ones(0x3c00)], Q: Array.from({ length: 64 }, () => [3]), S: [[0x3c01], [0x3c01]], Z: [[0], [0]] };
    expect(fp16FmaGemmTile(t, p)).toEqual([[0x5a02n]]);
    // And once at the end, with outputRound: w = 1 + 2^−10 in group 0, w = 1 in group 1:
    // Σ = 64 + 2^−5 = 64.03125 is exact in FP32 and a tie between FP16 64 (0x5400) and 64.0625.
    const f = { X: [ones(0x3c00)], Q: Array.from({ length: 64 }, () => [1]), S: [[0x3c01], [0x3c00]], Z: [[0], [0]] };
    expect(fp16FmaGemmTile(f, p)).toEqual([[0x5400n]]);
    expect(fp16FmaGemmTile(f, { ...p, outputRound: 'CEIL' })).toEqual([[0x5401n]]);
    expect(fp16FmaGemmTile({ ...f, X: [ones(0xbc00)] }, { ...p, outputRound: 'FLOOR' })).toEqual([[0xd401n]]);
  });

  it('fp16FmaGemmTile rejects INT8 activations and non-FP16 scales', () => {
    const inp = { X: [Array(32).fill(1)], Q: Array.from({ length: 32 }, () => [1]), S: [[0x3c00]] };
    expect(() => fp16FmaGemmTile(inp, mixpeParams({ rows: 2, cols: 2, G: 32, K: 32 }))).toThrow(/FP16 activations and FP16 scales only/);
    expect(() => fp16FmaGemmTile(inp, mixpeParams({ activation: 'FP16', scaleFormat: 'BF16', rows: 2, cols: 2, G: 32, K: 32 }))).toThrow(/FP16 activations/);
  });
});
