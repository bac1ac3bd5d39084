/**
 * BitMoD PE generator (specs/bitmod.md §6.2–6.4): the per-output unit of the array, bit for bit
 * the level-b group datapath (golden-group.ts) for the same `BitmodParams`. It holds no weight or
 * activation register and no output stage: it is what the paper's PE synthesis sheet (§8) counts —
 * exponent match, bit-serial multiply, group accumulator, dequantizer.
 *
 * Per cycle (`step`), from the row's decoded activations (shared along the row, rtl-row.ts) and the
 * column's terms (shared down the column, rtl-column.ts): exponent match (`ve = ae + we`, max over
 * active lanes when `excludeInactiveLanes`), AND-gate multiply, truncating alignment
 * `FLOOR(p·2^gb / 2^d)`, adder tree, group accumulator (both operands aligned to `max(acc_e, E)`,
 * FLOOR normalization to `accW`); sticky Inf/NaN flags per group (PROPAGATE, set at each slot's
 * first term). On `snap` (the step of the group's last term) the accumulator's next value moves to
 * the bit-serial dequantizer and the accumulator restarts at 0; the dequantizer then takes one
 * bit of Δ per `dq_step`, MSB first (`dq_bit`, streamed by the column), `out ← 2·out + δ·acc_m`,
 * while the next group streams. After `scaleBits` steps `g_m = acc_m · Δ`, `g_e = acc_e` and the
 * group's flags wait for the column's collector (cross-group sum, `s_ch`, rounding), which reads
 * them before the next `snap`.
 *
 * Ports (all control comes from the array controller, rtl-array.ts):
 * - lane i: `a_s<i>` sign, `a_e<i>` effective exponent, `a_m<i>` significand, [`a_nan<i>`,
 *   `a_inf<i>`] (an Inf/NaN lane's fields are don't-care: its group's result is special); `t_s<i>`, `t_e<i>`, `t_m<i>` the
 *   term, [`w_neg<i>`, `w_zero<i>`] the weight's sign and zero flag (Inf rules of §6.3);
 * - `bsig`, `step`, `first` (the slot's first term), `snap`, `dq_step`, `dq_bit`;
 * - out: `g_m` (sint deqW), `g_e` (uint accExpW), [`g_nan`, `g_pinf`, `g_ninf`].
 * Widths come from `bitmodWidths(p)` (§6.6).
 */
import { module, type ModuleBuilder, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux, sum } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';
import { leadingOne } from '../../lib/fp/leading-one.ts';
import { bitmodWidths, validateBitmodParams, type BitmodParams } from './params.ts';
import { bitsFor } from '../../lib/stream/counter.ts';


/** Reject what the RTL does not implement (beyond the shared validation). */
export function checkBitmodRtl(p: BitmodParams): void {
  validateBitmodParams(p);
  // FP32_RNE is implemented for every valid parameter set (rtl-column.ts: IEEE rounding, subnormals, ±Inf).
}

/** Module name of the PE for `p` (only the parameters the PE reads). */
export function bitmodPeName(p: BitmodParams): string {
  const t = p.weightTypes.map((x) => x.toLowerCase()).join('_');
  return `bitmod_pe_l${p.L}_${t}_${p.activation.toLowerCase()}_gb${p.gb}_a${p.accW}_s${p.scaleBits}${p.excludeInactiveLanes ? '' : '_incl'}${p.specialPolicy === 'PROPAGATE' ? '' : '_fin'}`;
}

