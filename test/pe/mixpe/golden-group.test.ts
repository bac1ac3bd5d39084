import { describe, expect, it } from 'vitest';
import { decode } from '../../../src/golden/float/decode.ts';
import { absD, cmpD, subD } from '../../../src/golden/float/dyadic.ts';
import { FP16 } from '../../../src/golden/float/format.ts';
import { formatValue, toDyadic } from '../../../src/golden/float/value.ts';
import { addSpecial, groupSum, rowSum } from '../../../src/pe/mixpe/golden-group.ts';
import { groupSumsExact } from '../../../src/pe/mixpe/golden-math.ts';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { codeOf } from '../../../src/pe/mixpe/vectors.ts';
import { Prng } from '../../../src/util/prng.ts';

const G = 128;
const fill = <T>(v: T, n = G): T[] => Array<T>(n).fill(v);
const h = (num: bigint, den = 1n) => codeOf('FP16', num, den);
const view = new DataView(new ArrayBuffer(4));
function f32Bits(x: number): bigint {
  view.setFloat32(0, x);
  return BigInt(view.getUint32(0));
}
/** Independent FP32_RNE oracle: each sum is exact in a double here (see the test), then rounded by Math.fround. */
function fround32Sum(values: number[]): number {
  return values.reduce((acc, v) => Math.fround(acc + v), 0);
}
function fp16ToNumber(code: bigint): number {
  const v = decode(code, FP16);
  if (v.kind !== 'finite') throw new Error('finite only');
  return (v.neg ? -1 : 1) * Number(v.mag) * 2 ** v.exp;
}

