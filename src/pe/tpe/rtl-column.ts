/**
 * 2D-matrix column of n PEs sharing one activation vector (specs/tpe.md §4.5). PE j holds the
 * weights B[·][j] and produces C[0][j] = Σ_t a_t · B[t][j].
 *
 * Transaction (every form): one input beat, (a_0 … a_{k−1}) and the weights b_<t>_<j> = B[t][j];
 * one output beat, (c_0 … c_{n−1}) and `cycles`, the number of clock cycles from the input
 * handshake to the result (the golden model predicts it: `tpeColumnCycles`). One transaction at a
 * time: `in_ready` is high only while the column is idle; the result stays valid until taken.
 *
 * This module is the shell: the valid/ready boundary, the transaction buffers and the cycle
 * counter around the compute core (`rtl-column-core.ts`, the boundary the published column RTL
 * has: PEs and sparse encoder, operands read from buffers). The accepted beat is registered into
 * the buffers — the weights B (k × n) as they are, the activations as they are (baseline) or EN-T
 * encoded once at the column edge (opt: D = tpeDigits digits each, the shared encoder of OPT4) —
 * and the core reads them through the buffers' read ports: weight row B[row][·] (and a_row,
 * baseline) at the core's registered row index; the EN-T digits of one block at one digit weight
 * (opt) at the core's (pass, blk). Cycles per transaction (golden `tpeColumnCycles`): baseline
 * 1 + k + 1; opt 1 + Σ_j Σ_blocks max(1, non-zero digits) + 2 + ceil(accW / 8) (the core's datasheet).
 */
import { module, type ModuleDef, type Wire } from '../../dsl/module-builder.ts';
import { cat, mux, select } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import type { Signal } from '../../dsl/signal.ts';
import { entRecode } from '../../lib/arith/recode.ts';
import { tpeCallerLoc } from './located.ts';
import { ceilLog2, tpeDigits, validateTpeParams, type TpeParams } from './params.ts';
import { checkBuildable, tpeTypes, type TpeArrayOptions } from './rtl-common.ts';
import { COLUMN_CORE_BASELINE_PIPE, columnCoreOptPipe, columnCoreWidths, tpeColumnCore } from './rtl-column-core.ts';

/**
 * Width of the `cycles` port: holds the worst case of either form — baseline 1 + k + 1; opt with
 * every digit non-zero, 1 + D·k + 2 + F (F fuse cycles; a block's max(1, nz) is then its size; the sizes sum to k).
 */
export function columnCyclesWidth(p: TpeParams): number {
  const worst = 1 + Math.max(p.k + COLUMN_CORE_BASELINE_PIPE, tpeDigits(p) * p.k + columnCoreOptPipe(p));
  return ceilLog2(worst + 1);
}

/** EN-T encoder of one activation: digit q as (neg, one, two) at bits 3q+2 … 3q of `d`. */
function entEncoder(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  return module(
    `tpe_col_ent_${p.aSigned ? 's' : 'u'}${p.W}`,
    (m) => {
      const a = m.input('a', t.a);
      m.output('d', cat(...entRecode(a).reverse().flatMap((d) => [d.neg, d.one, d.two])));
    },
    { doc: `EN-T encoder of a ${p.aSigned ? 'signed' : 'unsigned'} ${p.W}-bit activation: ${tpeDigits(p)} digits (neg, one, two), digit 0 lowest` },
  );
}

