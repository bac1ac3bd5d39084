/**
 * Block floating-point accumulation step (lowbit-hdl/lib fp), the RTL of the MixPE `BLOCK_ALIGN`
 * primitive (src/pe/mixpe/golden-block.ts `blockAdd` with `normalizeTerm`), used for the FP group
 * sums P_g / R_g in the PE and for the block-aligned output accumulator of the epilogue.
 *
 * Encoding. The register is a two's-complement integer `acc` (sint(width)) and a ceiling `top`
 * (uint(topW)) standing for the golden running maximum shifted to be positive: golden
 * `top = top_rtl + c` for a constant `c` the caller owns; `top_rtl = 0` means empty (no non-zero
 * term yet), and then `acc` must be 0 (the caller clears both together). The value is
 * `acc · 2^(top_rtl + c − tw − guard)`.
 * A term is an unnormalized magnitude `mag` (uint, at most `tw` bits) with sign `neg`, whose LSB
 * sits at ceiling `topBase + 1`: its ceiling is `T = topBase + msb(mag) + 1` (≥ 1). Adding it:
 *   1. normalize: `N = mag << (tw − 1 − msb(mag))` (lossless, `tw` bits);
 *   2. `Tmax = empty || T > top ? T : top`; re-align `acc ← acc >> (Tmax − top)` (arithmetic:
 *      FLOOR, "block re-align");
 *   3. `acc ← acc + ((±N · 2^guard) >> (Tmax − T))` (FLOOR, "block align"; a shift ≥ the term
 *      width leaves 0 or −1), `top ← Tmax`.
 * A zero magnitude or `valid = 0` leaves the register unchanged. Combinational; the caller owns
 * the registers and sizes `width` to the worst case (level b checks it never overflows).
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { leadingOne } from './leading-one.ts';

/** Register contents (see the header): `acc` sint(width), `top` uint(topW), 0 = empty. */
export interface BlockRegister {
  readonly acc: Signal;
  readonly top: Signal;
}

/** One term entering the accumulator. */
export interface BlockTermIn {
  /** Unsigned magnitude, at most `tw` bits (0: nothing is added). */
  readonly mag: Signal;
  readonly neg: Signal;
  /** Ceiling of the magnitude's LSB minus one, uint: the term's ceiling is `topBase + msb(mag) + 1`. */
  readonly topBase: Signal;
  /** The term is added (e.g. finite); default always. */
  readonly valid?: Signal;
}

export interface BlockAccConfig {
  /** Normalized term width. */
  readonly tw: number;
  readonly guard: number;
  /** Register width. */
  readonly width: number;
  /** Width of `top`. */
  readonly topW: number;
}

/** The register after adding `t` to `st` (steps 1–3 of the header); wires are named `<name>_*`. */
export function blockAddLogic(m: ModuleBuilder, name: string, st: BlockRegister, t: BlockTermIn, c: BlockAccConfig): BlockRegister {
  if (t.mag.width > c.tw) throw new RangeError(`blockAddLogic: a ${t.mag.width}-bit magnitude exceeds the ${c.tw}-bit term`);
  const mag = t.mag.width < c.tw ? t.mag.ext(c.tw) : t.mag;
  const lo = leadingOne(mag);
  const pw = lo.pos.width + 1;
  const nTerm = m.wire(`${name}_n`, mag.shl(m.constant(c.tw - 1, uint(pw)).sub(lo.pos).trunc(pw).asUnsigned()).trunc(c.tw).asUnsigned());
  const tTerm = m.wire(`${name}_t`, t.topBase.add(lo.pos).add(1).resize(c.topW).asUnsigned());
  const addIt = t.valid ? t.valid.and(lo.any) : lo.any;
  const tMax = m.wire(`${name}_tmax`, mux(st.top.eq(0).or(tTerm.gt(st.top)), tTerm, st.top));
  // Empty register: acc = 0, so the re-align shift (Tmax − 0) leaves it 0.
  const reAlign = m.wire(`${name}_realign`, st.acc.shr(tMax.sub(st.top).trunc(c.topW).asUnsigned()));
  const sw = c.tw + c.guard + 1;
  const pos = nTerm.shl(c.guard).ext(sw);
  const signed = m.wire(`${name}_signed`, mux(t.neg, pos.neg(), pos).resize(sw).toSigned());
  const aligned = m.wire(`${name}_aligned`, signed.shr(tMax.sub(tTerm).trunc(c.topW).asUnsigned()));
  return {
    acc: m.wire(`${name}_acc`, mux(addIt, reAlign.add(aligned).resize(c.width), st.acc)),
    top: m.wire(`${name}_top`, mux(addIt, tMax, st.top)),
  };
}
