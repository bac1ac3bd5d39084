/**
 * BitMoD array generator: `rows × cols` PEs (rtl-pe.ts), output-stationary, as in the issue's
 * array description. PE (r, c) computes output `y[r][c] = Σ_k x[r][k] · w[c][k]` (row r = one
 * activation vector, column c = one output channel).
 *
 * - Row stage (`bitmodRowStage`, one per row): the row's activation slot register and the FP16/BF16
 *   decode (lib `decodeFloat`), shared along the row.
 * - Column stage (rtl-column.ts, one per column): weight slot, term generator (the term stream is
 *   shared down the column), Δ serializer for the PEs' bit-serial dequantizers, and the
 *   dequantization output — cross-group accumulation, `s_ch` multiply and rounding — time-shared
 *   by the column's PEs, one row per cycle.
 * - Controller (here, one per array): the valid/ready handshake and the lockstep schedule of every
 *   PE: the slot is held for `T` term cycles; at a group's last term (`snap`) every PE moves its
 *   accumulator into its dequantizer, which takes `scaleBits` cycles while the next group streams;
 *   then the collectors read the rows (`rows` cycles). The next `snap` waits until the collectors
 *   are done, so with `scaleBits + rows + 1 ≤ G/L·T` a group takes exactly `G/L·T` cycles.
 *
 * One transaction = one GEMM tile: `groups · G/L` input beats (each carrying all rows' activations
 * and all columns' weight slots) → one output beat with all `rows · cols` results.
 *
 * Ports: `x_r<r>_<i>` (row r, lane i activation), `w_c<c>_<i>` (column c, lane i code),
 * `dt_c<c>`, `delta_c<c>`, `sch_c<c>`, `last`, [`mode`], [`sv_we`, `sv_data`], `y_r<r>_c<c>`, and the
 * handshake `in_valid`/`in_ready`, `out_valid`/`out_ready`.
 */
import { module, type ModuleBuilder, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux, rom } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';
import { totalBits } from '../../golden/float/format.ts';
import { decodeFloat } from '../../lib/fp/decode.ts';
import { beatCounter, bitsFor } from '../../lib/stream/counter.ts';
import { resultBuffer } from '../../lib/stream/result-buffer.ts';
import { DEFAULT_SV } from './golden-inputs.ts';
import { activationFormat, bitmodWidths, cyclesPerGroup, outputFloatFormat, termsPerWeight, type BitmodParams } from './params.ts';
import { bitmodColumn, modeWidth } from './rtl-column.ts';
import { bitmodPe, bitmodPeName, checkBitmodRtl } from './rtl-pe.ts';
import { codeWidth, svMagWidth, termBsig } from './rtl-terms.ts';


/** Cycles from a transaction's last final term to `out_valid` (dequantizer, collector, rounding). */
export const outputLatency = (p: BitmodParams): number => p.scaleBits + p.rows + 2;

/**
 * The datasheet text of the array: transaction shape, beat contents, cycle counts, one paragraph
 * each (emitted into README.md and, line by line, into the top module's header comment).
 */
export function arrayDatasheet(p: BitmodParams): string {
  const w = bitmodWidths(p);
  const cyc = p.weightTypes.map((t) => `${t} ${cyclesPerGroup(p, t)}`).join(', ');
  const minCyc = Math.min(...p.weightTypes.map((t) => cyclesPerGroup(p, t)));
  const stall = p.scaleBits + p.rows + 1 - minCyc;
  return [
    `BitMoD ${p.rows}x${p.cols} output-stationary array of ${p.L}-lane bit-serial PEs (weight types ${p.weightTypes.join(', ')}; ${p.activation} activations; G = ${p.G}); one term generator and one dequantization output stage per column, time-shared by the column's ${p.rows} PEs.`,
    `Transaction (one GEMM tile): groups·G/L input beats, groups = 1 … ${p.K / p.G}; beat j of group g carries, for every row r, the activations x_r<r>_<i> = X[r][g·G + (j·L + i)] and, for every column c, the weight codes w_c<c>_<i> = code of W[c][g·G + j·L + i] (lane i = 0 … L−1), the column's datatype id dt_c<c> and unsigned scale delta_c<c> of group g (constant within the group) and its FP16 channel scale sch_c<c> (constant within the tile); last = 1 on the final beat only${p.weightTypes.length > 1 ? `; mode = index of the weight type in (${p.weightTypes.join(', ')}), constant within the tile` : ''}${p.weightTypes.some((t) => t === 'FP4' || t === 'FP3') ? '; sv_we/sv_data write the SV register (entry j = {sign, magnitude} in bits j·' + (1 + w.maxWe + 1) + ' …; reset value: the spec special values)' : ''}.`,
    `Output: one beat, y_r<r>_c<c> = ${p.outputFormat}(TIES_EVEN(s_ch[c] · Σ_g Δ[c][g] · group_sum)) for every row and column, where group_sum follows spec §6.2 (gb = ${p.gb}, accW = ${p.accW}, excludeInactiveLanes = ${p.excludeInactiveLanes}) and the cross-group sum is ${p.crossGroupAcc === 'EXACT_WIDE' ? 'exact (EXACT_WIDE)' : 'FP32 with TIES_EVEN after each group (FP32_RNE, group order)'}; specialPolicy ${p.specialPolicy}.`,
    `Cycles: with beats back to back, a group takes G/L·T cycles (${cyc})${stall > 0 ? `, plus ${stall} stall cycles per group where G/L·T < scaleBits + rows + 1` : ''}; the bit-serial dequantizer (${p.scaleBits} cycles) and the column collectors (${p.rows} cycles) overlap the next group; y is valid ${outputLatency(p)} cycles after the last group's final term.`,
  ].join('\n\n');
}

