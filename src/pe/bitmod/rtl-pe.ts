/**
 * BitMoD PE generator (specs/bitmod.md §5–7): one bit-serial PE of `L` lanes with FP16/BF16
 * activations, bit for bit the level-b model (golden-group.ts, golden-dot.ts) for the same
 * `BitmodParams`. Three stages, each with its own registers:
 *
 * 1. MAC: the accepted weight slot (L codes, L activations) is held for `T` cycles; each cycle the
 *    term generator (rtl-terms.ts) gives one term per lane; exponent match (`ve = ae + we`, max
 *    over active lanes when `excludeInactiveLanes`), AND-gate multiply, truncating alignment
 *    `FLOOR(p·2^gb / 2^d)`, adder tree, group accumulator (both operands aligned to
 *    `max(acc_e, E)`, FLOOR normalization to `accW`). Sticky Inf/NaN flags per group (PROPAGATE).
 * 2. Dequantizer: at the group's last term the accumulator moves to a bit-serial multiplier by
 *    `Δ` (MSB first, `scaleBits` cycles) that runs while the next group streams; its last step
 *    adds `out << out_e` into the EXACT_WIDE cross-group register.
 * 3. Output: after the transaction's last group, `s_ch · wide` is rounded once (`TIES_EVEN`,
 *    IEEE overflow) by the lib round unit into FP16/FP32 and held until `out_ready`.
 *
 * Protocol (valid/ready, one beat = one weight slot): ports `x0…`, `w0…` (lane activations and
 * codes), `dt` (datatype id), `delta` (Δ), `sch` (FP16 `s_ch`), `last` (the beat is the final
 * slot of the transaction's final group), `mode` (index into `p.weightTypes`, only with more than
 * one type); `dt`, `delta` must be constant within a group, `sch` and `mode` within a
 * transaction. A transaction is `groups · G/L` beats; its result `y` leaves as one beat. With
 * beats back to back a group takes exactly `G/L · T` cycles. The SV register is written by
 * `sv_we`/`sv_data` (entry j in bits `j·(1+svMagW)…`, `{sign, mag}`) at any time; it resets to the
 * spec's SVs of the build's first mixture type.
 * Widths come from `bitmodWidths(p)` (§6.6); parameters are checked by `validateBitmodParams`,
 * the golden models' own check.
 */
import { userError } from '../../diag/error.ts';
import { module, type ModuleBuilder, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux, rom, select, sum } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';
import { bitLength } from '../../golden/float/dyadic.ts';
import { FP16, totalBits } from '../../golden/float/format.ts';
import { decodeFloat } from '../../lib/fp/decode.ts';
import { leadingOne } from '../../lib/fp/leading-one.ts';
import { fpRoundUnit } from '../../lib/fp/round.ts';
import { DEFAULT_SV } from './golden-inputs.ts';
import { activationFormat, bitmodWidths, outputFloatFormat, termsPerWeight, validateBitmodParams, type BitmodParams } from './params.ts';
import { codeWidth, laneTerms, svMagWidth } from './rtl-terms.ts';

const ubits = (max: number): number => Math.max(1, bitLength(BigInt(max)));

/** Reject what the RTL does not implement (beyond the shared validation). */
export function checkBitmodRtl(p: BitmodParams): void {
  validateBitmodParams(p);
  if (p.crossGroupAcc === 'FP32_RNE') {
    throw userError('BitMoD RTL: crossGroupAcc FP32_RNE is not implemented in RTL', 'use crossGroupAcc EXACT_WIDE (default); level b models FP32_RNE');
  }
}

