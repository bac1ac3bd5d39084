/**
 * Special-value logic of the MixPE RTL (docs/mixpe.md "Special values"): a 2-bit flag beside
 * each fixed-point register follows IEEE 754 through P_g, R_g, t, u, v, Y and y, exactly as the
 * level-b model's `SpecialFlag` does (golden-group.ts `addSpecial`, golden-epilogue.ts).
 *
 * Contract: `Bit` is a 1-bit signal or a constant boolean; every helper folds constants, so a
 * path whose operands are known finite (INT8 group sums) emits no logic at all. `SpecialClass`
 * describes one operand; `ieeeAdd/Sub/Mul` give the class of the result's special part.
 *
 * Flag encoding (also the `pg_sp` port of an FP PE, see rtl-pe-interface.ts):
 *   0 = finite (NONE), 1 = +Inf, 2 = −Inf, 3 = NaN.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { cat } from '../../dsl/ops.ts';
import { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';

/** A 1-bit signal, or a constant known at elaboration. */
export type Bit = Signal | boolean;

export function bNot(a: Bit): Bit {
  return typeof a === 'boolean' ? !a : a.not();
}

export function bAnd(...xs: Bit[]): Bit {
  if (xs.some((x) => x === false)) return false;
  const sigs = xs.filter((x): x is Signal => x !== true);
  if (sigs.length === 0) return true;
  return sigs.reduce((a, b) => a.and(b));
}

export function bOr(...xs: Bit[]): Bit {
  if (xs.some((x) => x === true)) return true;
  const sigs = xs.filter((x): x is Signal => x !== false);
  if (sigs.length === 0) return false;
  return sigs.reduce((a, b) => a.or(b));
}

export function bXor(a: Bit, b: Bit): Bit {
  if (typeof a === 'boolean' && typeof b === 'boolean') return a !== b;
  if (typeof a === 'boolean') return a ? (b as Signal).not() : b;
  if (typeof b === 'boolean') return b ? a.not() : a;
  return a.xor(b);
}

/** `sel ? a : b` on bits. */
export function bMux(sel: Bit, a: Bit, b: Bit): Bit {
  if (typeof sel === 'boolean') return sel ? a : b;
  return bOr(bAnd(sel, a), bAnd(bNot(sel), b));
}

/** A bit as a uint(1) signal of module `m`. */
export function bSig(m: ModuleBuilder, a: Bit): Signal {
  return typeof a === 'boolean' ? m.constant(a ? 1 : 0, uint(1)) : a;
}

/**
 * What the special-value logic knows about one operand. `zero` is true only for a finite zero;
 * `neg` is the sign of an infinity or of a finite non-zero value (don't care otherwise).
 */
export interface SpecialClass {
  readonly nan: Bit;
  readonly inf: Bit;
  readonly zero: Bit;
  readonly neg: Bit;
}

/** A finite operand with the given zero test and sign. */
export function finiteClass(zero: Bit, neg: Bit): SpecialClass {
  return { nan: false, inf: false, zero, neg };
}

/**
 * The class of a register with a 2-bit special flag (`flag` undefined: always finite) and a
 * finite two's-complement image `reg` (zero and sign read from it when the flag is NONE).
 */
export function flagClass(flag: Signal | undefined, reg: Signal | null): SpecialClass {
  const zero: Bit = reg === null ? false : reg.eq(0);
  const regNeg: Bit = reg === null || !reg.signed ? false : reg.msb();
  if (flag === undefined) return finiteClass(zero, regNeg);
  const nan = flag.bit(1).and(flag.bit(0));
  const inf = flag.bit(1).xor(flag.bit(0));
  const special = flag.orReduce();
  return { nan, inf, zero: bAnd(bNot(special), zero), neg: bMux(inf, flag.bit(1), regNeg) };
}

/** The 2-bit flag of a class's special part (uint(2)), or null when it is always finite. */
export function classFlag(m: ModuleBuilder, c: SpecialClass): Signal | null {
  const hi = bOr(c.nan, bAnd(c.inf, c.neg));
  const lo = bOr(c.nan, bAnd(c.inf, bNot(c.neg)));
  if (hi === false && lo === false) return null;
  return cat(bSig(m, hi), bSig(m, lo));
}

/** The special part `s` completed with a finite register image `reg` (its zero test and sign). */
export function withRegister(s: SpecialClass, reg: Signal): SpecialClass {
  const fin = isFinite(s);
  return { nan: s.nan, inf: s.inf, zero: bAnd(fin, reg.eq(0)), neg: bMux(s.inf, s.neg, reg.signed ? reg.msb() : false) };
}

/** IEEE addition: NaN absorbs, +Inf + −Inf is NaN, an Inf dominates any finite value. */
export function ieeeAdd(a: SpecialClass, b: SpecialClass): SpecialClass {
  const nan = bOr(a.nan, b.nan, bAnd(a.inf, b.inf, bXor(a.neg, b.neg)));
  return { nan, inf: bAnd(bNot(nan), bOr(a.inf, b.inf)), zero: false, neg: bMux(a.inf, a.neg, b.neg) };
}

/** IEEE subtraction `a − b`. */
export function ieeeSub(a: SpecialClass, b: SpecialClass): SpecialClass {
  return ieeeAdd(a, { ...b, neg: bNot(b.neg) });
}

/** IEEE multiplication: NaN absorbs, 0 · Inf is NaN, Inf · x is Inf with the XOR of the signs. */
export function ieeeMul(a: SpecialClass, b: SpecialClass): SpecialClass {
  const nan = bOr(a.nan, b.nan, bAnd(a.inf, b.zero), bAnd(b.inf, a.zero));
  return { nan, inf: bAnd(bNot(nan), bOr(a.inf, b.inf)), zero: false, neg: bXor(a.neg, b.neg) };
}

/** True when the class is finite (neither NaN nor Inf). */
export function isFinite(c: SpecialClass): Bit {
  return bAnd(bNot(c.nan), bNot(c.inf));
}
