/**
 * Conventional "dequantize first, then multiply" baseline of the MixPE W4A8 array (specs/mixpe.md
 * §1 INT8 baseline, §6 organization): the same rows × cols output-stationary array, controller,
 * s_x row edge and FP epilogues (the same `epilogues` count, shared the same way,
 * src/pe/mixpe/rtl-epilogue-group.ts) as `mixpeArray` (src/pe/mixpe/rtl-array.ts), but every
 * weight is dequantized to a signed integer `w = Q − z` at the column edge before it reaches the
 * PEs, and every PE is the generic INT8 × INT8 MAC (`int8BaselinePe`, full multiplier, exact
 * 23-bit accumulator for G = 128). The PEs therefore produce `Σ X·(Q − z)` directly; there is no
 * row-edge R_g accumulator and no `z·R_g` correction (the epilogue's z and R_g inputs are tied
 * to 0, so synthesis removes that multiplier). The scale s_g is still applied per group after
 * the integer sum, exactly as in MixPE: the baseline differs only in where z is subtracted and
 * how the product is formed, so every output equals level b `gemmTile` bit for bit.
 *
 * Interface [project choice]: the ports and stream protocol of `mixpeArray(p)` (same names,
 * types, beats and latency), with one difference forced by "dequantize first": the zero point
 * z_{g,c} is sampled on the FIRST beat of group g (k = g·G), because the first weight of the
 * group already needs it; MixPE samples it on the last beat. A driver that holds z valid for
 * the whole group works with both. s_g and s_x are sampled on the same beats as MixPE.
 * Column edge: z is taken from the port on the group's first beat and held in a register for
 * the other G − 1 beats; a 1-bit flag `grp_start` (set by reset and by each accepted last beat)
 * marks the first beat. Signed weights (INT4, no zero point) are only sign-extended to INT8.
 *
 * Synthesis note: `Q − z` spans [−15, 15], so after flattening Yosys narrows each PE's
 * INT8 × INT8 multiplier to the 5 significant weight bits (an 8 × 5 signed multiplier); the
 * un-narrowed full multiplier is measured by the PE pair in test/bench/mixpe-area.ts.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { repl } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import { totalBits } from '../../golden/float/format.ts';
import { epilogueColumns, mixpeFormat, mixpeWidths, type MixpeParams } from './params.ts';
import { checkRtlParams } from './rtl-support.ts';
import { weightType, type MixpePe } from './rtl-pe-interface.ts';
import { epilogueGroupModule, epilogueSharing } from './rtl-epilogue-group.ts';
import { rowEdgeModule } from './rtl-row-edge.ts';
import { groupController, groupStartFlag, holdFromGroupStart } from '../../lib/array/group-controller.ts';
import { drainChain, edgeInputs } from '../../lib/array/topology.ts';
import { streamInput, streamOutput, type StreamField } from '../../lib/stream/bundle.ts';
import { int8BaselinePe } from './baseline-int8-pe.ts';

export interface Int8BaselineArrayOptions {
  /** Top module name (default `baseline_array`). */
  readonly name?: string;
}

/** Width of the dequantized integer weight fed to the PEs (the generic INT8 PE). */
const W_BITS = 8;

/**
 * One column: dequantizer (Q − z, z held for the group), `rows` INT8 PEs and the P_g drain
 * chain (values narrowed losslessly to the exact width of Σ X·(Q − z), |·| ≤ 128·(2^b − 1)·G). Its
 * head goes to the (possibly shared) MixPE epilogue with z = 0, R_g = 0.
 */
