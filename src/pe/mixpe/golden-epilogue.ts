/**
 * MixPE level b, stages 3–5: the column epilogue (specs/mixpe.md §2.2, §3, §5, §6).
 *   3. dequantization at group rate: t = z·R_g, u = P_g − t, v = s_g · u;
 *   4. output accumulation over the groups, g ascending: Y ← Y + v;
 *   5. final: y = s_x · Y (INT8 only), rounded once into `outputFormat`.
 *
 * Contract, per `accMode` (truncation points named in quotes):
 * - `EXACT_WIDE`: every register is exact fixed point (widths from `mixpeWidths`); the only
 *   rounding is "output rounding" (`outputRound`, `outputOverflow`).
 * - `BLOCK_ALIGN`: INT8: u is exact. FP: t = z·R_g is exact in R_g's block scale; P_g and t are
 *   aligned to the larger of their block exponents by a FLOOR shift of the other ("dequant
 *   align"). v = u · M_s is exact and enters the block-aligned output accumulator as a normalized
 *   `termW`-bit term ("output re-align", "output align", both FLOOR, `guardBits`).
 * - `FP32_RNE`: t, u, v, Y each rounded to FP32 with TIES_EVEN ("FP32 t/u/v/Y"); the output
 *   rounding rounds the exact `s_x · Y` (or `Y`) once.
 * - `EXACT_WIDE` with `crossGroupAcc = FP32_RNE`: t and u exact as in EXACT_WIDE, then u, v and Y
 *   each rounded to FP32 with TIES_EVEN ("FP32 u/v/Y"), then the FP32_RNE output rounding.
 * The multiply v = s_g · u is exact in every mode: `SHARED_MULT` multiplies u by the scale
 * significand M_s; `BIT_SERIAL` adds the shifted copies of u gated by the bits of M_s; the sign
 * of a finite s_g then negates the product (v = (−1)^s · u · M_s · 2^(E_s − bias − man)).
 * Signed weights have no zero point: t is absent and u = P_g.
 * Specials: in the fixed-point modes a flag follows IEEE 754 through t, u, v, Y and y (0·Inf and
 * Inf − Inf are NaN; z = 0 with R_g = ±Inf gives NaN); the finite registers are fed 0 for a
 * non-finite operand. Every zero of a fixed-point register is +0. `FP32_RNE` is IEEE throughout.
 */
import { fpAdd, fpMul, fpRound, fpSub } from '../../golden/float/arith.ts';
import { absD, addD, DYADIC_ZERO, mulD, type Dyadic } from '../../golden/float/dyadic.ts';
import { significandOf } from '../../golden/float/decode.ts';
import { encodeValue, roundingErrorBound } from '../../golden/float/encode.ts';
import { FP32, type FloatFormat } from '../../golden/float/format.ts';
import { POS_ZERO, finiteFromDyadic, toDyadic, type FloatValue } from '../../golden/float/value.ts';
import {
  BLOCK_EMPTY,
  blockAdd,
  blockLsbExp,
  floorShift,
  normalizeTerm,
  type BlockConfig,
  type BlockState,
  type BlockTerm,
} from './golden-block.ts';
import { addSpecial, specialValue, type GroupSum, type SpecialFlag } from './golden-group.ts';
import { actScaleValue, scaleValue, toBig, type Scalar } from './golden-inputs.ts';
import { fp32AcrossGroups, mixpeFormat, mixpeWidths, type MixpeParams } from './params.ts';

/** Register image of one dequantized group result. */
export type DequantReg =
  /** `EXACT_WIDE` (any activation) and INT8 `BLOCK_ALIGN` u: integers in units of `2^…LsbExp`. */
  | {
      readonly kind: 'FIXED' | 'BLOCK';
      readonly t: bigint;
      readonly u: bigint;
      readonly uLsbExp: number | null;
      readonly v: bigint;
      readonly vLsbExp: number | null;
      readonly special: SpecialFlag;
    }
  /** `FP32_RNE`: FP32 codes (t null for signed weights, and with crossGroupAcc FP32_RNE, where t is exact). */
  | { readonly kind: 'FP32'; readonly t: bigint | null; readonly u: bigint; readonly v: bigint };

