import { describe, expect, it } from 'vitest';
import { decode } from '../../../src/golden/float/decode.ts';
import { mulD, normalizeDyadic } from '../../../src/golden/float/dyadic.ts';
import { FP16 } from '../../../src/golden/float/format.ts';
import { formatValue, toDyadic } from '../../../src/golden/float/value.ts';
import { macProductFp, macProductInt, shiftAddProduct } from '../../../src/pe/mixpe/golden-mac.ts';
import { mixpeParams, weightRange, type WeightBits } from '../../../src/pe/mixpe/params.ts';

describe('shift-and-add product (test case 1)', () => {
  it('all 16 × 256 INT4 × INT8 pairs, unsigned and signed, equal the exact product', () => {
    for (const signed of [false, true]) {
      const p = mixpeParams({ weightSigned: signed });
      const r = weightRange(p);
      let count = 0;
      for (let q = r.lo; q <= r.hi; q++) {
        for (let x = -128n; x <= 127n; x++) {
          const { partials, product } = shiftAddProduct(x, q, 4, signed);
          expect(product).toBe(x * q);
          expect(macProductInt(x, q, p)).toBe(x * q);
          // Each partial product is an AND-gated hard-wired shift; the signed top one is subtracted.
          const bits = q & 15n;
          partials.forEach((pp, i) => {
            const gated = (bits >> BigInt(i)) & 1n ? x << BigInt(i) : 0n;
            expect(pp).toBe(signed && i === 3 ? -gated : gated);
          });
          // The product fits the 12-bit signed result of spec §3.
          expect(product >= -2048n && product <= 2047n).toBe(true);
          count++;
        }
      }
      expect(count).toBe(16 * 256);
    }
  });

  it('2- and 3-bit weights (extension) give the exact product too', () => {
    for (const wb of [2, 3] as WeightBits[]) {
      for (const signed of [false, true]) {
        const p = mixpeParams({ weightBits: wb, weightSigned: signed });
        const r = weightRange(p);
        for (let q = r.lo; q <= r.hi; q++) for (let x = -128n; x <= 127n; x++) expect(macProductInt(x, q, p)).toBe(x * q);
      }
    }
  });

  it('rejects out-of-range operands', () => {
    const p = mixpeParams();
    expect(() => macProductInt(128, 1, p)).toThrow(/outside/);
    expect(() => macProductInt(1, 16, p)).toThrow(/outside/);
    expect(() => macProductInt(1, -1, p)).toThrow(/outside/);
  });
});

