/**
 * MixPE golden model, level b (rule R3): the bit-accurate datapath, composed in the order of the
 * hardware (specs/mixpe.md §3–§6):
 *   per-MAC shift-and-add product (golden-mac) → group accumulator P_g in the PE, R_g at the
 *   row edge (golden-group) → per-column dequantization s_g·(P_g − z·R_g) at group rate →
 *   output accumulator over g ascending → s_x and the one output rounding (golden-epilogue).
 *
 * Contract: a pure function from one transaction to one result, batch-friendly: `groupResult`
 * is one PE group transaction, `dotProduct` one output element, `gemmTile` one array tile
 * (M ≤ rows, N ≤ cols; R_g computed once per row and group and shared by the columns), `gemm`
 * any size (tiling never changes an element). Each result carries its rule-R3 error bound
 * against level a; `compareWithExact` is the check the tests and the cosim use.
 */
import { userError } from '../../diag/error.ts';
import { absD, cmpD, rationalToDyadic, subD, type Dyadic } from '../../golden/float/dyadic.ts';
import { toDyadic } from '../../golden/float/value.ts';
import type { Rational } from '../../golden/rounding.ts';
import { dequantGroup, outputAdd, outputFinal, outputInit, type DequantTerm, type MixpeOutput } from './golden-epilogue.ts';
import { groupSum, rowSum, type GroupSum } from './golden-group.ts';
import { checkInputs, type MixpeInputs, type Scalar } from './golden-inputs.ts';
import type { MixpeParams } from './params.ts';

/** Everything one group of one output element produced (cycle-visible state for cosim). */
export interface GroupTrace {
  /** P_g from the PE. */
  readonly P: GroupSum;
  /** R_g from the row edge (null for signed weights). */
  readonly R: GroupSum | null;
  /** t, u, v of the column epilogue. */
  readonly d: DequantTerm;
}

/** One output element, with its per-group trace when requested. */
export interface MixpeResult extends MixpeOutput {
  readonly groups?: readonly GroupTrace[];
}

export interface DatapathOptions {
  /** Keep the per-group trace (P_g, R_g, t, u, v) in each result. Default false. */
  readonly trace?: boolean;
}

/**
 * One PE group transaction for one (m, n, g): P_g over `xs`/`qs` (length G), R_g (computed here
 * unless the row edge's value is passed in), and the dequantized term.
 */
export function groupResult(
  xs: readonly Scalar[],
  qs: readonly Scalar[],
  s: Scalar,
  z: Scalar,
  p: MixpeParams,
  R?: GroupSum | null,
): GroupTrace {
  const P = groupSum(xs, qs, p);
  const Rg = p.weightSigned ? null : (R ?? rowSum(xs, p));
  return { P, R: Rg, d: dequantGroup(P, Rg, s, z, p) };
}

/** R_g of every group of one activation row (null entries for signed weights). */
export function rowSums(xRow: readonly Scalar[], p: MixpeParams): (GroupSum | null)[] {
  const groups = p.K / p.G;
  return Array.from({ length: groups }, (_, g) => (p.weightSigned ? null : rowSum(xRow.slice(g * p.G, (g + 1) * p.G), p)));
}

/**
 * One output element: Σ over groups, g ascending, then the final rounding.
 * `qCol` is the K weights of column n; `sCol`/`zCol` its K/G scales and zero points (`zCol`
 * null for signed weights); `sx` the row's activation-scale code (null for FP activations).
 */