export function bitmodArrayName(p: BitmodParams): string {
  return `bitmod_array_${p.rows}x${p.cols}_${bitmodPeName(p).replace(/^bitmod_pe_/, '')}_k${p.K}_g${p.G}${p.crossGroupAcc === 'EXACT_WIDE' ? '' : '_f32acc'}_${p.outputFormat.toLowerCase()}`;
}

export function bitmodRowStageName(p: BitmodParams): string {
  return `bitmod_row_l${p.L}_${p.activation.toLowerCase()}${p.specialPolicy === 'PROPAGATE' ? '' : '_fin'}`;
}

/**
 * Row stage: the row's L activations, registered on `accept` and decoded once for the row's PEs:
 * outputs `a_s<i>`, `a_e<i>`, `a_m<i>` (sign, effective exponent, significand of `decodeFloat`),
 * [`a_nan<i>`, `a_inf<i>`] (PROPAGATE). An Inf/NaN lane is not masked: any special activation
 * makes its group's result special (NaN, or ±Inf by the §6.3 rules), and the flags override the
 * finite part at the output, so what such a lane adds to its group's finite sum is unobservable
 * (level b enters it as +0; the outputs are bit-equal).
 */
export function bitmodRowStage(p: BitmodParams): ModuleDef {
  checkBitmodRtl(p);
  const f = activationFormat(p);
  const w = bitmodWidths(p);
  return module(
    bitmodRowStageName(p),
    (m: ModuleBuilder) => {
      const propagate = p.specialPolicy === 'PROPAGATE';
      const accept = m.input('accept', uint(1), { doc: 'the array takes a beat: register the slot' });
      const xs = Array.from({ length: p.L }, (_, i) => m.input(`x${i}`, uint(totalBits(f)), { doc: `lane ${i} activation, ${f.name} code` }));
      xs.forEach((x, i) => {
        const r = m.reg(`slot_x${i}`, uint(totalBits(f)), { en: accept });
        r.set(x);
        const a = decodeFloat(m, r, f);
        m.output(`a_s${i}`, a.sign, { doc: `lane ${i} sign` });
        m.output(`a_e${i}`, a.E.resize(w.actExpW), { doc: `lane ${i} effective exponent` });
        m.output(`a_m${i}`, a.M.resize(w.sigW), { doc: `lane ${i} significand` });
        if (propagate) {
          m.output(`a_nan${i}`, a.nan, { doc: `lane ${i} is NaN` });
          m.output(`a_inf${i}`, a.inf, { doc: `lane ${i} is ±Inf` });
        }
      });
    },
    { doc: `BitMoD row stage: ${p.L} ${f.name} activations registered and decoded once per row`, params: { L: p.L, activation: p.activation, specialPolicy: p.specialPolicy } },
  );
}

