/**
 * FP32 accumulation with one TIES_EVEN rounding per addition: `acc ← RNE32(acc + term)` for an
 * exact term `±S · 2^(X + c)` (S unsigned integer, X an unsigned exponent signal, c a constant).
 * Used by the MixPE `FP32_RNE` group accumulator (term = an FP16 × Q product) and by the FP16
 * FMA baseline PE (term = an exact FP16 × FP16 product), bit-equal to `fpAdd(acc, term, FP32)`
 * of src/golden/float/arith.ts starting from +0.
 *
 * Contract: `fp32AddLogic(acc, t, cfg)` is combinational; `fp32Accumulator` wraps it in a
 * register with the PE beat control (`en`, `last`). Datapath: normalize the term (leading
 * one + left shift to a 24-bit significand), order the operands by magnitude, align the smaller
 * with guard, round and sticky bits (27-bit window), one add/subtract, leading-one normalize
 * (28 bits), round to nearest even, re-normalize on carry. Special values follow IEEE 754
 * (NaN absorbs, Inf − Inf = NaN, canonical NaN 0x7FC00000, an exact zero sum is +0).
 *
 * Precondition, checked by `checkFp32TermRange` at generation time: every non-zero finite term
 * is a multiple of `q = 2^(X_min + c)` with `q ≥ 2^−126`, and `maxTerms` terms cannot reach
 * 2^127. Then every accumulator value is a multiple of q (a sum below 2^24·q is exact in FP32;
 * above it the FP32 quantum is ≥ 2q), so no result is subnormal and none overflows: the adder
 * has no subnormal or overflow path, as a datapath specialized to its operand ranges would not.
 */
import { userError } from '../../diag/error.ts';
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { cat, mux, repl } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { bitLength } from '../../golden/float/dyadic.ts';
import type { FloatFormat } from '../../golden/float/format.ts';
import type { GroupControl, KulischTerm } from './kulisch.ts';
import { leadingOne } from './leading-one.ts';

/** An exact term `(−1)^neg · S · 2^(X + c)`; S = 0 for zero and non-finite terms. */
export interface Fp32Term {
  readonly S: Signal;
  readonly X: Signal;
  readonly neg: Signal;
  readonly nan: Signal;
  readonly inf: Signal;
}

/** Value ranges of the term, for the generation-time precondition check. */
export interface Fp32TermRange {
  /** The constant c of `S · 2^(X + c)`. */
  readonly c: number;
  /** Smallest and largest X of a non-zero finite term. */
  readonly xMin: number;
  readonly xMax: number;
  /** Largest S. */
  readonly sMax: bigint;
  /** Most terms one accumulation sums (the group length). */
  readonly maxTerms: number;
}

const FP32_BIAS = 127;
const FP32_MAN = 23;

/** Throws unless the range precondition of this file's header holds. */
export function checkFp32TermRange(r: Fp32TermRange, what: string): void {
  if (r.xMin + r.c < 1 - FP32_BIAS) {
    throw userError(`${what}: terms as small as 2^${r.xMin + r.c} can give FP32 subnormal sums, which the FP32 adder does not implement`);
  }
  const maxLog2 = bitLength(r.sMax * BigInt(r.maxTerms)) + r.xMax + r.c;
  if (maxLog2 > FP32_BIAS) throw userError(`${what}: ${r.maxTerms} terms can overflow FP32, which the FP32 adder does not implement`);
  if (bitLength(r.sMax) > FP32_MAN + 1) throw new RangeError(`${what}: a ${bitLength(r.sMax)}-bit term significand does not fit FP32`);
}

