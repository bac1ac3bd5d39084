/**
 * Per-column dequantization epilogue of the MixPE array (specs/mixpe.md §2.2, §3, §5, §6), the
 * RTL twin of level b golden-epilogue.ts for `accMode = EXACT_WIDE`. It accepts one group result
 * per cycle, rows in order 0 … rows−1, from its column's P_g drain chain and the shared R_g chain:
 *
 *   stage A (consume): t = z·R_g, u = P_g − t, v = ±u · M_s exact (INT × FP16 significand,
 *                      negated for a negative finite s_g; the scale exponent E_s is carried as
 *                      the shift E_s − 1)                                       → regs *_b
 *   stage B:           Y ← Y + (v << (E_s − 1)), exact fixed point, LSB 2^outAcc.lsbExp; Y of
 *                      each row lives in a rotating chain of `rows` registers (row 0 at the
 *                      head); the first group starts from 0; a two-group tile (SHARED_MULT)
 *                      keeps u_0 in the chain instead and recomputes v_0 = ±u_0 · M_s0 here (s_0
 *                      comes with the item, rtl-epilogue-ports.ts storesU0)     → regs *_c (final)
 *   stage C:           y = s_x · Y exact: |Y| · M_x with exponent lsbExp + E_x − bias − man
 *                      (FP activations: y = Y)                                  → regs *_d
 *   stage D:           the one output rounding (src/lib/fp/round.ts, outputRound/outputOverflow) → y
 *
 * `accMode = BLOCK_ALIGN` (INT8 activations only) replaces stage B by level b's block-aligned
 * output accumulator (golden-block.ts): v is normalized to a `termW`-bit term N with ceiling
 * T = (E_s − 1) + msb(|v|) + 1; each row keeps acc, the running maximum T and an empty flag; a
 * larger T re-aligns acc by an arithmetic (FLOOR) right shift, the term ±N·2^guard is FLOOR-shifted
 * to the maximum and added; zero and non-finite terms leave the register unchanged. Stage C then
 * carries Y's exponent T + 1 − bias − man − termW − guard into the rounding.
 *
 * `dequantUnit = BIT_SERIAL` replaces the stage A multiplier by a bit-serial unit (src/lib/arith
 * serial-mul.ts): `consume` loads ±u and M_s, `a_step` does one shift-and-add per remaining
 * significand bit, `a_out` moves the exact product into stage B (one item every `dequantCycles(p)`
 * cycles; the controller sequences it). Results are unchanged, bit for bit.
 * `accMode = FP32_RNE` is rtl-epilogue-fp32.ts (same ports and pipeline; `epilogueModule` hands over).
 *
 * Special flags follow IEEE through t, u, v, Y and y exactly as level b (src/lib/fp/special.ts).
 * Widths come from `mixpeWidths(p)`; each narrowing is lossless by its range bound.
 * Contract: control inputs are the enables of each register stage (from rtl-control.ts); this
 * module has no valid bits of its own.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';
import { activationFormat, dequantCycles, fp32AcrossGroups, mixpeFormat, mixpeWidths, type MixpeParams } from './params.ts';
import { exactGroupU, zeroPointSpecial } from './rtl-epilogue-u.ts';
import { serialMultiplier } from '../../lib/arith/serial-mul.ts';
import { checkRtlParams } from './rtl-support.ts';
import { fp32EpilogueModule } from './rtl-epilogue-fp32.ts';
import { epilogueInputs, regEn, type EpilogueOptions } from './rtl-epilogue-ports.ts';

export type { EpilogueOptions } from './rtl-epilogue-ports.ts';
import type { MixpePe } from './rtl-pe-interface.ts';
import { decodeFloat } from '../../lib/fp/decode.ts';
import { fpRoundUnit } from '../../lib/fp/round.ts';
import { blockAddLogic } from '../../lib/fp/block-acc.ts';
import {
  classFlag,
  flagClass,
  ieeeAdd,
  ieeeMul,
  withRegister,
  type SpecialClass,
} from '../../lib/fp/special.ts';

/** Signed width holding every integer in [lo, hi]. */
function sw(lo: number, hi: number): number {
  let w = 1;
  while (-(2 ** (w - 1)) > lo || hi > 2 ** (w - 1) - 1) w++;
  return w;
}

