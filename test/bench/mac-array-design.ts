/**
 * Output-stationary systolic array of INT8 MAC processing elements.
 *
 * Activations enter at the left edge (one INT8 per row) and move right one PE per cycle; weights
 * enter at the top (one INT8 per column) and move down. Each PE accumulates `a * w` exactly in
 * `accWidth` bits. While `drain` is high the accumulators shift down their column instead, so the
 * finished sums leave at the bottom edge, one row per cycle (bottom row first).
 */
import { defineDesign, module, sint, uint, mux, type ModuleDef } from '../../src/index.ts';

export interface Params {
  /** Number of PE rows. */
  rows: number;
  /** Number of PE columns. */
  cols: number;
  /** Accumulator width in bits (16 product bits + log2 of the longest dot product). */
  accWidth: number;
}

/** One MAC PE: registered pass-through of a and w, and an accumulator that can shift down. */
export function macPe(accWidth: number): ModuleDef {
  return module('mac_pe', (m) => {
    const aIn = m.input('a_in', sint(8));
    const wIn = m.input('w_in', sint(8));
    const drain = m.input('drain', uint(1));
    const accIn = m.input('acc_in', sint(accWidth));
    const aQ = m.reg('a_q', sint(8), { reset: 0 });
    const wQ = m.reg('w_q', sint(8), { reset: 0 });
    const acc = m.reg('acc', sint(accWidth), { reset: 0 });
    aQ.set(aIn);
    wQ.set(wIn);
    acc.set(mux(drain, accIn, acc.add(aIn.mul(wIn)).resize(accWidth)));
    m.output('a_out', aQ);
    m.output('w_out', wQ);
    m.output('acc_out', acc);
  }, { doc: 'INT8 MAC PE with systolic pass-through and drain chain' });
}

export default defineDesign<Params>({
  name: 'mac_array',
  defaults: { rows: 4, cols: 4, accWidth: 24 },
  build: (p) => {
    const pe = macPe(p.accWidth);
    return module('mac_array', (m) => {
      const drain = m.input('drain', uint(1));
      const a = Array.from({ length: p.rows }, (_, r) => m.input(`a_${r}`, sint(8)));
      let w = Array.from({ length: p.cols }, (_, c) => m.input(`w_${c}`, sint(8)));
      let accChain = Array.from({ length: p.cols }, () => m.constant(0, sint(p.accWidth)));
      for (let r = 0; r < p.rows; r++) {
        let aRow = a[r]!;
        const wNext = [];
        const accNext = [];
        for (let c = 0; c < p.cols; c++) {
          const u = m.instance(`pe_${r}_${c}`, pe, { a_in: aRow, w_in: w[c]!, drain, acc_in: accChain[c]! });
          aRow = u.a_out!;
          wNext.push(u.w_out!);
          accNext.push(u.acc_out!);
        }
        w = wNext;
        accChain = accNext;
      }
      accChain.forEach((s, c) => m.output(`sum_${c}`, s));
    }, { doc: `${p.rows}x${p.cols} output-stationary INT8 MAC array`, params: { ...p } });
  },
});