/** Build the array; `opts.name` overrides the derived module name. */
export function bitmodArray(p: BitmodParams, opts: { name?: string } = {}): ModuleDef {
  checkBitmodRtl(p);
  const pe = bitmodPe(p);
  const col = bitmodColumn(p);
  const rowStage = bitmodRowStage(p);
  const f = activationFormat(p);
  const actW = totalBits(f);
  const cw = codeWidth(p);
  const svM = svMagWidth(p);
  const mixture = p.weightTypes.find((t) => t === 'FP4' || t === 'FP3');
  const multi = p.weightTypes.length > 1;
  const propagate = p.specialPolicy === 'PROPAGATE';
  const slots = p.G / p.L;
  return module(
    opts.name ?? bitmodArrayName(p),
    (m) => {
      const inValid = m.input('in_valid', uint(1), { doc: 'a beat (all rows, all columns) is offered', protocol: 'valid' });
      const x = Array.from({ length: p.rows }, (_, r) => Array.from({ length: p.L }, (_, i) => m.input(`x_r${r}_${i}`, uint(actW), { doc: `row ${r} lane ${i} activation, ${f.name}` })));
      const w = Array.from({ length: p.cols }, (_, c) => Array.from({ length: p.L }, (_, i) => m.input(`w_c${c}_${i}`, uint(cw), { doc: `column ${c} lane ${i} weight code` })));
      const dt = Array.from({ length: p.cols }, (_, c) => m.input(`dt_c${c}`, uint(2), { doc: `column ${c} datatype id` }));
      const delta = Array.from({ length: p.cols }, (_, c) => m.input(`delta_c${c}`, uint(p.scaleBits), { doc: `column ${c} group scale` }));
      const sch = Array.from({ length: p.cols }, (_, c) => m.input(`sch_c${c}`, uint(16), { doc: `column ${c} s_ch, FP16` }));
      const last = m.input('last', uint(1), { doc: 'final beat of the tile' });
      const modeIn = multi ? m.input('mode', uint(modeWidth(p)), { doc: `weight type index into ${p.weightTypes.join(', ')}` }) : null;
      const svWe = mixture ? m.input('sv_we', uint(1), { doc: 'write the SV registers' }) : null;
      const svData = mixture ? m.input('sv_data', uint(4 * (1 + svM)), { doc: 'SV register entries' }) : null;
      const outReady = m.input('out_ready', uint(1), { doc: 'the consumer takes y', protocol: 'ready' });

      // ---- SV register (one per array: the SVs are the same for every column)
      const sv: Signal[] = [];
      if (mixture && svWe && svData) {
        DEFAULT_SV[mixture].forEach((v, j) => {
          const init = ((v < 0 ? 1 : 0) << svM) | Math.abs(v);
          const r = m.reg(`sv${j}`, uint(1 + svM), { reset: init, en: svWe });
          r.set(svData.slice((j + 1) * (1 + svM) - 1, j * (1 + svM)));
          sv.push(r);
        });
      }

      // ---- controller: slot, term counter, slot counter (lib stream beatCounter)
      const slotFull = m.reg('slot_full', uint(1), { reset: 0 });
      const tcnt = m.reg('tcnt', uint(2), { reset: 0 });
      const modeR = modeIn ? m.reg('slot_mode', modeIn.type) : null;
      const T = modeR ? rom(modeR, p.weightTypes.map((t) => termsPerWeight(t) - 1), uint(2)) : m.constant(termsPerWeight(p.weightTypes[0]!) - 1, uint(2));
      const finalTerm = tcnt.eq(T).named('final_term');
      const scnt = beatCounter(m, 'scnt', slots, undefined, { lastName: 'group_end' });
      const atSnap = slotFull.and(finalTerm).and(scnt.last).named('at_snapshot');
      const dqCnt = m.reg('dq_cnt', uint(bitsFor(p.scaleBits)), { reset: 0 });
      const colBusy = m.reg('col_busy', uint(1), { reset: 0 });
      const snapFree = dqCnt.eq(0).and(colBusy.not());
      const step = slotFull.and(atSnap.and(snapFree.not()).not()).named('mac_step');
      const inReady = slotFull.not().or(step.and(finalTerm)).named('in_ready_i');
      m.output('in_ready', inReady, { doc: 'the array takes the offered beat', protocol: 'ready' });
      const accept = inValid.and(inReady).named('accept');
      const lastR = m.reg('slot_last', uint(1), { en: accept });
      lastR.set(last);
      if (modeR && modeIn) modeR.set(mux(accept, modeIn, modeR));
      slotFull.set(mux(step.and(finalTerm), accept, slotFull.or(accept)));
      tcnt.set(mux(step, mux(finalTerm, 0, tcnt.add(1).resize(2)), tcnt).resize(2));
      scnt.advanceOn(step.and(finalTerm));
      const snap = step.and(atSnap).named('snapshot');
      const first = tcnt.eq(0);
      const bsig = termBsig(m, p, modeR, tcnt);

      // ---- dequantizer schedule
      const dqStep = dqCnt.ne(0).named('dq_step');
      dqCnt.set(mux(snap, p.scaleBits, mux(dqStep, dqCnt.sub(1).resize(dqCnt.width).asUnsigned(), dqCnt)).resize(dqCnt.width));
      const dqLast = m.reg('dq_last', uint(1), { en: snap });
      dqLast.set(lastR);
      const dqDone = dqStep.and(dqCnt.eq(1)).named('dq_done');

      // ---- collector schedule and output buffer (lib stream resultBuffer holds the full flag)
      const out = resultBuffer(m, outReady, 'out_full');
      const colLast = m.reg('col_last', uint(1), { en: dqDone });
      colLast.set(dqLast);
      // A last-group collection waits while the previous tile's y is still offered (it starts
      // writing y the cycle after its first step, when an offered y leaves with out_ready).
      const colStep = colBusy.and(colLast.and(out.loadAllowed.not()).and(outReady.not()).not()).named('col_step');
      const row = beatCounter(m, 'col_row', p.rows, colStep, { lastName: 'col_row_last' });
      colBusy.set(mux(dqDone, 1, mux(row.wrap, 0, colBusy)).resize(1));
      const yShift = m.reg('y_shift', uint(1), { reset: 0 });
      yShift.set(colStep.and(colLast));
      const yFinal = m.reg('y_final', uint(1), { reset: 0 });
      yFinal.set(row.wrap.and(colLast));
      out.capture(yFinal, []);
      m.output('out_valid', out.outValid, { doc: 'all results of the tile are valid', protocol: 'valid' });

      // ---- rows, columns, PEs. The columns' terms feed the PEs and the PEs' group results feed
      // the columns: the PE outputs are declared as wires first and driven once the PEs exist.
      const wd = bitmodWidths(p);
      const rowsOut = x.map((xs, r) => {
        const ins: Record<string, Signal> = { accept };
        xs.forEach((s, i) => (ins[`x${i}`] = s));
        return m.instance(`row_r${r}`, rowStage, ins);
      });
      const gNames = ['g_m', 'g_e', ...(propagate ? ['g_nan', 'g_pinf', 'g_ninf'] : [])];
      const gType = (n: string) => (n === 'g_m' ? sint(wd.deqW) : n === 'g_e' ? uint(wd.accExpW) : uint(1));
      const gWires = Array.from({ length: p.rows }, (_, r) =>
        Array.from({ length: p.cols }, (_, c) => Object.fromEntries(gNames.map((n) => [n, m.wire(`pe_r${r}_c${c}_${n}`, gType(n))]))),
      );
      const colsOut = w.map((ws, c) => {
        const ins: Record<string, Signal> = { accept, dt: dt[c]!, delta: delta[c]!, sch: sch[c]!, tcnt, snap, dq_step: dqStep, col_step: colStep, col_last: colLast, y_shift: yShift };
        ws.forEach((s, i) => (ins[`w${i}`] = s));
        if (modeR) ins.mode = modeR;
        sv.forEach((s, j) => (ins[`sv${j}`] = s));
        if (row.count) ins.col_row = row.count;
        for (let r = 0; r < p.rows; r++) for (const n of gNames) ins[`${n}_r${r}`] = gWires[r]![c]![n]!;
        return m.instance(`col_c${c}`, col, ins);
      });
      const laneNames = ['a_s', 'a_e', 'a_m', ...(propagate ? ['a_nan', 'a_inf'] : [])];
      const termNames = ['t_s', 't_e', 't_m', ...(propagate ? ['w_neg', 'w_zero'] : [])];
      for (let r = 0; r < p.rows; r++) {
        for (let c = 0; c < p.cols; c++) {
          const ins: Record<string, Signal> = { bsig, step, first, snap, dq_step: dqStep, dq_bit: colsOut[c]!.dq_bit! };
          for (let i = 0; i < p.L; i++) {
            for (const n of laneNames) ins[`${n}${i}`] = rowsOut[r]![`${n}${i}`]!;
            for (const n of termNames) ins[`${n}${i}`] = colsOut[c]![`${n}${i}`]!;
          }
          const o = m.instance(`pe_r${r}_c${c}`, pe, ins);
          for (const n of gNames) gWires[r]![c]![n]!.set(o[n]!);
        }
      }
      for (let r = 0; r < p.rows; r++) {
        for (let c = 0; c < p.cols; c++) m.output(`y_r${r}_c${c}`, colsOut[c]![`y_r${r}`]!, { doc: `result row ${r} column ${c}, ${outputFloatFormat(p).name}` });
      }
    },
    { doc: arrayDatasheet(p), params: { ...p, weightTypes: p.weightTypes.join(',') } },
  );
}
