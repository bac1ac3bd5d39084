/**
 * BitMoD column stage (specs/bitmod.md §5, §6.4 interface, §6.5): one per array column, shared by
 * the column's `rows` PEs (rtl-pe.ts). It holds what the PEs of a column have in common:
 *
 * 1. Term generator: the column's weight slot (L codes, the group's datatype id) is registered on
 *    `accept`; `laneTerms` (rtl-terms.ts) gives the terms of term index `tcnt`, broadcast down the
 *    column (`t_s<i>`, `t_e<i>`, `t_m<i>`, `w_neg<i>`, `w_zero<i>`).
 * 2. Δ serializer: on `snap` the slot's Δ moves into a shift register whose MSB is `dq_bit`, one
 *    bit per `dq_step` (the PEs' bit-serial dequantizers run in lockstep); `Δ = 0` is remembered
 *    for the Inf · 0 rule.
 * 3. Collector, time-shared by the column's PEs: on each `col_step` (row `col_row`, rows in order)
 *    it adds PE row r's dequantized group result `g_m · 2^(g_e − unitShift)` into row r's
 *    cross-group state — `EXACT_WIDE`: an exact `wideW`-bit register; `FP32_RNE`: an FP32 code,
 *    as level b: the group result is first rounded to FP32 (`r = RNE32(g)`, lib `roundExact`:
 *    subnormals, overflow to ±Inf), then `acc ← RNE32(acc + r)` (lib `alignedAdd` + `roundExact`,
 *    IEEE: ±Inf, +Inf + −Inf = NaN) — and ORs its sticky Inf/NaN flags. The R states form a rotating
 *    register file: the head is always the row being collected, so no R-way read mux is needed.
 *    On the transaction's last group (`col_last`) the sum goes to the output register `fin` and
 *    the row's state restarts at 0.
 * 4. Output: on `y_shift` (the cycle after each last-group `col_step`) `s_ch · fin` is rounded
 *    once (`TIES_EVEN`, IEEE overflow, lib `fpRoundUnit`) into the output format and shifted into
 *    the row-result shift register `y_r<r>`; after `rows` shifts `y_r<r>` is row r's result.
 *    An FP32 `fin` may be subnormal; an Inf/NaN `fin` joins the groups' special flags.
 *
 * `s_ch` is registered with the slot and again at `snap` (the next transaction's beats may enter
 * before this one's output is rounded). Bit for bit level b (golden-dot.ts) for each row.
 */
import { module, type ModuleBuilder, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux, select } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';
import { bitLength } from '../../golden/float/dyadic.ts';
import { FP16, FP32, totalBits } from '../../golden/float/format.ts';
import { decodeFloat } from '../../lib/fp/decode.ts';
import { alignedAdd, exactInt, roundExact } from '../../lib/fp/ieee-op.ts';
import { fpRoundUnit } from '../../lib/fp/round.ts';
import { bitmodWidths, outputFloatFormat, type BitmodParams } from './params.ts';
import { bitmodPeName, checkBitmodRtl } from './rtl-pe.ts';
import { codeWidth, laneTerms, svMagWidth } from './rtl-terms.ts';
import { bitsFor } from '../../lib/stream/counter.ts';


export function bitmodColumnName(p: BitmodParams): string {
  return `bitmod_col_r${p.rows}_k${p.K}_g${p.G}_${bitmodPeName(p).replace(/^bitmod_pe_/, '')}_${p.crossGroupAcc === 'EXACT_WIDE' ? 'xw' : 'f32'}_${p.outputFormat.toLowerCase()}`;
}

/** Bits of the mode index (multi-type builds). */
export const modeWidth = (p: BitmodParams): number => bitsFor(p.weightTypes.length - 1);

