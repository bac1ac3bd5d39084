/**
 * The offline BitMoD quantizer (specs/bitmod.md §3–4) in exact rationals (rule R1).
 *
 * Per group of G weights: for each candidate datatype in mixture order, `scale = clamp(rmax/qmax,
 * 1e−5, 1e4)`, `x = w/scale` rounded to the grid (`TIES_DOWN` by default, through the shared
 * `roundToGrid`), `err = mean (q·scale − w)²`; the strictly smallest error wins (running best
 * starts at 1e3, so ties keep the earlier datatype). INT types use the symmetric `quant_int`
 * (`TIES_EVEN`, clamp to ±(2^(b−1) − 1)). Then the two-level scale: `s_ch` = FP16(max scale /
 * (2^b − 1)), `Δ = clamp(TIES_EVEN(scale / s_ch), 0, 2^b − 1)`.
 *
 * Contract: inputs are exact dyadics (IEEE doubles convert exactly with `dyadicFromDouble`);
 * every intermediate is a BigInt rational; clamp bounds are the exact decimals 1/100000 and 10000
 * (project choice: the reference clamps in FP16, whose 1e−5 is not exact).
 */
import { userError } from '../../diag/error.ts';
import { encodeRational } from '../../golden/float/encode.ts';
import { FP16 } from '../../golden/float/format.ts';
import { toRational, type FloatValue } from '../../golden/float/value.ts';
import { rational, round, roundToGrid, type Rational, type RoundMode } from '../../golden/rounding.ts';
import type { Dyadic } from '../../golden/float/dyadic.ts';
import { GRIDS, MIXTURES, encodeWeight, isMixture, qmaxOf, type BitmodDatatype } from './datatypes.ts';
import type { BitmodWeightType } from './params.ts';

/** Lower and upper clamp of the group scale (§3.1 step 2.2), exactly 1e−5 and 1e4. */
export const SCALE_MIN: Rational = rational(1n, 100000n);
export const SCALE_MAX: Rational = rational(10000n);
/** Initial "best error" of the search (§3.1 step 3): a datatype must beat 1e3 to be chosen first. */
export const ERROR_START: Rational = rational(1000n);

