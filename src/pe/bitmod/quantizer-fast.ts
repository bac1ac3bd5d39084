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
 * separated by that margin, the group is re-quantized by the exact quantizer (`exactFallbacks`),
 * except when their grid values are identical and the scales equal, which is an exact tie. The
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
  /** Groups whose selection needed the exact quantizer. */
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

interface Cand {
  readonly q: Int16Array;
  readonly s: Scale;
  /** Σ (q·Q − w·P)² in double; the MSE is err / (P²·G). */
  readonly err: number;
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

/** Grid rounding `TIES_DOWN` of every weight: an estimate from `x` in doubles, then exact comparisons. */
function roundGrid(w: Float64Array, off: number, G: number, grid: readonly number[], s: Scale): Int16Array {
  const n = grid.length;
  const th = new Float64Array(n - 1);
  for (let i = 0; i + 1 < n; i++) th[i] = (grid[i]! + grid[i + 1]!) * s.Q;
  const lo2 = 2 * grid[0]! - 2;
  const guess = guessTable(grid);
  const q = new Int16Array(G);
  const P2 = 2 * s.P;
  const inv = (2 * s.P) / s.Q;
  const last = guess.length - 1;
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
    q[k] = grid[i]!;
  }
  return q;
}

/** Symmetric INT rounding `TIES_EVEN` with clamp to ±m (exact comparisons against half-integers). */
function roundInt(w: Float64Array, off: number, G: number, m: number, s: Scale): Int16Array {
  const q = new Int16Array(G);
  for (let k = 0; k < G; k++) {
    const lhs = 2 * w[off + k]! * s.P; // compare with (2c ± 1)·Q
    let c = Math.round((w[off + k]! * s.P) / s.Q);
    if (c > m + 1) c = m + 1;
    if (c < -m - 1) c = -m - 1;
    while (lhs < (2 * c - 1) * s.Q) c--;
    while (lhs > (2 * c + 1) * s.Q) c++;
    if (lhs === (2 * c - 1) * s.Q && (c & 1) !== 0) c--; // tie between c−1 and c: even
    else if (lhs === (2 * c + 1) * s.Q && (c & 1) !== 0) c++; // tie between c and c+1: even
    q[k] = Math.max(-m, Math.min(m, c));
  }
  return q;
}

function errOf(w: Float64Array, off: number, G: number, q: Int16Array, s: Scale): number {
  let e = 0;
  for (let k = 0; k < G; k++) {
    const d = q[k]! * s.Q - w[off + k]! * s.P;
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

const sameQ = (a: Int16Array, b: Int16Array): boolean => a.every((v, i) => v === b[i]);

/**
 * Selection over candidates with a certified margin; returns the index, or -1 when the doubles
 * cannot decide (then the exact quantizer decides).
 */
function pick(cands: readonly Cand[], G: number): number {
  const gamma = (G + 4) * 2 ** -52;
  let best = -1; // −1: the 1e3 start value
  let bestMse = 1000;
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    const mse = c.err / (c.s.P * c.s.P * G);
    const tol = gamma * (mse + bestMse) + 1e-300;
    if (mse < bestMse - tol) {
      best = i;
      bestMse = mse;
    } else if (mse <= bestMse + tol) {
      // Too close to call in doubles: an exact tie only if the quantization is identical.
      if (best < 0) return -1;
      const b = cands[best]!;
      if (!(b.s.P === c.s.P && b.s.Q === c.s.Q && sameQ(b.q, c.q))) return -1;
    }
  }
  return best < 0 ? 0 : best;
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

/** Quantize rows (each a Float64Array of exactly representable values) like `quantizeMatrix`. */
export function quantizeMatrixFast(rows: readonly Float64Array[], o: QuantizeOptions): FastResult {
  const G = o.G;
  const scaleBits = o.scaleBits ?? 8;
  const top = 2 ** scaleBits - 1;
  const defaults = (o.tie ?? 'TIES_DOWN') === 'TIES_DOWN' && (o.intTie ?? 'TIES_EVEN') === 'TIES_EVEN' && (o.deltaTie ?? 'TIES_EVEN') === 'TIES_EVEN' && !o.selectWithQuantizedScale;
  const cands: readonly BitmodDatatype[] = isMixture(o.wtype) ? MIXTURES[o.wtype] : [o.wtype];
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
    const chosen: { q: Int16Array; s: Scale; dtId: number; mses: number[] }[] = [];
    for (let gi = 0; gi < nG; gi++) {
      const off = gi * G;
      let rmax = 0;
      for (let k = 0; k < G; k++) rmax = Math.max(rmax, Math.abs(row[off + k]!));
      const cs: Cand[] = cands.map((dt) => {
        const qmax = qmaxOf(dt);
        const s = scaleOf(rmax, qmax);
        const q = dt.startsWith('INT') ? roundInt(row, off, G, qmax, s) : roundGrid(row, off, G, GRIDS[dt], s);
        return { q, s, err: errOf(row, off, G, q, s) };
      });
      let best = pick(cs, G);
      if (best < 0) {
        fallbacks++;
        const ex = quantizeRow(Array.from(row.subarray(off, off + G), (x) => { const d = dyadicFromDouble(x); return d.exp >= 0 ? rational(d.mant << BigInt(d.exp)) : rational(d.mant, 1n << BigInt(-d.exp)); }), { ...o, G });
        best = isMixture(o.wtype) ? ex.groups[0]!.dtId : 0;
      }
      chosen.push({ q: cs[best]!.q, s: cs[best]!.s, dtId: isMixture(o.wtype) ? best : 0, mses: cs.map((c) => c.err / (c.s.P * c.s.P * G)) });
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
        codes[k] = table[c.q[k]! + 128]!;
        const d = c.q[k]! * delta * schD - row[gi * G + k]!;
        e += d * d;
      }
      return { dtId: c.dtId, dt: cands[c.dtId]!, codes, delta, candidateMse: c.mses, mse: e / G };
    });
    out.push({ schCode: Number(enc.code), groups });
  }
  return { rows: out, exactFallbacks: fallbacks };
}
