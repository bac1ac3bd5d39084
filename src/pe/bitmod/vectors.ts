/**
 * Seeded BitMoD transactions for tests and cosim: random groups (random datatype ids, codes,
 * `Δ` including 0 and the maximum, `s_ch` with a random sign, activations with random signs)
 * plus hazard builders. Deterministic for a seed (src/util/prng).
 *
 * Contract: every transaction passes `checkDotInput` for the parameters it was made for; Inf/NaN
 * activations appear only when `specials` is asked for and the policy is PROPAGATE.
 */
import { Prng } from '../../util/prng.ts';
import type { BitmodDotInput, BitmodGroupInput } from './golden-inputs.ts';
import { activationFormat, weightCodeBits, type BitmodParams, type BitmodWeightType } from './params.ts';

export interface VectorOptions {
  /** Number of groups (default K/G). */
  readonly groups?: number;
  /** Activation exponent-field window `[lo, hi]` (default the whole finite range incl. subnormals). */
  readonly expRange?: readonly [number, number];
  /** Probability that an activation is Inf or NaN (PROPAGATE only), default 0. */
  readonly specials?: number;
  /** Probability that an activation is ±0 or subnormal, default 0.05. */
  readonly tiny?: number;
}

/** A random finite activation code with the exponent field in `[lo, hi]`. */
export function randomActivation(g: Prng, p: BitmodParams, lo?: number, hi?: number): number {
  const f = activationFormat(p);
  const top = 2 ** f.expBits - 2;
  const e = g.int(lo ?? 0, hi ?? top);
  const frac = g.below(2 ** f.manBits);
  return (g.below(2) << (f.expBits + f.manBits)) | (e << f.manBits) | frac;
}

/** A random finite FP16 code for `s_ch` (normal, exponent field 1 … 30, random sign). */
export function randomSch(g: Prng): number {
  return (g.below(2) << 15) | (g.int(5, 20) << 10) | g.below(1024);
}

export function randomDelta(g: Prng, scaleBits: number): number {
  const top = 2 ** scaleBits - 1;
  const r = g.below(8);
  return r === 0 ? 0 : r === 1 ? top : r === 2 ? 1 << (scaleBits - 1) : g.int(0, top);
}

/** One random transaction of weight type `wtype`. */
export function randomDotInput(g: Prng, p: BitmodParams, wtype: BitmodWeightType, o: VectorOptions = {}): BitmodDotInput {
  const f = activationFormat(p);
  const nGroups = o.groups ?? p.K / p.G;
  const cb = weightCodeBits(wtype);
  const groups: BitmodGroupInput[] = Array.from({ length: nGroups }, () => ({
    dtId: g.below(4),
    delta: randomDelta(g, p.scaleBits),
    codes: Array.from({ length: p.G }, () => g.below(2 ** cb)),
  }));
  const [lo, hi] = o.expRange ?? [0, 2 ** f.expBits - 2];
  const acts = Array.from({ length: nGroups * p.G }, () => {
    if (o.specials && p.specialPolicy === 'PROPAGATE' && g.chance(o.specials)) {
      const expAll = (2 ** f.expBits - 1) << f.manBits;
      return (g.below(2) << (f.expBits + f.manBits)) | expAll | (g.chance(0.5) ? 0 : 1 + g.below(2 ** f.manBits - 1));
    }
    if (g.chance(o.tiny ?? 0.05)) return (g.below(2) << (f.expBits + f.manBits)) | (g.chance(0.5) ? 0 : g.below(2 ** f.manBits));
    return randomActivation(g, p, lo, hi);
  });
  return { wtype, acts, groups, sch: randomSch(g) };
}

/** A random GEMM tile for a `p.rows × p.cols` array: independent rows of activations and weight channels. */
export function randomTile(g: Prng, p: BitmodParams, wtype: BitmodWeightType, o: VectorOptions = {}): {
  wtype: BitmodWeightType;
  acts: number[][];
  cols: { groups: BitmodGroupInput[]; sch: number }[];
} {
  const rows = Array.from({ length: p.rows }, () => randomDotInput(g, p, wtype, o).acts.slice());
  const cols = Array.from({ length: p.cols }, () => {
    const x = randomDotInput(g, p, wtype, { ...o, specials: 0 });
    return { groups: x.groups.map((grp) => ({ ...grp })), sch: x.sch };
  });
  return { wtype, acts: rows, cols };
}
