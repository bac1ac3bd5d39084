import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/golden/float/decode.ts';
import { FP16 } from '../../../src/golden/float/format.ts';
import { groupSum } from '../../../src/pe/mixpe/golden-group.ts';
import { checkInputs } from '../../../src/pe/mixpe/golden-inputs.ts';
import { mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { codeOf, cornerInputs, randomInputs } from '../../../src/pe/mixpe/vectors.ts';

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
    expect(names).toEqual(['max-negative', 'max-positive', 'zero-point-0', 'zero-point-max', 'all-zero']);
    for (const v of cornerInputs(p)) checkInputs(v.inputs, p);
    const maxNeg = cornerInputs(p)[0]!.inputs;
    expect(groupSum(maxNeg.X[0]!.slice(0, 128), maxNeg.Q.slice(0, 128).map((r) => r[0]!), p).reg).toEqual({ kind: 'INT', acc: -245760n });
    const ps = mixpeParams({ G: 128, K: 128, rows: 8, cols: 8, weightSigned: true });
    const signedMin = cornerInputs(ps).find((v) => v.name === 'signed-min')!.inputs;
    expect(groupSum(signedMin.X[0]!, signedMin.Q.map((r) => r[0]!), ps).reg).toEqual({ kind: 'INT', acc: 131072n });
    const pf = mixpeParams({ activation: 'FP16', G: 32, K: 64, rows: 8, cols: 8 });
    const fpNames = cornerInputs(pf).map((v) => v.name);
    expect(fpNames).toEqual([
      'max-negative', 'max-positive', 'zero-point-0', 'zero-point-max', 'all-zero',
      'subnormals', 'output-overflow', 'output-near-max', 'cancellation', 'specials',
    ]);
    for (const v of cornerInputs(pf)) checkInputs(v.inputs, pf);
    expect(cornerInputs(pf)[0]!.inputs.X[0]![0]).toBe(0xfbffn); // −65504
    expect(codeOf('FP16', 65504n)).toBe(0x7bffn);
    expect(codeOf('BF16', 1n)).toBe(0x3f80n);
  });
});
