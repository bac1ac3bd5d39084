/**
 * The MixPE dequantization epilogue for `accMode = FP32_RNE` (specs/mixpe.md §5: "t = z·R_g,
 * u = P_g − t, v = s_g · u, Y ← Y + v for g ascending, each rounded to FP32"), the RTL twin of
 * level b golden-epilogue.ts `dequantFp32` / `outputAdd` / `outputFinal`. Same ports, control and
 * pipeline as rtl-epilogue.ts (one group result per cycle, rows in order):
 *
 *   stage A (consume): INT8 activations: t = z·R_g and u = P_g − t are exact integers (rtl-epilogue-u.ts; |u| < 2^24,
 *                      so FP32 represents them and rounding them to FP32 changes nothing; a zero u
 *                      is +0, as IEEE gives for P_g − z·R_g), v = RNE32(s_g · u).
 *                      FP activations: P_g, R_g are FP32 codes from the PEs; t = RNE32(z · R_g),
 *                      u = RNE32(P_g − t), v = RNE32(s_g · u)                      → v_b
 *   stage B:           Y ← RNE32(Y + v), an FP32 code per row in the rotating chain; group 0
 *                      starts from +0                                             → y_c (final)
 *   stage C:           y = s_x · Y exact (INT8), or Y                              → *_d
 *   stage D:           the one output rounding (outputFormat, outputRound, outputOverflow) → y
 * `dequantUnit = BIT_SERIAL`: the significand product of v is formed bit-serially (as in
 * rtl-epilogue.ts; `a_step`, `a_out`), then rounded; the result is the same.
 * Every operation is lib fp ieee-op.ts on the shared round unit: IEEE specials (NaN absorbs,
 * Inf − Inf and 0 · Inf are NaN, canonical NaN) and signed zeros (a zero product has the XOR sign,
 * an exact zero sum is +0 unless both operands are −0).
 */
import { module, type ModuleDef, type ModuleBuilder } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { FP32, totalBits } from '../../golden/float/format.ts';
import { decodeFloat } from '../../lib/fp/decode.ts';
import { alignedAdd, exactFixed, exactInt, exactMul, exactOf, roundExact, type ExactValue } from '../../lib/fp/ieee-op.ts';
import { classFlag, flagClass } from '../../lib/fp/special.ts';
import { exactGroupU } from './rtl-epilogue-u.ts';
import { dequantCycles, mixpeFormat, mixpeWidths, type MixpeParams } from './params.ts';
import { serialMultiplier } from '../../lib/arith/serial-mul.ts';
import type { MixpePe } from './rtl-pe-interface.ts';
import { epilogueInputs, regEn, type EpilogueOptions } from './rtl-epilogue-ports.ts';


/** FP32 TIES_EVEN, IEEE overflow: every internal FP32_RNE operation. */
function rne32(m: ModuleBuilder, name: string, x: ExactValue): Signal {
  return roundExact(m, name, x, FP32, 'TIES_EVEN', 'IEEE');
}

