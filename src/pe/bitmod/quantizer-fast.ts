/**
 * Fast path of the BitMoD quantizer (quantizer.ts) for large matrices, with the same results bit
 * for bit: every decision is either proven exact in IEEE double arithmetic or re-decided by the
 * exact rational quantizer.
 *
 * Why it is exact: a group takes the fast path only when every weight is FP32-representable
 * (≤ 24 significant bits, e.g. from FP16 or FP32 files). Grid rounding compares `2·w·P` with
 * `(v_i + v_{i+1})·Q` for the scale `Q/P` (`rmax/qmax`, `1e−5 = 1/100000` or `1e4`): both products
 * of a ≤ 24-bit significand by an integer below 2^18 are exact doubles, so every comparison (and
 * every tie) is decided exactly. The selection errors `Σ (q·Q − w·P)²` are computed in double with
 * a relative error below `γ = (G + 4)·2^−52`; when two candidates (or the 1e3 start value) are not
 * separated by that margin, the selection of that group is re-decided in exact integer arithmetic
 * (`exactPick`, counted in `exactFallbacks`) on the already exact grid values, except when their
 * grid values are identical and the scales equal, which is an exact tie. The
 * second-level scale (`s_ch`, Δ) is computed with BigInt rationals, once per group.
 * Tie rules other than the defaults (grids `TIES_DOWN`, INT `TIES_EVEN`) and
 * `selectWithQuantizedScale` use the exact quantizer for the whole row.
 */
import { dyadicFromDouble } from '../../golden/float/dyadic.ts';
import { encodeRational } from '../../golden/float/encode.ts';
import { FP16 } from '../../golden/float/format.ts';
import { toRational } from '../../golden/float/value.ts';
import { rational, type Rational } from '../../golden/rounding.ts';
import { GRIDS, MIXTURES, encodeWeight, isMixture, qmaxOf, type BitmodDatatype } from './datatypes.ts';
import type { BitmodWeightType } from './params.ts';
import { quantizeRow, type QuantizeOptions } from './quantizer.ts';

/** One group of the fast quantizer's output (MSEs are doubles, for reports). */
export interface FastGroup {
  readonly dtId: number;
  readonly dt: BitmodDatatype;
  readonly codes: Uint8Array;
  readonly delta: number;
  /** Selection MSE of each candidate (double approximation of the exact value). */
  readonly candidateMse: readonly number[];
  /** Deployed MSE with `Δ·s_ch` (double approximation). */
  readonly mse: number;
}

export interface FastRow {
  readonly schCode: number;
  readonly groups: readonly FastGroup[];
}

export interface FastResult {
  readonly rows: FastRow[];
  /** Groups whose selection the doubles could not certify (decided in exact integer arithmetic; whole rows on the exact path count every group). */
  readonly exactFallbacks: number;
}


/** Scale of a candidate as the exact ratio Q/P of two doubles (P a small integer). */
interface Scale {
  readonly Q: number;
  readonly P: number;
}

function scaleOf(rmax: number, qmax: number): Scale {
  // rmax/qmax < 1e−5  ⇔  rmax·100000 < qmax (exact: ≤ 24-bit significand × 17-bit integer).
  if (rmax * 100000 < qmax) return { Q: 1, P: 100000 };
  if (rmax > qmax * 10000) return { Q: 10000, P: 1 };
  return { Q: rmax, P: qmax };
}

/** Exact rational of a scale. */
function scaleR(s: Scale): Rational {
  const d = dyadicFromDouble(s.Q);
  const num = d.exp >= 0 ? d.mant << BigInt(d.exp) : d.mant;
  const den = (d.exp >= 0 ? 1n : 1n << BigInt(-d.exp)) * BigInt(s.P);
  return rational(num, den);
}

/** Per-candidate constants of one quantizer run, and its scratch buffers. */
interface Spec {
  readonly int: boolean;
  readonly qmax: number;
  /** Grid values (grid types). */
  readonly grid: Float64Array;
  /** Index guess by 2x (grid types, see guessTable). */
  readonly guess: Int8Array;
  /** Midpoint thresholds `(g_i + g_{i+1})·Q` of the current scale (scratch). */
  readonly th: Float64Array;
  /** Grid values of the current group (scratch). */
  readonly q: Int16Array;
}

