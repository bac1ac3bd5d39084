/**
 * The EXACT_WIDE (Kulisch) group accumulator of the W4A16 datapath (specs/mixpe.md §5,
 * src/pe/mixpe/golden-group.ts): a two's-complement fixed-point register with LSB
 * 2^quantumExp(activation) (2^−24 for FP16), into which each term `±S · 2^(E − bias − manBits)`
 * enters as `±S << (E − 1)`, plus a 2-bit IEEE special flag beside it (special.ts encoding:
 * 0 finite, 1 +Inf, 2 −Inf, 3 NaN).
 *
 * Contract (the PE timing of rtl-pe-interface.ts, latency 0): `next = acc ± (S << (E − 1))`
 * and `nextSp = sp | termSp` are combinational; on a cycle with `en` the registers take
 * `last ? 0 : next` (so a group's sum is `next` during its last beat and the next group starts
 * from 0 without a lost cycle); `rst` clears them. Area [design note]: the registers have no
 * enable. Without `en` the term is gated to 0 (`S & en`, the special flag masked), so
 * `next = acc` and the register reloads its own value: one AND per significand bit replaces
 * an enable multiplexer on every register bit (the Kulisch register is 3× wider than S). With this flag encoding IEEE addition of
 * special states is a bitwise OR (+Inf + −Inf = 1 | 2 = NaN; NaN absorbs). A non-finite term
 * has S = 0 and adds 0 to the integer register. No rounding, no truncation: the caller sizes
 * `accW` to the exact worst case (`validateMixpeParams` checks `accW ≥ mixpeWidths(p).groupAccW`).
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { cat, mux, repl } from '../../dsl/ops.ts';
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

/** Beat control of the PE contract. */
export interface GroupControl {
  /** A term arrives this cycle. */
  readonly en: Signal;
  /** With `en`: the term is the last of its group. */
  readonly last: Signal;
}

/** The accumulator's combinational outputs. */
export interface KulischState {
  /** `acc + term`, sint(accW), value `next · 2^lsbExp`: the group sum during the last beat. */
  readonly next: Signal;
  /** Special flag of `next`, uint(2). */
  readonly nextSp: Signal;
}

/** Special flag of a term: `{nan | inf & neg, nan | inf & ~neg}`. */
export function termSpecial(t: Pick<KulischTerm, 'nan' | 'inf' | 'neg'>): Signal {
  return cat(t.nan.or(t.inf.and(t.neg)), t.nan.or(t.inf.and(t.neg.not())));
}

/**
 * Build the accumulator in `m` (which must have a clock and the default reset). `placedW`
 * bounds the placed term `S << (E − 1)` of every finite term (the shifter keeps only these
 * bits; a larger E belongs to Inf/NaN, whose S is 0).
 */
export function kulischAccumulator(m: ModuleBuilder, ctl: GroupControl, t: KulischTerm, accW: number, placedW: number): KulischState {
  const sGated = mux(ctl.en, t.S, 0).named('s_gated'); // no beat: add 0 (the register holds)
  // S << (E − 1) as (S << E) without its bit 0 (always 0, E ≥ 1 by construction): no E − 1
  // subtractor in front of the shifter (measured: about 8 % of the W4A16 PE's transistors).
  const shifted = sGated.shl(t.E);
  const placed = shifted.slice(Math.min(shifted.width - 1, placedW), 1).named('placed');
  if (placed.width + 1 > accW) throw new RangeError(`kulischAccumulator: a ${placed.width}-bit placed term does not fit sint(${accW})`);

  const acc = m.reg('acc', sint(accW), { reset: 0 });
  const sp = m.reg('acc_sp', uint(2), { reset: 0 });
  // acc ± placed as ONE adder: {acc, 1} + {placed ^ neg…neg, neg}, then drop the LSB. The low
  // bit 1 + neg carries neg into bit 1, completing the two's-complement negation ~placed + 1.
  const px = placed.toSigned().xor(repl(t.neg, placed.width + 1).asSigned());
  const lhs = cat(acc, m.constant(1, uint(1))).asSigned();
  const rhs = cat(px, t.neg).asSigned();
  const next = lhs.add(rhs).slice(accW, 1).asSigned().named('acc_next');
  const nextSp = sp.or(mux(ctl.en, termSpecial(t), 0)).named('acc_next_sp');
  const restart = m.wire('acc_restart', ctl.en.and(ctl.last));
  acc.set(mux(restart, m.constant(0, sint(accW)), next));
  sp.set(mux(restart, 0, nextSp));
  return { next, nextSp };
}