export function fp32EpilogueModule(p: MixpeParams, pe: MixpePe, opts: EpilogueOptions = {}): ModuleDef {
  const sf = mixpeFormat(p.scaleFormat);
  const of = mixpeFormat(p.outputFormat);
  const isInt = p.activation === 'INT8';
  const depth = opts.depth ?? p.rows;
  const direct = opts.direct ?? false;
  const w = mixpeWidths(p);
  const serial = dequantCycles(p) > 1;
  const name = `mixpe_epilogue_r${depth}${direct ? 'd' : ''}_${p.weightSigned ? 's' : 'u'}${p.weightBits}_${p.activation.toLowerCase()}_${!isInt && pe.pgForm !== 'FP32' ? `acc${p.accW}` : ''}fp32_${sf.name.toLowerCase()}_${of.name.toLowerCase()}${serial ? `_bs${dequantCycles(p)}` : ''}`;
  return module(
    name,
    (m) => {
      const { pHead, pSp, rHead, rSp, sCur, zCur, consume, aStep, aOut, shiftB, firstB, capC, sxC, capD, capO } = epilogueInputs(m, p, pe, opts);
      const s = exactOf(m, decodeFloat(m, sCur, sf, 's'), sf);

      // ---- stage A: t, u, v ----
      let u: ExactValue;
      if (pe.pgForm !== 'FP32') {
        // Fixed-point group sums (INT8; FP with crossGroupAcc FP32_RNE): u = P_g − z·R_g exact.
        // INT8: |u| < 2^24 is an FP32 integer, so it enters v as it is; FP: rounded once to FP32
        // ("FP32 u").
        const ex = exactGroupU(m, p, pHead, flagClass(pSp, null), rHead, rSp, zCur);
        const uExact = exactFixed(m, ex.u, w.pg.lsbExp ?? 0, ex.special);
        u = isInt ? uExact : exactOf(m, decodeFloat(m, rne32(m, 'r_u', uExact), FP32, 'u'), FP32);
      } else {
        const dP = decodeFloat(m, pHead, FP32, 'pg');
        let uCode: Signal = pHead;
        if (rHead !== null && zCur !== null) {
          const t = rne32(m, 'r_t', exactMul(exactInt(m, zCur), exactOf(m, decodeFloat(m, rHead, FP32, 'rg'), FP32)));
          uCode = rne32(m, 'r_u', alignedAdd(m, 'sub_u', dP, decodeFloat(m, t, FP32, 't'), FP32, true));
        }
        u = exactOf(m, decodeFloat(m, m.wire('u', uCode), FP32, 'u'), FP32);
      }
      let vB: Signal;
      if (!serial) {
        vB = regEn(m, 'v_b', rne32(m, 'r_v', exactMul(s, u)), consume);
      } else {
        // BIT_SERIAL: the exact significand product |u| · M_s bit-serially (lib arith
        // serial-mul.ts), its exponent, sign and class held beside it, rounded when it is complete.
        const ex = exactMul(s, u);
        const mag = serialMultiplier(m, 'bs', { load: consume, step: aStep!, x: u.mag, y: s.mag });
        const held: ExactValue = {
          mag,
          exp: regEn(m, 'vexp_a', ex.exp, consume),
          neg: regEn(m, 'vneg_a', ex.neg, consume),
          cls: flagClass(regEn(m, 'vsp_a', classFlag(m, ex.cls) ?? m.constant(0, uint(2)), consume), null),
        };
        vB = regEn(m, 'v_b', rne32(m, 'r_v', held), aOut!);
      }

      // ---- stage B: Y ← RNE32(Y + v) in a rotating chain (row 0 at the head) ----
      const chain = Array.from({ length: depth }, (_, r) => m.reg(`y_${r}`, uint(32), { en: shiftB }));
      const yOld = m.wire('y_old', mux(firstB, m.constant(0, uint(32)), chain[0]!));
      const yNew = rne32(m, 'r_y', alignedAdd(m, 'add_y', decodeFloat(m, yOld, FP32, 'yo'), decodeFloat(m, vB, FP32, 'vb'), FP32, false));
      chain.forEach((r, i) => r.set(i + 1 < depth ? chain[i + 1]! : yNew));
      const yC = regEn(m, 'y_c', yNew, capC);

      // ---- stage C: y = s_x · Y exact (INT8) or Y ----
      const yv = exactOf(m, decodeFloat(m, yC, FP32, 'yc'), FP32);
      const xf = mixpeFormat(p.actScaleFormat);
      const pre = sxC === null ? yv : exactMul(exactOf(m, decodeFloat(m, sxC, xf, 'sx'), xf), yv);
      const magD = regEn(m, 'mag_d', pre.mag, capD);
      const expD = regEn(m, 'exp_d', pre.exp, capD);
      const negD = regEn(m, 'neg_d', pre.neg, capD);
      const spD = regEn(m, 'sp_d', classFlag(m, pre.cls) ?? m.constant(0, uint(2)), capD);

      // ---- stage D: the one output rounding ----
      const code = roundExact(m, 'round', { mag: magD, exp: expD, neg: negD, cls: flagClass(spD, null) }, of, p.outputRound, p.outputOverflow);
      m.output('y', regEn(m, 'y_q', code, capO), { doc: `output element (${of.name} code)` });
    },
    { doc: `MixPE column epilogue, FP32_RNE: t, u, v and Y each rounded to FP32 (TIES_EVEN), one ${of.name} rounding` },
  );
}