export interface DequantTerm {
  /** z·R_g (null for signed weights). */
  readonly t: FloatValue | null;
  /** P_g − z·R_g. */
  readonly u: FloatValue;
  /** s_g · u, the group's contribution to Y. */
  readonly v: FloatValue;
  /** Bound on |v − s_g·(P_g − z·R_g)| over exact group sums (all roundings so far). */
  readonly err: Dyadic;
  readonly reg: DequantReg;
  /** `BLOCK_ALIGN`: v as the normalized term entering the output accumulator. */
  readonly term?: BlockTerm;
}

/** IEEE result when an operand is non-finite, else null. */
function specialOp(op: 'add' | 'sub' | 'mul', a: FloatValue, b: FloatValue): FloatValue | null {
  if (a.kind === 'finite' && b.kind === 'finite') return null;
  const f = op === 'add' ? fpAdd : op === 'sub' ? fpSub : fpMul;
  return f(a, b, FP32).value;
}

function flagOf(v: FloatValue): SpecialFlag {
  return v.kind === 'nan' ? 'NAN' : v.kind === 'inf' ? (v.neg ? 'NEG_INF' : 'POS_INF') : 'NONE';
}

function checkFits(v: bigint, width: number, what: string): void {
  const lim = 1n << BigInt(width - 1);
  if (v < -lim || v >= lim) throw new Error(`internal: ${what} = ${v} overflows its ${width}-bit register`);
}

/**
 * The exact dequantization product `u · M_s`: `SHARED_MULT` is one multiplier; `BIT_SERIAL`
 * accumulates `u << j` for every set bit j of M_s, LSB first, one bit per cycle.
 */
export function dequantMultiply(u: bigint, Ms: bigint, p: MixpeParams): bigint {
  if (p.dequantUnit === 'SHARED_MULT') return u * Ms;
  let acc = 0n;
  for (let j = 0; Ms >> BigInt(j) !== 0n; j++) if ((Ms >> BigInt(j)) & 1n) acc += u << BigInt(j);
  return acc;
}

/**
 * Fields of the scale s_g: its value, significand magnitude `Ms`, the sign `neg` of a finite
 * scale and its exponent. The value is `(−1)^neg · Ms · 2^exp`: a finite negative scale scales
 * with its sign (issue 10); a −0 scale gives v = 0, a +0 register (fixed-point zeros are +0).
 */
function scaleFields(s: Scalar, p: MixpeParams): { val: FloatValue; Ms: bigint; neg: boolean; exp: number } {
  const f = mixpeFormat(p.scaleFormat);
  const val = scaleValue(s, p);
  if (val.kind !== 'finite') return { val, Ms: 0n, neg: false, exp: 0 };
  const { M, E } = significandOf(s, f);
  return { val, Ms: M, neg: val.neg, exp: E - f.bias - f.manBits };
}

/** Finite register contents of a fixed-point group sum: `acc · 2^lsbExp` (lsbExp null: empty block). */
function regOf(g: GroupSum): { acc: bigint; lsbExp: number | null } {
  const r = g.reg;
  if (r.kind === 'INT') return { acc: r.acc, lsbExp: 0 };
  if (r.kind === 'FIXED' || r.kind === 'BLOCK') return { acc: r.acc, lsbExp: r.lsbExp };
  throw new Error('internal: FP32 group sum in a fixed-point epilogue');
}

