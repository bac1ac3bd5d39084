/**
 * The MixPE array generator: a `rows × cols` output-stationary array of shift-and-add PEs with
 * `epilogues` dequantization epilogues, each shared by up to floor(G / rows) adjacent columns
 * (rtl-epilogue-group.ts), streaming one GEMM tile per transaction over valid/ready.
 *
 * Dataflow [project choice]: output-stationary. PE (r, c) owns output element (m = r, n = c)
 * and accumulates its group sum P_g over the G k steps of a group, exactly as spec §6
 * describes ("each PE accumulates P_g for one (m, n) over the G k-steps of a group, then hands
 * P_g to its column's epilogue"). Each input beat is one k step: the activations X[0..rows−1][k]
 * are broadcast along the rows, the weights Q[k][0..cols−1] down the columns. Weight-stationary
 * would hold Q in the PEs and move partial sums across k, so no PE would ever own a whole group
 * sum and dequantization-after-the-group would need a second reduction; output-stationary keeps
 * the per-group integer dot product inside one PE and sends only one P_g per (m, n, g) to the
 * edge, i.e. 1/G of the MAC rate, which is why one multiplier per column suffices (rows ≤ G).
 *
 * Stream interface (one transaction = one tile; beats in order):
 * - input: K beats. Beat k carries `x_<r>` = X[r][k], `q_<c>` = Q[k][c], and side channels that
 *   are sampled only on some beats: `s_<c>` / `z_<c>` (scale code s_{g,c} and zero point z_{g,c})
 *   on the last beat of group g (k = g·G + G − 1), `sx_<r>` (activation-scale code s_x[r]) on
 *   the last beat of the tile (k = K − 1). They are don't care on every other beat.
 * - output: `rows` beats. Beat m carries `y_<c>` = Y[m][c] in `outputFormat`.
 * The next tile's beats may follow immediately; its first group overlaps the previous tile's
 * epilogue. Ports that a configuration does not use are absent (`z_*` for signed weights,
 * `sx_*` for FP activations).
 *
 * Contract: `mixpeArray(p, { pe })` checks `p` (checkRtlParams, same messages as level b) and
 * the PE against rtl-pe-interface.ts, then builds the top; every output equals level b
 * `gemmTile` (golden-datapath.ts) bit for bit (see rtl-cosim.ts for the transaction mapping).
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import { totalBits } from '../../golden/float/format.ts';
import { dequantCycles, epilogueColumns, mixpeFormat, type MixpeParams } from './params.ts';
import { checkRtlParams } from './rtl-support.ts';
import { checkPe, weightType, type MixpePeGenerator } from './rtl-pe-interface.ts';
import { intPe, intRowMultiplesModule } from './rtl-pe-int.ts';
import { fpPeZeroFolded } from './rtl-pe-fp.ts';
import { columnModule } from './rtl-column.ts';
import { epilogueControlNames, epilogueGroupModule, epilogueSharing } from './rtl-epilogue-group.ts';
import { rowEdgeModule } from './rtl-row-edge.ts';
import { controlModule } from './rtl-control.ts';
import { groupStartFlag } from '../../lib/array/group-controller.ts';
import { mixpeTimingText } from './rtl-timing.ts';

export interface MixpeArrayOptions {
  /** PE generator (default: `intPe` for INT8 activations; FP activations need one passed in). */
  readonly pe?: MixpePeGenerator;
  /** Top module name (default `mixpe_array`). */
  readonly name?: string;
  /**
   * Where the zero point is applied (unsigned weights; RTL only, never changes a result bit).
   * `ROW_SUM` (default, spec §2.2/§6): the PEs sum P_g = Σ x·Q, the row edge R_g = Σ x, the
   * epilogue u = P_g − z·R_g. `COLUMN_EDGE` [project choice, FP activations with EXACT_WIDE]:
   * each column edge forms Q − z once per beat for its PEs (a 4-bit subtractor), the PEs
   * (`fpPeZeroFolded`) accumulate u = Σ x·(Q − z) directly — the identity of spec §7 — so
   * there is no R_g row edge and no z·R_g in the epilogue; the scale s_g is still applied once
   * per group after the sum. Protocol difference: z_{g,c} is sampled on the FIRST beat of group
   * g (the first weight needs it), as in the dequantize-first baselines.
   */
  readonly zeroPoint?: 'ROW_SUM' | 'COLUMN_EDGE';
}