describe('group accumulators', () => {
  it('maximum W4A8 groups (test case 2) fit the 20-bit accumulator', () => {
    const p = mixpeParams({ accW: 20 });
    expect(groupSum(fill(-128), fill(15), p).reg).toEqual({ kind: 'INT', acc: -245760n });
    expect(groupSum(fill(127), fill(15), p).reg).toEqual({ kind: 'INT', acc: 243840n });
    const ps = mixpeParams({ accW: 20, weightSigned: true });
    expect(groupSum(fill(-128), fill(-8), ps).reg).toEqual({ kind: 'INT', acc: 131072n });
    expect(groupSum(fill(127), fill(-8), ps).reg).toEqual({ kind: 'INT', acc: -130048n });
    expect(rowSum(fill(-128), p).reg).toEqual({ kind: 'INT', acc: -16384n });
    expect(rowSum(fill(127), p).reg).toEqual({ kind: 'INT', acc: 16256n });
    // Every extreme fits 20-bit two's complement (and the exact 19-bit bound).
    for (const v of [-245760n, 243840n, 131072n, -16384n, 16256n]) expect(v >= -(1n << 19n) && v < 1n << 19n).toBe(true);
    expect(() => groupSum(fill(1, 64), fill(1, 64), p)).toThrow(/G = 128/);
  });

  it('EXACT_WIDE FP16: the Kulisch group sums equal the exact sums (random and extreme groups)', () => {
    const p = mixpeParams({ activation: 'FP16' });
    const rng = new Prng(5);
    const cases: bigint[][] = [fill(0x7bffn), fill(0xfbffn), fill(0x0001n)];
    for (let i = 0; i < 40; i++) cases.push(Array.from({ length: G }, () => BigInt(rng.int(0, 0x7bff) | (rng.int(0, 1) << 15))));
    for (const xs of cases) {
      const qs = xs.map(() => BigInt(rng.int(0, 15)));
      const P = groupSum(xs, qs, p);
      const R = rowSum(xs, p);
      const ex = groupSumsExact(xs, qs, p);
      expect(cmpD(toDyadic(P.value), ex.P)).toBe(0);
      expect(cmpD(toDyadic(R.value), ex.R)).toBe(0);
      expect(P.reg.kind === 'FIXED' && P.reg.lsbExp).toBe(-24);
      expect(cmpD(P.err, { mant: 0n, exp: 0 })).toBe(0);
    }
    // 128 × 65504 × 15 in 2^-24 units needs the full 52 bits.
    const top = groupSum(fill(0x7bffn), fill(15n), p).reg;
    expect(top.kind === 'FIXED' && top.acc).toBe(128n * 65504n * 15n << 24n);
    expect(() => groupSum(fill(0x7bffn), fill(15n), mixpeParams({ activation: 'FP16', accW: 52 }))).not.toThrow();
  });

  it('FP32_RNE: catastrophic cancellation follows the specified k order bit for bit; reordering is detected', () => {
    const p = mixpeParams({ activation: 'FP16', accMode: 'FP32_RNE' });
    const small = h(1n, 1n << 12n);
    const ordered = fill(small);
    ordered[0] = h(65504n);
    ordered[G - 1] = h(-65504n);
    const reordered = fill(small);
    reordered[0] = h(65504n);
    reordered[1] = h(-65504n);
    const qs = fill(15n);
    const a = groupSum(ordered, qs, p);
    const b = groupSum(reordered, qs, p);
    const oracle = (xs: bigint[]) => f32Bits(fround32Sum(xs.map((x) => fp16ToNumber(x) * 15)));
    expect(a.reg).toEqual({ kind: 'FP32', code: oracle(ordered) });
    expect(b.reg).toEqual({ kind: 'FP32', code: oracle(reordered) });
    // Specified order: the small terms are absorbed by 982560 and the sum cancels to 0.
    expect(formatValue(a.value)).toBe('+0');
    expect(a.reg).not.toEqual(b.reg); // a reordered accumulation is a detectable mismatch
    // Both stay within their bounds of the exact sum (126 · 15 · 2^-12).
    const exact = groupSumsExact(ordered, qs, p).P;
    expect(cmpD(absD(subD(toDyadic(a.value), exact)), a.err)).toBeLessThanOrEqual(0);
    expect(cmpD(absD(subD(toDyadic(b.value), exact)), b.err)).toBeLessThanOrEqual(0);
    expect(cmpD(b.err, { mant: 0n, exp: 0 })).toBe(0); // the reordered sum happens to be exact
  });

  it('FP32_RNE: random FP16 groups match the Math.fround oracle (sums are exact in doubles: LSB 2^-24, |.| < 2^27)', () => {
    const p = mixpeParams({ activation: 'FP16', accMode: 'FP32_RNE' });
    const rng = new Prng(9);
    for (let i = 0; i < 60; i++) {
      const xs = Array.from({ length: G }, () => BigInt(rng.int(0, 0x7bff) | (rng.int(0, 1) << 15)));
      const qs = xs.map(() => BigInt(rng.int(0, 15)));
      const got = groupSum(xs, qs, p);
      expect(got.reg).toEqual({ kind: 'FP32', code: f32Bits(fround32Sum(xs.map((x, k) => fp16ToNumber(x) * Number(qs[k]!)))) });
      const R = rowSum(xs, p);
      expect(R.reg).toEqual({ kind: 'FP32', code: f32Bits(fround32Sum(xs.map(fp16ToNumber))) });
      const ex = groupSumsExact(xs, qs, p);
      expect(cmpD(absD(subD(toDyadic(got.value), ex.P)), got.err)).toBeLessThanOrEqual(0);
    }
  });

  it('BLOCK_ALIGN: a vanishing product, a re-alignment, and results within the bound', () => {
    const p = mixpeParams({ activation: 'FP16', accMode: 'BLOCK_ALIGN' });
    // 65504·15 then 2^-24·1: the tiny product's shift (> 26) exceeds the accumulator: it vanishes.
    const xs = fill(h(0n));
    xs[0] = h(65504n);
    xs[1] = 0x0001n;
    const qs = fill(1n);
    qs[0] = 15n;
    const a = groupSum(xs, qs, p);
    expect(formatValue(a.value)).toBe('982560');
    expect(cmpD(a.err, { mant: 0n, exp: 0 })).toBeGreaterThan(0);
    // Reversed: the tiny product comes first, then the big one re-aligns (FLOOR) the running sum.
    const xr = [...xs];
    xr[0] = 0x0001n;
    xr[1] = h(65504n);
    const qr = [...qs];
    qr[0] = 1n;
    qr[1] = 15n;
    const b = groupSum(xr, qr, p);
    expect(b.reg.kind === 'BLOCK' && b.reg.maxEp).toBe(34); // E = 30, msb(2047·15) − 10 = 4
    expect(formatValue(b.value)).toBe('982560');
    const exact = groupSumsExact(xs, qs, p).P;
    for (const r of [a, b]) {
      expect(cmpD(toDyadic(r.value), exact)).toBeLessThan(0); // FLOOR truncation only loses
      expect(cmpD(subD(exact, toDyadic(r.value)), r.err)).toBeLessThanOrEqual(0);
    }
    // Random groups: within the bound.
    const rng = new Prng(10);
    for (let i = 0; i < 60; i++) {
      const x = Array.from({ length: G }, () => BigInt(rng.int(0, 0x7bff) | (rng.int(0, 1) << 15)));
      const q = x.map(() => BigInt(rng.int(0, 15)));
      const g = groupSum(x, q, p);
      const e = groupSumsExact(x, q, p).P;
      expect(cmpD(absD(subD(toDyadic(g.value), e)), g.err)).toBeLessThanOrEqual(0);
    }
  });

  it('special values: IEEE flags beside the fixed-point registers', () => {
    expect(addSpecial('NONE', 'inf', false)).toBe('POS_INF');
    expect(addSpecial('POS_INF', 'inf', true)).toBe('NAN');
    expect(addSpecial('NEG_INF', 'finite', false)).toBe('NEG_INF');
    expect(addSpecial('NONE', 'nan', false)).toBe('NAN');
    for (const accMode of ['EXACT_WIDE', 'BLOCK_ALIGN', 'FP32_RNE'] as const) {
      const p = mixpeParams({ activation: 'FP16', accMode });
      const xs = fill(h(1n));
      xs[3] = 0x7c00n;
      expect(formatValue(groupSum(xs, fill(2n), p).value)).toBe('+Inf');
      const q0 = fill(2n);
      q0[3] = 0n;
      expect(formatValue(groupSum(xs, q0, p).value)).toBe('NaN'); // Inf × 0
      xs[4] = 0xfc00n;
      expect(formatValue(groupSum(xs, fill(2n), p).value)).toBe('NaN'); // +Inf + -Inf
      expect(formatValue(rowSum(xs, p).value)).toBe('NaN');
    }
    // The finite register keeps summing the finite products.
    const p = mixpeParams({ activation: 'FP16' });
    const xs = fill(h(1n));
    xs[0] = 0x7e00n;
    const r = groupSum(xs, fill(1n), p).reg;
    expect(r.kind === 'FIXED' && r.acc).toBe(127n << 24n);
    expect(r.kind === 'FIXED' && r.special).toBe('NAN');
  });
});