/** Stage 3: dequantize one group result of one (m, n). `R` is null for signed weights. */
export function dequantGroup(P: GroupSum, R: GroupSum | null, s: Scalar, z: Scalar, p: MixpeParams): DequantTerm {
  const zv = toBig(z, 'z');
  if (p.weightSigned !== (R === null)) throw new RangeError('dequantGroup: R_g is required exactly for unsigned weights');
  if (p.weightSigned && zv !== 0n) throw new RangeError('dequantGroup: signed weights have z = 0');
  const zVal = finiteFromDyadic({ mant: zv, exp: 0 });
  const sc = scaleFields(s, p);
  if (p.accMode === 'FP32_RNE') return dequantFp32(P, R, zVal, sc.val);

  const w = mixpeWidths(p);
  const pr = regOf(P);
  let tReg = 0n;
  let uReg: bigint;
  let uLsb: number | null;
  let err: Dyadic = P.err;
  if (R === null) {
    uReg = pr.acc;
    uLsb = pr.lsbExp;
  } else {
    const rr = regOf(R);
    tReg = zv * rr.acc;
    checkFits(tReg, w.zRg.width, 'z·R_g');
    err = addD(err, mulD({ mant: zv, exp: 0 }, R.err));
    if (pr.lsbExp === rr.lsbExp || rr.lsbExp === null || pr.lsbExp === null) {
      // Same scale (always so for INT8 and EXACT_WIDE), or one side empty (value 0).
      uLsb = pr.lsbExp ?? rr.lsbExp;
      uReg = (pr.lsbExp === null ? 0n : pr.acc) - (rr.lsbExp === null ? 0n : tReg);
    } else {
      // BLOCK_ALIGN, FP: align both to the larger block exponent ("dequant align", FLOOR).
      uLsb = Math.max(pr.lsbExp, rr.lsbExp);
      const a = floorShift(pr.acc, uLsb - pr.lsbExp);
      const b = floorShift(tReg, uLsb - rr.lsbExp);
      if (a.lossy || b.lossy) err = addD(err, { mant: 1n, exp: uLsb });
      uReg = a.v - b.v;
    }
  }
  checkFits(uReg, w.u.width, 'u = P_g − z·R_g');
  // The magnitude product u · M_s, then the scale's sign: v = (−1)^s · u · M_s.
  const vMag = dequantMultiply(uReg, sc.Ms, p);
  const vReg = sc.neg ? -vMag : vMag;
  checkFits(vReg, w.dequantW, 'dequantization product');
  const vLsb = uLsb === null ? null : uLsb + sc.exp;
  // Special-value flags (IEEE through t, u, v).
  const uFinite = finiteFromDyadic(uLsb === null ? DYADIC_ZERO : { mant: uReg, exp: uLsb });
  const tVal = R === null ? null : (specialOp('mul', zVal, R.value) ?? finiteFromDyadic({ mant: tReg, exp: 0 }));
  const uVal = tVal === null ? (specialValue(flagOf(P.value)) ?? uFinite) : (specialOp('sub', P.value, tVal) ?? uFinite);
  if (p.crossGroupAcc === 'FP32_RNE') return dequantExactToFp32(tVal, uVal, err, sc.val);
  const vFinite = finiteFromDyadic(vLsb === null ? DYADIC_ZERO : { mant: vReg, exp: vLsb });
  const vVal = specialOp('mul', sc.val, uVal) ?? vFinite;
  const vErr = sc.val.kind === 'finite' ? mulD(absD(toDyadic(sc.val)), err) : DYADIC_ZERO;
  const kind = p.accMode === 'BLOCK_ALIGN' ? 'BLOCK' : 'FIXED';
  const reg: DequantReg = { kind, t: tReg, u: uReg, uLsbExp: uLsb, v: vReg, vLsbExp: vLsb, special: flagOf(vVal) };
  const term =
    p.accMode === 'BLOCK_ALIGN' && vLsb !== null
      ? normalizeTerm(vReg < 0n, vReg < 0n ? -vReg : vReg, vLsb, w.outAcc.termW!)
      : undefined;
  return { t: tVal, u: uVal, v: vVal, err: vErr, reg, term };
}

function roundStep(r: { exact: FloatValue; value: FloatValue; inexact: boolean }): Dyadic {
  return r.inexact && r.value.kind === 'finite' ? roundingErrorBound(r.exact, FP32, 'TIES_EVEN') : DYADIC_ZERO;
}

function absScale(v: FloatValue): Dyadic {
  return v.kind === 'finite' ? absD(toDyadic(v)) : DYADIC_ZERO;
}

function fp32Code(v: FloatValue): bigint {
  return encodeValue(v, FP32).code;
}