/** Module name of the PE for `p`. */
export function bitmodPeName(p: BitmodParams): string {
  const t = p.weightTypes.map((x) => x.toLowerCase()).join('_');
  return `bitmod_pe_l${p.L}_g${p.G}_${t}_${p.activation.toLowerCase()}_gb${p.gb}_a${p.accW}_s${p.scaleBits}${p.excludeInactiveLanes ? '' : '_incl'}${p.specialPolicy === 'PROPAGATE' ? '' : '_fin'}_${p.outputFormat.toLowerCase()}`;
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
  const f = activationFormat(p);
  const of = outputFloatFormat(p);
  const actW = totalBits(f);
  const cw = codeWidth(p);
  const svM = svMagWidth(p);
  const mixture = p.weightTypes.find((t) => t === 'FP4' || t === 'FP3');
  const slots = p.G / p.L;
  const round = fpRoundUnit({ magW: w.wideW + 11, expW: Math.max(bitLength(BigInt(w.unitShift + 25)) + 2, 8), format: of, round: 'TIES_EVEN', overflow: 'IEEE' });
  return module(
    bitmodPeName(p),
    (m: ModuleBuilder) => {
      const propagate = p.specialPolicy === 'PROPAGATE';
      // ---- ports
      const inValid = m.input('in_valid', uint(1), { doc: 'a weight slot is offered', protocol: 'valid' });
      const xs = Array.from({ length: p.L }, (_, i) => m.input(`x${i}`, uint(actW), { doc: `lane ${i} activation, ${f.name} code` }));
      const ws = Array.from({ length: p.L }, (_, i) => m.input(`w${i}`, uint(cw), { doc: `lane ${i} weight code` }));
      const dtIn = m.input('dt', uint(2), { doc: 'datatype id of the group (0 ER_POS, 1 ER_NEG, 2 EA_POS, 3 EA_NEG)' });
      const deltaIn = m.input('delta', uint(p.scaleBits), { doc: 'unsigned group scale' });
      const schIn = m.input('sch', uint(16), { doc: 's_ch, FP16 code' });
      const lastIn = m.input('last', uint(1), { doc: 'final slot of the transaction' });
      const modeIn = p.weightTypes.length > 1 ? m.input('mode', uint(ubits(p.weightTypes.length - 1)), { doc: `weight type: index into ${p.weightTypes.join(', ')}` }) : null;
      const svWe = mixture ? m.input('sv_we', uint(1), { doc: 'write the SV register' }) : null;
      const svData = mixture ? m.input('sv_data', uint(4 * (1 + svM)), { doc: 'SV register entries {sign, mag}, entry j at bits j*(1+svMagW)' }) : null;
      const outReady = m.input('out_ready', uint(1), { doc: 'the consumer takes y', protocol: 'ready' });

      // ---- SV register
      const sv: Signal[] = [];
      if (mixture && svWe && svData) {
        DEFAULT_SV[mixture].forEach((v, j) => {
          const init = ((v < 0 ? 1 : 0) << svM) | Math.abs(v);
          const r = m.reg(`sv${j}`, uint(1 + svM), { reset: init, en: svWe });
          r.set(svData.slice((j + 1) * (1 + svM) - 1, j * (1 + svM)));
          sv.push(r);
        });
      }

      // ---- MAC stage registers
      const slotFull = m.reg('slot_full', uint(1), { reset: 0 });
      const tcnt = m.reg('tcnt', uint(2), { reset: 0 });
      const scnt = m.reg('scnt', uint(ubits(slots - 1)), { reset: 0 });
      const accE = m.reg('acc_e', uint(w.accExpW), { reset: 0 });
      const accM = m.reg('acc_m', sint(p.accW), { reset: 0 });
      const dqCnt = m.reg('dq_cnt', uint(ubits(p.scaleBits)), { reset: 0 });
      const finValid = m.reg('fin_valid', uint(1), { reset: 0 });
      const dqLast = m.reg('dq_last', uint(1), { reset: 0 });

      const modeR = modeIn ? m.reg('slot_mode', modeIn.type) : null;
      const T = modeR ? rom(modeR, p.weightTypes.map((t) => termsPerWeight(t) - 1), uint(2)) : m.constant(termsPerWeight(p.weightTypes[0]!) - 1, uint(2));
      const finalTerm = tcnt.eq(T).named('final_term');
      const groupEnd = scnt.eq(slots - 1);
      const atSnap = slotFull.and(finalTerm).and(groupEnd).named('at_snapshot');
      const dqFinal = dqCnt.eq(1);
      const dqBlocked = dqFinal.and(dqLast).and(finValid).and(outReady.not()).named('dq_blocked');
      const dqFreeNext = dqCnt.eq(0).or(dqFinal.and(dqBlocked.not()));
      const step = slotFull.and(atSnap.and(dqFreeNext.not()).not()).named('mac_step');
      const inReady = slotFull.not().or(step.and(finalTerm)).named('in_ready_i');
      m.output('in_ready', inReady, { doc: 'the PE takes the offered slot', protocol: 'ready' });
      const accept = inValid.and(inReady);

      const xr = xs.map((x, i) => m.reg(`slot_x${i}`, uint(actW), { en: accept }));
      const wr = ws.map((x, i) => m.reg(`slot_w${i}`, uint(cw), { en: accept }));
      xr.forEach((r, i) => r.set(xs[i]!));
      wr.forEach((r, i) => r.set(ws[i]!));
      const dtR = m.reg('slot_dt', uint(2), { en: accept });
      dtR.set(dtIn);
      const deltaR = m.reg('slot_delta', uint(p.scaleBits), { en: accept });
      deltaR.set(deltaIn);
      const schR = m.reg('slot_sch', uint(16), { en: accept });
      schR.set(schIn);
      const lastR = m.reg('slot_last', uint(1), { en: accept });
      lastR.set(lastIn);
      if (modeR && modeIn) modeR.set(mux(accept, modeIn, modeR));
      slotFull.set(mux(step.and(finalTerm), accept, slotFull.or(accept)));
      tcnt.set(mux(step, mux(finalTerm, 0, tcnt.add(1).resize(2)), tcnt).resize(2));
      scnt.set(mux(step.and(finalTerm), mux(groupEnd, 0, scnt.add(1).resize(scnt.width)), scnt).resize(scnt.width));

      // ---- terms and exponent match
      const { terms, bsig } = laneTerms(m, p, wr, dtR, modeR, tcnt, sv);
      const acts = xr.map((x) => decodeFloat(m, x, f));
      const lanes = acts.map((a, i) => {
        const t = terms[i]!;
        const sp = propagate ? a.special : m.constant(0, uint(1));
        const ae = mux(sp, 1, a.E).resize(f.expBits);
        const am = mux(sp, 0, a.M).resize(f.manBits + 1);
        const as = mux(sp, 0, a.sign).resize(1);
        const ve = ae.add(t.exp).resize(w.prodExpW);
        const inMax = p.excludeInactiveLanes ? t.man : m.constant(1, uint(1));
        return { t, a, ve, inMax, am, ys: as.xor(t.sign) };
      });
      const mx = maxTree(lanes.map((l) => ({ v: l.inMax, e: l.ve })));
      const anyActive = lanes.map((l) => l.t.man).reduce((a, b) => a.or(b)).named('any_active');
      const E = mx.e.named('e_max');
      const sps = lanes.map((l, i) => {
        const diff = E.toSigned().sub(l.ve.toSigned());
        const d = mux(diff.msb(), 0, diff.trunc(w.prodExpW + 1).asUnsigned()).resize(w.prodExpW + 1);
        const pm = mux(l.t.man, l.am, 0).resize(w.sigW);
        const al = pm.shl(p.gb).shr(d.trunc(Math.min(d.width, 16))).named(`al${i}`);
        return mux(l.ys, al.toSigned().neg(), al.toSigned()).resize(w.laneW + 1);
      });
      const S = sum(sps).resize(w.treeW).named('tree_s');

      // ---- group accumulator
      const Ee = E.resize(w.accExpW);
      const Ep = mux(accE.ge(Ee), accE, Ee).named('e_prime');
      const Sb = S.resize(w.sumW).shl(bsig).resize(w.sumW);
      const A1 = Sb.shr(Ep.sub(Ee).resize(w.accExpW).asUnsigned()).named('a1');
      const A2 = accM.resize(w.sumW).shr(Ep.sub(accE).resize(w.accExpW).asUnsigned()).named('a2');
      const total = A1.add(A2).resize(w.sumW).named('acc_sum');
      const mag = mux(total.msb(), total.neg(), total).resize(w.sumW + 1).asUnsigned().resize(w.sumW);
      const lo = leadingOne(mag);
      const kW = ubits(w.kMax);
      const over = lo.pos.toSigned().sub(p.accW - 2);
      const k = mux(over.msb(), 0, over.trunc(kW + 1).asUnsigned()).resize(kW).named('norm_k');
      const newM = mux(anyActive, total.shr(k).resize(p.accW), accM).named('acc_m_next');
      const newE = mux(anyActive, Ep.add(k).resize(w.accExpW), accE).named('acc_e_next');
      accM.set(mux(step, mux(atSnap, 0, newM), accM).resize(p.accW));
      accE.set(mux(step, mux(atSnap, 0, newE), accE).resize(w.accExpW));

      // ---- sticky specials of the group (set at each slot's first term)
      const zero1 = m.constant(0, uint(1));
      let gNan: Signal = zero1;
      let gPinf: Signal = zero1;
      let gNinf: Signal = zero1;
      if (propagate) {
        const nanR = m.reg('g_nan', uint(1), { reset: 0 });
        const pinfR = m.reg('g_pinf', uint(1), { reset: 0 });
        const ninfR = m.reg('g_ninf', uint(1), { reset: 0 });
        const first = step.and(tcnt.eq(0));
        const laneNan = lanes.map((l) => l.a.nan.or(l.a.inf.and(l.t.wZero))).reduce((a, b) => a.or(b));
        const lanePinf = lanes.map((l) => l.a.inf.and(l.t.wZero.not()).and(l.a.sign.xor(l.t.wNeg).not())).reduce((a, b) => a.or(b));
        const laneNinf = lanes.map((l) => l.a.inf.and(l.t.wZero.not()).and(l.a.sign.xor(l.t.wNeg))).reduce((a, b) => a.or(b));
        const clear = step.and(atSnap);
        nanR.set(mux(clear, 0, nanR.or(first.and(laneNan))).resize(1));
        pinfR.set(mux(clear, 0, pinfR.or(first.and(lanePinf))).resize(1));
        ninfR.set(mux(clear, 0, ninfR.or(first.and(laneNinf))).resize(1));
        gNan = nanR;
        gPinf = pinfR;
        gNinf = ninfR;
      }

      // ---- dequantizer (bit-serial, MSB first)
      const snap = step.and(atSnap).named('snapshot');
      const dqM = m.reg('dq_m', sint(p.accW), { en: snap });
      dqM.set(newM);
      const dqE = m.reg('dq_e', uint(w.accExpW), { en: snap });
      dqE.set(newE);
      const dqDelta = m.reg('dq_delta', uint(p.scaleBits), { en: snap });
      dqDelta.set(deltaR);
      const dqSch = m.reg('dq_sch', uint(16), { en: snap });
      dqSch.set(schR);
      const dqOut = m.reg('dq_out', sint(w.deqW), { reset: 0 });
      const stepping = dqCnt.ne(0).and(dqBlocked.not());
      const bitJ = select(dqCnt.sub(1).resize(dqCnt.width).asUnsigned(), Array.from({ length: p.scaleBits }, (_, j) => dqDelta.bit(j))).resize(1);
      const outNext = dqOut.shl(1).resize(w.deqW).add(mux(bitJ, dqM, 0)).resize(w.deqW).named('dq_out_next');
      dqOut.set(mux(snap, 0, mux(stepping, outNext, dqOut)).resize(w.deqW));
      dqCnt.set(mux(snap, p.scaleBits, mux(stepping, dqCnt.sub(1).resize(dqCnt.width).asUnsigned(), dqCnt)).resize(dqCnt.width));
      dqLast.set(mux(snap, lastR, dqLast));
      const deltaZero = deltaR.eq(0);
      const dqNan = m.reg('dq_nan', uint(1), { en: snap });
      dqNan.set(gNan.or(deltaZero.and(gPinf.or(gNinf))));
      const dqPinf = m.reg('dq_pinf', uint(1), { en: snap });
      dqPinf.set(gPinf);
      const dqNinf = m.reg('dq_ninf', uint(1), { en: snap });
      dqNinf.set(gNinf);

      // ---- EXACT_WIDE cross-group register
      const wide = m.reg('wide', sint(w.wideW), { reset: 0 });
      const wNan = m.reg('w_nan', uint(1), { reset: 0 });
      const wPinf = m.reg('w_pinf', uint(1), { reset: 0 });
      const wNinf = m.reg('w_ninf', uint(1), { reset: 0 });
      const contrib = outNext.resize(w.wideW).shl(dqE).resize(w.wideW);
      const wideSum = wide.add(contrib).resize(w.wideW).named('wide_sum');
      const done = stepping.and(dqFinal).named('group_done');
      const finish = done.and(dqLast);
      wide.set(mux(done, mux(dqLast, 0, wideSum), wide).resize(w.wideW));
      const sticky = (r: Signal, g: Signal): Signal => mux(done, mux(dqLast, 0, r.or(g)), r).resize(1);
      wNan.set(sticky(wNan, dqNan));
      wPinf.set(sticky(wPinf, dqPinf));
      wNinf.set(sticky(wNinf, dqNinf));

      // ---- output stage
      const finWide = m.reg('fin_wide', sint(w.wideW), { en: finish });
      finWide.set(wideSum);
      const finSch = m.reg('fin_sch', uint(16), { en: finish });
      finSch.set(dqSch);
      const fNan = m.reg('fin_nan', uint(1), { en: finish });
      fNan.set(wNan.or(dqNan));
      const fPinf = m.reg('fin_pinf', uint(1), { en: finish });
      fPinf.set(wPinf.or(dqPinf));
      const fNinf = m.reg('fin_ninf', uint(1), { en: finish });
      fNinf.set(wNinf.or(dqNinf));
      finValid.set(mux(finish, 1, mux(outReady, 0, finValid)).resize(1));
      m.output('out_valid', finValid, { doc: 'y holds a transaction result', protocol: 'valid' });

      const s = decodeFloat(m, finSch, FP16);
      const schZero = s.M.eq(0);
      const anyInf = fPinf.or(fNinf);
      const nan = fNan.or(fPinf.and(fNinf)).or(anyInf.and(schZero));
      const infNeg = fNinf.xor(s.sign);
      const sp = mux(nan, 3, mux(anyInf, mux(infNeg, 2, 1), 0)).resize(2);
      const wNeg = finWide.msb();
      const wMag = mux(wNeg, finWide.neg(), finWide).resize(w.wideW + 1).asUnsigned().resize(w.wideW); // |wide| ≤ 2^(wideW−1)
      const prodMag = wMag.mul(s.M).resize(w.wideW + 11);
      const expW = Math.max(bitLength(BigInt(w.unitShift + 25)) + 2, 8);
      const exp = s.E.toSigned().resize(expW).sub(w.unitShift + 25).resize(expW);
      const r = m.instance('u_round', round, { mag: prodMag, exp, neg: wNeg.xor(s.sign), sp });
      m.output('y', r.code!, { doc: `result, ${of.name} code` });
    },
    { doc: `BitMoD bit-serial PE: ${p.L} lanes, ${p.weightTypes.join('/')} weights, ${f.name} activations, G = ${p.G}`, params: { ...p, weightTypes: p.weightTypes.join(',') } },
  );
}
