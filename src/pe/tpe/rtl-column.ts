/**
 * 2D-matrix column of n PEs sharing one activation vector (specs/tpe.md §4.5). PE j holds the
 * weights B[·][j] and produces C[0][j] = Σ_t a_t · B[t][j].
 *
 * Transaction (every form): one input beat, (a_0 … a_{k−1}) and the weights b_<t>_<j> = B[t][j];
 * one output beat, (c_0 … c_{n−1}) and `cycles`, the number of clock cycles from the input
 * handshake to the result (the golden model predicts it: `tpeColumnCycles`). One transaction at a
 * time: `in_ready` is high only while the column is idle; the result stays valid until taken.
 *
 * Baseline: the accepted beat is registered (COLUMN_LOAD_CYCLES = 1), then one MAC per cycle for
 * t = 0 … k−1 — activation a_t broadcast to every PE, each PE multiplies by its B[t][j] and adds
 * with a CPA (kind `edgeCpa`) into its accumulator: k + 1 cycles per transaction.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux, select } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import { tpeCallerLoc } from './located.ts';
import { ceilLog2, validateTpeParams, type TpeParams } from './params.ts';
import { checkBuildable, tpeTypes, type TpeArrayOptions } from './rtl-common.ts';
import { addCpa } from '../../lib/arith/cpa.ts';

/** Width of the `cycles` port: holds the worst case of either form (every digit non-zero). */
export function columnCyclesWidth(p: TpeParams): number {
  const D = Math.ceil((p.aSigned ? p.W : p.W + 1) / 2);
  const worst = 1 + Math.max(p.k, D * (p.k + Math.ceil(p.k / p.block) + 1));
  return ceilLog2(worst + 1);
}

export function tpeColumn(params: TpeParams, opts: TpeArrayOptions = {}): ModuleDef {
  const p = validateTpeParams(params, tpeCallerLoc());
  if (p.arch !== 'column') throw userError(`tpeColumn builds arch column, not ${p.arch}`, undefined, tpeCallerLoc());
  checkBuildable(p, false);
  const t = tpeTypes(p);
  const tw = Math.max(1, ceilLog2(p.k));
  const cw = columnCyclesWidth(p);
  return module(
    opts.name ?? `tpe_column_${p.form}`,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const as = Array.from({ length: p.k }, (_, i) => m.input(`a_${i}`, t.a, { doc: `activation a_${i}` }));
      const bs = Array.from({ length: p.k }, (_, i) => Array.from({ length: p.n }, (_, j) => m.input(`b_${i}_${j}`, t.b, { doc: `B[${i}][${j}]` })));
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
      // 0 idle, 1 busy, 2 done.
      const state = m.reg('state', uint(2), { reset: 0 });
      const idle = m.wire('idle', state.eq(0));
      const busy = m.wire('busy', state.eq(1));
      const done = m.wire('done', state.eq(2));
      const take = m.wire('take', idle.and(inValid));
      const idx = m.reg('idx', uint(tw), { reset: 0 });
      const lastMac = m.wire('last_mac', busy.and(idx.eq(p.k - 1)));
      state.set(mux(take, 1, mux(lastMac, 2, mux(done.and(outReady), 0, state))));
      idx.set(mux(take.or(lastMac), 0, mux(busy, idx.add(1).resize(tw), idx)));
      const cycles = m.reg('cycles_q', uint(cw), { reset: 0 });
      cycles.set(mux(take, 1, mux(busy, cycles.add(1).resize(cw), cycles)));
      const aR = as.map((a, i) => {
        const r = m.reg(`a_q${i}`, t.a, { reset: 0, en: take });
        r.set(a);
        return r;
      });
      const aNow = m.wire('a_now', select(idx, aR));
      for (let j = 0; j < p.n; j++) {
        const wR = bs.map((col, i) => {
          const r = m.reg(`w_q${i}_${j}`, t.b, { reset: 0, en: take });
          r.set(col[j]!);
          return r;
        });
        const acc = m.reg(`acc_q${j}`, t.acc, { reset: 0, en: take.or(busy) });
        const wNow = m.wire(`w_now_${j}`, select(idx, wR));
        acc.set(mux(take, 0, addCpa(acc, aNow.mul(wNow), { kind: p.edgeCpa }).resize(t.acc.width)));
        m.output(`c_${j}`, acc, { doc: `C[0][${j}]` });
      }
      m.output('cycles', cycles, { doc: 'clock cycles from the input handshake to this result' });
      m.output('in_ready', idle, { protocol: 'ready' });
      m.output('out_valid', done, { protocol: 'valid' });
    },
    {
      doc: `TPE 2D-matrix column of ${p.n} PEs, k=${p.k}, form ${p.form}, W=${p.W}, accW ${t.acc.width}; transaction: 1 input beat (activations + weights), 1 output beat (C row + cycles); ${p.form === 'baseline' ? `${p.k + 1} cycles` : 'data-dependent cycles (tpeColumnCycles)'}`,
      params: { ...p },
    },
  );
}