function dequantFp32(P: GroupSum, R: GroupSum | null, zVal: FloatValue, sVal: FloatValue): DequantTerm {
  let t: FloatValue | null = null;
  let u: FloatValue = P.value;
  let uErr = P.err;
  if (R !== null) {
    const tr = fpMul(zVal, R.value, FP32);
    t = tr.value;
    const tErr = addD(mulD(absScale(zVal), R.err), roundStep(tr));
    const ur = fpSub(P.value, t, FP32);
    u = ur.value;
    uErr = addD(addD(P.err, tErr), roundStep(ur));
  }
  const vr = fpMul(sVal, u, FP32);
  return {
    t,
    u,
    v: vr.value,
    err: addD(mulD(absScale(sVal), uErr), roundStep(vr)),
    reg: { kind: 'FP32', t: t === null ? null : fp32Code(t), u: fp32Code(u), v: fp32Code(vr.value) },
  };
}

/**
 * `crossGroupAcc = FP32_RNE`: u = P_g − z·R_g exact (the fixed-point path above), rounded once
 * to FP32 ("FP32 u"), then v = RNE32(s_g · u) ("FP32 v"); Y then follows the FP32_RNE rules.
 */
function dequantExactToFp32(t: FloatValue | null, uExact: FloatValue, uErr: Dyadic, sVal: FloatValue): DequantTerm {
  const ur = fpRound(uExact, FP32);
  const vr = fpMul(sVal, ur.value, FP32);
  return {
    t,
    u: ur.value,
    v: vr.value,
    err: addD(mulD(absScale(sVal), addD(uErr, roundStep(ur))), roundStep(vr)),
    reg: { kind: 'FP32', t: null, u: fp32Code(ur.value), v: fp32Code(vr.value) },
  };
}

// ---------------------------------------------------------------------------------------------
// Stage 4: output accumulator

/** Register image of the output accumulator. */
export type OutputReg =
  /** `EXACT_WIDE`: exact fixed point `acc · 2^lsbExp`. */
  | { readonly kind: 'FIXED'; readonly acc: bigint; readonly lsbExp: number; readonly special: SpecialFlag }
  /** `BLOCK_ALIGN`: block accumulator (`top` = running maximum term ceiling, unbiased). */
  | { readonly kind: 'BLOCK'; readonly acc: bigint; readonly top: number | null; readonly lsbExp: number | null; readonly special: SpecialFlag }
  /** `FP32_RNE`: FP32 code. */
  | { readonly kind: 'FP32'; readonly code: bigint };

export interface OutputState {
  /** The value Y the register stands for. */
  readonly value: FloatValue;
  /** Bound on |Y − exact Σ_g s_g (P_g − z R_g)|. */
  readonly err: Dyadic;
  readonly reg: OutputReg;
  readonly block?: BlockState;
}

export function outputBlockConfig(p: MixpeParams): BlockConfig {
  const w = mixpeWidths(p);
  return { tw: w.outAcc.termW!, guard: p.guardBits, width: w.outAcc.width };
}

/** The cleared output accumulator (+0). */
export function outputInit(p: MixpeParams): OutputState {
  if (fp32AcrossGroups(p)) return { value: POS_ZERO, err: DYADIC_ZERO, reg: { kind: 'FP32', code: 0n } };
  if (p.accMode === 'BLOCK_ALIGN') {
    return {
      value: POS_ZERO,
      err: DYADIC_ZERO,
      reg: { kind: 'BLOCK', acc: 0n, top: null, lsbExp: null, special: 'NONE' },
      block: BLOCK_EMPTY,
    };
  }
  const lsbExp = mixpeWidths(p).outAcc.lsbExp!;
  return { value: POS_ZERO, err: DYADIC_ZERO, reg: { kind: 'FIXED', acc: 0n, lsbExp, special: 'NONE' } };
}

