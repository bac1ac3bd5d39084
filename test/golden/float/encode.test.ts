import { describe, expect, it } from 'vitest';
import { decode } from '../../../src/golden/float/decode.ts';
import { dyadicFromDouble, dyadicToRational, type Dyadic } from '../../../src/golden/float/dyadic.ts';
import {
  encodeDyadic,
  encodeRational,
  encodeValue,
  floorLog2Ratio,
  nanCode,
} from '../../../src/golden/float/encode.ts';
import { BF16, FP16, FP32, FP4_E2M1, FP6_E2M3, FP6_E3M2, FP8_E4M3, FP8_E5M2 } from '../../../src/golden/float/format.ts';
import { NAN, NEG_INF, NEG_ZERO, POS_INF, toRational } from '../../../src/golden/float/value.ts';
import { rational, roundToGrid, type Rational, type RoundMode } from '../../../src/golden/rounding.ts';
import { Prng } from '../../../src/util/prng.ts';

const view = new DataView(new ArrayBuffer(4));
function f32Bits(x: number): bigint {
  view.setFloat32(0, x);
  return BigInt(view.getUint32(0));
}
const q = (n: bigint, d = 1n): Rational => rational(n, d);
const code16 = (x: Rational, round: RoundMode = 'TIES_EVEN') => encodeRational(x, FP16, { round }).code;

