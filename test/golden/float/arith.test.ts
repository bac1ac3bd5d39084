import { describe, expect, it } from 'vitest';
import { fpAdd, fpMul, fpRound, fpSub, negate } from '../../../src/golden/float/arith.ts';
import { decode } from '../../../src/golden/float/decode.ts';
import { dyadicFromDouble } from '../../../src/golden/float/dyadic.ts';
import { encodeValue } from '../../../src/golden/float/encode.ts';
import { FP16, FP32, FP8_E4M3 } from '../../../src/golden/float/format.ts';
import {
  NAN,
  NEG_INF,
  NEG_ZERO,
  POS_INF,
  POS_ZERO,
  finiteFromDyadic,
  formatValue,
  type FloatValue,
} from '../../../src/golden/float/value.ts';
import { Prng } from '../../../src/util/prng.ts';

const view = new DataView(new ArrayBuffer(4));
function f32Bits(x: number): bigint {
  view.setFloat32(0, x);
  return BigInt(view.getUint32(0));
}
function f32(x: number): FloatValue {
  if (x === 0) return Object.is(x, -0) ? NEG_ZERO : POS_ZERO;
  return finiteFromDyadic(dyadicFromDouble(x));
}
const one = f32(1);

describe('IEEE arithmetic on exact values', () => {
  it('special-value table', () => {
    const add = (a: FloatValue, b: FloatValue) => formatValue(fpAdd(a, b, FP32).value);
    const mul = (a: FloatValue, b: FloatValue) => formatValue(fpMul(a, b, FP32).value);
    expect(add(POS_INF, NEG_INF)).toBe('NaN');
    expect(add(POS_INF, POS_INF)).toBe('+Inf');
    expect(add(NEG_INF, one)).toBe('-Inf');
    expect(add(one, NAN)).toBe('NaN');
    expect(add(POS_ZERO, NEG_ZERO)).toBe('+0');
    expect(formatValue(fpAdd(POS_ZERO, NEG_ZERO, FP32, { round: 'FLOOR' }).value)).toBe('-0');
    expect(add(NEG_ZERO, NEG_ZERO)).toBe('-0');
    expect(add(one, negate(one))).toBe('+0');
    expect(formatValue(fpSub(one, one, FP32, { round: 'FLOOR' }).value)).toBe('-0');
    expect(mul(POS_ZERO, POS_INF)).toBe('NaN');
    expect(mul(NEG_INF, f32(-2))).toBe('+Inf');
    expect(mul(NEG_ZERO, one)).toBe('-0');
    expect(mul(NEG_ZERO, f32(-3))).toBe('+0');
    expect(mul(NAN, POS_ZERO)).toBe('NaN');
    expect(formatValue(negate(NEG_ZERO))).toBe('+0');
  });

  it('FP32 add and multiply of random FP32 values match Math.fround of the exact double result', () => {
    const rng = new Prng(44);
    const rand = (): number => {
      // FP32 with exponents in [-40, 40]: sums of two differ by < 2^29 in scale, so the double sum is exact.
      view.setUint32(0, (rng.u32() & 0x807fffff) | ((127 + rng.int(-14, 14)) << 23));
      return view.getFloat32(0);
    };
    for (let i = 0; i < 20000; i++) {
      const a = rand();
      const b = rand();
      const s = encodeValue(fpAdd(f32(a), f32(b), FP32).value, FP32).code;
      expect(s, `${a} + ${b}`).toBe(f32Bits(Math.fround(a + b)));
      const p = encodeValue(fpMul(f32(a), f32(b), FP32).value, FP32).code;
      expect(p, `${a} * ${b}`).toBe(f32Bits(Math.fround(a * b)));
    }
  });

  it('FP32 overflow gives Inf; FP16 conversion rounds once; FN formats overflow to NaN', () => {
    const big = f32(3.0e38);
    expect(formatValue(fpAdd(big, big, FP32).value)).toBe('+Inf');
    expect(formatValue(fpMul(big, f32(-2), FP32).value)).toBe('-Inf');
    const r = fpRound(f32(65519), FP16);
    expect(formatValue(r.value)).toBe('65504');
    expect(r.inexact).toBe(true);
    expect(formatValue(fpRound(f32(65520), FP16).value)).toBe('+Inf');
    expect(formatValue(fpRound(POS_INF, FP8_E4M3).value)).toBe('NaN');
    expect(formatValue(fpRound(decode(0x3c00, FP16), FP32).value)).toBe('1');
    expect(fpRound(decode(0x3c00, FP16), FP32).inexact).toBe(false);
  });
});
