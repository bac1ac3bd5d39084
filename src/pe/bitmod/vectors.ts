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
import { activationFormat, bitmodWidths, weightCodeBits, type BitmodParams, type BitmodWeightType } from './params.ts';
import { bitLength } from '../../golden/float/dyadic.ts';
import { encodeWeight } from './datatypes.ts';
import { bitmodDot } from './golden-dot.ts';

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

type Tile = ReturnType<typeof randomTile>;

/** FP16 code of ±M · 2^(field − 25) (normal, M in 1024 … 2047). */
const fp16 = (neg: boolean, field: number, M: number): number => ((neg ? 1 : 0) << 15) | (field << 10) | (M - 1024);

/**
 * A random finite tile whose `s_ch` per column is chosen from level b (computed at `s_ch` = 1 for
 * row 0) so that row 0's result lands near 2^`target`: the other rows then spread around it, inside
 * and at the edges of the FP16 range, instead of mostly overflowing (random `s_ch` and activations
 * make most results ±Inf, which hides the rounding logic). No specials.
 */
export function scaledTile(g: Prng, p: BitmodParams, wtype: BitmodWeightType, o: VectorOptions = {}, target = 0): Tile {
  const t = randomTile(g, p, wtype, { ...o, specials: 0 });
  const cols = t.cols.map((col) => {
    const v = bitmodDot(p, { wtype, acts: t.acts[0]!, groups: col.groups, sch: 0x3c00 }).value;
    if (v.kind !== 'finite' || v.mag === 0n) return col;
    const log2 = bitLength(v.mag) - 1 + v.exp;
    const field = Math.min(30, Math.max(1, 15 + target - log2));
    return { ...col, sch: fp16(g.chance(0.5), field, 1024 + g.below(1024)) };
  });
  return { ...t, cols };
}

/**
 * Rounding corners of the output stage: every row has one non-zero activation ±2^a_r (lane 0 of
 * slot 0), every column weight ±3 there, an odd Δ ∈ {1, 3, 5} and an odd `s_ch` significand, so
 * each result is ±3·Δ·M·2^k with an odd 12- to 14-bit integer: exact ties (12 bits) and both
 * round directions. Row exponents by `r mod 4`: normal results; near the top of FP16 (column 0 is
 * exactly 65520 = 4095·16 in row 1, a tie that overflows to Inf, with neighbours just below);
 * subnormal results; random. The last column's `s_ch` is tiny, so its results underflow
 * (±0 and the smallest subnormals).
 */
export function roundingTile(g: Prng, p: BitmodParams, wtype: BitmodWeightType): Tile {
  const t = randomTile(g, p, wtype, { specials: 0 });
  const aOf = (r: number): number => [g.int(-3, 6), 14, g.int(-24, -17), g.int(-10, 10)][r % 4]!;
  const acts = t.acts.map((row, r) => {
    const a = aOf(r);
    // ±2^a as FP16: normal for a ≥ −14, else the subnormal 2^(a+24) quanta.
    const code = a >= -14 ? fp16(false, a + 15, 1024) : 1 << (a + 24);
    return row.map((_, k) => (k === 0 ? code | (g.below(2) << 15) : 0));
  });
  const cols = t.cols.map((col, c) => {
    const neg = c > 0 && g.chance(0.5);
    const dtId = neg ? 1 : 0; // FP3: ±3 is the SV of ER_POS / ER_NEG; FP4 and INT: on every grid
    const code = encodeWeight(wtype, dtId, neg ? -3 : 3);
    const groups = col.groups.map((grp, gi) => (gi === 0 ? { dtId, delta: c === 0 ? 1 : [1, 3, 5][g.below(3)]!, codes: grp.codes.map((x, k) => (k === 0 ? code : x)) } : grp));
    const field = c === p.cols - 1 && c > 0 ? g.int(1, 3) : 15;
    const M = c === 0 ? 1365 : 1025 + 2 * g.below(512);
    return { groups, sch: fp16(c > 0 && g.chance(0.3), field, M) };
  });
  return { wtype, acts, cols };
}

/**
 * Inf/NaN corners across a tile: rows with r mod 4 = 0 / 1 have +Inf / −Inf on every lane of the
 * first slot of group r mod groups, rows with r mod 4 = 2 a NaN at lane r mod L there; rows with
 * r mod 4 = 3 stay finite. Each column's weights at those positions are, by column mod 4, the zero
 * code, the code of +1, the SV code for mixtures (the code of −1 for INT), or random codes; Δ is
 * random (Δ = 0 turns Inf into NaN). So every lane meets Inf × 0 = NaN and Inf × w = ±Inf with the
 * sign from the weight, through the column-shared terms, beside finite rows.
 */
