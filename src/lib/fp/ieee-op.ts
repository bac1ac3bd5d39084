/**
 * IEEE 754 operations rounded once into a float format (lowbit-hdl/lib fp), bit for bit the golden
 * `fpAdd` / `fpSub` / `fpMul` / `fpRound` of src/golden/float/arith.ts: the exact result (or, for
 * an addition, a value that rounds identically) is formed as `(−1)^neg · mag · 2^exp` with a
 * special class, then `roundExact` rounds it with the shared `fpRoundUnit` (round.ts) and applies
 * the IEEE signed-zero rule the round unit leaves out (it gives +0 for a zero magnitude).
 *
 * Blocks (all combinational):
 * - `exactOf(m, d, f)`: a decoded code (decode.ts) as an exact operand.
 * - `exactInt(m, v)`: a two's-complement integer as an exact operand (+0 for 0).
 * - `exactFixed(m, v, lsbExp, special)`: a fixed-point register `v · 2^lsbExp` with a special class.
 * - `exactMul(a, b)`: the exact product (magnitudes multiplied, exponents added, sign XOR, IEEE
 *   specials: NaN absorbs, 0 · Inf is NaN). A zero product has the XOR sign.
 * - `alignedAdd(m, a, b, f, subtract)`: `a ± b` of two codes of the same format `f`, in a window
 *   of (manBits + 1) + 3 bits: the larger magnitude at the top, the smaller shifted right with
 *   guard, round and sticky bits, one add or subtract. With an exponent difference ≥ 2 the result
 *   keeps its leading one within the top two window bits, so every bit it drops sits below the
 *   rounding position of any result (normal or subnormal) and the sticky bit decides exactly; with a
 *   difference ≤ 1 nothing is dropped. Subnormal operands need no normalization: if the larger is
 *   subnormal so is the smaller (equal exponent fields, exact). Zero sign (round-to-nearest): an
 *   exact zero sum is +0, except (−0) + (−0) = −0.
 * - `roundExact(m, name, x, format, round, overflow)`: one rounding into `format`.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { cat, mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';
import { totalBits, type FloatFormat } from '../../golden/float/format.ts';
import type { OverflowMode } from '../../golden/float/encode.ts';
import type { RoundMode } from '../../golden/rounding.ts';
import { shiftRightLogical } from '../arith/shift.ts';
import type { FpFields } from './decode.ts';
import { fpRoundUnit } from './round.ts';
import { bAnd, bNot, bSig, classFlag, finiteClass, ieeeAdd, ieeeMul, lazyClass, withRegister, type SpecialClass } from './special.ts';

/** An exact value `(−1)^neg · mag · 2^exp` (finite part) with its special class. */
export interface ExactValue {
  /** Unsigned magnitude (0 for zeros; don't care when the class is NaN or Inf). */
  readonly mag: Signal;
  /** Signed exponent of mag's LSB. */
  readonly exp: Signal;
  /** Sign of the value, also the sign of a zero. */
  readonly neg: Signal;
  /** Special class (NaN, Inf and its sign; `zero` for a finite zero). */
  readonly cls: SpecialClass;
}

/** Signed width holding every integer in [lo, hi]. */
function sw(lo: number, hi: number): number {
  let w = 2;
  while (-(2 ** (w - 1)) > lo || hi > 2 ** (w - 1) - 1) w++;
  return w;
}

/** A decoded code of format `f` as an exact operand: `M · 2^(E − bias − manBits)`. */
export function exactOf(m: ModuleBuilder, d: FpFields, f: FloatFormat): ExactValue {
  const off = -f.bias - f.manBits;
  const w = sw(1 + off, 2 ** f.expBits - 1 + off);
  return { mag: d.M, exp: d.E.ext(w).toSigned().add(off).resize(w), neg: d.sign, cls: d.cls };
}

/** A two's-complement integer as an exact operand (exponent 0; its zero is +0). */
export function exactInt(m: ModuleBuilder, v: Signal): ExactValue {
  if (!v.signed) {
    return { mag: v, exp: m.constant(0, sint(2)), neg: m.constant(0, uint(1)), cls: finiteClass(v.eq(0), false) };
  }
  const neg = v.msb();
  const mag = mux(neg, v.neg(), v.ext(v.width + 1)).trunc(v.width).asUnsigned();
  return { mag, exp: m.constant(0, sint(2)), neg, cls: finiteClass(v.eq(0), neg) };
}

