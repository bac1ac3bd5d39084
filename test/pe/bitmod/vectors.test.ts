import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/golden/float/decode.ts';
import { FP16 } from '../../../src/golden/float/format.ts';
import { checkDotInput } from '../../../src/pe/bitmod/golden-inputs.ts';
import { bitmodParams } from '../../../src/pe/bitmod/params.ts';
import { randomDotInput } from '../../../src/pe/bitmod/vectors.ts';
import { Prng } from '../../../src/util/prng.ts';

describe('BitMoD vectors', () => {
  it('are deterministic, valid, and cover Δ corners, signs and specials when asked', () => {
    const p = bitmodParams({ G: 32, K: 256, weightTypes: ['FP4', 'INT8'] });
    const a = randomDotInput(new Prng(1), p, 'FP4', { specials: 0.02 });
    const b = randomDotInput(new Prng(1), p, 'FP4', { specials: 0.02 });
    expect(a).toEqual(b);
    const deltas = new Set<number>();
    const kinds = new Set<string>();
    const g = new Prng(2);
    for (let i = 0; i < 20; i++) {
      const x = randomDotInput(g, p, i % 2 ? 'INT8' : 'FP4', { specials: 0.01 });
      checkDotInput(p, x);
      for (const grp of x.groups) deltas.add(grp.delta);
      for (const c of x.acts) kinds.add(classify(c, FP16) + (c >> 15 ? '-' : '+'));
    }
    expect(deltas.has(0) && deltas.has(255) && deltas.has(128)).toBe(true);
    for (const k of ['normal+', 'normal-', 'zero+', 'zero-', 'subnormal+', 'inf+', 'nan+']) expect(kinds.has(k)).toBe(true);
    const finite = bitmodParams({ G: 32, K: 32, specialPolicy: 'ASSUME_FINITE' });
    const f = randomDotInput(new Prng(3), finite, 'FP4', { specials: 0.5 });
    expect(f.acts.every((c) => !['inf', 'nan'].includes(classify(c, FP16)))).toBe(true);
  });
});