function columnModule(p: MixpeParams, peDef: ModuleDef): ModuleDef {
  return module(
    `baseline_column_r${p.rows}_${peDef.name}_${p.weightSigned ? 's' : 'u'}${p.weightBits}`,
    (m) => {
      const xs = edgeInputs(m, 'x', p.rows, sint(8), (r) => `activation of row ${r}`);
      const q = m.input('q', weightType(p), { doc: 'weight code of this column' });
      const zIn = p.weightSigned ? null : m.input('z_in', weightType(p), { doc: 'zero point, valid on the first beat of the group' });
      const grpStart = p.weightSigned ? null : m.input('grp_start', uint(1), { doc: 'the current beat is the first of its group' });
      const en = m.input('en', uint(1));
      const last = m.input('last', uint(1));
      const load = m.input('load', uint(1));
      const shift = m.input('shift', uint(1), { doc: 'the head item has been taken by the epilogue' });

      // Dequantize first: w = Q − z as a signed integer, sign-extended to the PE's INT8 port, and 0
      // on beats that are not accepted (gated once per column: the PEs' accumulators need no enable).
      let w: Signal;
      if (zIn && grpStart) {
        const z = holdFromGroupStart(m, 'z', zIn, en, grpStart);
        w = m.wire('w', q.sub(z).resize(W_BITS).and(repl(en, W_BITS).asSigned()));
      } else {
        w = m.wire('w', q.resize(W_BITS).and(repl(en, W_BITS).asSigned()));
      }

      const step = m.wire('chain_step', load.or(shift));
      // Stored in the exact width of Σ X·(Q − z) (mixpeWidths u: 19 b for W4, G = 128), as MixPE's
      // chain stores P_g (rtl-column.ts drainWidth), and sign-extended to the epilogue's accW port.
      const cw = mixpeWidths(p).u.width;
      const pg = xs.map((x, r) => m.instance(`pe_${r}`, peDef, { x, w, en, last }).pg!.resize(cw));
      m.output('p_head', drainChain(m, 'pc', pg, load, shift, step)[0]!.resize(p.accW), { doc: 'P_g at the head of the chain' });
    },
    { doc: `baseline column: Q - z dequantizer, ${p.rows} INT8 x INT8 PEs, P_g drain chain` },
  );
}