/** The next accumulator code `RNE32(acc + t)`; `acc` is an FP32 code (uint(32)). */
export function fp32AddLogic(acc: Signal, t: Fp32Term, c: number): Signal {
  const m = acc.m;
  const u1 = (v: number): Signal => m.constant(v, uint(1));
  // --- accumulator fields (never subnormal: see the precondition)
  const sa = acc.bit(31);
  const ea = acc.slice(30, 23);
  const fa = acc.slice(22, 0);
  const eaMax = ea.andReduce();
  const faNz = fa.orReduce();
  const aNan = eaMax.and(faNz);
  const aInf = eaMax.and(faNz.not());
  const ma = cat(ea.orReduce(), fa); // 24 bits, 0 for ±0

  // --- term: normalize S to 24 bits (msb at bit 23), FP32 field eT = X + msb(S) + (c + 127)
  const lo = leadingOne(t.S);
  const sw = t.S.width;
  const lz = m.constant(sw - 1, uint(lo.pos.width)).sub(lo.pos).trunc(lo.pos.width).asUnsigned();
  const top = sw < 24 ? cat(t.S, m.constant(0, uint(24 - sw))) : t.S;
  const mt = top.shl(lz).trunc(24).named('fa_term_sig');
  const eT = mux(lo.any, t.X.add(lo.pos).add(c + FP32_BIAS).resize(8), 0).named('fa_term_exp');

  // --- order by magnitude: (field, significand) compares like the value for normal numbers and 0
  const swap = cat(eT, mt.slice(22, 0)).gt(cat(ea, fa)).named('fa_swap');
  const eBig = mux(swap, eT, ea);
  const eSmall = mux(swap, ea, eT);
  const mBig = mux(swap, mt, ma);
  const mSmall = mux(swap, ma, mt);
  const sBig = mux(swap, t.neg, sa);
  const effSub = sa.xor(t.neg);

  // --- align the smaller significand: 27-bit window (24 + guard, round, sticky)
  const d = eBig.sub(eSmall).trunc(8).asUnsigned(); // eBig ≥ eSmall
  let v = cat(mSmall, m.constant(0, uint(3)));
  let sticky = u1(0);
  for (let k = 0; k < 5; k++) {
    const amt = 2 ** k;
    const lost = v.slice(amt - 1, 0).orReduce();
    sticky = sticky.or(d.bit(k).and(lost));
    v = mux(d.bit(k), v.shr(amt).ext(27), v);
  }
  const far = d.slice(7, 5).orReduce(); // d ≥ 32: the whole significand is sticky
  const aligned = mux(far, 0, v);
  const st = mux(far, mSmall.orReduce(), sticky);
  const small = cat(aligned.slice(26, 1), aligned.bit(0).or(st)).named('fa_small');
  const big = cat(mBig, m.constant(0, uint(3)));

  // --- big ± small as one adder (carry-in via an extra low bit); |big| ≥ |small| so ≥ 0
  // {big, 1} + {small ^ effSub…, effSub} = 2·(big ± small) + 1 (+ 2^29 when subtracting, dropped)
  const sx = small.ext(28).xor(repl(effSub, 28));
  const sum = cat(big.ext(28), u1(1)).add(cat(sx, effSub)).slice(28, 1).named('fa_sum'); // 28 bits

  // --- normalize: leading one to bit 27 (a left shift ≥ 2 only happens when the sum is exact)
  const ls = leadingOne(sum);
  const nz = m.constant(27, uint(5)).sub(ls.pos).trunc(5).asUnsigned();
  const n28 = sum.shl(nz).trunc(28).named('fa_norm');
  const sig = n28.slice(27, 4);
  const guard = n28.bit(3);
  const rest = n28.slice(2, 0).orReduce();
  const inc = guard.and(rest.or(sig.bit(0)));
  const rounded = sig.add(inc); // 25 bits
  const carry = rounded.bit(24);
  const frac = mux(carry, rounded.slice(23, 1), rounded.slice(22, 0));
  // result field = eBig + 1 − nz + carry (in 1 … 254 by the precondition)
  const eR = eBig.add(1).add(carry).sub(nz).resize(8).asUnsigned();
  const finite = mux(ls.any, cat(sBig, eR, frac.slice(22, 0)), 0).named('fa_finite');

  // --- special values
  const nan = aNan.or(t.nan).or(aInf.and(t.inf).and(effSub)).named('fa_nan');
  const isInf = aInf.or(t.inf);
  const infSign = mux(aInf, sa, t.neg);
  const infCode = cat(infSign, m.constant(0xff, uint(8)), m.constant(0, uint(23)));
  return mux(nan, m.constant(0x7fc00000, uint(32)), mux(isInf, infCode, finite));
}

/**
 * Registered FP32 accumulator with the PE timing of rtl-pe-interface.ts (latency 0):
 * `next = RNE32(acc + term)` is combinational (the group sum during its last beat); on `en`
 * the register takes `last ? +0 : next`; `rst` clears it to +0.
 */
export function fp32Accumulator(m: ModuleBuilder, ctl: GroupControl, t: Fp32Term, c: number): { readonly next: Signal } {
  const acc = m.reg('acc', uint(32), { reset: 0, en: ctl.en });
  const next = fp32AddLogic(acc, t, c).named('acc_next');
  acc.set(mux(ctl.last, m.constant(0, uint(32)), next));
  return { next };
}

/** A MixPE product (Kulisch form `S << (E − 1)` at LSB 2^quantumExp) as an FP32 term. */
export function kulischTermAsFp32(t: KulischTerm, f: FloatFormat): { term: Fp32Term; c: number } {
  return { term: { S: t.S, X: t.E, neg: t.neg, nan: t.nan, inf: t.inf }, c: -f.bias - f.manBits };
}