describe('W4A16 product with exponent pass-through (test case 4)', () => {
  const p = mixpeParams({ activation: 'FP16' });
  const ps = mixpeParams({ activation: 'FP16', weightSigned: true });
  const acts: Record<string, number> = {
    '+0': 0x0000,
    '-0': 0x8000,
    minSub: 0x0001,
    maxSub: 0x03ff,
    one: 0x3c00,
    max: 0x7bff,
    negOne: 0xbc00,
    '+Inf': 0x7c00,
    '-Inf': 0xfc00,
    NaN: 0x7e00,
  };

  it('every Q in 0..15 times the listed activations: exact significand, shift and specials', () => {
    for (const [name, code] of Object.entries(acts)) {
      const a = decode(code, FP16);
      for (let q = 0n; q <= 15n; q++) {
        const r = macProductFp(code, q, p);
        if (name === 'NaN') {
          expect(r.kind).toBe('nan');
          continue;
        }
        if (name.endsWith('Inf')) {
          expect(formatValue(r.value)).toBe(q === 0n ? 'NaN' : name);
          continue;
        }
        expect(r.kind).toBe('finite');
        // Sign = activation sign XOR weight sign (Q >= 0 here), also for zeros.
        expect(r.neg).toBe((code & 0x8000) !== 0);
        const M = BigInt(code & 0x3ff) | ((code & 0x7c00) !== 0 ? 0x400n : 0n);
        expect(r.S).toBe(M * q);
        expect(r.E).toBe(Math.max(1, (code >> 10) & 31)); // exponent passes through (subnormal: 1)
        expect(normalizeDyadic(toDyadic(r.value))).toEqual(normalizeDyadic(mulD(toDyadic(a), { mant: q, exp: 0 })));
        if (r.S === 0n) {
          expect(r.shift).toBeNull();
          continue;
        }
        const msb = r.S.toString(2).length - 1;
        expect(r.shift).toBe(msb - 10);
        expect(r.Ep).toBe(r.E + msb - 10);
        if ((code & 0x7c00) !== 0) {
          expect(r.shift).toBeGreaterThanOrEqual(0);
          expect(r.shift).toBeLessThanOrEqual(4);
        } else {
          expect(r.shift).toBeGreaterThanOrEqual(-10);
          expect(r.shift).toBeLessThanOrEqual(3);
        }
      }
    }
    expect(macProductFp(acts.minSub!, 1, p).shift).toBe(-10);
    expect(macProductFp(acts.one!, 15, p).shift).toBe(3);
    expect(macProductFp(acts.one!, 1, p).shift).toBe(0);
    expect(macProductFp(0x3fff, 15, p).shift).toBe(4); // 2047 · 15 = 30705 has msb 14
  });

  it('all 65536 FP16 codes × all 16 unsigned weights: the product value is exact', () => {
    const bad: string[] = [];
    for (let c = 0; c < 65536; c++) {
      const a = decode(c, FP16);
      for (let q = 0n; q <= 15n; q++) {
        const r = macProductFp(c, q, p);
        let ok: boolean;
        if (a.kind === 'finite') {
          // Same exponent E − 25 on both sides: compare the signed significands.
          const want = (a.neg ? -a.mag : a.mag) * q;
          const got = r.value.kind === 'finite' ? (r.value.neg ? -r.value.mag : r.value.mag) : null;
          ok = r.S < 1n << 15n && r.value.kind === 'finite' && r.value.exp === a.exp && got === want && r.value.neg === a.neg;
        } else {
          ok = r.kind === (a.kind === 'nan' || q === 0n ? 'nan' : 'inf');
        }
        if (!ok) bad.push(`0x${c.toString(16)} × ${q}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('signed weights: the top partial product is subtracted and the sign folded', () => {
    for (let q = -8n; q <= 7n; q++) {
      for (const code of [0x3c00, 0xbc00, 0x0001, 0x8000, 0x0000, 0x7bff]) {
        const r = macProductFp(code, q, ps);
        const a = decode(code, FP16);
        expect(normalizeDyadic(toDyadic(r.value))).toEqual(normalizeDyadic(mulD(toDyadic(a), { mant: q, exp: 0 })));
        expect(r.neg).toBe(((code & 0x8000) !== 0) !== q < 0n);
      }
      const inf = macProductFp(0x7c00, q, ps);
      expect(formatValue(inf.value)).toBe(q === 0n ? 'NaN' : q < 0n ? '-Inf' : '+Inf');
    }
    // −0 × −3 = +0; +0 × −3 = −0 (sign = activation sign XOR weight sign).
    expect(formatValue(macProductFp(0x8000, -3, ps).value)).toBe('+0');
    expect(formatValue(macProductFp(0x0000, -3, ps).value)).toBe('-0');
    expect(macProductFp(0x7bff, -8, ps).S).toBe(2047n * 8n);
  });

  it('BF16 activations: 8-bit significand, same pass-through', () => {
    const pb = mixpeParams({ activation: 'BF16' });
    const r = macProductFp(0x3f80, 15, pb); // 1.0
    expect(r.S).toBe(128n * 15n);
    expect(r.E).toBe(127);
    expect(r.shift).toBe(3);
    expect(formatValue(r.value)).toBe('15');
  });
});