/** The baseline W4A8 array for `p` (INT8 activations only; `EXACT_WIDE`, as `mixpeArray`). */
export function int8BaselineArray(p: MixpeParams, opts: Int8BaselineArrayOptions = {}): ModuleDef {
  checkRtlParams(p);
  if (p.activation !== 'INT8') {
    throw userError(
      `baseline array: activation ${p.activation} is not supported`,
      'the dequantize-first INT8 baseline array is the W4A8 comparison point; use activation INT8',
    );
  }
  if (p.dequantUnit !== 'SHARED_MULT') {
    throw userError(`baseline array: dequantUnit ${p.dequantUnit} is not supported`, 'the dequantize-first baseline multiplies in its PEs; use dequantUnit SHARED_MULT');
  }
  const peDef = int8BaselinePe(p, { wBits: W_BITS, gatedWeight: true });
  // What the shared MixPE epilogue / row edge read of a PE: no special flags, latency 0.
  const peInfo: MixpePe = { def: peDef, act: sint(8), pgWidth: p.accW, pgLsbExp: 0, special: false, latency: 0 };
  const col = columnModule(p, peDef);
  const share = epilogueColumns(p);
  // Row edge without R_g (a signed-weight view): only the s_x chain.
  const edge = rowEdgeModule({ ...p, weightSigned: true }, peInfo)!;
  const ctrl = groupController({ rows: p.rows * share.width, G: p.G, K: p.K, latency: 0 });
  const sBits = totalBits(mixpeFormat(p.scaleFormat));
  const sxBits = totalBits(mixpeFormat(p.actScaleFormat));
  return module(
    opts.name ?? 'baseline_array',
    (m) => {
      // The tile stream: one beat per k (X[·][k], Q[k][·], s_g, z_g, s_x), one output beat per row.
      const fields: Record<string, StreamField> = {};
      for (let r = 0; r < p.rows; r++) fields[`x_${r}`] = { type: sint(8), doc: `X[${r}][k]` };
      for (let c = 0; c < p.cols; c++) fields[`q_${c}`] = { type: weightType(p), doc: `Q[k][${c}]` };
      for (let c = 0; c < p.cols; c++) fields[`s_${c}`] = { type: uint(sBits), doc: `scale s_{g,${c}} (${p.scaleFormat}), sampled on the last beat of group g` };
      if (!p.weightSigned) {
        for (let c = 0; c < p.cols; c++) fields[`z_${c}`] = { type: weightType(p), doc: `zero point z_{g,${c}}, sampled on the FIRST beat of group g` };
      }
      for (let r = 0; r < p.rows; r++) {
        fields[`sx_${r}`] = { type: uint(sxBits), doc: `activation scale s_x[${r}] (${p.actScaleFormat}), sampled on the last beat of the tile` };
      }
      const inS = streamInput(m, 'in', fields);
      const d = inS.data;
      const xs = Array.from({ length: p.rows }, (_, r) => d[`x_${r}`]!);
      const qs = Array.from({ length: p.cols }, (_, c) => d[`q_${c}`]!);
      const ss = Array.from({ length: p.cols }, (_, c) => d[`s_${c}`]!);
      const zs = p.weightSigned ? [] : Array.from({ length: p.cols }, (_, c) => d[`z_${c}`]!);
      const sxs = Array.from({ length: p.rows }, (_, r) => d[`sx_${r}`]!);
      const outFields: Record<string, StreamField> = {};
      for (let n = 0; n < p.cols; n++) outFields[`y_${n}`] = { type: uint(totalBits(mixpeFormat(p.outputFormat))), doc: `Y[m][${n}] (${p.outputFormat}), one row m per output beat` };
      const outS = streamOutput(m, 'out', outFields);
      const inValid = inS.valid;
      const outReady = outS.ready;

      const sh = epilogueSharing(m, share.width, outReady);
      const c = m.instance('ctrl', ctrl, { in_valid: inValid, out_ready: sh.ctrlOutReady });
      const { chainShift, groupCtl, outValid } = sh.connect(c);
      const grpStart = p.weightSigned ? null : groupStartFlag(m, c.en!, c.last!);
      const econn: Record<string, Signal> = { consume: c.consume!, shift: chainShift, load_final: c.load_final!, cap_c: c.cap_c! };
      sxs.forEach((s, r) => (econn[`sx_${r}`] = s));
      const sxC = m.instance('row_edge', edge, econn).sx_c!;
      const cols = qs.map((q, n) => {
        const conn: Record<string, Signal> = { q, en: c.en!, last: c.last!, load: c.load!, shift: chainShift };
        xs.forEach((x, r) => (conn[`x_${r}`] = x));
        if (grpStart) Object.assign(conn, { z_in: zs[n]!, grp_start: grpStart });
        return m.instance(`col_${n}`, col, conn);
      });
      const ys: Record<string, Signal> = {};
      share.runs.forEach((run, e) => {
        const grp = epilogueGroupModule(p, peInfo, share.width, run.count, { zeroTied: true });
        const conn: Record<string, Signal> = { ...groupCtl, load: c.load!, sx_c: sxC };
        for (const k of ['consume', 'shift_b', 'first_b', 'cap_c', 'cap_d', 'cap_o']) conn[k] = c[k]!;
        for (let j = 0; j < run.count; j++) {
          conn[`p_head_${j}`] = cols[run.first + j]!.p_head!;
          conn[`s_in_${j}`] = ss[run.first + j]!;
        }
        const g = m.instance(`epi_${e}`, grp, conn);
        for (let j = 0; j < run.count; j++) ys[`y_${run.first + j}`] = g[`y_${j}`]!;
      });
      outS.drive(ys);
      inS.driveReady(c.in_ready!);
      outS.driveValid(outValid);
    },
    {
      doc: `baseline ${p.rows}x${p.cols} W${p.weightBits}A8 array (dequantize first, INT8 x INT8 PEs), G = ${p.G}, K = ${p.K}, ${p.epilogues} epilogue(s) of ${share.width} column(s)`,
      params: { ...p },
    },
  );
}