/** Geometry of the final product y = s_x · Y fed to the rounding unit. */
export interface FinalGeometry {
  readonly magW: number;
  readonly expW: number;
  /** exp = E_x + expOffset (INT8), or the constant expOffset (FP). */
  readonly expOffset: number;
}

/**
 * Width of the BLOCK_ALIGN ceiling register T = T_u + (E_s − 1) + msb(|v|) + 1 (unsigned), where
 * T_u is the block ceiling of u (FP activations: max of P_g's and R_g's `pg_e`; INT8: 0).
 */
export function blockTopWidth(p: MixpeParams): number {
  const sf = mixpeFormat(p.scaleFormat);
  const tuMax = p.activation === 'INT8' ? 0 : 2 ** activationFormat(p).expBits - 3 + mixpeWidths(p).sigW;
  const tMax = tuMax + 2 ** sf.expBits - 2 + mixpeWidths(p).outAcc.termW!;
  return Math.ceil(Math.log2(tMax + 1));
}

export function finalGeometry(p: MixpeParams): FinalGeometry {
  const w = mixpeWidths(p);
  if (p.accMode === 'BLOCK_ALIGN' && p.activation !== 'INT8') {
    // FP: y = acc · 2^(T + c − tw − guard), c = (1 − bias_a − man_a − sigW − guard) + (1 − bias_s − man_s):
    // u's LSB is T_u + 1 − bias_a − man_a − sigW − guard (the group block), v adds the scale's exponent.
    const sf = mixpeFormat(p.scaleFormat);
    const af = activationFormat(p);
    const c = 1 - af.bias - af.manBits - w.sigW - p.guardBits + 1 - sf.bias - sf.manBits;
    const off = c - w.outAcc.termW! - p.guardBits;
    return { magW: w.outAcc.width, expW: sw(off, off + 2 ** blockTopWidth(p) - 1), expOffset: off };
  }
  if (p.accMode === 'BLOCK_ALIGN') {
    // INT8: y = s_x · acc · 2^(T + 1 − bias_s − man_s − tw − guard), exp = E_x + T + offset.
    const sf = mixpeFormat(p.scaleFormat);
    const xf = mixpeFormat(p.actScaleFormat);
    const off = 1 - sf.bias - sf.manBits - w.outAcc.termW! - p.guardBits - xf.bias - xf.manBits;
    const hi = off + 2 ** xf.expBits - 1 + 2 ** blockTopWidth(p) - 1;
    return { magW: w.outAcc.width + xf.manBits + 1, expW: sw(off, hi), expOffset: off };
  }
  const outLsb = w.outAcc.lsbExp!;
  if (p.activation !== 'INT8') return { magW: w.outAcc.width, expW: sw(outLsb, outLsb), expOffset: outLsb };
  const xf = mixpeFormat(p.actScaleFormat);
  const off = outLsb - xf.bias - xf.manBits;
  const eMax = 2 ** xf.expBits - 1;
  return { magW: w.outAcc.width + xf.manBits + 1, expW: sw(off + 1, off + eMax), expOffset: off };
}

