/**
 * The MixPE array with a pluggable PE (rtl-pe-interface.ts): the W4A16 FP16-activation PE
 * (rtl-pe-fp.ts `fpPe`, EXACT_WIDE Kulisch P_g with LSB 2^−24 and IEEE special flags) in the
 * same array, row edge (R_g from the same PE with the weight tied to 1) and epilogue as the
 * W4A8 path, against level b `gemmTile` on both simulators. Tiles: the FP spec corners
 * (subnormals, output overflow and near-max, cancellation, ±0/±Inf/NaN activations),
 * realistic seeded tiles, tiles with 5 % special activations, and uniformly random codes. Also
 * `accMode = BLOCK_ALIGN` with FP16 (UINT4 + zero point, 3 guard bits) and BF16 (INT4, 0 guard
 * bits, FP32 output, CEIL, BIT_SERIAL dequantization) activations.
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

  // BLOCK_ALIGN: block-aligned P_g / R_g (PE `pg_e` ceilings through the drain chains), the
  // FLOOR "dequant align" of P_g and z·R_g, and the block-aligned output accumulator.
  for (const c of [
    { activation: 'FP16', guardBits: 3, K: 96 },
    { activation: 'BF16', guardBits: 0, weightSigned: true, cols: 2, outputFormat: 'FP32', outputRound: 'CEIL', dequantUnit: 'BIT_SERIAL' },
  ] as const) {
    it(`equals level b with accMode BLOCK_ALIGN: ${JSON.stringify(c)} (both simulators)`, async () => {
      const p = mixpeParams({ rows: 2, cols: 3, G: 32, K: 64, accMode: 'BLOCK_ALIGN', ...c });
      const spec = arrayCosimSpec(p, { random: 4, tiles: 2, seed: 33 });
      const specials = [1, 2].map((s) => inputsToBeats(randomInputs(p, { seed: 80 + s, specials: 0.05 }), p));
      const corners = [...spec.corners!, ...specials];
      const r = await cosim(mixpeArray(p, { pe: fpPe }), { ...spec, corners }, { seed: 8 });
      expect(r.failed, r.report).toBe(0);
      expect(r.passed).toBe(2 * (corners.length + 4));
    });
  }
});
