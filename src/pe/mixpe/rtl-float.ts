/**
 * Field decode of an IEEE-style floating-point code in RTL (scale codes s_g, s_x and FP16
 * activations), matching the golden `significandOf` / `classify` (src/golden/float/decode.ts):
 * value `(−1)^s · M · 2^(E − bias − manBits)` with `E = 1` and hidden bit 0 for subnormals.
 *
 * Contract: pure combinational logic on one code signal; no rounding, no loss.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { cat, mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { expFieldMax, type FloatFormat } from '../../golden/float/format.ts';
import { bAnd, bNot, type SpecialClass } from './rtl-special.ts';

export interface FloatFields {
  /** Sign bit. */
  readonly neg: Signal;
  /** Effective exponent field `E` (uint(expBits)): the field, or 1 for zero and subnormals. */
  readonly E: Signal;
  /** `E − 1` (uint(expBits)): the left shift that places `M` at the format's quantum. */
  readonly Em1: Signal;
  /** Significand with the hidden bit, uint(manBits + 1). */
  readonly M: Signal;
  /** Special-value class (finite zero, Inf, NaN, sign). */
  readonly cls: SpecialClass;
}

/** Decode `code` (uint(1 + expBits + manBits)) of IEEE-special format `f`. */
export function decodeFloat(m: ModuleBuilder, code: Signal, f: FloatFormat, name: string): FloatFields {
  if (f.specials !== 'IEEE') throw new RangeError(`decodeFloat: ${f.name} is not an IEEE-special format`);
  const total = 1 + f.expBits + f.manBits;
  if (code.width !== total) throw new RangeError(`decodeFloat: ${name} is ${code.width} bits, ${f.name} needs ${total}`);
  const neg = m.wire(`${name}_neg`, code.bit(total - 1));
  const field = code.slice(total - 2, f.manBits);
  const frac = code.slice(f.manBits - 1, 0);
  const normal = m.wire(`${name}_normal`, field.ne(0));
  const top = field.eq(expFieldMax(f));
  const fracZero = frac.eq(0);
  const E = m.wire(`${name}_e`, mux(normal, field, m.constant(1, uint(f.expBits))));
  const Em1 = m.wire(`${name}_em1`, mux(normal, field.sub(1).trunc(f.expBits).asUnsigned(), m.constant(0, uint(f.expBits))));
  const M = m.wire(`${name}_m`, cat(normal, frac));
  const cls: SpecialClass = {
    nan: bAnd(top, bNot(fracZero)),
    inf: bAnd(top, fracZero),
    zero: bAnd(bNot(normal), fracZero),
    neg,
  };
  return { neg, E, Em1, M, cls };
}
