/**
 * The EXACT_WIDE (Kulisch) group accumulator of the W4A16 datapath (specs/mixpe.md §5,
 * src/pe/mixpe/golden-group.ts): a two's-complement fixed-point register with LSB
 * 2^quantumExp(activation) (2^−24 for FP16), into which each term `±S · 2^(E − bias − manBits)`
 * enters as `±S << (E − 1)`, plus a three-bit IEEE special-value state beside it.
 *
 * Contract: on a cycle with `valid`, the register becomes `(first ? 0 : acc) ± (S << (E − 1))`
 * and the flags `(first ? NONE : flags) ⊕ term` with IEEE addition semantics (NaN absorbs,
 * +Inf + −Inf = NaN, a non-finite term adds 0 to the integer register). `out_valid` is high the
 * cycle after a `valid && last` beat; the register then holds the exact group sum. No rounding,
 * no truncation: the caller sizes `accW` to the exact worst case (`mixpeWidths(p).groupAccW`).
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { cat, repl } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';

/** One term entering the accumulator. */
export interface KulischTerm {
  /** Significand, unsigned (0 for non-finite terms). */
  readonly S: Signal;
  /** Exponent `E` (≥ 1), unsigned: the term is placed at bit `E − 1`. */
  readonly E: Signal;
  /** Term sign. */
  readonly neg: Signal;
  readonly nan: Signal;
  readonly inf: Signal;
}

/** Control of one beat. */
export interface GroupControl {
  /** A term arrives this cycle. */
  readonly valid: Signal;
  /** The term is the first of a group: the register restarts from 0 (flags from NONE). */
  readonly first: Signal;
  /** The term is the last of a group: `outValid` is high next cycle. */
  readonly last: Signal;
}

/** The accumulator's registers. */
export interface KulischState {
  /** The exact sum, sint(accW), value `acc · 2^lsbExp`. */
  readonly acc: Signal;
  /** The sum is NaN. */
  readonly nan: Signal;
  /** The sum is +Inf. */
  readonly pinf: Signal;
  /** The sum is −Inf. */
  readonly ninf: Signal;
  /** High the cycle after the last term of a group: `acc` and the flags hold the group sum. */
  readonly outValid: Signal;
}

/**
 * Build the accumulator in `m` (which must have a clock and reset). `placedW` bounds the placed
 * term `S << (E − 1)` of every finite term (the barrel shifter keeps only these bits; terms with
 * a larger E are non-finite and have S = 0). Register names get `prefix`.
 */
export function kulischAccumulator(m: ModuleBuilder, ctl: GroupControl, t: KulischTerm, accW: number, placedW: number, prefix = ''): KulischState {
  const E1 = t.E.sub(1).trunc(t.E.width).asUnsigned(); // E − 1 ≥ 0 (E ≥ 1 by construction)
  const shifted = t.S.shl(E1);
  const placed = (shifted.width > placedW ? shifted.trunc(placedW) : shifted).named(`${prefix}placed`);
  if (placed.width + 1 > accW) throw new RangeError(`kulischAccumulator: a ${placed.width}-bit placed term does not fit sint(${accW})`);

  const acc = m.reg(`${prefix}acc`, sint(accW), { en: ctl.valid });
  const fNan = m.reg(`${prefix}flag_nan`, uint(1), { en: ctl.valid });
  const fPinf = m.reg(`${prefix}flag_pinf`, uint(1), { en: ctl.valid });
  const fNinf = m.reg(`${prefix}flag_ninf`, uint(1), { en: ctl.valid });
  const outValid = m.reg(`${prefix}out_valid_r`, uint(1), { reset: 0 });

  const keep = ctl.first.not();
  const base = acc.and(repl(keep, accW).asSigned()); // (first ? 0 : acc)
  // acc ± placed as ONE adder: {base, 1} + {placed ^ neg…neg, neg}, then drop the LSB. The low
  // bit 1 + neg carries neg into bit 1, completing the two's-complement negation ~placed + 1.
  const px = placed.toSigned().xor(repl(t.neg, placed.width + 1).asSigned());
  const lhs = cat(base, m.constant(1, uint(1))).asSigned();
  const rhs = cat(px, t.neg).asSigned();
  const next = lhs.add(rhs).slice(accW, 1).asSigned();
  acc.set(next);

  // IEEE addition of the special state and the term.
  const bNan = fNan.and(keep);
  const bPinf = fPinf.and(keep);
  const bNinf = fNinf.and(keep);
  const pinf = bPinf.or(t.inf.and(t.neg.not()));
  const ninf = bNinf.or(t.inf.and(t.neg));
  const nan = bNan.or(t.nan).or(pinf.and(ninf)).named(`${prefix}next_nan`);
  fNan.set(nan);
  fPinf.set(pinf.and(nan.not()));
  fNinf.set(ninf.and(nan.not()));
  outValid.set(ctl.valid.and(ctl.last));
  return { acc, nan: fNan, pinf: fPinf, ninf: fNinf, outValid };
}
