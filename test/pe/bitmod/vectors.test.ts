import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/golden/float/decode.ts';
import { FP16 } from '../../../src/golden/float/format.ts';
import { checkDotInput } from '../../../src/pe/bitmod/golden-inputs.ts';
import { bitmodParams } from '../../../src/pe/bitmod/params.ts';
import { randomDotInput, roundingTile, scaledTile, specialsTile } from '../../../src/pe/bitmod/vectors.ts';
import { bitmodDot } from '../../../src/pe/bitmod/golden-dot.ts';
import { encodeValue } from '../../../src/golden/float/encode.ts';
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

  it('corner tiles reach the output rounding, overflow and special paths (level b of every PE)', () => {
    const p = bitmodParams({ rows: 4, cols: 4, G: 32, K: 64 });
    const g = new Prng(5);
    type T = ReturnType<typeof scaledTile>;
    const outs = (t: T, q = p) => t.acts.flatMap((acts) => t.cols.map((c) => bitmodDot(q, { wtype: t.wtype, acts, groups: c.groups, sch: c.sch })));
    const kind = (code: bigint): string => (((code >> 10n) & 31n) === 31n ? ((code & 1023n) ? 'nan' : code >> 15n ? '-inf' : '+inf') : 'finite');
    expect(outs(scaledTile(g, p, 'FP4', { expRange: [8, 22] }, 0)).filter((r) => kind(r.code) === 'finite').length).toBeGreaterThanOrEqual(12);
    const rt = outs(roundingTile(g, p, 'FP4'));
    const tie = (v: (typeof rt)[number]['value']) => encodeValue(v, FP16, { round: 'TIES_UP' }).code !== encodeValue(v, FP16, { round: 'TIES_DOWN' }).code;
    expect(rt.filter((r) => r.value.kind === 'finite' && tie(r.value)).length).toBeGreaterThanOrEqual(2);
    const v = rt[4]!.value; // row 1, column 0: ±65520 = 4095 · 2^4, the tie that overflows
    expect(v.kind === 'finite' && Number(v.mag) * 2 ** v.exp).toBe(65520);
    expect(['+inf', '-inf']).toContain(kind(rt[4]!.code));
    const kinds = new Set(outs(specialsTile(g, p, 'FP4')).map((r) => kind(r.code)));
    for (const k of ['nan', 'finite']) expect(kinds.has(k)).toBe(true);
    expect(kinds.has('+inf') || kinds.has('-inf')).toBe(true);
    for (const t of ['FP3', 'INT8'] as const) {
      const q = bitmodParams({ rows: 4, cols: 4, G: 32, K: 64, weightTypes: [t] });
      expect(outs(roundingTile(g, q, t), q).filter((r) => r.value.kind === 'finite' && tie(r.value)).length).toBeGreaterThanOrEqual(1);
    }
  });
});
