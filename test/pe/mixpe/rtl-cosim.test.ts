/**
 * The transaction mapping of the MixPE array cosim (src/pe/mixpe/rtl-cosim.ts): beats ↔ GEMM
 * tile round trip, side channels read only on their sampling beats, and the golden model equal
 * to level b `gemmTile` on the same tile.
 */
import { describe, expect, it } from 'vitest';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { gemmTile } from '../../../src/pe/mixpe/golden-datapath.ts';
import { randomInputs } from '../../../src/pe/mixpe/vectors.ts';
import { Prng } from '../../../src/util/prng.ts';
import {
  arrayCorners,
  arrayCosimSpec,
  arrayGolden,
  arrayInputNames,
  beatsToInputs,
  inputsToBeats,
} from '../../../src/pe/mixpe/rtl-cosim.ts';

const big = (m: readonly (readonly (number | bigint)[])[]) => m.map((r) => r.map((v) => BigInt(v)));

describe('MixPE array transaction mapping', () => {
  for (const weightSigned of [false, true]) {
    it(`round-trips a tile through K beats (${weightSigned ? 'signed' : 'unsigned'} weights)`, () => {
      const p = mixpeParams({ rows: 3, cols: 2, G: 32, K: 96, weightSigned });
      const inp = randomInputs(p, { seed: 9 });
      const beats = inputsToBeats(inp, p);
      expect(beats).toHaveLength(p.K);
      expect(beats.every((b) => b.length === arrayInputNames(p).length)).toBe(true);
      const back = beatsToInputs(beats, p);
      expect(big(back.X)).toEqual(big(inp.X));
      expect(big(back.Q)).toEqual(big(inp.Q));
      expect(big(back.S)).toEqual(big(inp.S));
      expect(back.Z ? big(back.Z) : undefined).toEqual(inp.Z ? big(inp.Z) : undefined);
      expect(back.SX!.map(BigInt)).toEqual(inp.SX!.map(BigInt));
      const want = gemmTile(inp, p).map((r) => r.map((y) => y.code));
      expect(arrayGolden(p)(beats)).toEqual(want);
    });
  }

  it('reads s_g, z_g only on the last beat of each group and s_x only on the last beat', () => {
    const p = mixpeParams({ rows: 2, cols: 2, G: 32, K: 64 });
    const beats = inputsToBeats(randomInputs(p, { seed: 4 }), p);
    const golden = arrayGolden(p);
    const want = golden(beats);
    const names = arrayInputNames(p);
    const side = names.map((n, i) => (/^(s|z|sx)_/.test(n) ? i : -1)).filter((i) => i >= 0);
    const rng = new Prng(5);
    const scrambled = beats.map((b, k) => {
      const sampled = k % p.G === p.G - 1;
      return b.map((v, i) => {
        if (!side.includes(i)) return v;
        const isSx = names[i]!.startsWith('sx_');
        if ((isSx && k === p.K - 1) || (!isSx && sampled)) return v;
        return names[i]!.startsWith('z_') ? BigInt(rng.int(0, 15)) : rng.bits(16);
      });
    });
    expect(scrambled).not.toEqual(beats);
    expect(golden(scrambled)).toEqual(want);
  });

  it('builds a spec with K input beats, rows output beats, and the spec corners first', () => {
    const p = mixpeParams({ rows: 2, cols: 3, G: 32, K: 64 });
    const spec = arrayCosimSpec(p, { random: 3, tiles: 2 });
    expect(spec.beats).toEqual({ in: 64, out: 2 });
    expect(spec.outputs).toEqual(['y_0', 'y_1', 'y_2']);
    expect(spec.corners).toEqual(arrayCorners(p, { tiles: 2 }));
    // max-negative, max-positive, zero-point-0, zero-point-max, all-zero, negative-scale,
    // negative-scales-both, then the tiles and the tie tile
    expect(spec.corners!.length).toBe(7 + 2 + 1 + 2 + 4); // + tiny-s_x sweep tiles and special-s_x tiles (both signs)
    expect(spec.vectors).toEqual({ count: 3, corners: false });
  });
});