export function dotProduct(
  xRow: readonly Scalar[],
  qCol: readonly Scalar[],
  sCol: readonly Scalar[],
  zCol: readonly Scalar[] | null,
  sx: Scalar | null,
  p: MixpeParams,
  opts: DatapathOptions & { readonly rowSums?: readonly (GroupSum | null)[] } = {},
): MixpeResult {
  const groups = p.K / p.G;
  if (xRow.length !== p.K || qCol.length !== p.K) {
    throw userError(`MixPE dotProduct: expected K = ${p.K} activations and weights, got ${xRow.length} and ${qCol.length}`);
  }
  if (sCol.length !== groups || (zCol !== null && zCol.length !== groups)) {
    throw userError(`MixPE dotProduct: expected ${groups} scales and zero points`);
  }
  const Rs = opts.rowSums ?? rowSums(xRow, p);
  let st = outputInit(p);
  const trace: GroupTrace[] = [];
  for (let g = 0; g < groups; g++) {
    const lo = g * p.G;
    const gr = groupResult(xRow.slice(lo, lo + p.G), qCol.slice(lo, lo + p.G), sCol[g]!, zCol?.[g] ?? 0, p, Rs[g]);
    st = outputAdd(st, gr.d, p);
    if (opts.trace) trace.push(gr);
  }
  const out = outputFinal(st, sx, p);
  return opts.trace ? { ...out, groups: trace } : out;
}

function compute(inp: MixpeInputs, p: MixpeParams, opts: DatapathOptions): MixpeResult[][] {
  const { N } = checkInputs(inp, p);
  const groups = p.K / p.G;
  const cols = Array.from({ length: N }, (_, n) => ({
    q: inp.Q.map((r) => r[n]!),
    s: inp.S.map((r) => r[n]!),
    z: inp.Z ? inp.Z.map((r) => r[n]!) : p.weightSigned ? null : Array<Scalar>(groups).fill(0),
  }));
  return inp.X.map((xRow, m) => {
    const Rs = rowSums(xRow, p); // once per (row, group) at the row edge, broadcast to every column
    const sx = p.activation === 'INT8' ? inp.SX![m]! : null;
    return cols.map((c) => dotProduct(xRow, c.q, c.s, c.z, sx, p, { ...opts, rowSums: Rs }));
  });
}

/** One array tile: M ≤ rows activation rows × N ≤ cols weight columns. */
export function gemmTile(inp: MixpeInputs, p: MixpeParams, opts: DatapathOptions = {}): MixpeResult[][] {
  const { M, N } = checkInputs(inp, p);
  if (M > p.rows || N > p.cols) {
    throw userError(`MixPE gemmTile: a ${M}×${N} tile does not fit the ${p.rows}×${p.cols} array`, 'use gemm for larger sizes');
  }
  return compute(inp, p, opts);
}

/** A whole GEMM of any M × N (tiles of rows × cols; each element is independent of the tiling). */
export function gemm(inp: MixpeInputs, p: MixpeParams, opts: DatapathOptions = {}): MixpeResult[][] {
  return compute(inp, p, opts);
}

/** Outcome of checking one level-b result against level a. */
export interface ExactCheck {
  /** Both `|preRound − a| ≤ preBound` and `|value − a| ≤ bound` hold. */
  readonly ok: boolean;
  /** `|value − a|` (null when the output is not finite). */
  readonly diff: Dyadic | null;
  /** Why the check failed or could not apply. */
  readonly reason?: string;
}

/** Rule R3 check of one output element against the exact level-a value `a`. */
export function compareWithExact(out: MixpeOutput, a: Rational): ExactCheck {
  const exact = rationalToDyadic(a);
  if (out.bound === null || out.preBound === null || out.value.kind !== 'finite' || out.preRound.kind !== 'finite') {
    return { ok: false, diff: null, reason: 'non-finite or overflowed output: no error bound applies' };
  }
  const preDiff = absD(subD(toDyadic(out.preRound), exact));
  const diff = absD(subD(toDyadic(out.value), exact));
  if (cmpD(preDiff, out.preBound) > 0) return { ok: false, diff, reason: 'pre-rounding value outside its bound' };
  if (cmpD(diff, out.bound) > 0) return { ok: false, diff, reason: 'output outside its bound' };
  return { ok: true, diff };
}
