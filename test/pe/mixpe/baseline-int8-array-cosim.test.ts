/**
 * The baseline array's transaction mapping (src/pe/mixpe/baseline-int8-array-cosim.ts): the z-slot swap
 * is an involution that touches only the z slots of each group's first and last beat, and the
 * baseline golden model on a swapped MixPE tile equals level b on the original tile.
 */
import { describe, expect, it } from 'vitest';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { arrayGolden, arrayInputNames, inputsToBeats } from '../../../src/pe/mixpe/rtl-cosim.ts';
import { randomInputs } from '../../../src/pe/mixpe/vectors.ts';
import { baselineArrayCosimSpec, baselineArrayGolden, swapZeroPoints } from '../../../src/pe/mixpe/baseline-int8-array-cosim.ts';

describe('baseline array cosim mapping', () => {
  const p = mixpeParams({ rows: 2, cols: 3, G: 32, K: 96 });
  const beats = inputsToBeats(randomInputs(p, { seed: 3 }), p);
  const zSlots = [0, 1, 2].map((c) => arrayInputNames(p).indexOf(`z_${c}`));

  it('moves z to the first beat of every group and nothing else', () => {
    const s = swapZeroPoints(beats, p);
    expect(swapZeroPoints(s, p)).toEqual(beats);
    let changed = 0;
    s.forEach((b, k) =>
      b.forEach((v, i) => {
        if (v === beats[k]![i]) return;
        changed++;
        expect(zSlots).toContain(i);
        expect([0, p.G - 1]).toContain(k % p.G);
      }),
    );
    expect(changed).toBeGreaterThan(0);
    for (let g = 0; g < p.K / p.G; g++) for (const i of zSlots) expect(s[g * p.G]![i]).toBe(beats[g * p.G + p.G - 1]![i]);
  });

  it('the baseline golden model on the swapped tile equals level b on the MixPE tile', () => {
    const want = arrayGolden(p)(beats);
    expect(baselineArrayGolden(p)(swapZeroPoints(beats, p))).toEqual(want);
    // Reading z from the wrong beat (the junk left on the last beat) gives a different tile.
    expect(arrayGolden(p)(swapZeroPoints(beats, p))).not.toEqual(want);
  });

  it('signed weights have no z slots: the mapping is the identity', () => {
    const ps = mixpeParams({ rows: 2, cols: 3, G: 32, K: 64, weightSigned: true });
    const b = inputsToBeats(randomInputs(ps, { seed: 4 }), ps);
    expect(swapZeroPoints(b, ps)).toEqual(b);
    const spec = baselineArrayCosimSpec(ps, { random: 1, tiles: 1 });
    expect(spec.golden(b)).toEqual(arrayGolden(ps)(b));
  });
});