export function tpeColumn(params: TpeParams, opts: TpeArrayOptions = {}): ModuleDef {
  const p = validateTpeParams(params, tpeCallerLoc());
  if (p.arch !== 'column') throw userError(`tpeColumn builds arch column, not ${p.arch}`, undefined, tpeCallerLoc());
  checkBuildable(p, true);
  const t = tpeTypes(p);
  const D = tpeDigits(p);
  const nb = Math.ceil(p.k / p.block);
  const cw = columnCyclesWidth(p);
  const aw = columnCoreWidths(p);
  const opt = p.form === 'opt';
  return module(
    opts.name ?? `tpe_column_${p.form}`,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const as = Array.from({ length: p.k }, (_, i) => m.input(`a_${i}`, t.a, { doc: `activation a_${i}` }));
      const bs = Array.from({ length: p.k }, (_, i) => Array.from({ length: p.n }, (_, j) => m.input(`b_${i}_${j}`, t.b, { doc: `B[${i}][${j}]` })));
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
      // 0 idle, 1 busy (the core works), 2 done (result valid until taken).
      const state = m.reg('state', uint(2), { reset: 0 });
      const idle = m.wire('idle', state.eq(0));
      const busy = m.wire('busy', state.eq(1));
      const done = m.wire('done', state.eq(2));
      const take = m.wire('take', idle.and(inValid));
      const cycles = m.reg('cycles_q', uint(cw), { reset: 0 });
      cycles.set(mux(take, 1, mux(busy, cycles.add(1).resize(cw), cycles)));
      // The transaction buffers, loaded with the accepted beat.
      const wBuf = bs.map((row, i) => row.map((b, j) => {
        const r = m.reg(`w_q${i}_${j}`, t.b, { en: take });
        r.set(b);
        return r;
      }));
      const conn: Record<string, Signal> = { start: take };
      const core = tpeColumnCore(p);
      // The core's read addresses are its outputs; the read ports are wired after instancing.
      const rowW = m.wire('row', uint(aw.row));
      for (let j = 0; j < p.n; j++) conn[`w_row_${j}`] = m.wire(`w_row_${j}`, select(rowW, wBuf.map((row) => row[j]!)));
      let pass: Wire | null = null;
      let blk: Wire | null = null;
      if (opt) {
        const enc = entEncoder(p);
        const digits = as.map((a, i) => {
          const r = m.reg(`dig_q${i}`, uint(3 * D), { en: take });
          r.set(m.instance(`enc_${i}`, enc, { a }).d!);
          return r;
        });
        pass = m.wire('pass', uint(aw.pass));
        blk = m.wire('blk', uint(aw.blk));
        const zero3 = m.constant(0, uint(3));
        // Block b's digits at weight q: position i at bits 3i+2 … 3i.
        const word = (b: number, q: number): Signal =>
          cat(...Array.from({ length: p.block }, (_, i) => (b * p.block + i < p.k ? digits[b * p.block + i]!.slice(3 * q + 2, 3 * q) : zero3)).reverse());
        conn.word = m.wire('word', select(pass, Array.from({ length: D }, (_, q) => select(blk!, Array.from({ length: nb }, (_, b) => word(b, q))))));
      } else {
        const aBuf = as.map((a, i) => {
          const r = m.reg(`a_q${i}`, t.a, { en: take });
          r.set(a);
          return r;
        });
        conn.a_row = m.wire('a_row', select(rowW, aBuf));
      }
      const outs = m.instance('core', core, conn);
      rowW.set(outs.row!);
      if (pass && blk) {
        pass.set(outs.pass!);
        blk.set(outs.blk!);
      }
      state.set(mux(take, 1, mux(busy.and(outs.done!), 2, mux(done.and(outReady), 0, state))));
      for (let j = 0; j < p.n; j++) m.output(`c_${j}`, outs[`c_${j}`]!, { doc: `C[0][${j}]` });
      m.output('cycles', cycles, { doc: 'clock cycles from the input handshake to this result' });
      m.output('in_ready', idle, { protocol: 'ready' });
      m.output('out_valid', done, { protocol: 'valid' });
    },
    {
      doc: opt
        ? `TPE 2D-matrix column of ${p.n} PEs, k=${p.k}, form opt (OPT3 sparse bit-serial PEs on EN-T digits, OPT4 shared encoder), block ${p.block}, W=${p.W}, accW ${t.acc.width}; transaction: 1 input beat (activations + weights), 1 output beat (C row + cycles); cycles 1 + sum over ${D} passes and ${nb} blocks of max(1, non-zero digits) + ${columnCoreOptPipe(p)}, from ${1 + D * nb + columnCoreOptPipe(p)} (all zero) to ${1 + D * p.k + columnCoreOptPipe(p)} (dense)`
        : `TPE 2D-matrix column of ${p.n} PEs, k=${p.k}, form baseline, W=${p.W}, accW ${t.acc.width}; transaction: 1 input beat (activations + weights), 1 output beat (C row + cycles); ${p.k + 1 + COLUMN_CORE_BASELINE_PIPE} cycles`,
      params: { ...p },
    },
  );
}
