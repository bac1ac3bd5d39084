import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import { addD, cmpD, DYADIC_ZERO, rationalToDyadic, subD, type Dyadic } from '../../../src/golden/float/dyadic.ts';
import { quantumExpAt } from '../../../src/golden/float/encode.ts';
import { finiteFromDyadic, formatValue, toDyadic } from '../../../src/golden/float/value.ts';
import type { Rational } from '../../../src/golden/rounding.ts';
import { compareWithExact, dotProduct, gemm, gemmTile, groupResult, type MixpeResult } from '../../../src/pe/mixpe/golden-datapath.ts';
import { dequantGroup, outputAdd, outputFinal, outputInit } from '../../../src/pe/mixpe/golden-epilogue.ts';
import { groupSum, type GroupSum } from '../../../src/pe/mixpe/golden-group.ts';
import { dyadicRational, gemmExact, gemmExactIeee, roundOutput } from '../../../src/pe/mixpe/golden-math.ts';
import { mixpeFormat, mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { cornerInputs, randomInputs, tieInputs } from '../../../src/pe/mixpe/vectors.ts';

const small = { G: 32, K: 96, rows: 4, cols: 4 } as const;

/** A fake level-b output moved `delta` away from the exact value (for the detection test). */
function shifted(out: MixpeResult, a: Rational, delta: Dyadic, atPre: boolean): MixpeResult {
  const exact = rationalToDyadic(a);
  const base = toDyadic(atPre ? out.preRound : out.value);
  const dir = cmpD(base, exact) >= 0 ? delta : { mant: -delta.mant, exp: delta.exp };
  const moved = finiteFromDyadic(addD(base, dir));
  return atPre ? { ...out, preRound: moved } : { ...out, value: moved };
}

function check(p: MixpeParams, seed: number, M = 5, N = 5): number {
  const inp = randomInputs(p, { seed, M, N });
  const b = gemm(inp, p);
  const a = gemmExact(inp, p);
  let checked = 0;
  b.forEach((row, m) =>
    row.forEach((out, n) => {
      const y = a[m]![n]!;
      const c = compareWithExact(out, y);
      expect(c.ok, `${p.activation} ${p.accMode} seed ${seed} [${m}][${n}]: ${c.reason}`).toBe(true);
      if (p.accMode === 'EXACT_WIDE' && p.crossGroupAcc !== 'FP32_RNE') {
        // b = a exactly before the output rounding, and the output equals level a's rounding.
        expect(cmpD(toDyadic(out.preRound), rationalToDyadic(y))).toBe(0);
        expect(out.code).toBe(roundOutput(y, p).code);
      }
      // An error one output LSB (resp. one unit of the bound) beyond the bound is detected.
      const ulp: Dyadic = { mant: 1n, exp: out.value.kind === 'finite' && out.value.mag !== 0n ? quantumExpAt(out.value, mixpeFormat(p.outputFormat)) : -200 };
      expect(compareWithExact(shifted(out, y, addD(out.bound!, ulp), false), y).ok).toBe(false);
      const lsb: Dyadic = { mant: 1n, exp: -200 };
      expect(compareWithExact(shifted(out, y, addD(out.preBound!, lsb), true), y).ok).toBe(false);
      checked++;
    }),
  );
  return checked;
}

describe('MixPE level b against level a (test cases 3, 5, 8)', () => {
  it('EXACT_WIDE: b = a bit for bit before the output rounding, for every activation and weight type', () => {
    let n = 0;
    const configs: Partial<MixpeParams>[] = [
      { activation: 'INT8' },
      { activation: 'INT8', weightSigned: true },
      { activation: 'INT8', weightBits: 2, dequantUnit: 'BIT_SERIAL', scaleFormat: 'BF16' },
      { activation: 'INT8', weightBits: 3, outputFormat: 'FP32' },
      { activation: 'FP16' },
      { activation: 'FP16', weightSigned: true, dequantUnit: 'BIT_SERIAL', scaleFormat: 'BF16' },
      { activation: 'FP16', outputFormat: 'FP32', scaleFormat: 'BF16' },
      { activation: 'BF16' },
    ];
    for (const c of configs) for (const seed of [1, 2]) n += check(mixpeParams({ ...c, ...small }), seed);
    expect(n).toBe(configs.length * 2 * 25);
  });

  it('BLOCK_ALIGN and FP32_RNE: |b − a| <= the reported bound on random GEMMs', () => {
    let n = 0;
    for (const accMode of ['BLOCK_ALIGN', 'FP32_RNE'] as const) {
      const configs: Partial<MixpeParams>[] = [
        { activation: 'INT8' },
        { activation: 'INT8', weightSigned: true, outputFormat: 'FP32' },
        { activation: 'FP16' },
        { activation: 'FP16', weightSigned: true },
        { activation: 'FP16', outputFormat: 'FP32' },
        { activation: 'BF16' },
      ];
      if (accMode === 'BLOCK_ALIGN') configs.push({ activation: 'FP16', guardBits: 0 }, { activation: 'FP16', guardBits: 8 });
      for (const c of configs) for (const seed of [3, 4]) n += check(mixpeParams({ ...c, ...small, accMode }), seed);
    }
    expect(n).toBe((6 + 8) * 2 * 25);
  });

  it('EXACT_WIDE with crossGroupAcc FP32_RNE: |b − a| <= the reported bound, and the FP32 roundings are drawn', () => {
    let n = 0;
    let inexact = 0;
    const configs: Partial<MixpeParams>[] = [
      { activation: 'FP16' },
      { activation: 'FP16', weightSigned: true, scaleFormat: 'BF16' },
      { activation: 'FP16', outputFormat: 'FP32', outputRound: 'TIES_AWAY' },
      { activation: 'BF16', outputFormat: 'FP32' },
      { activation: 'INT8' },
    ];
    for (const c of configs) {
      for (const seed of [5, 6]) {
        const p = mixpeParams({ ...c, ...small, crossGroupAcc: 'FP32_RNE' });
        n += check(p, seed);
        const inp = randomInputs(p, { seed, M: 5, N: 5 });
        const a = gemmExact(inp, p);
        gemm(inp, p).forEach((row, m) => row.forEach((out, k) => {
          if (out.preRound.kind === 'finite' && cmpD(toDyadic(out.preRound), rationalToDyadic(a[m]![k]!)) !== 0) inexact++;
        }));
      }
    }
    expect(n).toBe(configs.length * 2 * 25);
    // FP activations: the FP32 u/v/Y roundings are not all exact (the bound is exercised).
    expect(inexact).toBeGreaterThan(25);
  });

  it('an injected one-LSB error in a P_g register is detected (EXACT_WIDE: the pre-rounding bound is 0)', () => {
    for (const activation of ['INT8', 'FP16'] as const) {
      const p = mixpeParams({ activation, ...small });
      const inp = randomInputs(p, { seed: 8, M: 1, N: 1 });
      const xRow = inp.X[0]!;
      const qCol = inp.Q.map((r) => r[0]!);
      const sCol = inp.S.map((r) => r[0]!);
      const zCol = inp.Z!.map((r) => r[0]!);
      const sx = inp.SX?.[0] ?? null;
      const a = gemmExact(inp, p)[0]![0]!;
      const clean = dotProduct(xRow, qCol, sCol, zCol, sx, p, { trace: true });
      expect(compareWithExact(clean, a).ok).toBe(true);
      // Recompose with group 1's P_g register off by one LSB.
      let st = outputInit(p);
      clean.groups!.forEach((gr, g) => {
        let P: GroupSum = gr.P;
        if (g === 1) {
          const r = P.reg;
          if (r.kind === 'INT') P = { ...P, reg: { kind: 'INT', acc: r.acc + 1n }, value: finiteFromDyadic({ mant: r.acc + 1n, exp: 0 }) };
          else if (r.kind === 'FIXED') {
            P = { ...P, reg: { ...r, acc: r.acc + 1n }, value: finiteFromDyadic({ mant: r.acc + 1n, exp: r.lsbExp }) };
          }
        }
        st = outputAdd(st, dequantGroup(P, gr.R, sCol[g]!, zCol[g]!, p), p);
      });
      const faulty = outputFinal(st, sx, p);
      const c = compareWithExact(faulty, a);
      expect(c.ok).toBe(false);
      expect(c.reason).toMatch(/pre-rounding/);
    }
  });

  it('the PE accumulator clears at every group boundary; R_g is shared by the columns of a row', () => {
    const p = mixpeParams({ ...small, activation: 'FP16' });
    const inp = randomInputs(p, { seed: 12, M: 2, N: 3 });
    const res = gemm(inp, p, { trace: true });
    for (let n = 0; n < 3; n++) {
      for (let g = 0; g < 3; g++) {
        const xs = inp.X[0]!.slice(g * 32, g * 32 + 32);
        const qs = inp.Q.slice(g * 32, g * 32 + 32).map((r) => r[n]!);
        expect(res[0]![n]!.groups![g]!.P).toEqual(groupSum(xs, qs, p));
        expect(res[0]![n]!.groups![g]!.R).toEqual(res[0]![0]!.groups![g]!.R);
        const single = groupResult(xs, qs, inp.S[g]![n]!, inp.Z![g]![n]!, p);
        expect(single.d).toEqual(res[0]![n]!.groups![g]!.d);
      }
    }
  });

  it('gemmTile fits the array; gemm tiles larger GEMMs without changing any element', () => {
    const p = mixpeParams({ ...small });
    const inp = randomInputs(p, { seed: 13, M: 6, N: 5 });
    expect(() => gemmTile(inp, p)).toThrow(LowbitError);
    expect(() => gemmTile(inp, p)).toThrow(/6×5 tile does not fit the 4×4 array/);
    const whole = gemm(inp, p);
    const tile = gemmTile({ ...inp, X: inp.X.slice(0, 4), SX: inp.SX!.slice(0, 4), Q: inp.Q.map((r) => r.slice(0, 4)), S: inp.S.map((r) => r.slice(0, 4)), Z: inp.Z!.map((r) => r.slice(0, 4)) }, p);
    tile.forEach((row, m) => row.forEach((o, n) => expect(o).toEqual(whole[m]![n]!)));
    expect(() => dotProduct([1], [1], [1], [0], 0x3c00, p)).toThrow(/K = 96/);
  });

  it('rows = G keeps up (accepted); rows > G and K not a multiple of G are rejected by the same validator (cases 6, 7)', () => {
    expect(mixpeParams({ G: 32, K: 64, rows: 32, cols: 8 }).rows).toBe(32);
    expect(() => mixpeParams({ G: 32, K: 64, rows: 33, cols: 8 })).toThrow(/rows = 33 exceeds the group size G = 32/);
    expect(() => mixpeParams({ G: 32, K: 48, rows: 8, cols: 8 })).toThrow(/K = 48 is not a positive multiple of the group size G = 32/);
  });
});

describe('corner vectors end to end', () => {
  for (const activation of ['INT8', 'FP16'] as const) {
    for (const accMode of ['EXACT_WIDE', 'BLOCK_ALIGN', 'FP32_RNE'] as const) {
      it(`${activation} ${accMode}`, () => {
        const p = mixpeParams({ activation, accMode, G: 32, K: 64, rows: 8, cols: 4 });
        for (const { name, inputs } of cornerInputs(p)) {
          const b = gemm(inputs, p);
          if (name === 'specials') {
            // Rows: +0, −0, +Inf, −Inf, NaN at k = 0 (then ones). Unsigned weights, z = 0: an Inf
            // reaches t = 0·R_g = NaN, so the dequantize-after-group result is NaN (policy).
            // 63 ones · Q = 15 with s = 1 for the zero rows.
            expect(b.map((r) => formatValue(r[0]!.value))).toEqual(['945', '945', 'NaN', 'NaN', 'NaN']);
            continue;
          }
          const a = gemmExact(inputs, p);
          const out = b[0]![0]!;
          if (name === 'output-overflow') {
            expect(out.code).toBe(0x7c00n); // 65504 × 15 overflows FP16
            expect(out.bound).toBeNull();
            continue;
          }
          if (name === 'output-near-max') expect(out.code).toBe(0x7bffn); // 65512 -> 65504
          if (name === 'all-zero') expect(formatValue(out.value)).toBe('+0');
          const c = compareWithExact(out, a[0]![0]!);
          expect(c.ok, `${name}: ${c.reason}`).toBe(true);
          if (accMode === 'EXACT_WIDE') expect(cmpD(toDyadic(out.preRound), rationalToDyadic(a[0]![0]!))).toBe(0);
          if (name === 'cancellation' && accMode === 'FP32_RNE') {
            // The +65504·15 … −65504·15 group cancels to 0 in FP32: b differs from a, within the bound.
            expect(cmpD(subD(toDyadic(out.preRound), rationalToDyadic(a[0]![0]!)), DYADIC_ZERO)).not.toBe(0);
          }
        }
      });
    }
  }

  it('specials with signed weights: Inf passes through (no zero-point path); NaN propagates', () => {
    const p = mixpeParams({ activation: 'FP16', G: 32, K: 64, rows: 8, cols: 4, weightSigned: true });
    const spec = cornerInputs(p).find((v) => v.name === 'specials')!;
    const b = gemm(spec.inputs, p).map((r) => formatValue(r[0]!.value));
    // Q = 7 everywhere, s = 1: 63 ones · 7 = 441 for the zero rows.
    expect(b).toEqual(['441', '441', '+Inf', '-Inf', 'NaN']);
  });
});

/** Class of a scale code, decoded here from the IEEE field layout (independent of both levels). */
function scaleClass(code: bigint, name: 'FP16' | 'BF16' | 'FP32'): string {
  const f = mixpeFormat(name);
  const neg = (code >> BigInt(f.expBits + f.manBits)) & 1n ? '-' : '+';
  const field = (code >> BigInt(f.manBits)) & ((1n << BigInt(f.expBits)) - 1n);
  const frac = code & ((1n << BigInt(f.manBits)) - 1n);
  if (field === (1n << BigInt(f.expBits)) - 1n) return frac === 0n ? `${neg}inf` : 'nan';
  if (field === 0n) return frac === 0n ? `${neg}0` : `${neg}sub`;
  return `${neg}normal`;
}

const SCALE_CLASSES = ['+normal', '-normal', '+sub', '-sub', '+0', '-0', '+inf', '-inf', 'nan'];

/** A code of class `SCALE_CLASSES[i % 9]` in format `name` (normal: 1.25 · 2^−3; subnormal: 3 quanta). */
function classCode(i: number, name: 'FP16' | 'BF16' | 'FP32'): bigint {
  const f = mixpeFormat(name);
  const cls = SCALE_CLASSES[i % SCALE_CLASSES.length]!;
  const sign = cls.startsWith('-') ? 1n << BigInt(f.expBits + f.manBits) : 0n;
  const top = ((1n << BigInt(f.expBits)) - 1n) << BigInt(f.manBits);
  if (cls === 'nan') return top | (1n << BigInt(f.manBits - 1));
  if (cls.endsWith('inf')) return sign | top;
  if (cls.endsWith('0')) return sign;
  if (cls.endsWith('sub')) return sign | 3n;
  return sign | (BigInt(f.bias - 3) << BigInt(f.manBits)) | (1n << BigInt(f.manBits - 2));
}

describe('signed scales, specials, subnormals and ties: level b against level a (issue 10)', () => {
  it('the regression tile X = 1, Q = 1, z = 0, s_g = −1.0, s_x = +1.0 gives −1.0 (0xBC00) in every scale format', () => {
    for (const scaleFormat of ['FP16', 'BF16', 'FP32'] as const) {
      for (const activation of ['INT8', 'FP16'] as const) {
        const p = mixpeParams({ activation, scaleFormat, G: 32, K: 64, rows: 1, cols: 1 });
        for (const { name, inputs } of cornerInputs(p).filter((v) => v.name.startsWith('negative-scale'))) {
          const want = name === 'negative-scale' ? 0xbc00n : 0x3c00n;
          expect(roundOutput(gemmExact(inputs, p)[0]![0]!, p).code, `level a ${scaleFormat} ${activation} ${name}`).toBe(want);
          expect(gemm(inputs, p)[0]![0]!.code, `level b ${scaleFormat} ${activation} ${name}`).toBe(want);
        }
      }
    }
  });

  it('random signs for every scale, with subnormal, ±0, ±Inf and NaN scales and output ties: b agrees with a; every class is drawn', () => {
    const sCount = new Map<string, number>();
    const sxCount = new Map<string, number>();
    const out = { finite: 0, exactZero: 0, inf: 0, nan: 0, ties: 0, negative: 0 };
    const configs: Partial<MixpeParams>[] = [
      { activation: 'INT8' },
      { activation: 'INT8', weightSigned: true, outputRound: 'FLOOR' },
      { activation: 'INT8', weightBits: 2, dequantUnit: 'BIT_SERIAL', scaleFormat: 'BF16', outputRound: 'CEIL' },
      { activation: 'INT8', weightBits: 3, outputFormat: 'FP32', scaleFormat: 'FP32' },
      { activation: 'INT8', scaleFormat: 'BF16', actScaleFormat: 'BF16', outputOverflow: 'SATURATE' },
      { activation: 'INT8', actScaleFormat: 'FP32', outputFormat: 'FP32', scaleFormat: 'BF16' },
      { activation: 'FP16' },
      { activation: 'FP16', weightSigned: true, scaleFormat: 'BF16' },
      { activation: 'BF16', scaleFormat: 'FP32', outputFormat: 'FP32' },
      { activation: 'INT8', accMode: 'BLOCK_ALIGN' },
      { activation: 'FP16', accMode: 'FP32_RNE' },
      { activation: 'FP16', accMode: 'BLOCK_ALIGN', scaleFormat: 'BF16' },
      { activation: 'FP16', crossGroupAcc: 'FP32_RNE' },
      { activation: 'BF16', crossGroupAcc: 'FP32_RNE', weightSigned: true, outputFormat: 'FP32' },
    ];
    for (const c of configs) {
      const p = mixpeParams({ ...c, ...small });
      const up = mixpeParams({ ...c, ...small, outputRound: 'TIES_UP' });
      const down = mixpeParams({ ...c, ...small, outputRound: 'TIES_DOWN' });
      for (const seed of [21, 22, 23, 24]) {
        const rnd = randomInputs(p, { seed, M: 4, N: 4, scaleSpecials: 0.25 });
        // Every s_x class in turn on the odd seeds (INT8), random signed normal s_x otherwise.
        const SX = rnd.SX && seed % 2 ? rnd.SX.map((_, m) => classCode(seed + m + configs.indexOf(c), p.actScaleFormat)) : rnd.SX;
        const inps = [{ ...rnd, SX }, tieInputs(p, { seed, N: 4 })];
        for (const inp of inps) {
          inp.S.forEach((r) => r.forEach((s) => sCount.set(scaleClass(BigInt(s), p.scaleFormat), (sCount.get(scaleClass(BigInt(s), p.scaleFormat)) ?? 0) + 1)));
          inp.SX?.forEach((s) => sxCount.set(scaleClass(BigInt(s), p.actScaleFormat), (sxCount.get(scaleClass(BigInt(s), p.actScaleFormat)) ?? 0) + 1));
          const a = gemmExactIeee(inp, p);
          const b = gemm(inp, p);
          b.forEach((row, m) =>
            row.forEach((o, n) => {
              const y = a[m]![n]!;
              const at = `${JSON.stringify(c)} seed ${seed} [${m}][${n}]`;
              if (y.kind === 'nan') {
                expect(o.value.kind, at).toBe('nan');
                out.nan++;
                return;
              }
              if (y.kind === 'inf') {
                expect(o.value, at).toEqual({ kind: 'inf', neg: y.neg });
                out.inf++;
                return;
              }
              const exact = dyadicRational(y.v);
              out.finite++;
              if (exact.num < 0n) out.negative++;
              const ref = roundOutput(exact, p);
              if (o.bound === null) expect(o.code, at).toBe(ref.code); // overflowed: bit for bit
              else expect(compareWithExact(o, exact).ok, at).toBe(true);
              if (p.accMode === 'EXACT_WIDE' && p.crossGroupAcc !== 'FP32_RNE') {
                expect(cmpD(toDyadic(o.preRound), rationalToDyadic(exact)), at).toBe(0);
                // Fixed-point registers have one zero: an exact 0 gives +0 (docs/mixpe.md).
                expect(o.code, at).toBe(exact.num === 0n ? 0n : ref.code);
                if (exact.num === 0n) out.exactZero++;
                if (exact.num !== 0n && roundOutput(exact, up).code !== roundOutput(exact, down).code) out.ties++;
              }
            }),
          );
        }
      }
    }
    console.log('signed-scale suite:', JSON.stringify({ s_g: Object.fromEntries(sCount), s_x: Object.fromEntries(sxCount), ...out }));
    for (const k of SCALE_CLASSES) expect(sCount.get(k) ?? 0, `s_g class ${k}`).toBeGreaterThan(0);
    for (const k of SCALE_CLASSES) expect(sxCount.get(k) ?? 0, `s_x class ${k}`).toBeGreaterThan(0);
    expect(out.ties, 'output ties').toBeGreaterThan(20);
    expect(out.negative, 'negative results').toBeGreaterThan(50);
    for (const k of ['finite', 'exactZero', 'inf', 'nan'] as const) expect(out[k], k).toBeGreaterThan(0);
  });
});