/**
 * A two's-complement fixed-point register `v · 2^lsbExp` as an exact operand, with the special
 * class of a flag beside it (`special`: NaN and ±Inf override the register; its zero is +0).
 */
export function exactFixed(m: ModuleBuilder, v: Signal, lsbExp: number, special: SpecialClass): ExactValue {
  const i = exactInt(m, v);
  const cls = withRegister(special, v);
  return { mag: i.mag, exp: m.constant(lsbExp, sint(Math.max(2, Math.abs(lsbExp).toString(2).length + 1))), neg: bSig(m, cls.neg), cls };
}

/** The exact product `a · b` (IEEE specials; a zero product carries the XOR sign). */
export function exactMul(a: ExactValue, b: ExactValue): ExactValue {
  const ew = Math.max(a.exp.width, b.exp.width) + 1;
  return {
    mag: a.mag.mul(b.mag),
    exp: a.exp.ext(ew).add(b.exp.ext(ew)).resize(ew),
    neg: a.neg.xor(b.neg),
    cls: ieeeMul(a.cls, b.cls),
  };
}

/** The decoded fields `alignedAdd` reads (`E` and `M` as decodeFloat makes them for format `f`). */
export type AddOperand = Pick<FpFields, 'E' | 'M' | 'sign' | 'cls'>;

/** `a + b` (or `a − b`) of two codes of format `f`, as a value that rounds like the exact sum (see the header). */
export function alignedAdd(m: ModuleBuilder, name: string, a: AddOperand, b: AddOperand, f: FloatFormat, subtract: boolean): ExactValue {
  const sb = subtract ? b.sign.not() : b.sign;
  const bCls = subtract ? lazyClass({ nan: () => b.cls.nan, inf: () => b.cls.inf, zero: () => b.cls.zero, neg: () => bNot(b.cls.neg) }) : b.cls;
  const sig = f.manBits + 1;
  const swap = m.wire(`${name}_swap`, cat(b.E, b.M).gt(cat(a.E, a.M)));
  const eBig = mux(swap, b.E, a.E);
  const eSmall = mux(swap, a.E, b.E);
  const mBig = mux(swap, b.M, a.M);
  const mSmall = mux(swap, a.M, b.M);
  const sBig = mux(swap, sb, a.sign);
  const effSub = a.sign.xor(sb);
  const d = eBig.sub(eSmall).trunc(f.expBits).asUnsigned();
  const al = shiftRightLogical(cat(mSmall, m.constant(0, uint(3))), d);
  const small = m.wire(`${name}_small`, cat(al.value.slice(sig + 2, 1), al.value.bit(0).or(al.sticky)));
  const big = cat(mBig, m.constant(0, uint(3)));
  // |big| ≥ |small|, so the difference is never negative.
  const sum = m.wire(`${name}_sum`, mux(effSub, big.ext(sig + 4).sub(small.ext(sig + 4)), big.ext(sig + 4).add(small.ext(sig + 4))).trunc(sig + 4).asUnsigned());
  const off = -f.bias - f.manBits - 3;
  const ew = sw(1 + off, 2 ** f.expBits - 1 + off);
  const exp = eBig.ext(ew).toSigned().add(off).resize(ew);
  // Exact zero sum: +0, except (−0) + (−0) (both zero, both negative after the subtraction's flip).
  const bothNegZero = bAnd(a.cls.zero, b.cls.zero, a.sign, sb);
  const neg = mux(sum.eq(0), bSig(m, bothNegZero), sBig);
  return { mag: sum, exp, neg: m.wire(`${name}_neg`, neg), cls: ieeeAdd(a.cls, bCls) };
}

/** Round `x` once into `format` (fpRoundUnit), with the IEEE sign of an exact zero. Returns the code. */
export function roundExact(m: ModuleBuilder, name: string, x: ExactValue, format: FloatFormat, round: RoundMode, overflow: OverflowMode): Signal {
  const unit = fpRoundUnit({ magW: x.mag.width, expW: Math.max(2, x.exp.width), format, round, overflow });
  const sp = classFlag(m, x.cls) ?? m.constant(0, uint(2));
  const code = m.instance(name, unit, { mag: x.mag, exp: x.exp, neg: x.neg, sp }).code!;
  const n = totalBits(format);
  // The round unit gives +0 for a zero magnitude; IEEE keeps the sign of an exact zero.
  const negZero = m.wire(`${name}_nz`, sp.eq(0).and(x.mag.eq(0)).and(x.neg));
  return m.wire(`${name}_code`, mux(negZero, m.constant(1n << BigInt(n - 1), uint(n)), code));
}
