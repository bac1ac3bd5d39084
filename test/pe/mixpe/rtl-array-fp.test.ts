/**
 * The MixPE array with a pluggable PE (rtl-pe-interface.ts): the W4A16 FP16-activation PE
 * (rtl-pe-fp.ts `fpPe`, EXACT_WIDE Kulisch P_g with LSB 2^−24 and IEEE special flags) in the
 * same array, row edge (R_g from the same PE with the weight tied to 1) and epilogue as the
 * W4A8 path, against level b `gemmTile` on both simulators. Tiles: the FP spec corners
 * (subnormals, output overflow and near-max, cancellation, ±0/±Inf/NaN activations),
 * realistic seeded tiles, tiles with 5 % special activations, and uniformly random codes.
 */
import { describe, expect, it } from 'vitest';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { fpPe } from '../../../src/pe/mixpe/rtl-pe-fp.ts';
import { arrayCosimSpec, inputsToBeats } from '../../../src/pe/mixpe/rtl-cosim.ts';
import { randomInputs } from '../../../src/pe/mixpe/vectors.ts';
import { cosim } from '../../lib/cosim-harness.ts';

describe('MixPE array with the FP16-activation PE', () => {
  for (const weightSigned of [false, true]) {
    it(`equals level b with ${weightSigned ? 'INT4' : 'UINT4 + zero point'} weights (both simulators)`, async () => {
      const p = mixpeParams({ activation: 'FP16', rows: 2, cols: 3, G: 32, K: 64, weightSigned });
      const spec = arrayCosimSpec(p, { random: 6, tiles: 2, seed: 51 });
      const specials = [1, 2, 3].map((s) => inputsToBeats(randomInputs(p, { seed: 60 + s, specials: 0.05 }), p));
      const r = await cosim(mixpeArray(p, { pe: fpPe }), { ...spec, corners: [...spec.corners!, ...specials] }, { seed: 6 });
      expect(r.failed, r.report).toBe(0);
      expect(r.vectors).toBe(spec.corners!.length + specials.length + 6);
    });
  }
});