/** Valid-or max of (valid, value) pairs as a balanced tree. */
function maxTree(items: { v: Signal; e: Signal }[]): { v: Signal; e: Signal } {
  let level = items;
  while (level.length > 1) {
    const next: { v: Signal; e: Signal }[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      const a = level[i]!;
      const b = level[i + 1]!;
      const takeA = a.v.and(b.v.not().or(a.e.ge(b.e)));
      next.push({ v: a.v.or(b.v), e: mux(takeA, a.e, b.e) });
    }
    if (level.length % 2) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

/** Build the PE module. */
export function bitmodPe(p: BitmodParams): ModuleDef {
  checkBitmodRtl(p);
  const w = bitmodWidths(p);
  return module(
    bitmodPeName(p),
    (m: ModuleBuilder) => {
      const propagate = p.specialPolicy === 'PROPAGATE';
      const lanes = Array.from({ length: p.L }, (_, i) => ({
        as: m.input(`a_s${i}`, uint(1), { doc: `lane ${i} activation sign` }),
        ae: m.input(`a_e${i}`, uint(w.actExpW), { doc: `lane ${i} activation exponent (1 for a subnormal or ±0)` }),
        am: m.input(`a_m${i}`, uint(w.sigW), { doc: `lane ${i} activation significand (0 for ±0)` }),
        anan: propagate ? m.input(`a_nan${i}`, uint(1), { doc: `lane ${i} activation is NaN` }) : null,
        ainf: propagate ? m.input(`a_inf${i}`, uint(1), { doc: `lane ${i} activation is ±Inf` }) : null,
        ts: m.input(`t_s${i}`, uint(1), { doc: `lane ${i} term sign` }),
        te: m.input(`t_e${i}`, uint(p.termExpW), { doc: `lane ${i} term exponent` }),
        tm: m.input(`t_m${i}`, uint(1), { doc: `lane ${i} term mantissa (0: no term)` }),
        wneg: propagate ? m.input(`w_neg${i}`, uint(1), { doc: `lane ${i} weight is negative` }) : null,
        wzero: propagate ? m.input(`w_zero${i}`, uint(1), { doc: `lane ${i} weight is zero` }) : null,
      }));
      const bsig = m.input('bsig', uint(3), { doc: 'bit significance of this cycle' });
      const step = m.input('step', uint(1), { doc: 'a term cycle' });
      const first = m.input('first', uint(1), { doc: "the cycle is the slot's first term" });
      const snap = m.input('snap', uint(1), { doc: "the step is the group's last term" });
      const dqStep = m.input('dq_step', uint(1), { doc: 'a dequantizer cycle' });
      const dqBit = m.input('dq_bit', uint(1), { doc: 'bit of Δ of this dequantizer cycle, MSB first' });

      // ---- exponent match, AND multiply, alignment, adder tree
      const lx = lanes.map((l) => ({ ...l, ve: l.ae.add(l.te).resize(w.prodExpW), inMax: p.excludeInactiveLanes ? l.tm : m.constant(1, uint(1)) }));
      const mx = maxTree(lx.map((l) => ({ v: l.inMax, e: l.ve })));
      const anyActive = lx.map((l) => l.tm).reduce((a, b) => a.or(b)).named('any_active');
      const E = mx.e.named('e_max');
      const sps = lx.map((l, i) => {
        const diff = E.toSigned().sub(l.ve.toSigned());
        const d = mux(diff.msb(), 0, diff.trunc(w.prodExpW + 1).asUnsigned()).resize(w.prodExpW + 1);
        const pm = mux(l.tm, l.am, 0).resize(w.sigW);
        const al = pm.shl(p.gb).shr(d.trunc(Math.min(d.width, 16))).named(`al${i}`);
        return mux(l.as.xor(l.ts), al.toSigned().neg(), al.toSigned()).resize(w.laneW + 1);
      });
      const S = sum(sps).resize(w.treeW).named('tree_s');

      // ---- group accumulator
      const accE = m.reg('acc_e', uint(w.accExpW), { reset: 0 });
      const accM = m.reg('acc_m', sint(p.accW), { reset: 0 });
      const Ee = E.resize(w.accExpW);
      const Ep = mux(accE.ge(Ee), accE, Ee).named('e_prime');
      const Sb = S.resize(w.sumW).shl(bsig).resize(w.sumW);
      const A1 = Sb.shr(Ep.sub(Ee).resize(w.accExpW).asUnsigned()).named('a1');
      const A2 = accM.resize(w.sumW).shr(Ep.sub(accE).resize(w.accExpW).asUnsigned()).named('a2');
      const total = A1.add(A2).resize(w.sumW).named('acc_sum');
      const mag = mux(total.msb(), total.neg(), total).resize(w.sumW + 1).asUnsigned().resize(w.sumW);
      const lo = leadingOne(mag);
      const kW = bitsFor(w.kMax);
      const over = lo.pos.toSigned().sub(p.accW - 2);
      const k = mux(over.msb(), 0, over.trunc(kW + 1).asUnsigned()).resize(kW).named('norm_k');
      const newM = mux(anyActive, total.shr(k).resize(p.accW), accM).named('acc_m_next');
      const newE = mux(anyActive, Ep.add(k).resize(w.accExpW), accE).named('acc_e_next');
      accM.set(mux(snap, 0, mux(step, newM, accM)).resize(p.accW));
      accE.set(mux(snap, 0, mux(step, newE, accE)).resize(w.accExpW));

      // ---- dequantizer (bit-serial, MSB first; Δ's bits come from the column)
      const dqM = m.reg('dq_m', sint(p.accW), { en: snap });
      dqM.set(newM);
      const dqE = m.reg('dq_e', uint(w.accExpW), { en: snap });
      dqE.set(newE);
      const dqOut = m.reg('dq_out', sint(w.deqW), { reset: 0 });
      const outNext = dqOut.shl(1).resize(w.deqW).add(mux(dqBit, dqM, 0)).resize(w.deqW).named('dq_out_next');
      dqOut.set(mux(snap, 0, mux(dqStep, outNext, dqOut)).resize(w.deqW));
      m.output('g_m', dqOut, { doc: 'dequantized group result acc_m · Δ (valid once the dequantizer is done)' });
      m.output('g_e', dqE, { doc: 'its exponent acc_e (value g_m · 2^(g_e − unitShift))' });

      // ---- sticky specials of the group (set at each slot's first term)
      if (propagate) {
        const nanR = m.reg('s_nan', uint(1), { reset: 0 });
        const pinfR = m.reg('s_pinf', uint(1), { reset: 0 });
        const ninfR = m.reg('s_ninf', uint(1), { reset: 0 });
        const at = step.and(first);
        const laneNan = lx.map((l) => l.anan!.or(l.ainf!.and(l.wzero!))).reduce((a, b) => a.or(b));
        const lanePinf = lx.map((l) => l.ainf!.and(l.wzero!.not()).and(l.as.xor(l.wneg!).not())).reduce((a, b) => a.or(b));
        const laneNinf = lx.map((l) => l.ainf!.and(l.wzero!.not()).and(l.as.xor(l.wneg!))).reduce((a, b) => a.or(b));
        const nNan = nanR.or(at.and(laneNan));
        const nPinf = pinfR.or(at.and(lanePinf));
        const nNinf = ninfR.or(at.and(laneNinf));
        nanR.set(mux(snap, 0, nNan).resize(1));
        pinfR.set(mux(snap, 0, nPinf).resize(1));
        ninfR.set(mux(snap, 0, nNinf).resize(1));
        const flag = (name: string, v: Signal, doc: string): void => {
          const r = m.reg(`dq_${name}`, uint(1), { en: snap });
          r.set(v);
          m.output(`g_${name}`, r, { doc });
        };
        flag('nan', nNan, 'the group saw a NaN product (NaN activation, Inf × 0)');
        flag('pinf', nPinf, 'the group saw a +Inf product');
        flag('ninf', nNinf, 'the group saw a −Inf product');
      }
    },
    { doc: `BitMoD bit-serial PE: ${p.L} lanes, ${p.weightTypes.join('/')} terms, ${p.activation} activations (exponent match, AND multiply, alignment, adder tree, group accumulator, bit-serial dequantizer)`, params: { L: p.L, weightTypes: p.weightTypes.join(','), activation: p.activation, gb: p.gb, accW: p.accW, scaleBits: p.scaleBits, excludeInactiveLanes: p.excludeInactiveLanes, specialPolicy: p.specialPolicy } },
  );
}
