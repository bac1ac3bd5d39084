import { describe, expect, it } from 'vitest';
import { classify, decode, fieldsOf, significandOf } from '../../../src/golden/float/decode.ts';
import { dyadicFromDouble, normalizeDyadic } from '../../../src/golden/float/dyadic.ts';
import {
  BF16,
  FP16,
  FP32,
  FP4_E2M1,
  FP6_E2M3,
  FP6_E3M2,
  FP8_E4M3,
  FP8_E5M2,
  type FloatFormat,
} from '../../../src/golden/float/format.ts';
import { formatValue, toDyadic, type FloatValue } from '../../../src/golden/float/value.ts';
import { Prng } from '../../../src/util/prng.ts';

// Independent oracle (tests only): reinterpret FP32 bits with DataView.
const view = new DataView(new ArrayBuffer(4));
function f32FromBits(bits: number): number {
  view.setUint32(0, bits >>> 0);
  return view.getFloat32(0);
}

/** FP16 -> FP32 bit pattern by field re-biasing (no arithmetic on values). */
function fp16ToFp32Bits(h: number): number {
  const s = (h >> 15) & 1;
  const e = (h >> 10) & 31;
  const f = h & 1023;
  if (e === 0 && f === 0) return (s << 31) >>> 0;
  if (e === 31) return ((s << 31) | (255 << 23) | (f << 13)) >>> 0;
  if (e === 0) {
    const p = 31 - Math.clz32(f); // msb index 0..9
    const exp = p - 24;
    return ((s << 31) | ((exp + 127) << 23) | ((f - (1 << p)) << (23 - p))) >>> 0;
  }
  return ((s << 31) | ((e - 15 + 127) << 23) | (f << 13)) >>> 0;
}

/** Compare a decoded value against an oracle double, exactly. */
function expectMatches(v: FloatValue, x: number, what: string): void {
  if (Number.isNaN(x)) {
    expect(v.kind, what).toBe('nan');
  } else if (!Number.isFinite(x)) {
    expect(formatValue(v), what).toBe(x > 0 ? '+Inf' : '-Inf');
  } else if (x === 0) {
    expect(formatValue(v), what).toBe(Object.is(x, -0) ? '-0' : '+0');
  } else {
    expect(normalizeDyadic(toDyadic(v)), what).toEqual(dyadicFromDouble(x));
  }
}

describe('decode', () => {
  it('all 65536 FP16 codes agree with the FP32-bits oracle and with the field formula', () => {
    for (let c = 0; c < 65536; c++) {
      const v = decode(c, FP16);
      expectMatches(v, f32FromBits(fp16ToFp32Bits(c)), `FP16 0x${c.toString(16)}`);
      // Second method: the formats.md formula evaluated in doubles (exact for FP16).
      const s = c >> 15 ? -1 : 1;
      const e = (c >> 10) & 31;
      const f = c & 1023;
      if (e !== 31 && !(e === 0 && f === 0)) {
        const x = e === 0 ? s * 2 ** -14 * (f / 1024) : s * 2 ** (e - 15) * (1 + f / 1024);
        expect(normalizeDyadic(toDyadic(v))).toEqual(dyadicFromDouble(x));
      }
    }
  });

  it('all 65536 BF16 codes agree with the FP32 oracle (BF16 = top half of FP32)', () => {
    for (let c = 0; c < 65536; c++) {
      expectMatches(decode(c, BF16), f32FromBits(c << 16), `BF16 0x${c.toString(16)}`);
    }
  });

  it('FP32 corner and 20000 seeded random codes agree with DataView', () => {
    const rng = new Prng(32);
    const corners = [0, 0x80000000, 1, 0x007fffff, 0x00800000, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0x3f800000];
    const codes = [...corners];
    for (let i = 0; i < 20000; i++) codes.push(rng.u32());
    for (const c of codes) expectMatches(decode(c, FP32), f32FromBits(c), `FP32 0x${c.toString(16)}`);
  });

  it('E2M1 codes 0..15 are 0, 0.5, 1, 1.5, 2, 3, 4, 6 and their negatives', () => {
    const expected = [0, 0.5, 1, 1.5, 2, 3, 4, 6];
    for (let c = 0; c < 16; c++) {
      const x = (c & 8 ? -1 : 1) * expected[c & 7]!;
      expectMatches(decode(c, FP4_E2M1), c === 8 ? -0 : x, `E2M1 ${c}`);
    }
  });

  it('minifloat specials: E4M3 has 2 NaN codes and no Inf; E5M2 has IEEE specials; FP6 has none', () => {
    let nan = 0;
    for (let c = 0; c < 256; c++) if (decode(c, FP8_E4M3).kind === 'nan') nan++;
    expect(nan).toBe(2);
    expect(classify(0x7f, FP8_E4M3)).toBe('nan');
    expectMatches(decode(0x7e, FP8_E4M3), 448, 'E4M3 max');
    expectMatches(decode(0x78, FP8_E4M3), 256, 'E4M3 0x78 is finite');
    expect(classify(0x7c, FP8_E5M2)).toBe('inf');
    for (const c of [0x7d, 0x7e, 0x7f]) expect(classify(c, FP8_E5M2)).toBe('nan');
    expectMatches(decode(0x7b, FP8_E5M2), 57344, 'E5M2 max');
    for (let c = 0; c < 64; c++) {
      expect(decode(c, FP6_E3M2).kind).toBe('finite');
      expect(decode(c, FP6_E2M3).kind).toBe('finite');
    }
    expectMatches(decode(0x1f, FP6_E3M2), 28, 'E3M2 max');
    expectMatches(decode(0x1f, FP6_E2M3), 7.5, 'E2M3 max');
    expectMatches(decode(0x01, FP6_E3M2), 0.0625, 'E3M2 min subnormal');
  });

  it('fields and significand give M and E as the MixPE datapath reads them', () => {
    expect(fieldsOf(0xfbff, FP16)).toEqual({ sign: 1, expField: 30, frac: 1023n });
    expect(significandOf(0x3c00, FP16)).toEqual({ sign: 0, M: 1024n, E: 15 });
    expect(significandOf(0x0001, FP16)).toEqual({ sign: 0, M: 1n, E: 1 }); // subnormal: E = 1, hidden 0
    expect(significandOf(0x03ff, FP16)).toEqual({ sign: 0, M: 1023n, E: 1 });
  });

  it('rejects codes that do not fit the format', () => {
    const formats: FloatFormat[] = [FP16, FP4_E2M1];
    expect(() => decode(0x10000, formats[0]!)).toThrow(/does not fit/);
    expect(() => decode(16, formats[1]!)).toThrow(/does not fit/);
    expect(() => decode(-1, FP16)).toThrow(/does not fit/);
    expect(() => decode(1.5, FP16)).toThrow(/not an integer/);
  });
});
