import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import { rational, ROUND_MODES, type Rational } from '../../../src/golden/rounding.ts';
import { decodeCode, dyadicRational, gemmExact, gemmExactGrouped, gemmExactIeee, quantizeWeight, roundOutput } from '../../../src/pe/mixpe/golden-math.ts';
import { mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { codeOf, randomInputs } from '../../../src/pe/mixpe/vectors.ts';

const eq = (a: Rational, b: Rational) => a.num * b.den === b.num * a.den;

describe('MixPE level a (exact math)', () => {
  it('per-element dequantization equals dequantize-after-group exactly (INT8, FP16, BF16; z = 0 … 15; signed)', () => {
    const configs: Partial<MixpeParams>[] = [
      { activation: 'INT8' },
      { activation: 'INT8', weightSigned: true },
      { activation: 'INT8', weightBits: 2 },
      { activation: 'FP16' },
      { activation: 'FP16', weightSigned: true, weightBits: 3 },
      { activation: 'BF16' },
    ];
    let n = 0;
    for (const c of configs) {
      const p = mixpeParams({ ...c, G: 32, K: 96, rows: 4, cols: 4 });
      for (const seed of [1, 2]) {
        const inp = randomInputs(p, { seed, M: 3, N: 3 });
        const a = gemmExact(inp, p);
        const b = gemmExactGrouped(inp, p);
        a.forEach((row, m) => row.forEach((y, j) => expect(eq(y, b[m]![j]!)).toBe(true)));
        n += 9;
      }
    }
    expect(n).toBe(108);
  });

  it('a hand-checkable case: X = 1, Q = 3, z = 1, s = 1/2, s_x = 2 gives Y = 2 · K · (3 − 1) / 2', () => {
    const p = mixpeParams({ G: 32, K: 64, rows: 2, cols: 2 });
    const inp = {
      X: [Array(64).fill(1)],
      Q: Array.from({ length: 64 }, () => [3]),
      S: [[codeOf('FP16', 1n, 2n)], [codeOf('FP16', 1n, 2n)]],
      Z: [[1], [1]],
      SX: [codeOf('FP16', 2n)],
    };
    const y = gemmExact(inp, p)[0]![0]!;
    expect(eq(y, rational(2n * 64n * 2n, 2n))).toBe(true);
    expect(eq(gemmExactGrouped(inp, p)[0]![0]!, y)).toBe(true);
  });

  it('the final output rounding is a separate step: 65519 -> 65504, 65520 -> +Inf, 65504 < y < 65520 -> 65504', () => {
    const p = mixpeParams({ activation: 'FP16' });
    expect(roundOutput(rational(65519n), p).code).toBe(0x7bffn);
    expect(roundOutput(rational(65520n), p).code).toBe(0x7c00n);
    expect(roundOutput(rational(-65520n), p).code).toBe(0xfc00n);
    expect(roundOutput(rational(65512n), p).code).toBe(0x7bffn);
    expect(roundOutput(rational(65504n * 15n), p).code).toBe(0x7c00n);
    expect(roundOutput(rational(65520n), mixpeParams({ activation: 'FP16', outputOverflow: 'SATURATE' })).code).toBe(0x7bffn);
    expect(roundOutput(rational(65520n), mixpeParams({ activation: 'FP16', outputFormat: 'FP32' })).code).toBe(0x477ff000n);
  });

  it('level a rejects non-finite operands', () => {
    const p = mixpeParams({ activation: 'FP16', G: 32, K: 32, rows: 1, cols: 1 });
    const X = [Array(32).fill(0x3c00)];
    X[0]![5] = 0x7c00;
    const inp = { X, Q: Array.from({ length: 32 }, () => [1]), S: [[0x3c00]], Z: [[0]] };
    expect(() => gemmExact(inp, p)).toThrow(LowbitError);
    expect(() => gemmExact(inp, p)).toThrow(/X\[0\]\[5\] is Inf/);
    expect(() => gemmExact({ ...inp, X: [Array(32).fill(0x3c00)], S: [[0x7e00]] }, p)).toThrow(/S\[0\]\[0\] is NaN/);
  });

  it('offline weight quantizer: tie vectors under every rule, zero point and clamping (§2.1)', () => {
    // W / s = 2.5 and -2.5 (+ z = 8): the tie goes where the rule says; directed rules as round().
    const expected: Record<string, [bigint, bigint]> = {
      TIES_EVEN: [2n, -2n],
      TIES_AWAY: [3n, -3n],
      TIES_UP: [3n, -2n],
      TIES_DOWN: [2n, -3n],
      TIES_ZERO: [2n, -2n],
      FLOOR: [2n, -3n],
      TRUNC_ZERO: [2n, -2n],
      CEIL: [3n, -2n],
    };
    for (const mode of ROUND_MODES) {
      const p = mixpeParams({ weightRound: mode });
      const s = rational(1n, 4n);
      expect(quantizeWeight(rational(5n, 8n), s, 8, p)).toBe(8n + expected[mode]![0]);
      expect(quantizeWeight(rational(-5n, 8n), s, 8, p)).toBe(8n + expected[mode]![1]);
    }
    const p = mixpeParams();
    expect(quantizeWeight(rational(100n), rational(1n), 0, p)).toBe(15n); // clamp high
    expect(quantizeWeight(rational(-3n), rational(1n), 1, p)).toBe(0n); // clamp low
    const ps = mixpeParams({ weightSigned: true });
    expect(quantizeWeight(rational(-100n), rational(1n), 0, ps)).toBe(-8n);
    expect(() => quantizeWeight(rational(1n), rational(1n), 3, ps)).toThrow(/no zero point/);
    expect(() => quantizeWeight(rational(1n), rational(0n), 0, p)).toThrow(/positive/);
  });

  it('decodes codes from the spec definition: the sign bit belongs to the value (FP16, BF16, FP32)', () => {
    expect(decodeCode(0xbc00, 'FP16')).toEqual({ kind: 'finite', v: { mant: -1024n, exp: -10 } });
    expect(decodeCode(0xbf80, 'BF16')).toEqual({ kind: 'finite', v: { mant: -128n, exp: -7 } });
    expect(decodeCode(0xbf800000n, 'FP32')).toEqual({ kind: 'finite', v: { mant: -(1n << 23n), exp: -23 } });
    expect(decodeCode(0x8001, 'FP16')).toEqual({ kind: 'finite', v: { mant: -1n, exp: -24 } });
    expect(decodeCode(0xfc00, 'FP16')).toEqual({ kind: 'inf', neg: true });
    expect(decodeCode(0x7e00, 'FP16')).toEqual({ kind: 'nan' });
  });

  it('negative scales scale with their sign: s_g = −1, s_x = ±1 (issue 10)', () => {
    const p = mixpeParams({ G: 32, K: 32, rows: 1, cols: 1 });
    const X = [[1, ...Array(31).fill(0)]];
    const inp = { X, Q: Array.from({ length: 32 }, () => [1]), S: [[0xbc00]], Z: [[0]], SX: [0x3c00] };
    expect(gemmExact(inp, p)[0]![0]).toEqual({ num: -1n, den: 1n });
    expect(gemmExactGrouped({ ...inp, SX: [0xbc00] }, p)[0]![0]).toEqual({ num: 1n, den: 1n });
  });

  it('gemmExactIeee: IEEE rules through the grouped form (0·Inf, Inf − Inf, NaN, signs of Inf)', () => {
    const p = mixpeParams({ G: 32, K: 64, rows: 1, cols: 1 });
    const X = [Array(64).fill(1)];
    const Q = Array.from({ length: 64 }, () => [2]);
    const run = (S: number[], SX: number, Z = [0, 0]) => gemmExactIeee({ X, Q, S: S.map((s) => [s]), Z: Z.map((z) => [z]), SX: [SX] }, p)[0]![0];
    expect(run([0xfc00, 0x3c00], 0x3c00)).toEqual({ kind: 'inf', neg: true }); // −Inf · 64
    expect(run([0xfc00, 0x3c00], 0xbc00)).toEqual({ kind: 'inf', neg: false });
    expect(run([0xfc00, 0x7c00], 0x3c00)).toEqual({ kind: 'nan' }); // −Inf + Inf
    expect(run([0x7c00, 0x3c00], 0x3c00, [2, 0])).toEqual({ kind: 'nan' }); // Inf · (P − 2R = 0)
    expect(run([0x3c00, 0x3c00], 0x7c00, [2, 2])).toEqual({ kind: 'nan' }); // s_x = Inf, Y = 0
    expect(run([0x7e00, 0x3c00], 0x3c00)).toEqual({ kind: 'nan' });
    const y = run([0xbc00, 0x3800], 0x3c00)!; // −1 · 64 + 0.5 · 64
    expect(y.kind === 'finite' && dyadicRational(y.v)).toEqual({ num: -32n, den: 1n });
  });
});
