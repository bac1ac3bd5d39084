/**
 * The FP16-FMA baseline array's transaction mapping (src/pe/mixpe/baseline-fp16-fma-array-cosim.ts):
 * the s/z slot exchange is an involution that touches only the s and z slots of each group's
 * first and last beat, and the golden model reads s, z from the first beat of each group.
 */
import { describe, expect, it } from 'vitest';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { arrayInputNames, inputsToBeats } from '../../../src/pe/mixpe/rtl-cosim.ts';
import { randomInputs } from '../../../src/pe/mixpe/vectors.ts';
import { fp16FmaGemmTile } from '../../../src/pe/mixpe/golden-baseline.ts';
import { fmaArrayCosimSpec, fmaArrayGolden, moveGroupSideToFirst } from '../../../src/pe/mixpe/baseline-fp16-fma-array-cosim.ts';

describe('FP16-FMA baseline array cosim mapping', () => {
  const p = mixpeParams({ activation: 'FP16', rows: 2, cols: 3, G: 32, K: 96 });
  const inp = randomInputs(p, { seed: 5 });
  const beats = inputsToBeats(inp, p);
  const names = arrayInputNames(p);
  const slots = names.flatMap((n, i) => (/^[sz]_/.test(n) ? [i] : []));

  it('moves s and z to the first beat of every group and nothing else', () => {
    const s = moveGroupSideToFirst(beats, p);
    expect(moveGroupSideToFirst(s, p)).toEqual(beats);
    let changed = 0;
    s.forEach((b, k) =>
      b.forEach((v, i) => {
        if (v === beats[k]![i]) return;
        changed++;
        expect(slots).toContain(i);
        expect([0, p.G - 1]).toContain(k % p.G);
      }),
    );
    expect(changed).toBe(2 * slots.length * (p.K / p.G));
  });

  it('the golden model on the moved tile is fp16FmaGemmTile of the tile; the unmoved tile gives another result', () => {
    const want = fp16FmaGemmTile(inp, p);
    const g = fmaArrayGolden(p);
    expect(g(moveGroupSideToFirst(beats, p))).toEqual(want);
    expect(g(beats)).not.toEqual(want); // junk s, z on the first beats
  });

  it('the spec: MixPE W4A16 port order, K beats in, rows beats out, corners moved', () => {
    const spec = fmaArrayCosimSpec(p, { random: 2, tiles: 1 });
    expect(spec.inputs).toEqual(names);
    expect(spec.beats).toEqual({ in: p.K, out: p.rows });
    expect(spec.vectors).toEqual({ count: 2, corners: false });
    for (const t of spec.corners!) expect(spec.golden(t.map((b) => [...b]))).toHaveLength(p.rows);
  });
});