function specOf(dt: BitmodDatatype, G: number): Spec {
  const int = dt.startsWith('INT');
  const grid = Float64Array.from(int ? [0] : GRIDS[dt]);
  return { int, qmax: qmaxOf(dt), grid, guess: int ? new Int8Array(1) : guessTable(GRIDS[dt]), th: new Float64Array(Math.max(1, grid.length - 1)), q: new Int16Array(G) };
}

const guesses = new Map<readonly number[], Int8Array>();
/** Index guess by 2x: entry v covers 2x ∈ [2·grid[0] − 2 + v, … + 1). */
function guessTable(grid: readonly number[]): Int8Array {
  let t = guesses.get(grid);
  if (!t) {
    const n = grid.length;
    const lo2 = 2 * grid[0]! - 2;
    t = new Int8Array(2 * (grid[n - 1]! - grid[0]!) + 5);
    for (let v = 0, i = 0; v < t.length; v++) {
      while (i < n - 1 && grid[i]! + grid[i + 1]! < lo2 + v) i++;
      t[v] = i;
    }
    guesses.set(grid, t);
  }
  return t;
}

/**
 * Grid rounding `TIES_DOWN` of every weight into `c.q`: an estimate from `x` in doubles, then
 * exact comparisons. Returns the selection error `Σ (q·Q − w·P)²` in double.
 */
function roundGrid(w: Float64Array, off: number, G: number, c: Spec, s: Scale): number {
  const { grid, guess, th, q } = c;
  const n = grid.length;
  const Q = s.Q;
  const P = s.P;
  for (let i = 0; i + 1 < n; i++) th[i] = (grid[i]! + grid[i + 1]!) * Q;
  const lo2 = 2 * grid[0]! - 2;
  const P2 = 2 * P;
  const inv = (2 * P) / Q;
  const last = guess.length - 1;
  let e = 0;
  for (let k = 0; k < G; k++) {
    const wk = w[off + k]!;
    const lhs = wk * P2;
    let v = Math.floor(wk * inv) - lo2;
    if (v < 0) v = 0;
    else if (v > last) v = last;
    let i = guess[v]!;
    // Exact: choose the first i with lhs ≤ th[i] (else the last grid value).
    while (i > 0 && lhs <= th[i - 1]!) i--;
    while (i < n - 1 && lhs > th[i]!) i++;
    const g = grid[i]!;
    q[k] = g;
    const d = g * Q - wk * P;
    e += d * d;
  }
  return e;
}

/** Symmetric INT rounding `TIES_EVEN` with clamp to ±m into `c.q` (exact comparisons against half-integers); returns the error like roundGrid. */
function roundInt(w: Float64Array, off: number, G: number, c: Spec, s: Scale): number {
  const m = c.qmax;
  const q = c.q;
  let e = 0;
  for (let k = 0; k < G; k++) {
    const lhs = 2 * w[off + k]! * s.P; // compare with (2c ± 1)·Q
    let v = Math.round((w[off + k]! * s.P) / s.Q);
    if (v > m + 1) v = m + 1;
    if (v < -m - 1) v = -m - 1;
    while (lhs < (2 * v - 1) * s.Q) v--;
    while (lhs > (2 * v + 1) * s.Q) v++;
    if (lhs === (2 * v - 1) * s.Q && (v & 1) !== 0) v--; // tie between v−1 and v: even
    else if (lhs === (2 * v + 1) * s.Q && (v & 1) !== 0) v++; // tie between v and v+1: even
    const g = Math.max(-m, Math.min(m, v));
    q[k] = g;
    const d = g * s.Q - w[off + k]! * s.P;
    e += d * d;
  }
  return e;
}

/**
 * Δ = clamp(TIES_EVEN((Q/P) / s_ch), 0, top) with exact comparisons: `2Q` against `(2d ± 1)·P·s_ch`
 * (P ≤ 100000, s_ch an FP16 value, d ≤ 2^9: every product is an exact double).
 */
