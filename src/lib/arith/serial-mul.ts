/**
 * Bit-serial multiplier (lowbit-hdl/lib arith): `x · y` by shift-and-add over the S bits of the
 * unsigned multiplier `y`, most significant bit first (Horner: acc ← 2·acc + y_j·x), one adder of
 * the product's width and no multiplier array. Used by the MixPE `BIT_SERIAL` dequantization unit
 * (u · M_s over the scale significand's bits).
 *
 * Contract (clocked; registers `<name>_x`, `<name>_y`, `<name>_acc`, no reset: the caller's
 * control qualifies them):
 * - `load` (cycle 0): takes `x` and `y` and does the first step, acc ← y_{S−1} · x;
 * - `step` (S − 1 more cycles, not necessarily consecutive): acc ← 2·acc + y_j · x for
 *   j = S − 2 … 0;
 * - after the (S − 1)-th step `product` = x · y exactly (width `x.width + S`, signed when `x`
 *   is), and it holds while neither `load` nor `step` is high. `load` wins over `step`.
 * S = y.width ≥ 2.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { cat, mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';

export interface SerialMultiplierPorts {
  /** Start a product: take `x`, `y`. */
  readonly load: Signal;
  /** Advance one bit. */
  readonly step: Signal;
  /** Multiplicand (signed or unsigned). */
  readonly x: Signal;
  /** Multiplier, unsigned, S ≥ 2 bits. */
  readonly y: Signal;
}

/** The product register (see the header). */
export function serialMultiplier(m: ModuleBuilder, name: string, io: SerialMultiplierPorts): Signal {
  const S = io.y.width;
  if (S < 2 || io.y.signed) throw new RangeError(`serialMultiplier: the multiplier must be unsigned with at least 2 bits, got ${io.y.toString()}`);
  const pw = io.x.width + S;
  const pt = io.x.signed ? sint(pw) : uint(pw);
  const en = io.load.or(io.step);
  const xr = m.reg(`${name}_x`, io.x.type, { en: io.load });
  xr.set(io.x);
  const yr = m.reg(`${name}_y`, uint(S - 1), { en });
  yr.set(mux(io.load, io.y.slice(S - 2, 0), yr.shl(1).trunc(S - 1).asUnsigned()));
  const acc = m.reg(`${name}_acc`, pt, { en });
  const zero = m.constant(0, pt);
  const first = mux(io.y.bit(S - 1), io.x.resize(pw), zero);
  // 2·acc as a pw-bit value of the product's signedness (the top bit is never needed: |2·acc| ≤ |x·y|).
  const dbl = cat(acc.slice(pw - 2, 0), m.constant(0, uint(1)));
  const dblT = io.x.signed ? dbl.asSigned() : dbl.asUnsigned();
  const next = dblT.add(mux(yr.bit(S - 2), xr.resize(pw), zero)).resize(pw);
  acc.set(mux(io.load, first, next));
  return acc;
}
