/**
 * Cosimulation of the dequantize-first baseline array (int8-array.ts) against level b
 * `gemmTile`, reusing the MixPE array's transaction mapping (src/pe/mixpe/rtl-cosim.ts).
 *
 * The only protocol difference: the baseline samples z_{g,c} on the FIRST beat of group g, MixPE
 * on the last. `swapZeroPoints` exchanges the z slots of the first and last beat of every group;
 * it is an involution, so it maps a MixPE transaction to the equivalent baseline transaction and
 * back. The baseline golden model is `arrayGolden(p) ∘ swapZeroPoints` (pure; reads z from the
 * first beat), and explicit tiles are the MixPE tiles with their z slots swapped (the junk that
 * MixPE tiles carry on the first beat of a group moves to the last beat, so a baseline that
 * sampled the wrong beat fails).
 */
import type { CosimSpec } from '../../dsl/design.ts';
import type { GoldenModel } from '../../cosim/types.ts';
import type { MixpeParams } from './params.ts';
import { arrayCosimSpec, arrayGolden, arrayInputNames, type ArrayCosimOptions } from './rtl-cosim.ts';

/**
 * The transaction with the slots of the input ports whose names match `ports` exchanged between
 * the first and the last beat of every group (an involution; the beats are copied).
 */
export function swapGroupSlots(beats: readonly (readonly bigint[])[], p: MixpeParams, ports: RegExp): bigint[][] {
  const out = beats.map((b) => [...b]);
  const slots = arrayInputNames(p).flatMap((n, i) => (ports.test(n) ? [i] : []));
  for (let first = 0; first + p.G <= out.length; first += p.G) {
    const a = out[first]!;
    const b = out[first + p.G - 1]!;
    for (const i of slots) [a[i], b[i]] = [b[i]!, a[i]!];
  }
  return out;
}

/** The transaction with the z slots of the first and last beat of every group exchanged. */
export function swapZeroPoints(beats: readonly (readonly bigint[])[], p: MixpeParams): bigint[][] {
  return swapGroupSlots(beats, p, /^z_\d+$/);
}

/** Level b for one baseline transaction (z taken from the first beat of each group). */
export function baselineArrayGolden(p: MixpeParams): GoldenModel {
  const mixpe = arrayGolden(p);
  return (beats) => mixpe(swapZeroPoints(beats, p));
}

/** The cosim spec of `int8BaselineArray(p)`: the MixPE array spec with z moved to the first beat. */
export function baselineArrayCosimSpec(p: MixpeParams, opts: ArrayCosimOptions = {}): CosimSpec {
  const spec = arrayCosimSpec(p, opts);
  return { ...spec, golden: baselineArrayGolden(p), corners: (spec.corners ?? []).map((t) => swapZeroPoints(t, p)) };
}
