import { describe, expect, it } from 'vitest';
import { cmpD, DYADIC_ZERO } from '../../../src/golden/float/dyadic.ts';
import { formatValue, toDyadic } from '../../../src/golden/float/value.ts';
import {
  dequantGroup,
  dequantMultiply,
  outputAdd,
  outputFinal,
  outputInit,
} from '../../../src/pe/mixpe/golden-epilogue.ts';
import { groupSum, rowSum } from '../../../src/pe/mixpe/golden-group.ts';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { codeOf } from '../../../src/pe/mixpe/vectors.ts';
import { Prng } from '../../../src/util/prng.ts';

const G = 32;
const h = (num: bigint, den = 1n) => codeOf('FP16', num, den);
const view = new DataView(new ArrayBuffer(4));
function f32Bits(x: number): bigint {
  view.setFloat32(0, x);
  return BigInt(view.getUint32(0));
}

describe('column epilogue', () => {
  it('BIT_SERIAL and SHARED_MULT dequantization multipliers give the same exact product', () => {
    const ps = mixpeParams({ dequantUnit: 'SHARED_MULT' });
    const pb = mixpeParams({ dequantUnit: 'BIT_SERIAL', rows: 8 });
    const rng = new Prng(3);
    for (let i = 0; i < 2000; i++) {
      const u = BigInt(rng.int(-245760, 245760));
      const Ms = BigInt(rng.int(0, 2047));
      expect(dequantMultiply(u, Ms, pb)).toBe(u * Ms);
      expect(dequantMultiply(u, Ms, ps)).toBe(u * Ms);
    }
  });

  it('W4A8, z = 0 and z = 15: u = P_g − z·R_g equals the per-element Σ x·(Q − z) exactly (test case 3)', () => {
    const rng = new Prng(4);
    for (const accMode of ['EXACT_WIDE', 'BLOCK_ALIGN', 'FP32_RNE'] as const) {
      const p = mixpeParams({ G, K: G, rows: 4, cols: 4, accMode });
      for (const z of [0n, 15n]) {
        for (let i = 0; i < 20; i++) {
          const xs = Array.from({ length: G }, () => BigInt(rng.int(-128, 127)));
          const qs = Array.from({ length: G }, () => BigInt(rng.int(0, 15)));
          const d = dequantGroup(groupSum(xs, qs, p), rowSum(xs, p), h(1n), z, p);
          const perElement = xs.reduce((acc, x, k) => acc + x * (qs[k]! - z), 0n);
          expect(cmpD(toDyadic(d.u), { mant: perElement, exp: 0 })).toBe(0);
          expect(cmpD(d.err, DYADIC_ZERO)).toBe(0);
        }
      }
    }
  });

  it('W4A8 FP32_RNE: v = RNE32(s·u) and Y = RNE32(Y + v) match a Math.fround oracle', () => {
    const p = mixpeParams({ G, K: 4 * G, rows: 4, cols: 4, accMode: 'FP32_RNE' });
    const rng = new Prng(6);
    for (let i = 0; i < 50; i++) {
      let st = outputInit(p);
      let y = 0;
      for (let g = 0; g < 4; g++) {
        const xs = Array.from({ length: G }, () => BigInt(rng.int(-128, 127)));
        const qs = Array.from({ length: G }, () => BigInt(rng.int(0, 15)));
        const z = BigInt(rng.int(0, 15));
        const sCode = (rng.int(8, 14) << 10) | rng.int(0, 1023);
        const d = dequantGroup(groupSum(xs, qs, p), rowSum(xs, p), sCode, z, p);
        const u = Number(xs.reduce((acc, x, k) => acc + x * (qs[k]! - z), 0n)); // exact in FP32 (< 2^24)
        const sv = (1 + (sCode & 1023) / 1024) * 2 ** ((sCode >> 10) - 15);
        const v = Math.fround(sv * u); // s·u has <= 30 significant bits: exact in a double
        expect(d.reg.kind === 'FP32' && d.reg.v).toBe(f32Bits(v));
        st = outputAdd(st, d, p);
        y = Math.fround(y + v); // terms of similar scale: the double sum is exact
        expect(st.reg).toEqual({ kind: 'FP32', code: f32Bits(y) });
      }
    }
  });

  it('W4A16 crossGroupAcc FP32_RNE: u exact then RNE32(u), v = RNE32(s·u), Y = RNE32(Y + v) match a Math.fround oracle', () => {
    const p = mixpeParams({ activation: 'FP16', G, K: 4 * G, rows: 1, cols: 1, crossGroupAcc: 'FP32_RNE' });
    const rng = new Prng(7);
    let roundedU = 0;
    for (let i = 0; i < 50; i++) {
      let st = outputInit(p);
      let y = 0;
      for (let g = 0; g < 4; g++) {
        // Activations over 2^-14 … 2^4 (FP16 fields 1 … 19), so u needs more than 24 bits.
        const xs = Array.from({ length: G }, () => BigInt((rng.int(0, 1) << 15) | (rng.int(1, 19) << 10) | rng.int(0, 1023)));
        const qs = Array.from({ length: G }, () => BigInt(rng.int(0, 15)));
        const z = BigInt(rng.int(0, 15));
        const sCode = (rng.int(0, 1) << 15) | (rng.int(12, 16) << 10) | rng.int(0, 1023);
        const d = dequantGroup(groupSum(xs, qs, p), rowSum(xs, p), sCode, z, p);
        const fp16 = (c: bigint): number => (Number(c >> 15n) ? -1 : 1) * (1 + Number(c & 1023n) / 1024) * 2 ** (Number((c >> 10n) & 31n) - 15);
        // Σ x·(Q − z): multiples of 2^-24 below 2^16 · 15 · 32, exact in a double.
        const u = xs.reduce((acc, x, k) => acc + fp16(x) * Number(qs[k]! - z), 0);
        const u32 = Math.fround(u);
        if (u32 !== u) roundedU++;
        const v = Math.fround(fp16(BigInt(sCode)) * u32); // 24 × 11 significant bits: exact in a double
        expect(d.reg.kind === 'FP32' && d.reg.u).toBe(f32Bits(u32));
        expect(d.reg.kind === 'FP32' && d.reg.v).toBe(f32Bits(v));
        st = outputAdd(st, d, p);
        y = Math.fround(y + v);
        expect(st.reg).toEqual({ kind: 'FP32', code: f32Bits(y) });
      }
    }
    expect(roundedU).toBeGreaterThan(20);
    // u is rounded to FP32 before the scale multiplies it: u = 1 + 2^-24 (a tie, to 1), s = 1.5
    // gives v = 1.5, where one rounding of s·u would give 1.5 + 2^-23.
    const xs = Array<bigint>(G).fill(0n);
    xs[0] = h(1n);
    xs[1] = 0x0001n;
    const qs = Array<bigint>(G).fill(1n);
    const d = dequantGroup(groupSum(xs, qs, p), rowSum(xs, p), h(3n, 2n), 0, p);
    expect(d.reg.kind === 'FP32' && d.reg.v).toBe(f32Bits(1.5));
  });

  it('special-value policy through t, u, v (fixed-point modes follow IEEE)', () => {
    for (const accMode of ['EXACT_WIDE', 'BLOCK_ALIGN', 'FP32_RNE'] as const) {
      const p = mixpeParams({ activation: 'FP16', G, K: G, rows: 1, cols: 1, accMode });
      const xs = Array<bigint>(G).fill(h(1n));
      xs[2] = 0x7c00n; // +Inf
      const qs = Array<bigint>(G).fill(1n);
      const P = groupSum(xs, qs, p);
      const R = rowSum(xs, p);
      // z = 0 with R_g = +Inf: t = 0 · Inf = NaN, so the result is NaN (documented policy).
      expect(formatValue(dequantGroup(P, R, h(1n), 0, p).v)).toBe('NaN');
      // z != 0: Inf − Inf = NaN as well.
      expect(formatValue(dequantGroup(P, R, h(1n), 3, p).v)).toBe('NaN');
      // Signed weights have no zero-point path: +Inf · s stays +Inf; s = 0 gives NaN.
      const pSigned = mixpeParams({ activation: 'FP16', G, K: G, rows: 1, cols: 1, accMode, weightSigned: true });
      const Ps = groupSum(xs, qs, pSigned);
      expect(formatValue(dequantGroup(Ps, null, h(-2n), 0, pSigned).v)).toBe('-Inf');
      expect(formatValue(dequantGroup(Ps, null, 0x0000, 0, pSigned).v)).toBe('NaN');
      // A finite group with an Inf scale: Inf (u != 0) or NaN (u = 0).
      const fin = Array<bigint>(G).fill(h(1n));
      const Pf = groupSum(fin, qs, p);
      const Rf = rowSum(fin, p);
      expect(formatValue(dequantGroup(Pf, Rf, 0x7c00, 0, p).v)).toBe('+Inf');
      expect(formatValue(dequantGroup(Pf, Rf, 0x7c00, 1, p).v)).toBe('NaN');
      expect(formatValue(dequantGroup(Pf, Rf, 0x7e00, 0, p).v)).toBe('NaN');
    }
  });

  it('EXACT_WIDE output register: LSB 2^-48 for FP16 × FP16 scale, v wired at bit E_s − 1', () => {
    const p = mixpeParams({ activation: 'FP16', G, K: 2 * G, rows: 1, cols: 1 });
    const xs = Array<bigint>(G).fill(0x0001n); // 2^-24 each
    const qs = Array<bigint>(G).fill(1n);
    const d = dequantGroup(groupSum(xs, qs, p), rowSum(xs, p), 0x0001, 0, p); // s = 2^-24
    let st = outputInit(p);
    st = outputAdd(st, d, p);
    st = outputAdd(st, d, p);
    expect(st.reg).toEqual({ kind: 'FIXED', acc: 2n * 32n, lsbExp: -48, special: 'NONE' });
    const out = outputFinal(st, null, p);
    expect(formatValue(out.preRound)).toBe('1·2^-42');
    expect(formatValue(out.value)).toBe('+0'); // underflows FP16: rounds to +0
    expect(out.bound).not.toBeNull();
    expect(() => outputFinal(st, 0x3c00, p)).toThrow(/s_x/);
  });

  it('BLOCK_ALIGN output accumulator: a tiny group result vanishes, a later large one re-aligns; within the bound', () => {
    const p = mixpeParams({ G, K: 2 * G, rows: 1, cols: 1, accMode: 'BLOCK_ALIGN' });
    const big = dequantGroup(groupSum(Array(G).fill(127n), Array(G).fill(15n), p), rowSum(Array(G).fill(127n), p), h(1n), 0, p);
    const oneX = Array(G).fill(0n);
    oneX[0] = 1n;
    const tiny = dequantGroup(groupSum(oneX, Array(G).fill(1n), p), rowSum(oneX, p), 0x0001, 0, p); // v = 2^-24
    expect(formatValue(big.v)).toBe('60960');
    expect(formatValue(tiny.v)).toBe('1·2^-24');
    for (const order of [[big, tiny], [tiny, big]]) {
      let st = outputInit(p);
      for (const d of order) st = outputAdd(st, d, p);
      const out = outputFinal(st, h(1n), p);
      expect(formatValue(out.preRound)).toBe('60960'); // the 2^-24 term is lost by FLOOR alignment
      expect(st.reg.kind === 'BLOCK' && st.reg.top).toBe(16);
      // exact = 60960 + 2^-24; the loss is within the reported bound (one LSB = 2^(16 − termW − guard)).
      const lost = { mant: 1n, exp: -24 };
      expect(cmpD(lost, out.preBound!)).toBeLessThanOrEqual(0);
      expect(cmpD(out.preBound!, DYADIC_ZERO)).toBeGreaterThan(0);
    }
  });

  it('dequantGroup refuses an R_g that does not match the weight signedness', () => {
    const p = mixpeParams({ G, K: G, rows: 1, cols: 1 });
    const xs = Array<bigint>(G).fill(1n);
    const P = groupSum(xs, xs, p);
    expect(() => dequantGroup(P, null, h(1n), 0, p)).toThrow(/R_g is required/);
    const ps = mixpeParams({ G, K: G, rows: 1, cols: 1, weightSigned: true });
    expect(() => dequantGroup(groupSum(xs, xs, ps), null, h(1n), 2, ps)).toThrow(/z = 0/);
  });
});
