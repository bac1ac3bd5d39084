/**
 * Stage A of a MixPE epilogue fed with fixed-point group results (INT8, and FP `EXACT_WIDE`):
 * the exact u = P_g − z·R_g and its IEEE special class, as level b golden-epilogue.ts
 * `dequantGroup` forms them. Shared by the exact epilogue (rtl-epilogue.ts) and the FP32
 * cross-group epilogue (rtl-epilogue-fp32.ts, `crossGroupAcc = FP32_RNE`).
 *
 * Contract: combinational; `u` is sint(mixpeWidths(p).u.width) (wire `u`; also `t` = z·R_g when
 * there is a zero point). Without R_g (signed weights, or a zero point folded at the column
 * edge) u = P_g and its class is P_g's. z = 0 with R_g = ±Inf makes t NaN (0 · Inf).
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { ieeeMul, ieeeSub, lazyClass, flagClass, type SpecialClass } from '../../lib/fp/special.ts';
import { mixpeWidths, type MixpeParams } from './params.ts';

export interface ExactU {
  readonly u: Signal;
  readonly special: SpecialClass;
}

export function exactGroupU(m: ModuleBuilder, p: MixpeParams, pHead: Signal, pCls: SpecialClass, rHead: Signal | null, rSp: Signal | undefined, zCur: Signal | null): ExactU {
  const w = mixpeWidths(p);
  if (rHead === null || zCur === null) return { u: m.wire('u', pHead.resize(w.u.width)), special: pCls };
  // FIXED-form R_g fits w.rg.width bits (its exact range): the z·R_g multiplier needs no more.
  const t = m.wire('t', zCur.mul(rHead.resize(Math.min(rHead.width, w.rg.width))).resize(w.zRg.width));
  const u = m.wire('u', pHead.sub(t).resize(w.u.width));
  return { u, special: zeroPointSpecial(pCls, rHead, rSp, zCur) };
}

/** IEEE class of P_g − z·R_g from P_g's class, R_g's flag and register, and z ≥ 0 (0 · Inf = NaN). */
export function zeroPointSpecial(pCls: SpecialClass, rHead: Signal, rSp: Signal | undefined, zCur: Signal): SpecialClass {
  const zCls = lazyClass({ nan: () => false, inf: () => false, zero: () => zCur.eq(0), neg: () => false });
  return ieeeSub(pCls, ieeeMul(zCls, flagClass(rSp, rHead)));
}
