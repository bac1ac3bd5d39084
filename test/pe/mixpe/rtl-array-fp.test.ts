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
import { baselineArrayCosimSpec, swapZeroPoints } from '../../../src/pe/mixpe/baseline-int8-array-cosim.ts';

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

  // zeroPoint COLUMN_EDGE: Q − z at the column edge, zero-folded PEs, no R_g row edge; z on the
  // first beat of each group (the baseline mapping swaps the z slots; junk then sits on the last beat).
  // (BF16: a ~290-bit Kulisch register per PE, so a 1 × 2 array with fewer tiles.)
  for (const c of [
    { activation: 'FP16', n: 6, specials: 3 },
    { activation: 'BF16', scaleFormat: 'BF16', outputFormat: 'FP32', rows: 1, cols: 2, n: 2, specials: 1 },
  ] as const) {
    it(`equals level b with zeroPoint COLUMN_EDGE: ${JSON.stringify(c)} (both simulators)`, async () => {
      const { n, specials: ns, ...o } = c;
      const p = mixpeParams({ rows: 2, cols: 3, G: 32, K: 64, ...o });
      const spec = baselineArrayCosimSpec(p, { random: n, tiles: 2, seed: 53 });
      const specials = Array.from({ length: ns }, (_, s) => swapZeroPoints(inputsToBeats(randomInputs(p, { seed: 71 + s, specials: 0.05 }), p), p));
      const corners = [...spec.corners!, ...specials];
      const r = await cosim(mixpeArray(p, { zeroPoint: 'COLUMN_EDGE' }), { ...spec, corners }, { seed: 7 });
      expect(r.failed, r.report).toBe(0);
      expect(r.passed).toBe(2 * (corners.length + n));
    });
  }

  it('refuses zeroPoint COLUMN_EDGE where u is not one exact sum', () => {
    for (const o of [{ weightSigned: true }, { accMode: 'FP32_RNE' }, { accMode: 'BLOCK_ALIGN' }] as const) {
      expect(() => mixpeArray(mixpeParams({ activation: 'FP16', rows: 2, cols: 2, G: 32, K: 64, ...o }), { zeroPoint: 'COLUMN_EDGE' })).toThrow(/zeroPoint COLUMN_EDGE needs/);
    }
    expect(() => mixpeArray(mixpeParams({ rows: 2, cols: 2, G: 32, K: 64 }), { zeroPoint: 'COLUMN_EDGE' })).toThrow(/zeroPoint COLUMN_EDGE needs/);
    expect(() => mixpeArray(mixpeParams({ activation: 'FP16', rows: 2, cols: 2, G: 32, K: 64 }), { pe: fpPe, zeroPoint: 'COLUMN_EDGE' })).toThrow(/needs a zero-folded PE/);
  });

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