describe('encode', () => {
  it('floorLog2Ratio', () => {
    expect(floorLog2Ratio(1n, 1n)).toBe(0);
    expect(floorLog2Ratio(3n, 1n)).toBe(1);
    expect(floorLog2Ratio(4n, 1n)).toBe(2);
    expect(floorLog2Ratio(1n, 3n)).toBe(-2);
    expect(floorLog2Ratio(1n, 4n)).toBe(-2);
    expect(floorLog2Ratio(5n, 16n)).toBe(-2);
  });

  it('every FP16 and BF16 code round-trips (NaN to the canonical NaN)', () => {
    for (const f of [FP16, BF16]) {
      for (let c = 0; c < 65536; c++) {
        const v = decode(c, f);
        const e = encodeValue(v, f);
        expect(e.code).toBe(v.kind === 'nan' ? nanCode(f) : BigInt(c));
        expect(e.inexact).toBe(false);
      }
    }
  });

  it('every code of E4M3, E5M2, E3M2, E2M3, E2M1 round-trips', () => {
    for (const f of [FP8_E4M3, FP8_E5M2, FP6_E3M2, FP6_E2M3, FP4_E2M1]) {
      const n = 2 ** (1 + f.expBits + f.manBits);
      for (let c = 0; c < n; c++) {
        const v = decode(c, f);
        expect(encodeValue(v, f).code).toBe(v.kind === 'nan' ? nanCode(f) : BigInt(c));
      }
    }
  });

  it('FP16 overflow: 65504 stays, 65519 -> 65504, 65520 -> Inf; SATURATE and directed modes', () => {
    expect(code16(q(65504n))).toBe(0x7bffn);
    expect(code16(q(65519n))).toBe(0x7bffn);
    expect(code16(q(131039n, 2n))).toBe(0x7bffn); // 65519.5
    expect(code16(q(65520n))).toBe(0x7c00n);
    expect(code16(q(-65520n))).toBe(0xfc00n);
    expect(code16(q(65520n), 'TIES_AWAY')).toBe(0x7c00n);
    expect(code16(q(65520n), 'TIES_ZERO')).toBe(0x7bffn); // exact tie, toward zero
    expect(code16(q(10n ** 9n), 'TRUNC_ZERO')).toBe(0x7bffn);
    expect(code16(q(10n ** 9n), 'FLOOR')).toBe(0x7bffn);
    expect(code16(q(-(10n ** 9n)), 'FLOOR')).toBe(0xfc00n);
    expect(code16(q(-(10n ** 9n)), 'CEIL')).toBe(0xfbffn);
    expect(encodeRational(q(65520n), FP16, { overflow: 'SATURATE' }).code).toBe(0x7bffn);
    expect(encodeValue(NEG_INF, FP16, { overflow: 'SATURATE' }).code).toBe(0xfc00n); // FP16 has Inf
    expect(encodeRational(q(65520n), FP16).overflow).toBe(true);
  });

  it('minifloat overflow and special conversions (formats.md §1.2)', () => {
    expect(encodeRational(q(1000n), FP8_E4M3, { overflow: 'SATURATE' }).code).toBe(0x7en);
    expect(encodeRational(q(464n), FP8_E4M3).code).toBe(0x7en); // tie 448|480: 448 has even fraction
    expect(encodeRational(q(470n), FP8_E4M3).code).toBe(nanCode(FP8_E4M3)); // IEEE overflow, no Inf
    expect(encodeValue(POS_INF, FP8_E4M3, { overflow: 'SATURATE' }).code).toBe(0x7en);
    expect(encodeRational(q(30n), FP6_E3M2, { overflow: 'SATURATE' }).code).toBe(0x1fn);
    expect(() => encodeRational(q(30n), FP6_E3M2)).toThrow(/SATURATE/);
    expect(() => encodeValue(NAN, FP4_E2M1)).toThrow(/no NaN/);
    expect(encodeRational(q(79n, 10n), FP6_E2M3, { overflow: 'SATURATE' }).code).toBe(0x1fn);
    expect(encodeRational(q(-17n, 16n), FP6_E2M3).code).toBe(0x28n); // -1.0625 -> -1.0 (even)
    expect(encodeRational(q(-17n, 16n), FP6_E2M3, { round: 'TIES_AWAY' }).code).toBe(0x29n); // -1.125
    expect(encodeRational(q(-1n, 4n), FP4_E2M1).code).toBe(0x8n); // -0.25 -> -0
    expect(encodeRational(q(-1n, 4n), FP4_E2M1, { round: 'TIES_AWAY' }).code).toBe(0x9n); // -0.5
    expect(encodeRational(q(5n, 2n), FP4_E2M1).code).toBe(0x4n); // 2.5 -> 2
    expect(encodeRational(q(5n), FP4_E2M1).code).toBe(0x6n); // 5 -> 4
    expect(encodeRational(q(5n), FP4_E2M1, { round: 'TIES_AWAY' }).code).toBe(0x7n); // 5 -> 6
  });

  it('signed zeros and underflow', () => {
    expect(encodeValue(NEG_ZERO, FP16).code).toBe(0x8000n);
    expect(code16(q(1n, 1n << 25n))).toBe(0n); // half the min subnormal, tie to even 0
    expect(code16(q(-1n, 1n << 25n))).toBe(0x8000n);
    expect(code16(q(1n, 1n << 25n), 'TIES_AWAY')).toBe(1n);
    expect(code16(q(3n, 1n << 26n))).toBe(1n); // 0.75 LSB
    expect(code16(q(1n, 1n << 30n), 'CEIL')).toBe(1n);
    expect(code16(q(-1n, 1n << 30n), 'FLOOR')).toBe(0x8001n);
    expect(code16(q(2047n, 1n << 25n))).toBe(0x0400n); // max subnormal + 1/2 LSB -> min normal (tie, even)
  });

  it('midpoints between all adjacent FP16 magnitudes under each tie rule', () => {
    // Adjacent finite positive codes c, c+1 (c+1 <= 0x7bff); their midpoint is exact.
    const modes: RoundMode[] = ['TIES_EVEN', 'TIES_AWAY', 'TIES_ZERO', 'TIES_UP', 'TIES_DOWN'];
    for (let c = 0; c < 0x7bff; c++) {
      const lo = toRational(decode(c, FP16));
      const hi = toRational(decode(c + 1, FP16));
      const mid = q(lo.num * hi.den + hi.num * lo.den, 2n * lo.den * hi.den);
      const even = c % 2 === 0 ? c : c + 1;
      for (const neg of [false, true]) {
        const x = neg ? q(-mid.num, mid.den) : mid;
        const s = neg ? 0x8000 : 0;
        const expected: Record<RoundMode, number> = {
          TIES_EVEN: even,
          TIES_AWAY: c + 1,
          TIES_ZERO: c,
          TIES_UP: neg ? c : c + 1,
          TIES_DOWN: neg ? c + 1 : c,
          FLOOR: 0,
          CEIL: 0,
          TRUNC_ZERO: 0,
        };
        for (const m of modes) expect(code16(x, m)).toBe(BigInt(s | expected[m]));
      }
    }
  });

  it('FP16 random rationals match roundToGrid over the sorted FP16 value set, every mode', () => {
    const grid: Rational[] = [];
    const codes: number[] = [];
    for (let c = 0xfbff; c > 0x8000; c--) {
      grid.push(toRational(decode(c, FP16)));
      codes.push(c);
    }
    for (let c = 0; c <= 0x7bff; c++) {
      grid.push(toRational(decode(c, FP16)));
      codes.push(c);
    }
    const isEven = (i: number) => codes[i]! % 2 === 0;
    const rng = new Prng(16);
    const modes: RoundMode[] = ['TIES_EVEN', 'TIES_AWAY', 'TIES_UP', 'TIES_DOWN', 'TIES_ZERO', 'FLOOR', 'CEIL', 'TRUNC_ZERO'];
    for (let i = 0; i < 3000; i++) {
      // magnitude spread over subnormals to max: num up to 2^16, den up to 2^30.
      const num = BigInt(rng.int(-65504, 65504)) * BigInt(rng.int(1, 1 << 14)) + BigInt(rng.int(0, 3));
      const den = 1n << BigInt(rng.int(0, 30));
      const x = q(num, den * BigInt(rng.int(1, 7)));
      if (x.num * 1n > 65504n * x.den || -x.num > 65504n * x.den) continue;
      for (const m of modes) {
        const want = roundToGrid(x, grid, m, isEven);
        const got = toRational(encodeRational(x, FP16, { round: m }).value);
        expect(got.num * want.den).toBe(want.num * got.den);
      }
    }
  });

  it('FP32 encode of random doubles matches Math.fround (TIES_EVEN oracle), incl. subnormals and overflow', () => {
    const rng = new Prng(33);
    const dv = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 20000; i++) {
      dv.setUint32(0, rng.u32());
      dv.setUint32(4, rng.u32());
      // Keep the exponent near the FP32 range so both under- and overflow occur.
      const e = rng.int(1023 - 160, 1023 + 130);
      dv.setUint16(0, (dv.getUint16(0) & 0x800f) | (e << 4));
      const x = dv.getFloat64(0);
      const got = encodeDyadic(dyadicFromDouble(x), FP32).code;
      const want = f32Bits(Math.fround(x));
      // dyadicFromDouble drops the sign of zero; x is never zero here (exponent field >= 1).
      expect(got, `x=${x}`).toBe(want);
    }
  });

  it('BF16 encode: ties to even at the 2^-8 boundary and the dyadic path', () => {
    const one: Dyadic = { mant: 1n, exp: 0 };
    expect(encodeDyadic(one, BF16).code).toBe(0x3f80n);
    expect(encodeDyadic({ mant: 257n, exp: -8 }, BF16).code).toBe(0x3f80n); // 1 + 2^-8: tie -> even (1.0)
    expect(encodeDyadic({ mant: 259n, exp: -8 }, BF16).code).toBe(0x3f82n); // 1 + 3·2^-8: tie -> even (1+2^-6)
    expect(encodeDyadic({ mant: 257n, exp: -8 }, BF16, { round: 'TIES_AWAY' }).code).toBe(0x3f81n);
    expect(dyadicToRational(one)).toEqual(q(1n));
  });
});
