/**
 * The element-wise golden model against a hand calculation with exact rationals: each stage's
 * value, rounding and saturation written out for specific inputs.
 */
import { describe, expect, it } from 'vitest';
import { eltwiseGolden } from '../../../src/pe/qfx/golden.ts';
import type { FormatFile } from '../../../src/pe/qfx/formats.ts';

const f = (w: number, i: number, signed = true, q = 'AP_TRN', o = 'AP_WRAP') => ({ w, i, signed, q, o, n: 0 }) as FormatFile[string];
const formats: FormatFile = {
  input: f(8, 3),
  bn_scale: f(8, 2),
  bn_bias: f(8, 3),
  bn_mul: f(10, 4, true, 'AP_RND_CONV', 'AP_SAT'),
  bn_out: f(10, 4, true, 'AP_RND', 'AP_SAT'),
  residual: f(8, 3),
  residual_out: f(10, 5, true, 'AP_TRN', 'AP_SAT'),
  output: f(6, 3, false, 'AP_RND_CONV', 'AP_SAT'),
};

describe('eltwiseGolden', () => {
  const y = eltwiseGolden(formats);
  it('computes BN, residual, ReLU and requantization step by step', () => {
    // x = 1.25 (raw 40, F=5), a = 1.5 (raw 96, F=6), b = 0.5 (raw 16), r = 0.25 (raw 8)
    // a*x = 1.875 -> bn_mul (F=6): 1.875 exact; + b = 2.375 -> bn_out exact; + r = 2.625 -> residual_out (F=5) exact
    // ReLU keeps 2.625; output ap_ufixed<6,3> (F=3): 2.625 = 21/8 exact -> raw 21
    expect(y(40n, 96n, 16n, 8n)).toBe(21n);
  });
  it('rounds ties to even at the output and clamps negatives to zero', () => {
    // x = 1 (32), a = 1 (64), b = 0, r = 1/16 (2): s = 1.0625 -> output F=3: 8.5 LSB, tie -> even 8 -> raw 8
    expect(y(32n, 64n, 0n, 2n)).toBe(8n);
    // x = -1 (raw -32): a*x = -1, ReLU -> 0
    expect(y(-32n, 64n, 0n, 0n)).toBe(0n);
  });
  it('saturates each stage', () => {
    // a*x = 1.9844 * 3.96875 = 7.875... > bn_mul max (2^3 - 2^-6 = 7.984) ok; then + b 3.97 saturates bn_out at 7.9375,
    // + r 3.97 -> 11.9 fits residual_out (max 15.97); output ap_ufixed<6,3> max 7.875 saturates
    expect(y(127n, 127n, 127n, 127n)).toBe(63n);
  });
});