export function cmpR(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

const mulR = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
const divR = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
const subR = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
const addR = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
const absR = (a: Rational): Rational => (a.num < 0n ? rational(-a.num, a.den) : a);
const dyToR = (d: Dyadic): Rational =>
  d.exp >= 0 ? rational(d.mant << BigInt(d.exp)) : rational(d.mant, 1n << BigInt(-d.exp));

/** Largest magnitude of a group (0 for an empty or all-zero group). */
export function groupMaxAbs(w: readonly Rational[]): Rational {
  let m = rational(0n);
  for (const x of w) if (cmpR(absR(x), m) > 0) m = absR(x);
  return m;
}

/** `clamp(rmax / qmax, 1e−5, 1e4)` exactly. */
export function clampedScale(rmax: Rational, qmax: number): Rational {
  const s = rational(rmax.num, rmax.den * BigInt(qmax));
  if (cmpR(s, SCALE_MIN) < 0) return SCALE_MIN;
  if (cmpR(s, SCALE_MAX) > 0) return SCALE_MAX;
  return s;
}

const gridCache = new Map<BitmodDatatype, Rational[]>();
function gridR(dt: BitmodDatatype): Rational[] {
  let g = gridCache.get(dt);
  if (!g) {
    g = GRIDS[dt].map((v) => rational(BigInt(v)));
    gridCache.set(dt, g);
  }
  return g;
}

/** Quantize `x` (already divided by the scale) to the grid of `dt` (§3.1 step 2.4). */
export function quantizeToGrid(x: Rational, dt: BitmodDatatype, tie: RoundMode = 'TIES_DOWN'): number {
  return Number(roundToGrid(x, gridR(dt), tie).num);
}

/** One candidate's result for one group. */
export interface CandidateResult {
  readonly dt: BitmodDatatype;
  /** The scale used to quantize (unquantized `clamp(rmax/qmax)`, or `Δ·s_ch` with a quantized scale). */
  readonly scale: Rational;
  /** Grid values, one per weight. */
  readonly q: readonly number[];
  /** `mean (q·scale − w)²`, exact. */
  readonly mse: Rational;
}

/** `mean (q·scale − w)²`. */
export function groupMse(w: readonly Rational[], q: readonly number[], scale: Rational): Rational {
  let s = rational(0n);
  for (let i = 0; i < w.length; i++) {
    const e = subR(mulR(rational(BigInt(q[i]!)), scale), w[i]!);
    s = addR(s, mulR(e, e));
  }
  return rational(s.num, s.den * BigInt(w.length));
}

/** Quantize a group with one grid datatype at a given scale (Δ = 0 gives a zero scale: all codes 0). */
export function quantizeWithScale(w: readonly Rational[], dt: BitmodDatatype, scale: Rational, tie: RoundMode = 'TIES_DOWN'): CandidateResult {
  const q = scale.num === 0n ? w.map(() => 0) : w.map((x) => quantizeToGrid(divR(x, scale), dt, tie));
  return { dt, scale, q, mse: groupMse(w, q, scale) };
}

/** Quantize a group with one grid datatype at its own scale `clamp(rmax/qmax)`. */
export function quantizeGroupAs(w: readonly Rational[], dt: BitmodDatatype, tie: RoundMode = 'TIES_DOWN'): CandidateResult {
  return quantizeWithScale(w, dt, clampedScale(groupMaxAbs(w), qmaxOf(dt)), tie);
}

/**
 * Pick the strictly smallest error in candidate order (§3.1 step 3). The running best starts at
 * 1e3 with index 0 (project choice: if no candidate beats 1e3, the first is kept).
 */
export function pickBest(results: readonly CandidateResult[]): number {
  let best = 0;
  let bestErr = ERROR_START;
  results.forEach((r, i) => {
    if (cmpR(r.mse, bestErr) < 0) {
      best = i;
      bestErr = r.mse;
    }
  });
  return best;
}

/** Selection over a mixture: every candidate's result and the chosen index (= datatype id for BitMoD mixtures). */
export interface Selection {
  readonly chosen: number;
  readonly candidates: readonly CandidateResult[];
}

export function selectDatatype(w: readonly Rational[], candidates: readonly BitmodDatatype[], tie: RoundMode = 'TIES_DOWN'): Selection {
  const results = candidates.map((dt) => quantizeGroupAs(w, dt, tie));
  return { chosen: pickBest(results), candidates: results };
}

/**
 * Symmetric INT quantizer `quant_int` (§3.1): `scale = clamp(rmax/(2^(b−1)−1))`, `q =
 * clamp(round(w/scale), ±(2^(b−1) − 1))`, default `TIES_EVEN` (`torch.round`).
 */
export function quantizeGroupInt(w: readonly Rational[], bits: number, tie: RoundMode = 'TIES_EVEN', scale?: Rational): CandidateResult {
  const m = 2 ** (bits - 1) - 1;
  const s = scale ?? clampedScale(groupMaxAbs(w), m);
  const clampQ = (v: bigint): number => Math.max(-m, Math.min(m, Number(v)));
  const q = s.num === 0n ? w.map(() => 0) : w.map((x) => clampQ(round(divR(x, s), tie)));
  return { dt: `INT${bits}` as BitmodDatatype, scale: s, q, mse: groupMse(w, q, s) };
}

/** The second-level scale of one output channel (§4). */
export interface ChannelScale {
  /** FP16 code of `s_ch`. */
  readonly schCode: number;
  /** Exact value of `s_ch` (after FP16 rounding). */
  readonly sch: Rational;
  /** Unsigned `Δ` per group. */
  readonly delta: readonly number[];
}

/**
 * Two-level scale (§4): `s_ch = FP16_TIES_EVEN(max_g scale / (2^b − 1))`, then `Δ_g =
 * clamp(round(scale_g / s_ch, deltaTie), 0, 2^b − 1)` (default `TIES_EVEN`). A zero `s_ch` gives Δ = 0.
 */
export function channelScale(scales: readonly Rational[], scaleBits: number, deltaTie: RoundMode = 'TIES_EVEN'): ChannelScale {
  const top = 2 ** scaleBits - 1;
  let mx = rational(0n);
  for (const s of scales) if (cmpR(s, mx) > 0) mx = s;
  const enc = encodeRational(rational(mx.num, mx.den * BigInt(top)), FP16, { round: 'TIES_EVEN' });
  const sch = toRational(enc.value as FloatValue);
  const delta = scales.map((s) => {
    if (sch.num === 0n) return 0;
    const d = Number(round(divR(s, sch), deltaTie));
    return Math.max(0, Math.min(top, d));
  });
  return { schCode: Number(enc.code), sch, delta };
}

/** Quantizer options. */
export interface QuantizeOptions {
  /** Weight type: the FP4/FP3 mixtures or INT8/6/4/3. */
  readonly wtype: BitmodWeightType;
  /** Group size (contiguous input channels of one output row). */
  readonly G: number;
  /** Unsigned group-scale bits `b` (§4), default 8. */
  readonly scaleBits?: number;
  /** Grid tie rule, default `TIES_DOWN`; INT types use `intTie` (default `TIES_EVEN`). */
  readonly tie?: RoundMode;
  readonly intTie?: RoundMode;
  /** `Δ` rounding rule, default `TIES_EVEN`. */
  readonly deltaTie?: RoundMode;
  /**
   * §4 `selectWithQuantizedScale`, default `false`. When `true` (project choice): `s_ch` comes from
   * the selection with unquantized scales; then every candidate is re-quantized with its own
   * quantized scale `Δ_dt · s_ch` and the strictly smallest error at that scale picks the datatype.
   */
  readonly selectWithQuantizedScale?: boolean;
}

/** One quantized group. */
export interface QuantGroup {
  /** Datatype id (mixture order; 0 for INT). */
  readonly dtId: number;
  readonly dt: BitmodDatatype;
  /** Stored codes, one per weight (bit patterns, `codeBits(wtype)` wide). */
  readonly codes: readonly number[];
  /** Grid values. */
  readonly q: readonly number[];
  /** Unsigned group scale. */
  readonly delta: number;
  /** Scale of the selection (unquantized, or `Δ·s_ch` with `selectWithQuantizedScale`). */
  readonly scale: Rational;
  /** Each candidate's selection MSE (mixture order; one entry for INT). */
  readonly candidateMse: readonly Rational[];
  /** MSE of the deployed weights `q·Δ·s_ch` against the input. */
  readonly mse: Rational;
}

export interface QuantRow {
  readonly schCode: number;
  readonly sch: Rational;
  readonly groups: readonly QuantGroup[];
}

function candidatesOf(t: BitmodWeightType): readonly BitmodDatatype[] {
  return isMixture(t) ? MIXTURES[t] : [t];
}

function quantizeCandidates(w: readonly Rational[], t: BitmodWeightType, o: QuantizeOptions, scales?: readonly Rational[]): Selection {
  const cands = candidatesOf(t);
  const results = cands.map((dt, i) => {
    if (isMixture(t)) return scales ? quantizeWithScale(w, dt, scales[i]!, o.tie) : quantizeGroupAs(w, dt, o.tie);
    const bits = Number(t.slice(3));
    return quantizeGroupInt(w, bits, o.intTie ?? 'TIES_EVEN', scales?.[i]);
  });
  return { chosen: pickBest(results), candidates: results };
}

/** Quantize one output row (length divisible by G) with the two-level scale. */
export function quantizeRow(row: readonly Rational[], o: QuantizeOptions): QuantRow {
  const G = o.G;
  const scaleBits = o.scaleBits ?? 8;
  if (row.length % G !== 0) throw userError(`BitMoD quantizer: row length ${row.length} is not a multiple of G = ${G}`);
  const groups: Rational[][] = [];
  for (let i = 0; i < row.length; i += G) groups.push(row.slice(i, i + G));
  let sels = groups.map((g) => quantizeCandidates(g, o.wtype, o));
  const ch = channelScale(sels.map((s) => s.candidates[s.chosen]!.scale), scaleBits, o.deltaTie);
  let deltas = ch.delta;
  if (o.selectWithQuantizedScale) {
    const top = 2 ** scaleBits - 1;
    const quantScale = (s: Rational): { d: number; s: Rational } => {
      const d = ch.sch.num === 0n ? 0 : Math.max(0, Math.min(top, Number(round(divR(s, ch.sch), o.deltaTie ?? 'TIES_EVEN'))));
      return { d, s: mulR(rational(BigInt(d)), ch.sch) };
    };
    const qs = sels.map((s) => s.candidates.map((c) => quantScale(c.scale)));
    sels = groups.map((g, i) => quantizeCandidates(g, o.wtype, o, qs[i]!.map((x) => x.s)));
    deltas = sels.map((s, i) => qs[i]![s.chosen]!.d);
  }
  const out = groups.map((g, i): QuantGroup => {
    const sel = sels[i]!;
    const c = sel.candidates[sel.chosen]!;
    const dtId = isMixture(o.wtype) ? sel.chosen : 0;
    const eff = mulR(rational(BigInt(deltas[i]!)), ch.sch);
    return {
      dtId,
      dt: c.dt,
      codes: c.q.map((v) => encodeWeight(o.wtype, dtId, v)),
      q: c.q,
      delta: deltas[i]!,
      scale: c.scale,
      candidateMse: sel.candidates.map((x) => x.mse),
      mse: groupMse(g, c.q, eff),
    };
  });
  return { schCode: ch.schCode, sch: ch.sch, groups: out };
}

/** Quantize a matrix `W[K_out][C_in]` given as exact dyadics. */
export function quantizeMatrix(rows: readonly (readonly Dyadic[])[], o: QuantizeOptions): QuantRow[] {
  return rows.map((r) => quantizeRow(r.map(dyToR), o));
}