export function epilogueModule(p: MixpeParams, pe: MixpePe, opts: EpilogueOptions = {}): ModuleDef {
  checkRtlParams(p);
  if (fp32AcrossGroups(p)) return fp32EpilogueModule(p, pe, opts);
  const w = mixpeWidths(p);
  const sf = mixpeFormat(p.scaleFormat);
  const of = mixpeFormat(p.outputFormat);
  const isInt = p.activation === 'INT8';
  const outW = w.outAcc.width;
  const block = p.accMode === 'BLOCK_ALIGN';
  const serial = dequantCycles(p) > 1;
  const geo = finalGeometry(p);
  const depth = opts.depth ?? p.rows;
  const direct = opts.direct ?? false;
  const round = fpRoundUnit({ magW: geo.magW, expW: geo.expW, format: of, round: p.outputRound, overflow: p.outputOverflow });
  const name = `mixpe_epilogue_r${depth}${direct ? 'd' : ''}_${p.weightSigned ? 's' : 'u'}${p.weightBits}_acc${p.accW}_y${outW}_${of.name.toLowerCase()}${serial ? `_bs${dequantCycles(p)}` : ''}`;
  return module(
    name,
    (m) => {
      const { pHead, pSp, rHead, rSp, pE, rE, sCur, zCur, sPrev, consume, aStep, aOut, shiftB, firstB, capC, sxC, capD, capO } = epilogueInputs(m, p, pe, opts);
      const blockFp = pE !== null;

      // ---- stage A: t = z·R_g, u = P_g − t, v = u·M_s ----
      const pCls = flagClass(pSp, null);
      let uReg: Signal;
      let uSpecial: SpecialClass;
      // FP BLOCK_ALIGN: u's block ceiling T_u (the larger of P_g's and R_g's; an empty side is 0).
      let tU: Signal | null = pE;
      if (pE === null || rHead === null || zCur === null) {
        ({ u: uReg, special: uSpecial } = exactGroupU(m, p, pHead, pCls, rHead, rSp, zCur));
      } else {
        // FP BLOCK_ALIGN with a zero point: "dequant align", both to the larger block ceiling by
        // FLOOR (arithmetic) shifts.
        const t = m.wire('t', zCur.mul(rHead).resize(w.zRg.width));
        tU = m.wire('t_u', mux(rE!.gt(pE), rE!, pE));
        const a = m.wire('p_al', pHead.shr(tU.sub(pE).trunc(tU.width).asUnsigned()));
        const b = m.wire('t_al', t.shr(tU.sub(rE!).trunc(tU.width).asUnsigned()));
        uReg = m.wire('u', a.sub(b).resize(w.u.width));
        uSpecial = zeroPointSpecial(pCls, rHead, rSp, zCur);
      }
      const s = decodeFloat(m, sCur, sf, 's');
      const vCls = ieeeMul(s.cls, withRegister(uSpecial, uReg));
      // v = (−1)^s · u · M_s: the scale's sign negates the magnitude product (issue 10). The
      // range of u·M_s is symmetric in dequantW bits, so the negation cannot overflow.
      // Output-term ceiling base: E_s − 1 (INT8), T_u + E_s − 1 (FP BLOCK_ALIGN); built after the
      // multiplier so that the default design's wire order stays as it was.
      const shA = (): Signal => (tU ? tU.add(s.Em1).resize(blockTopWidth(p)).asUnsigned() : s.Em1);
      let vB: Signal;
      let shB: Signal;
      let vSpB: Signal;
      // Two-group tile, EXACT_WIDE, SHARED_MULT (ports `storesU0`): stage B also takes u (and its
      // flag) and s_0 of the item, so that the chain can keep u_0 instead of v_0 (see below).
      let uB: Signal | null = null;
      let uSpB: Signal | undefined;
      let s0B: Signal | null = null;
      // ±u · M_s, exact in dequantW bits (wires `<name>_mag`, `<name>`).
      const signedProduct = (name: string, u: Signal, sc: { M: Signal; neg: Signal }): Signal => {
        const mag = m.wire(`${name}_mag`, u.mul(sc.M).resize(w.dequantW));
        return m.wire(name, mux(sc.neg, mag.neg().resize(w.dequantW), mag));
      };
      if (!serial) {
        const v = signedProduct('v', uReg, s);
        vB = regEn(m, 'v_b', v, consume);
        shB = regEn(m, 'sh_b', shA(), consume);
        vSpB = regEn(m, 'vsp_b', classFlag(m, vCls)!, consume);
        if (sPrev) {
          uB = regEn(m, 'u_b', uReg, consume);
          const uFlag = classFlag(m, uSpecial);
          if (uFlag) uSpB = regEn(m, 'usp_b', uFlag, consume);
          s0B = regEn(m, 's0_b', sPrev, consume);
        }
      } else {
        // BIT_SERIAL: ±u · M_s by one shift-and-add step per scale significand bit (lib arith
        // serial-mul.ts), loaded on consume, stepped on a_step, handed to stage B on a_out.
        const ue = uReg.resize(uReg.width + 1);
        const x = m.wire('u_signed', mux(s.neg, ue.neg().resize(uReg.width + 1), ue));
        const prod = serialMultiplier(m, 'bs', { load: consume, step: aStep!, x, y: s.M });
        vB = regEn(m, 'v_b', prod.resize(w.dequantW), aOut!);
        shB = regEn(m, 'sh_b', regEn(m, 'sh_a', shA(), consume), aOut!);
        vSpB = regEn(m, 'vsp_b', regEn(m, 'vsp_a', classFlag(m, vCls)!, consume), aOut!);
      }

      const vFinite = vSpB.eq(0);
      // Two groups per tile in EXACT_WIDE (issue 10 item 5): after group 0 every output's Y is one
      // term, Y_0 = v_0 · 2^(E_s0 − 1), and v_0 = ±u_0 · M_s0 is a function of u_0 and the column's
      // s_0. SHARED_MULT: the rotating chain stores u_0 and its flag (u.width (+ 2) bits per output),
      // and group 1 recomputes v_0 from the chain head and s_0 (held per column, `sPrev`) with a
      // second multiplier, then adds v_1 exactly. BIT_SERIAL (no second multiplier): the chain
      // stores (v_0, E_s0 − 1, flag of v_0). Either way the results are the same bits (the chain
      // content of the last group is never read: the next tile's group 0 starts from 0).
      const compact = !block && p.K === 2 * p.G;
      const keepU = compact && uB !== null;
      const chainSp = keepU && !uSpB ? [] : Array.from({ length: depth }, (_, r) => m.reg(`ysp_${r}`, uint(2), { en: shiftB }));
      const chain = Array.from({ length: depth }, (_, r) => m.reg(`y_${r}`, keepU ? uB!.type : compact ? vB.type : sint(outW), { en: shiftB }));
      const chainSh = compact && !keepU ? Array.from({ length: depth }, (_, r) => m.reg(`ysh_${r}`, shB.type, { en: shiftB })) : [];
      let headY: Signal;
      let ySpOld: Signal;
      if (keepU) {
        // v_0 = ±u_0 · M_s0 with u_0's and s_0's special classes, placed at E_s0 − 1 (stage A's rules).
        const u0 = chain[0]!;
        const s0 = decodeFloat(m, s0B!, sf, 's0');
        const v0Cls = ieeeMul(s0.cls, flagClass(chainSp[0], u0));
        const v0 = signedProduct('v0', u0, s0);
        const v0Flag = m.wire('v0_sp', classFlag(m, v0Cls)!);
        headY = m.wire('y_head', mux(v0Flag.eq(0), v0.shl(s0.Em1), m.constant(0, sint(1))).resize(outW));
        ySpOld = mux(firstB, m.constant(0, uint(2)), v0Flag);
      } else {
        headY = compact ? m.wire('y_head', mux(chainSp[0]!.eq(0), chain[0]!.shl(chainSh[0]!), m.constant(0, sint(1))).resize(outW)) : chain[0]!;
        ySpOld = mux(firstB, m.constant(0, uint(2)), chainSp[0]!);
      }
      const ySpNew = m.wire('ysp_new', classFlag(m, ieeeAdd(flagClass(ySpOld, null), flagClass(vSpB, null)))!);
      chainSp.forEach((r, i) => r.set(i + 1 < depth ? chainSp[i + 1]! : keepU ? uSpB! : compact ? vSpB : ySpNew));
      const yOld = mux(firstB, m.constant(0, sint(outW)), headY);
      let yNew: Signal;
      let tC: Signal | null = null;
      if (!block) {
        // ---- stage B (EXACT_WIDE): Y ← Y + v·2^(E_s − 1), Y in a rotating chain (row 0 at the head) ----
        const placed = mux(vFinite, vB.shl(shB), m.constant(0, sint(1)));
        yNew = m.wire('y_new', yOld.add(placed).resize(outW));
      } else {
        // ---- stage B (BLOCK_ALIGN, golden-block.ts; lib fp block-acc.ts): v as a normalized
        // tw-bit term with ceiling T = shB + msb(|v|) + 1; each row's register keeps acc and the
        // running maximum T (0: empty, acc 0). ----
        const tW = blockTopWidth(p);
        const chainT = Array.from({ length: depth }, (_, r) => m.reg(`yt_${r}`, uint(tW), { en: shiftB }));
        const tOld = mux(firstB, m.constant(0, uint(tW)), chainT[0]!);
        const vNeg = vB.msb();
        const vMagB = m.wire('v_mag_b', mux(vNeg, vB.neg(), vB.ext(vB.width + 1)).trunc(w.outAcc.termW!).asUnsigned());
        const next = blockAddLogic(m, 'blk', { acc: yOld, top: tOld }, { mag: vMagB, neg: vNeg, topBase: shB, valid: vFinite }, { tw: w.outAcc.termW!, guard: p.guardBits, width: outW, topW: tW });
        yNew = m.wire('y_new', next.acc);
        chainT.forEach((r, i) => r.set(i + 1 < depth ? chainT[i + 1]! : next.top));
        tC = regEn(m, 't_c', next.top, capC);
      }
      chain.forEach((r, i) => r.set(i + 1 < depth ? chain[i + 1]! : keepU ? uB! : compact ? vB : yNew));
      chainSh.forEach((r, i) => r.set(i + 1 < depth ? chainSh[i + 1]! : shB));
      const yC = regEn(m, 'y_c', yNew, capC);
      const ySpC = regEn(m, 'ysp_c', ySpNew, capC);

      // ---- stage C: y = s_x · Y, exact ----
      const yCls = flagClass(ySpC, yC);
      const yNeg = yC.msb();
      const yMag = m.wire('y_mag', mux(yNeg, yC.neg(), yC.ext(outW + 1)).trunc(outW).asUnsigned());
      let mag: Signal;
      let neg: Signal;
      let exp: Signal;
      let preCls: SpecialClass;
      if (sxC === null) {
        mag = yMag;
        neg = yNeg;
        exp = tC === null ? m.constant(geo.expOffset, sint(geo.expW)) : m.wire('prod_exp', tC.ext(geo.expW).toSigned().add(geo.expOffset).resize(geo.expW));
        preCls = yCls;
      } else {
        const sx = decodeFloat(m, sxC, mixpeFormat(p.actScaleFormat), 'sx');
        mag = m.wire('prod_mag', yMag.mul(sx.M));
        neg = m.wire('prod_neg', yNeg.xor(sx.neg));
        // EXACT_WIDE: Y's LSB is fixed; BLOCK_ALIGN: it is T + (1 − bias − man − tw − guard).
        const e = tC === null ? sx.E.toSigned() : sx.E.toSigned().add(tC.toSigned());
        exp = m.wire('prod_exp', e.add(geo.expOffset).resize(geo.expW));
        preCls = ieeeMul(sx.cls, yCls);
      }
      const magD = regEn(m, 'mag_d', mag, capD);
      const negD = regEn(m, 'neg_d', neg, capD);
      const expD = sxC === null && tC === null ? exp : regEn(m, 'exp_d', exp, capD);
      const preFlag = classFlag(m, preCls) ?? m.constant(0, uint(2));
      const spD = regEn(m, 'sp_d', preFlag, capD);

      // ---- stage D: the one output rounding ----
      const code = m.instance('round', round, { mag: magD, exp: expD, neg: negD, sp: spD }).code!;
      m.output('y', regEn(m, 'y_q', code, capO), { doc: `output element (${of.name} code)` });
    },
    { doc: `MixPE column epilogue: dequantize at group rate, exact accumulation, one ${of.name} rounding` },
  );
}