/** Stage 4: `Y ← Y + v` for the next group (g ascending). */
export function outputAdd(st: OutputState, d: DequantTerm, p: MixpeParams): OutputState {
  if (fp32AcrossGroups(p)) {
    const r = fpAdd(st.value, d.v, FP32);
    return { value: r.value, err: addD(addD(st.err, d.err), roundStep(r)), reg: { kind: 'FP32', code: fp32Code(r.value) } };
  }
  const prevSpecial = st.reg.kind === 'FP32' ? 'NONE' : st.reg.special;
  const special = addSpecial(prevSpecial, d.v.kind, d.v.kind === 'inf' ? d.v.neg : false);
  if (p.accMode === 'BLOCK_ALIGN') {
    const cfg = outputBlockConfig(p);
    const bs = d.term && d.v.kind === 'finite' ? blockAdd(st.block!, d.term, cfg) : st.block!;
    const lsbExp = blockLsbExp(bs, cfg);
    const value = specialValue(special) ?? finiteFromDyadic(lsbExp === null ? DYADIC_ZERO : { mant: bs.acc, exp: lsbExp });
    const err = addD(addD(st.err, d.err), subErr(bs.err, st.block!.err));
    return { value, err, reg: { kind: 'BLOCK', acc: bs.acc, top: bs.top, lsbExp, special }, block: bs };
  }
  const reg = st.reg as Extract<OutputReg, { kind: 'FIXED' }>;
  let acc = reg.acc;
  if (d.v.kind === 'finite' && d.reg.kind !== 'FP32' && d.reg.vLsbExp !== null) {
    acc += d.reg.v << BigInt(d.reg.vLsbExp - reg.lsbExp); // wired at bit E_s − 1 of the output register
    checkFits(acc, mixpeWidths(p).outAcc.width, 'output accumulator');
  }
  const value = specialValue(special) ?? finiteFromDyadic({ mant: acc, exp: reg.lsbExp });
  return { value, err: addD(st.err, d.err), reg: { kind: 'FIXED', acc, lsbExp: reg.lsbExp, special } };
}

/** New rounding bound added by the last block step (the block state's bound only grows). */
function subErr(now: Dyadic, before: Dyadic): Dyadic {
  return addD(now, { mant: -before.mant, exp: before.exp });
}

// ---------------------------------------------------------------------------------------------
// Stage 5: final scale and output rounding

/** One output element of level b. */
export interface MixpeOutput {
  /** Output code in `outputFormat` (NaN: the canonical quiet NaN). */
  readonly code: bigint;
  /** The value of `code`. */
  readonly value: FloatValue;
  /** The exact value fed to the output rounding (`s_x · Y` for INT8, `Y` otherwise). */
  readonly preRound: FloatValue;
  /** `|value − level a| ≤ bound` (rule R3); null when the output or `preRound` is not finite or overflowed. */
  readonly bound: Dyadic | null;
  /** Bound on |preRound − level a| (everything before the output rounding); null if not finite. */
  readonly preBound: Dyadic | null;
  /** The output rounding overflowed (to Inf, NaN-less max, or saturated). */
  readonly overflow: boolean;
  /** Register image of the output accumulator Y after the last group (before s_x and rounding). */
  readonly yReg: OutputReg;
}

/** Stage 5: apply s_x (INT8; `sx` is its code, null for FP activations) and round once. */
export function outputFinal(st: OutputState, sx: Scalar | null, p: MixpeParams): MixpeOutput {
  const out: FloatFormat = mixpeFormat(p.outputFormat);
  const opts = { round: p.outputRound, overflow: p.outputOverflow };
  if ((p.activation === 'INT8') !== (sx !== null)) throw new RangeError('outputFinal: s_x is required exactly for INT8');
  const sxVal = sx === null ? null : actScaleValue(sx, p);
  let pre: FloatValue;
  let preErr: Dyadic;
  let r: { value: FloatValue; exact: FloatValue; inexact: boolean; overflow: boolean };
  if (fp32AcrossGroups(p)) {
    r = sxVal === null ? fpRound(st.value, out, opts) : fpMul(sxVal, st.value, out, opts);
    pre = r.exact;
    preErr = sxVal === null ? st.err : mulD(absScale(sxVal), st.err);
  } else {
    if (sxVal === null) pre = st.value;
    else pre = specialOp('mul', sxVal, st.value) ?? finiteFromDyadic(mulD(toDyadic(sxVal), toDyadic(st.value)));
    preErr = sxVal === null ? st.err : mulD(absScale(sxVal), st.err);
    r = { ...fpRound(pre, out, opts) };
  }
  const enc = encodeValue(r.value, out);
  const finite = pre.kind === 'finite' && r.value.kind === 'finite' && !r.overflow;
  return {
    code: enc.code,
    value: enc.value,
    preRound: pre,
    bound: finite ? addD(preErr, roundingErrorBound(pre, out, p.outputRound)) : null,
    preBound: pre.kind === 'finite' ? preErr : null,
    overflow: r.overflow,
    yReg: st.reg,
  };
}