/** Build the column module. */
export function bitmodColumn(p: BitmodParams): ModuleDef {
  checkBitmodRtl(p);
  const w = bitmodWidths(p);
  const of = outputFloatFormat(p);
  const cw = codeWidth(p);
  const svM = svMagWidth(p);
  const R = p.rows;
  const mixture = p.weightTypes.some((t) => t === 'FP4' || t === 'FP3');
  const propagate = p.specialPolicy === 'PROPAGATE';
  const exact = p.crossGroupAcc === 'EXACT_WIDE';
  // Output rounding: s_ch (11-bit significand) times the cross-group sum.
  const sumMagW = exact ? w.wideW : 24;
  const expW = exact ? Math.max(bitLength(BigInt(w.unitShift + 25)) + 2, 8) : 11;
  const round = fpRoundUnit({ magW: sumMagW + 11, expW, format: of, round: 'TIES_EVEN', overflow: 'IEEE' });
  return module(
    bitmodColumnName(p),
    (m: ModuleBuilder) => {
      const accept = m.input('accept', uint(1), { doc: 'the array takes a beat: register the slot' });
      const ws = Array.from({ length: p.L }, (_, i) => m.input(`w${i}`, uint(cw), { doc: `lane ${i} weight code` }));
      const dtIn = m.input('dt', uint(2), { doc: 'datatype id of the group' });
      const deltaIn = m.input('delta', uint(p.scaleBits), { doc: 'unsigned group scale Δ' });
      const schIn = m.input('sch', uint(16), { doc: 's_ch, FP16 code' });
      const mode = p.weightTypes.length > 1 ? m.input('mode', uint(modeWidth(p)), { doc: `weight type of the slot: index into ${p.weightTypes.join(', ')}` }) : null;
      const tcnt = m.input('tcnt', uint(2), { doc: 'term index within the slot' });
      const sv = mixture ? [0, 1, 2, 3].map((j) => m.input(`sv${j}`, uint(1 + svM), { doc: `SV register entry ${j}, {sign, magnitude}` })) : [];
      const snap = m.input('snap', uint(1), { doc: "the step of the group's last term" });
      const dqStep = m.input('dq_step', uint(1), { doc: 'a dequantizer cycle' });
      const colStep = m.input('col_step', uint(1), { doc: "collect row col_row's group result" });
      const colLast = m.input('col_last', uint(1), { doc: "the collected group is the transaction's last" });
      const colRow = R > 1 ? m.input('col_row', uint(bitsFor(R - 1)), { doc: 'row being collected' }) : null;
      const yShift = m.input('y_shift', uint(1), { doc: 'round fin into the row-result shift register' });
      const pes = Array.from({ length: R }, (_, r) => ({
        gm: m.input(`g_m_r${r}`, sint(w.deqW), { doc: `row ${r} PE: dequantized group result` }),
        ge: m.input(`g_e_r${r}`, uint(w.accExpW), { doc: `row ${r} PE: its exponent` }),
        nan: propagate ? m.input(`g_nan_r${r}`, uint(1), { doc: `row ${r} PE: NaN flag` }) : null,
        pinf: propagate ? m.input(`g_pinf_r${r}`, uint(1), { doc: `row ${r} PE: +Inf flag` }) : null,
        ninf: propagate ? m.input(`g_ninf_r${r}`, uint(1), { doc: `row ${r} PE: −Inf flag` }) : null,
      }));

      // ---- 1. slot and term generator
      const wr = ws.map((x, i) => {
        const r = m.reg(`slot_w${i}`, uint(cw), { en: accept });
        r.set(x);
        return r;
      });
      const dtR = m.reg('slot_dt', uint(2), { en: accept });
      dtR.set(dtIn);
      const deltaR = m.reg('slot_delta', uint(p.scaleBits), { en: accept });
      deltaR.set(deltaIn);
      const schR = m.reg('slot_sch', uint(16), { en: accept });
      schR.set(schIn);
      const terms = laneTerms(m, p, wr, dtR, mode, tcnt, sv);
      terms.forEach((t, i) => {
        m.output(`t_s${i}`, t.sign, { doc: `lane ${i} term sign` });
        m.output(`t_e${i}`, t.exp, { doc: `lane ${i} term exponent` });
        m.output(`t_m${i}`, t.man, { doc: `lane ${i} term mantissa` });
        if (propagate) {
          m.output(`w_neg${i}`, t.wNeg, { doc: `lane ${i} weight is negative` });
          m.output(`w_zero${i}`, t.wZero, { doc: `lane ${i} weight is zero` });
        }
      });

      // ---- 2. Δ serializer
      const dqSh = m.reg('dq_delta', uint(p.scaleBits), { reset: 0 });
      dqSh.set(mux(snap, deltaR, mux(dqStep, dqSh.shl(1).resize(p.scaleBits), dqSh)).resize(p.scaleBits));
      m.output('dq_bit', dqSh.msb(), { doc: 'bit of Δ for this dequantizer cycle, MSB first' });
      const dz = m.reg('dq_dzero', uint(1), { en: snap });
      dz.set(deltaR.eq(0));
      const dqSch = m.reg('dq_sch', uint(16), { en: snap });
      dqSch.set(schR);

      // ---- 3. collector: rotating per-row state, head = the row being collected
      const pick = (f: (x: (typeof pes)[number]) => Signal): Signal => (colRow ? select(colRow, pes.map(f)) : f(pes[0]!));
      const gm = pick((x) => x.gm);
      const ge = pick((x) => x.ge);
      const stW = exact ? w.wideW : 32;
      const st = Array.from({ length: R }, (_, r) => m.reg(`acc_r${r}`, exact ? sint(stW) : uint(stW), { reset: 0, en: colStep }));
      const head = st[0]!;
      let next: Signal;
      if (exact) {
        next = head.add(gm.resize(w.wideW).shl(ge).resize(w.wideW)).resize(w.wideW).named('wide_sum');
      } else {
        // Level b: r = RNE32(g_m · 2^(g_e − unitShift)) (IEEE: subnormal, overflow to ±Inf), acc = RNE32(acc + r).
        const gx = exactInt(m, gm);
        const xW = bitsFor(Math.max(w.unitShift, w.maxAccE)) + 2;
        const gv = { ...gx, exp: ge.ext(xW).toSigned().sub(w.unitShift).resize(xW) };
        const r32 = roundExact(m, 'u_g32', gv, FP32, 'TIES_EVEN', 'IEEE');
        const sumX = alignedAdd(m, 'f32_add', decodeFloat(m, head, FP32), decodeFloat(m, r32, FP32), FP32, false);
        next = roundExact(m, 'u_acc32', sumX, FP32, 'TIES_EVEN', 'IEEE').named('f32_sum');
      }
      const stNext = mux(colLast, 0, next).resize(stW);
      st.forEach((r, i) => r.set(i === R - 1 ? (exact ? stNext.asSigned() : stNext) : st[i + 1]!));
      const flagState = (name: string, g: Signal): Signal => {
        const regs = Array.from({ length: R }, (_, r) => m.reg(`${name}_r${r}`, uint(1), { reset: 0, en: colStep }));
        const sum = regs[0]!.or(g);
        regs.forEach((r, i) => r.set(i === R - 1 ? mux(colLast, 0, sum).resize(1) : regs[i + 1]!));
        return sum;
      };
      const finLoad = colStep.and(colLast);
      const fin = m.reg('fin', exact ? sint(stW) : uint(stW), { en: finLoad });
      fin.set(next);
      const zero = m.constant(0, uint(1));
      let fNan: Signal = zero;
      let fPinf: Signal = zero;
      let fNinf: Signal = zero;
      if (propagate) {
        const gp = pick((x) => x.pinf!);
        const gn = pick((x) => x.ninf!);
        const nanNow = flagState('c_nan', pick((x) => x.nan!).or(dz.and(gp.or(gn))));
        const pinfNow = flagState('c_pinf', gp);
        const ninfNow = flagState('c_ninf', gn);
        const hold = (name: string, v: Signal): Signal => {
          const r = m.reg(name, uint(1), { en: finLoad });
          r.set(v);
          return r;
        };
        fNan = hold('fin_nan', nanNow);
        fPinf = hold('fin_pinf', pinfNow);
        fNinf = hold('fin_ninf', ninfNow);
      }

      // ---- 4. output: s_ch · fin, one rounding, into the row-result shift register
      const s = decodeFloat(m, dqSch, FP16);
      const schZero = s.M.eq(0);
      // FP32_RNE: fin may be ±Inf (an overflow, IEEE) or NaN (+Inf + −Inf): specials like the groups' flags.
      const f32 = exact ? null : decodeFloat(m, fin, FP32, 'fin');
      const sumPinf = f32 ? f32.inf.and(f32.sign.not()) : zero;
      const sumNinf = f32 ? f32.inf.and(f32.sign) : zero;
      const pinf = fPinf.or(sumPinf);
      const ninf = fNinf.or(sumNinf);
      const anyInf = pinf.or(ninf);
      const nan = fNan.or(f32 ? f32.nan : zero).or(pinf.and(ninf)).or(anyInf.and(schZero));
      const sp = mux(nan, 3, mux(anyInf, mux(ninf.xor(s.sign), 2, 1), 0)).resize(2);
      let mag: Signal;
      let exp: Signal;
      let neg: Signal;
      if (exact) {
        neg = fin.msb();
        const fMag = mux(neg, fin.neg(), fin).resize(w.wideW + 1).asUnsigned().resize(w.wideW); // |wide| ≤ 2^(wideW−1)
        mag = fMag.mul(s.M).resize(w.wideW + 11);
        exp = s.E.toSigned().resize(expW).sub(w.unitShift + 25).resize(expW);
      } else {
        const f = f32!; // finite here (normal or subnormal: M · 2^(E − 150)); specials go through sp
        neg = f.sign;
        mag = f.M.mul(s.M).resize(24 + 11);
        exp = f.E.toSigned().resize(expW).add(s.E.toSigned().resize(expW)).sub(FP32.bias + FP32.manBits + 25).resize(expW);
      }
      const rr = m.instance('u_round', round, { mag, exp, neg: neg.xor(s.sign), sp });
      const ow = totalBits(of);
      const ys = Array.from({ length: R }, (_, r) => m.reg(`yq_r${r}`, uint(ow), { en: yShift }));
      ys.forEach((y, r) => {
        y.set(r === R - 1 ? rr.code! : ys[r + 1]!);
        m.output(`y_r${r}`, y, { doc: `row ${r} result, ${of.name} code (after rows y_shift steps)` });
      });
    },
    { doc: `BitMoD column stage: term generator, Δ serializer, ${p.crossGroupAcc} collector and ${p.outputFormat} output for ${R} PEs`, params: { rows: R, K: p.K, G: p.G, crossGroupAcc: p.crossGroupAcc, outputFormat: p.outputFormat } },
  );
}