function deltaOf(s: Scale, sch: number, top: number): number {
  const ps = s.P * sch;
  const lhs = 2 * s.Q;
  let d = Math.round(s.Q / ps);
  if (d > top + 1) return top;
  while (lhs < (2 * d - 1) * ps) d--;
  while (lhs > (2 * d + 1) * ps) d++;
  if (lhs === (2 * d - 1) * ps && (d & 1) !== 0) d--;
  else if (lhs === (2 * d + 1) * ps && (d & 1) !== 0) d++;
  return Math.max(0, Math.min(top, d));
}

function sameQ(a: Int16Array, b: Int16Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Selection over candidates with a certified margin; returns the index, or -1 when the doubles
 * cannot decide (then exactPick decides).
 */
function pick(specs: readonly Spec[], scales: readonly Scale[], errs: Float64Array, G: number): number {
  const gamma = (G + 4) * 2 ** -52;
  let best = -1; // −1: the 1e3 start value
  let bestMse = 1000;
  for (let i = 0; i < specs.length; i++) {
    const s = scales[i]!;
    const mse = errs[i]! / (s.P * s.P * G);
    const tol = gamma * (mse + bestMse) + 1e-300;
    if (mse < bestMse - tol) {
      best = i;
      bestMse = mse;
    } else if (mse <= bestMse + tol) {
      // Too close to call in doubles: an exact tie only if the quantization is identical.
      if (best < 0) return -1;
      const b = scales[best]!;
      if (!(b.P === s.P && b.Q === s.Q && sameQ(specs[best]!.q, specs[i]!.q))) return -1;
    }
  }
  return best < 0 ? 0 : best;
}

/** 2^149: every FP32 value times it is an integer (an exact double below 2^277). */
const UNIT = 2 ** 149;
const UNIT_SQ_BIG = 1n << 298n;
/**
 * The selection of quantizer.ts (pickBest: strictly smallest `mse = Σ (q·Q/P − w)² / G` in candidate
 * order, starting from 1e3) in exact integer arithmetic, for the groups `pick` cannot decide. The
 * grid values `q` are already exact (roundGrid/roundInt); with `W = w·2^149` and `Q' = Q·2^149`
 * (integers: weights and Q are FP32 values, or 1 and 10000), `mse = E / (P²·G·2^298)` with
 * `E = Σ (q·Q' − W·P)²`.
 */
function exactPick(w: Float64Array, off: number, G: number, specs: readonly Spec[], scales: readonly Scale[]): number {
  const W: bigint[] = new Array(G);
  for (let k = 0; k < G; k++) W[k] = BigInt(w[off + k]! * UNIT);
  // Running best as the fraction bestE / bestD (start: 1e3 = 1000·2^298·P²G / (2^298·P²G), kept as 1000 / 1).
  let best = 0;
  let bestNum = 1000n * UNIT_SQ_BIG;
  let bestDen = 1n;
  const bigG = BigInt(G);
  for (let i = 0; i < specs.length; i++) {
    const s = scales[i]!;
    const Qb = BigInt(s.Q * UNIT);
    const Pb = BigInt(s.P);
    const q = specs[i]!.q;
    let E = 0n;
    for (let k = 0; k < G; k++) {
      const d = BigInt(q[k]!) * Qb - W[k]! * Pb;
      E += d * d;
    }
    const den = Pb * Pb * bigG; // mse·2^298 = E / den
    if (E * bestDen < bestNum * den) {
      best = i;
      bestNum = E;
      bestDen = den;
    }
  }
  return best;
}

const codeTables = new Map<string, Int16Array>();
/** Code of every grid value of (type, id), indexed by value + 128. */
function codeTable(t: BitmodWeightType, dtId: number): Int16Array {
  const key = `${t}/${dtId}`;
  let m = codeTables.get(key);
  if (!m) {
    m = new Int16Array(257).fill(-1);
    const dt = isMixture(t) ? MIXTURES[t][dtId]! : t;
    for (const g of GRIDS[dt]) m[g + 128] = encodeWeight(t, dtId, g);
    codeTables.set(key, m);
  }
  return m;
}

/**
 * Quantize rows (each a Float64Array of exactly representable values) like `quantizeMatrix`.
 * `check.exactSelection` decides every group's selection in exact integer arithmetic (tests of that path).
 */
export function quantizeMatrixFast(rows: readonly Float64Array[], o: QuantizeOptions, check: { readonly exactSelection?: boolean } = {}): FastResult {
  const G = o.G;
  const scaleBits = o.scaleBits ?? 8;
  const top = 2 ** scaleBits - 1;
  const defaults = (o.tie ?? 'TIES_DOWN') === 'TIES_DOWN' && (o.intTie ?? 'TIES_EVEN') === 'TIES_EVEN' && (o.deltaTie ?? 'TIES_EVEN') === 'TIES_EVEN' && !o.selectWithQuantizedScale;
  const cands: readonly BitmodDatatype[] = isMixture(o.wtype) ? MIXTURES[o.wtype] : [o.wtype];
  const specs = cands.map((dt) => specOf(dt, G));
  const scales: Scale[] = cands.map(() => ({ Q: 1, P: 1 }));
  const errs = new Float64Array(cands.length);
  let fallbacks = 0;
  const out: FastRow[] = [];
  for (const row of rows) {
    if (row.length % G !== 0) throw new RangeError(`quantizeMatrixFast: row length ${row.length} is not a multiple of G = ${G}`);
    const nG = row.length / G;
    let fast = defaults;
    for (let i = 0; fast && i < row.length; i++) if (Math.fround(row[i]!) !== row[i]) fast = false;
    if (!fast) {
      const ex = quantizeRow(Array.from(row, (x) => { const d = dyadicFromDouble(x); return d.exp >= 0 ? rational(d.mant << BigInt(d.exp)) : rational(d.mant, 1n << BigInt(-d.exp)); }), o);
      fallbacks += nG;
      out.push({
        schCode: ex.schCode,
        groups: ex.groups.map((g) => ({ dtId: g.dtId, dt: g.dt, codes: Uint8Array.from(g.codes), delta: g.delta, candidateMse: g.candidateMse.map((r) => Number(r.num) / Number(r.den)), mse: Number(g.mse.num) / Number(g.mse.den) })),
      });
      continue;
    }
    const chosen: { s: Scale; dtId: number; mses: number[] }[] = [];
    const rowQ = new Int16Array(row.length);
    for (let gi = 0; gi < nG; gi++) {
      const off = gi * G;
      let rmax = 0;
      for (let k = 0; k < G; k++) rmax = Math.max(rmax, Math.abs(row[off + k]!));
      for (let c = 0; c < specs.length; c++) {
        const sp = specs[c]!;
        const s = scaleOf(rmax, sp.qmax);
        scales[c] = s;
        errs[c] = sp.int ? roundInt(row, off, G, sp, s) : roundGrid(row, off, G, sp, s);
      }
      let best = check.exactSelection ? -1 : pick(specs, scales, errs, G);
      if (best < 0) {
        fallbacks++;
        best = exactPick(row, off, G, specs, scales);
      }
      rowQ.set(specs[best]!.q, off);
      chosen.push({ s: scales[best]!, dtId: isMixture(o.wtype) ? best : 0, mses: scales.map((s, c) => errs[c]! / (s.P * s.P * G)) });
    }
    // Two-level scale, exactly (quantizer.ts channelScale): s_ch = FP16(max scale / (2^b − 1)).
    let mx = chosen[0]!.s;
    for (const c of chosen) if (c.s.Q * mx.P > mx.Q * c.s.P) mx = c.s; // exact: ≤ 24 + 17 bits
    const mxR = scaleR(mx);
    const enc = encodeRational(rational(mxR.num, mxR.den * BigInt(top)), FP16, { round: 'TIES_EVEN' });
    const sch = toRational(enc.value);
    const schD = Number(sch.num) / Number(sch.den);
    const groups: FastGroup[] = chosen.map((c, gi) => {
      const delta = schD === 0 ? 0 : deltaOf(c.s, schD, top);
      const codes = new Uint8Array(G);
      const table = codeTable(o.wtype, c.dtId);
      let e = 0;
      for (let k = 0; k < G; k++) {
        const qk = rowQ[gi * G + k]!;
        codes[k] = table[qk + 128]!;
        const d = qk * delta * schD - row[gi * G + k]!;
        e += d * d;
      }
      return { dtId: c.dtId, dt: cands[c.dtId]!, codes, delta, candidateMse: c.mses, mse: e / G };
    });
    out.push({ schCode: Number(enc.code), groups });
  }
  return { rows: out, exactFallbacks: fallbacks };
}