export function specialsTile(g: Prng, p: BitmodParams, wtype: BitmodWeightType): Tile {
  const t = scaledTile(g, p, wtype, { expRange: [8, 22] }, 0);
  const nGroups = t.cols[0]!.groups.length;
  const f = activationFormat(p);
  const expAll = (2 ** f.expBits - 1) << f.manBits;
  const signBit = 1 << (f.expBits + f.manBits);
  const spec = [expAll, signBit | expAll, expAll | 1];
  const base = (r: number): number => (r % nGroups) * p.G;
  const hits = (r: number): number[] => (r % 4 === 3 ? [] : r % 4 === 2 ? [base(r) + (r % p.L)] : Array.from({ length: p.L }, (_, i) => base(r) + i));
  const acts = t.acts.map((row, r) => row.map((x, k) => (hits(r).includes(k) ? spec[r % 4]! : x)));
  const hitSet = new Set(t.acts.flatMap((_, r) => hits(r)));
  const cb = weightCodeBits(wtype);
  const mix = wtype === 'FP4' || wtype === 'FP3';
  const cols = t.cols.map((col, c) => ({
    ...col,
    groups: col.groups.map((grp, gi) => ({
      ...grp,
      codes: grp.codes.map((x, k) => {
        if (!hitSet.has(gi * p.G + k)) return x;
        return [0, 1, mix ? 2 ** (cb - 1) : 2 ** cb - 1, g.below(2 ** cb)][c % 4]!;
      }),
    })),
  }));
  return { wtype, acts, cols };
}

/**
 * FP32_RNE range corners across a tile (for BF16 activations, whose range is FP32's): each row's
 * activations come by `r mod 4` from — sparse BF16 subnormals (with the even columns' Δ ∈ {1, 2},
 * group sums below 2^−126: FP32 subnormals), exponent fields `[247, 254]` (group sums beyond 2^128: ±Inf,
 * and +Inf + −Inf = NaN when two groups overflow with opposite signs), `[4, 12]` (straddling the
 * subnormal/normal boundary), `[100, 140]` (normal). No specials. `fp32Events` counts what a set
 * of transactions reaches.
 */
export function fp32RangeTile(g: Prng, p: BitmodParams, wtype: BitmodWeightType): Tile {
  const t = randomTile(g, p, wtype, { specials: 0 });
  const f = activationFormat(p);
  const sign = (): number => g.below(2) << (f.expBits + f.manBits);
  const win: [number, number][] = [[0, 3], [247, 254], [4, 12], [100, 140]];
  const acts = t.acts.map((_, r) => {
    // Row 0: sparse tiny subnormals (frac 1 … 7), so with a small Δ the group sums stay below 2^−126.
    if (r % 4 === 0) return Array.from({ length: t.acts[r]!.length }, () => sign() | (g.chance(0.06) ? g.int(1, 7) : 0));
    return randomDotInput(g, p, wtype, { specials: 0, expRange: win[r % 4]!, tiny: 0.02 }).acts.slice();
  });
  // Even columns: Δ ∈ {1, 2} (subnormal group sums in row 0); odd columns keep random Δ.
  const cols = t.cols.map((col, c) => (c % 2 ? col : { ...col, groups: col.groups.map((grp) => ({ ...grp, delta: g.int(1, 2) })) }));
  return { ...t, acts, cols };
}

/** What FP32_RNE accumulation meets in one transaction (level b): rounding of the group values and the sum's class. */
export interface Fp32Events {
  /** Group values exactly halfway between two FP32 codes (a TIES_EVEN decision). */
  readonly ties: number;
  /** Group values rounded with a loss (inexact in FP32). */
  readonly inexact: number;
  /** Non-zero group values below 2^−126 (FP32 subnormal range). */
  readonly subnormal: number;
  /** Group values that overflow FP32 to ±Inf. */
  readonly overflow: number;
  /** The FP32 sum is subnormal / ±Inf / NaN. */
  readonly sumSubnormal: boolean;
  readonly sumInf: boolean;
  readonly sumNan: boolean;
}

export function fp32Events(p: BitmodParams, x: BitmodDotInput): Fp32Events {
  const b = bitmodDot(p, x);
  const us = bitmodWidths(p).unitShift;
  let ties = 0;
  let inexact = 0;
  let subnormal = 0;
  let overflow = 0;
  for (const grp of b.groups) {
    const mag = grp.out < 0n ? -grp.out : grp.out;
    if (mag === 0n) continue;
    const e = grp.outE - us;
    const top = bitLength(mag) - 1 + e;
    if (top < -126) subnormal++;
    const q = Math.max(top - 23, -149);
    const drop = q - e;
    if (drop > 0) {
      const rem = mag & ((1n << BigInt(drop)) - 1n);
      if (rem !== 0n) inexact++;
      if (rem === 1n << BigInt(drop - 1)) ties++;
    }
    // Rounds to ≥ 2^128: the value is at least the midpoint (2 − 2^−24) · 2^127.
    if (top >= 128 || (top === 127 && mag >> BigInt(Math.max(0, drop - 1)) >= (1n << 25n) - 1n)) overflow++;
  }
  const s = b.fp32;
  return {
    ties,
    inexact,
    subnormal,
    overflow,
    sumSubnormal: s !== null && s.kind === 'finite' && s.mag !== 0n && bitLength(s.mag) - 1 + s.exp < -126,
    sumInf: s !== null && s.kind === 'inf',
    sumNan: s !== null && s.kind === 'nan',
  };
}
