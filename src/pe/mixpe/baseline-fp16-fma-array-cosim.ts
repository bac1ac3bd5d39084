/**
 * Cosimulation of the FP16-FMA baseline array (baseline-fp16-fma-array.ts) against its golden
 * model `fp16FmaGemmTile` (golden-baseline.ts), on the MixPE W4A16 array's transaction layout
 * (src/pe/mixpe/rtl-cosim.ts: same port names and beat order).
 *
 * The one protocol difference: the FMA array samples s_{g,c} and z_{g,c} on the FIRST beat of
 * group g (dequantize first), MixPE on the last. `moveGroupSideToFirst` exchanges the s and z
 * slots of the first and last beat of every group; it is an involution, so it maps a MixPE
 * transaction to the FMA array's and back. Explicit tiles are MixPE's tiles (corners, seeded
 * tiles, ties) with the slots exchanged: the junk MixPE tiles carry on a group's first beat moves
 * to its last beat, so an array that sampled the wrong beat fails.
 */
import type { CosimSpec } from '../../dsl/design.ts';
import type { GoldenModel } from '../../cosim/types.ts';
import type { MixpeParams } from './params.ts';
import { fp16FmaGemmTile } from './golden-baseline.ts';
import { arrayCorners, arrayInputNames, arrayOutputNames, beatsToInputs, type ArrayCosimOptions } from './rtl-cosim.ts';
import { swapGroupSlots } from './baseline-int8-array-cosim.ts';

/** The transaction with the s and z slots of the first and last beat of every group exchanged. */
export function moveGroupSideToFirst(beats: readonly (readonly bigint[])[], p: MixpeParams): bigint[][] {
  return swapGroupSlots(beats, p, /^[sz]_\d+$/);
}

/** The golden model of one FMA-array transaction (s, z taken from the first beat of each group). */
export function fmaArrayGolden(p: MixpeParams): GoldenModel {
  return (beats) => fp16FmaGemmTile(beatsToInputs(moveGroupSideToFirst(beats, p), p), p);
}

/** The cosim spec of `fp16FmaBaselineArray(p)`. */
export function fmaArrayCosimSpec(p: MixpeParams, opts: ArrayCosimOptions = {}): CosimSpec {
  return {
    protocol: { kind: 'stream' },
    beats: { in: p.K, out: p.rows },
    inputs: arrayInputNames(p),
    outputs: arrayOutputNames(p),
    golden: fmaArrayGolden(p),
    vectors: { count: opts.random ?? 8, corners: false },
    corners: arrayCorners(p, opts).map((t) => moveGroupSideToFirst(t, p)),
  };
}