export function mixpeArray(p: MixpeParams, opts: MixpeArrayOptions = {}): ModuleDef {
  checkRtlParams(p);
  const folded = opts.zeroPoint === 'COLUMN_EDGE';
  if (folded && (p.weightSigned || p.activation === 'INT8' || p.accMode !== 'EXACT_WIDE')) {
    // The message names no parameter but zeroPoint, so that a design file's located error
    // (src/cli/param-values.ts `locateParamError`) points at the zeroPoint parameter.
    const got = p.weightSigned ? 'signed weights' : p.activation === 'INT8' ? 'INT8 activations' : `${p.accMode} accumulation`;
    throw userError(
      `MixPE RTL: zeroPoint COLUMN_EDGE needs unsigned weights, FP16/BF16 activations and EXACT_WIDE accumulation, got ${got}`,
      'signed weights have no zero point; INT8 activations keep the R_g row edge; BLOCK_ALIGN and FP32_RNE round z·R_g and P_g − z·R_g separately (spec §5); use zeroPoint ROW_SUM',
    );
  }
  if (!opts.pe && !folded && p.activation !== 'INT8') {
    throw userError(
      `MixPE RTL: activation ${p.activation} needs an FP PE generator`,
      'pass `pe` (an FP16-activation PE implementing src/pe/mixpe/rtl-pe-interface.ts) to mixpeArray',
    );
  }
  const pe = (opts.pe ?? (folded ? fpPeZeroFolded : intPe))(p);
  checkPe(pe, p);
  if (folded !== !!pe.weight) {
    throw userError(`MixPE RTL: zeroPoint ${folded ? 'COLUMN_EDGE needs a zero-folded PE (fpPeZeroFolded)' : 'ROW_SUM needs a PE taking Q, not Q − z'}`, `PE '${pe.def.name}'`);
  }
  const col = columnModule(p, pe);
  // COLUMN_EDGE: no R_g; FP activations need no s_x either, so there is no row edge.
  const edge = folded ? null : rowEdgeModule(p, pe);
  const share = epilogueColumns(p);
  const ctrl = controlModule({ ...p, rows: p.rows * share.width }, pe.latency);
  const isInt = p.activation === 'INT8';
  const sBits = totalBits(mixpeFormat(p.scaleFormat));
  const sxBits = totalBits(mixpeFormat(p.actScaleFormat));
  const name = opts.name ?? 'mixpe_array';
  return module(
    name,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const xs = Array.from({ length: p.rows }, (_, r) => m.input(`x_${r}`, pe.act, { doc: `X[${r}][k]` }));
      const qs = Array.from({ length: p.cols }, (_, c) => m.input(`q_${c}`, weightType(p), { doc: `Q[k][${c}]` }));
      const ss = Array.from({ length: p.cols }, (_, c) =>
        m.input(`s_${c}`, uint(sBits), { doc: `scale s_{g,${c}} (${p.scaleFormat}), sampled on the last beat of group g` }),
      );
      const zs = p.weightSigned
        ? []
        : Array.from({ length: p.cols }, (_, c) =>
            m.input(`z_${c}`, weightType(p), { doc: `zero point z_{g,${c}}, sampled on the ${folded ? 'FIRST' : 'last'} beat of group g` }),
          );
      const sxs = isInt
        ? Array.from({ length: p.rows }, (_, r) => m.input(`sx_${r}`, uint(sxBits), { doc: `activation scale s_x[${r}] (${p.actScaleFormat}), sampled on the last beat of the tile` }))
        : [];
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });

      const sh = epilogueSharing(m, share.width, outReady);
      const c = m.instance('ctrl', ctrl, { in_valid: inValid, out_ready: sh.ctrlOutReady });
      const { chainShift, groupCtl, outValid } = sh.connect(c);
      let rHead: Signal | undefined;
      let rSp: Signal | undefined;
      let rE: Signal | undefined;
      let sxC: Signal | undefined;
      if (edge) {
        const conn: Record<string, Signal> = { consume: c.consume!, shift: chainShift };
        if (!p.weightSigned) {
          xs.forEach((x, r) => (conn[`x_${r}`] = x));
          Object.assign(conn, { en: c.en!, last: c.last!, load: c.load! });
        }
        if (isInt) {
          sxs.forEach((s, r) => (conn[`sx_${r}`] = s));
          Object.assign(conn, { load_final: c.load_final!, cap_c: c.cap_c! });
          if (dequantCycles(p) > 1) conn.a_out = c.a_out!;
          if (pe.latency > 0) conn.stage_final = c.stage_final!;
        }
        const e = m.instance('row_edge', edge, conn);
        if (!p.weightSigned) rHead = e.r_head!;
        if (!p.weightSigned && pe.special) rSp = e.r_sp!;
        if (!p.weightSigned && pe.pgForm === 'BLOCK') rE = e.r_e!;
        if (isInt) sxC = e.sx_c!;
      }
      // COLUMN_EDGE: the beat is the first of its group (set by reset and by every accepted last beat).
      const grpStart = folded ? groupStartFlag(m, c.en!, c.last!) : null;
      // Row multiples 3x (PEs with x3Def, rtl-pe-int.ts): formed once per row, shared by the columns.
      let x3s: Signal[] = [];
      if (pe.x3Def) {
        const rm = m.instance('row_x3', intRowMultiplesModule(p), Object.fromEntries(xs.map((x, r) => [`x_${r}`, x])));
        x3s = xs.map((_, r) => rm[`x3_${r}`]!);
      }
      // Columns: PEs and P_g drain chain each; epilogues: one per run of adjacent columns.
      const cols = qs.map((q, n) => {
        const conn: Record<string, Signal> = { q, en: c.en!, last: c.last!, load: c.load!, shift: chainShift };
        xs.forEach((x, r) => (conn[`x_${r}`] = x));
        if (grpStart) Object.assign(conn, { z_in: zs[n]!, grp_start: grpStart });
        x3s.forEach((x3, r) => (conn[`x3_${r}`] = x3));
        return m.instance(`col_${n}`, col, conn);
      });
      share.runs.forEach((run, e) => {
        const grp = epilogueGroupModule(p, pe, share.width, run.count, { zeroTied: folded });
        const conn: Record<string, Signal> = { ...groupCtl, load: c.load! };
        for (const k of epilogueControlNames(p)) conn[k] = c[k]!;
        for (let j = 0; j < run.count; j++) {
          const n = run.first + j;
          conn[`p_head_${j}`] = cols[n]!.p_head!;
          if (pe.special) conn[`p_sp_${j}`] = cols[n]!.p_sp!;
          if (pe.pgForm === 'BLOCK') conn[`p_e_${j}`] = cols[n]!.p_e!;
          conn[`s_in_${j}`] = ss[n]!;
          if (!p.weightSigned && !folded) conn[`z_in_${j}`] = zs[n]!;
        }
        if (rHead) conn.r_head = rHead;
        if (rSp) conn.r_sp = rSp;
        if (rE) conn.r_e = rE;
        if (pe.latency > 0) conn.stage = c.stage!;
        if (sxC) conn.sx_c = sxC;
        const g = m.instance(`epi_${e}`, grp, conn);
        for (let j = 0; j < run.count; j++) {
          const n = run.first + j;
          m.output(`y_${n}`, g[`y_${j}`]!, { doc: `Y[m][${n}] (${p.outputFormat}), one row m per output beat` });
        }
      });
      m.output('in_ready', c.in_ready!, { protocol: 'ready' });
      m.output('out_valid', outValid, { protocol: 'valid' });
    },
    {
      doc: `MixPE ${p.rows}x${p.cols} W${p.weightBits}A${isInt ? 8 : 16} array, G = ${p.G}, K = ${p.K}, ${p.accMode}${p.crossGroupAcc === 'FP32_RNE' ? ' groups, FP32_RNE across groups' : ''}, ${folded ? 'zero point folded at the column edge (Q - z; z on the first beat of a group), ' : ''}${p.epilogues} epilogue(s) of ${share.width} column(s)${p.dequantUnit === 'BIT_SERIAL' ? `, BIT_SERIAL dequantization (${dequantCycles(p)} cycles per group result)` : ''}. ${pe.latency === 0 ? mixpeTimingText(p) : ''}`.trim(),
      params: { ...p },
    },
  );
}
