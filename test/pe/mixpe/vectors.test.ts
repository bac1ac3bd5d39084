import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/golden/float/decode.ts';
import { BF16, FP16 } from '../../../src/golden/float/format.ts';
import { groupSum } from '../../../src/pe/mixpe/golden-group.ts';
import { checkInputs } from '../../../src/pe/mixpe/golden-inputs.ts';
import { mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { codeOf, cornerInputs, randomInputs, tieInputs } from '../../../src/pe/mixpe/vectors.ts';

describe('MixPE default vectors', () => {
  it('random vectors are deterministic per seed and pass checkInputs', () => {
    const configs: Partial<MixpeParams>[] = [
      { activation: 'INT8' },
      { activation: 'INT8', weightSigned: true, weightBits: 2 },
      { activation: 'FP16', scaleFormat: 'FP32' },
      { activation: 'BF16', scaleFormat: 'BF16' },
    ];
    for (const c of configs) {
      const p = mixpeParams({ ...c, G: 32, K: 64, rows: 4, cols: 4 });
      const a = randomInputs(p, { seed: 5 });
      expect(randomInputs(p, { seed: 5 })).toEqual(a);
      expect(randomInputs(p, { seed: 6 })).not.toEqual(a);
      expect(checkInputs(a, p)).toEqual({ M: 4, N: 4 });
      expect(p.weightSigned ? a.Z : a.Z?.length).toBe(p.weightSigned ? undefined : 2);
    }
  });

  it('FP activations are finite by default; the specials option mixes in ±0, ±Inf and NaN', () => {
    const p = mixpeParams({ activation: 'FP16', G: 32, K: 128, rows: 4, cols: 4 });
    const plain = randomInputs(p, { seed: 1 }).X.flat();
    expect(plain.every((x) => classify(x, FP16) === 'normal')).toBe(true);
    const kinds = new Set(randomInputs(p, { seed: 1, specials: 0.2 }).X.flat().map((x) => classify(x, FP16)));
    expect([...kinds].sort()).toEqual(['inf', 'nan', 'normal', 'zero']);
  });

  it('corner vectors: names, validity, and the §7 extremes', () => {
    const p = mixpeParams({ G: 128, K: 256, rows: 8, cols: 8 });
    const names = cornerInputs(p).map((v) => v.name);
    expect(names).toEqual(['max-negative', 'max-positive', 'zero-point-0', 'zero-point-max', 'all-zero', 'negative-scale', 'negative-scales-both']);
    for (const v of cornerInputs(p)) checkInputs(v.inputs, p);
    const maxNeg = cornerInputs(p)[0]!.inputs;
    expect(groupSum(maxNeg.X[0]!.slice(0, 128), maxNeg.Q.slice(0, 128).map((r) => r[0]!), p).reg).toEqual({ kind: 'INT', acc: -245760n });
    const ps = mixpeParams({ G: 128, K: 128, rows: 8, cols: 8, weightSigned: true });
    const signedMin = cornerInputs(ps).find((v) => v.name === 'signed-min')!.inputs;
    expect(groupSum(signedMin.X[0]!, signedMin.Q.map((r) => r[0]!), ps).reg).toEqual({ kind: 'INT', acc: 131072n });
    const pf = mixpeParams({ activation: 'FP16', G: 32, K: 64, rows: 8, cols: 8 });
    const fpNames = cornerInputs(pf).map((v) => v.name);
    expect(fpNames).toEqual([
      'max-negative', 'max-positive', 'zero-point-0', 'zero-point-max', 'all-zero', 'negative-scale',
      'subnormals', 'output-overflow', 'output-near-max', 'cancellation', 'specials',
    ]);
    for (const v of cornerInputs(pf)) checkInputs(v.inputs, pf);
    expect(cornerInputs(pf)[0]!.inputs.X[0]![0]).toBe(0xfbffn); // −65504
    expect(codeOf('FP16', 65504n)).toBe(0x7bffn);
    expect(codeOf('BF16', 1n)).toBe(0x3f80n);
  });

  it('the regression corner (issue 10): X = 1, Q = 1, z = 0, s_g = −1.0 (0xBC00), s_x = +1.0', () => {
    const p = mixpeParams({ G: 32, K: 64, rows: 2, cols: 2 });
    const v = cornerInputs(p).find((c) => c.name === 'negative-scale')!.inputs;
    expect(v.X[0]![0]).toBe(1n);
    expect(v.X[0]!.slice(1).every((x) => x === 0n)).toBe(true);
    expect(v.Q.every((r) => r[0] === 1n)).toBe(true);
    expect(v.S.flat()).toEqual([0xbc00n, 0xbc00n]);
    expect(v.Z!.flat()).toEqual([0n, 0n]);
    expect(v.SX).toEqual([0x3c00n]);
    expect(cornerInputs(p).find((c) => c.name === 'negative-scales-both')!.inputs.SX).toEqual([0xbc00n]);
  });

  it('random scales have random signs; scaleSpecials mixes in subnormal, ±0, ±Inf and NaN scales', () => {
    const p = mixpeParams({ G: 32, K: 128, rows: 8, cols: 8, scaleFormat: 'BF16' });
    const plain = randomInputs(p, { seed: 3 });
    const signs = new Set([...plain.S.flat(), ...plain.SX!].map((s) => BigInt(s) >> 15n));
    expect([...signs].sort()).toEqual([0n, 1n]);
    expect(plain.S.flat().every((s) => classify(s, BF16) === 'normal')).toBe(true);
    const mixed = randomInputs(p, { seed: 3, scaleSpecials: 0.6 }).S.flat().map((s) => classify(s, BF16));
    expect([...new Set(mixed)].sort()).toEqual(['inf', 'nan', 'normal', 'subnormal', 'zero']);
  });

  it('tieInputs: column n sums a normal scale and half an output ULP (checked on the codes)', () => {
    const p = mixpeParams({ G: 32, K: 64, rows: 2, cols: 4 });
    const t = tieInputs(p, { seed: 2 });
    checkInputs(t, p);
    t.S[0]!.forEach((c, n) => {
      const e = Number((BigInt(c) >> 10n) & 31n) - 15;
      const h = BigInt(t.S[1]![n]!);
      // The half-ULP 2^(e − 11) is a power of two: a single set bit below the 10-bit fraction.
      const hv = (h & 0x7fffn) >> 10n === 0n ? { m: h & 0x3ffn, e: -24 } : { m: (h & 0x3ffn) | 0x400n, e: Number((h & 0x7fffn) >> 10n) - 25 };
      expect(hv.m & (hv.m - 1n)).toBe(0n);
      expect(hv.e + Math.log2(Number(hv.m))).toBe(e - 11);
    });
  });
});
