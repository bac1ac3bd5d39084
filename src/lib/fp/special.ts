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
  if (a === b) return a;
  if (b === false) return bAnd(sel, a);
  if (a === false) return bAnd(bNot(sel), b);
  if (a === true) return bOr(sel, b);
  if (b === true) return bOr(bNot(sel), a);
  return bOr(bAnd(sel, a), bAnd(bNot(sel), b));
}

/** A bit as a uint(1) signal of module `m`. */
export function bSig(m: ModuleBuilder, a: Bit): Signal {
  return typeof a === 'boolean' ? m.constant(a ? 1 : 0, uint(1)) : a;
}

/**
 * What the special-value logic knows about one operand. `zero` is true only for a finite zero;
 * `neg` is the sign of an infinity or of a finite non-zero value (don't care otherwise).
 * Fields made by the helpers below are lazy and memoized: a field nobody reads emits no logic.
 */
export interface SpecialClass {
  readonly nan: Bit;
  readonly inf: Bit;
  readonly zero: Bit;
  readonly neg: Bit;
}

type Thunks = { readonly [K in keyof SpecialClass]: () => Bit };

/** A class whose fields are computed on first read (once). */
export function lazyClass(t: Thunks): SpecialClass {
  const memo: Partial<Record<keyof SpecialClass, Bit>> = {};
  const get = (k: keyof SpecialClass): Bit => (k in memo ? memo[k]! : (memo[k] = t[k]()));
  return {
    get nan() {
      return get('nan');
    },
    get inf() {
      return get('inf');
    },
    get zero() {
      return get('zero');
    },
    get neg() {
      return get('neg');
    },
  };
}

/** A finite operand with the given zero test and sign. */
export function finiteClass(zero: Bit, neg: Bit): SpecialClass {
  return { nan: false, inf: false, zero, neg };
}

function regNeg(reg: Signal | null): Bit {
  return reg === null || !reg.signed ? false : reg.msb();
}

/**
 * The class of a register with a 2-bit special flag (`flag` undefined: always finite) and a
 * finite two's-complement image `reg` (zero and sign read from it when the flag is NONE).
 */
export function flagClass(flag: Signal | undefined, reg: Signal | null): SpecialClass {
  if (flag === undefined) {
    return lazyClass({ nan: () => false, inf: () => false, zero: () => (reg === null ? false : reg.eq(0)), neg: () => regNeg(reg) });
  }
  let bits: [Signal, Signal] | undefined;
  const hi = (): Signal => (bits ??= [flag.bit(1), flag.bit(0)])[0];
  const lo = (): Signal => (bits ??= [flag.bit(1), flag.bit(0)])[1];
  const c: SpecialClass = lazyClass({
    nan: () => hi().and(lo()),
    inf: () => hi().xor(lo()),
    zero: () => (reg === null ? false : bAnd(flag.eq(0), reg.eq(0))),
    neg: () => bMux(c.inf, hi(), regNeg(reg)),
  });
  return c;
}

/** True when the class is finite (neither NaN nor Inf). */
export function isFinite(c: SpecialClass): Bit {
  return bAnd(bNot(c.nan), bNot(c.inf));
}

/** The special part `s` completed with a finite register image `reg` (its zero test and sign). */
export function withRegister(s: SpecialClass, reg: Signal): SpecialClass {
  return lazyClass({
    nan: () => s.nan,
    inf: () => s.inf,
    zero: () => {
      const fin = isFinite(s);
      return fin === false ? false : bAnd(fin, reg.eq(0));
    },
    neg: () => (s.inf === false ? regNeg(reg) : bMux(s.inf, s.neg, regNeg(reg))),
  });
}

/** The 2-bit flag of a class's special part (uint(2)), or null when it is always finite. */
export function classFlag(m: ModuleBuilder, c: SpecialClass): Signal | null {
  const infPos = c.inf === false ? false : bAnd(c.inf, bNot(c.neg));
  const infNeg = c.inf === false ? false : bAnd(c.inf, c.neg);
  const hi = bOr(c.nan, infNeg);
  const lo = bOr(c.nan, infPos);
  if (hi === false && lo === false) return null;
  return cat(bSig(m, hi), bSig(m, lo));
}

/** IEEE addition: NaN absorbs, +Inf + −Inf is NaN, an Inf dominates any finite value. */
export function ieeeAdd(a: SpecialClass, b: SpecialClass): SpecialClass {
  const c: SpecialClass = lazyClass({
    nan: () => bOr(a.nan, b.nan, a.inf === false || b.inf === false ? false : bAnd(a.inf, b.inf, bXor(a.neg, b.neg))),
    inf: () => {
      const any = bOr(a.inf, b.inf);
      return any === false ? false : bAnd(bNot(c.nan), any);
    },
    zero: () => false,
    neg: () => (a.inf === false ? b.neg : b.inf === false ? a.neg : bMux(a.inf, a.neg, b.neg)),
  });
  return c;
}

/** IEEE subtraction `a − b`. */
export function ieeeSub(a: SpecialClass, b: SpecialClass): SpecialClass {
  return ieeeAdd(a, lazyClass({ nan: () => b.nan, inf: () => b.inf, zero: () => b.zero, neg: () => bNot(b.neg) }));
}

/** IEEE multiplication: NaN absorbs, 0 · Inf is NaN, Inf · x is Inf with the XOR of the signs. */
export function ieeeMul(a: SpecialClass, b: SpecialClass): SpecialClass {
  const c: SpecialClass = lazyClass({
    nan: () =>
      bOr(a.nan, b.nan, a.inf === false ? false : bAnd(a.inf, b.zero), b.inf === false ? false : bAnd(b.inf, a.zero)),
    inf: () => {
      const any = bOr(a.inf, b.inf);
      return any === false ? false : bAnd(bNot(c.nan), any);
    },
    zero: () => false,
    neg: () => bXor(a.neg, b.neg),
  });
  return c;
}
