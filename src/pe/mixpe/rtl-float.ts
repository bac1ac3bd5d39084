/**
 * Field decode of an IEEE-style floating-point code in RTL (scale codes s_g, s_x and FP16
 * activations), matching the golden `significandOf` / `classify` (src/golden/float/decode.ts):
 * value `(−1)^s · M · 2^(E − bias − manBits)` with `E = 1` and hidden bit 0 for subnormals.
 *
 * Contract: pure combinational logic on one code signal; no rounding, no loss. Fields are
 * emitted on first use only, so an unused field leaves no unread net behind.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { cat, mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { expFieldMax, type FloatFormat } from '../../golden/float/format.ts';
import { bAnd, bNot, lazyClass, type SpecialClass } from './rtl-special.ts';

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

/** Decode `code` (uint(1 + expBits + manBits)) of IEEE-special format `f`; wires are named `<name>_*`. */
export function decodeFloat(m: ModuleBuilder, code: Signal, f: FloatFormat, name: string): FloatFields {
  if (f.specials !== 'IEEE') throw new RangeError(`decodeFloat: ${f.name} is not an IEEE-special format`);
  const total = 1 + f.expBits + f.manBits;
  if (code.width !== total) throw new RangeError(`decodeFloat: ${name} is ${code.width} bits, ${f.name} needs ${total}`);
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  const field = (): Signal => once('field', () => code.slice(total - 2, f.manBits));
  const frac = (): Signal => once('frac', () => code.slice(f.manBits - 1, 0));
  const normal = (): Signal => once('normal', () => m.wire(`${name}_normal`, field().ne(0)));
  const neg = (): Signal => once('neg', () => m.wire(`${name}_neg`, code.bit(total - 1)));
  return {
    get neg() {
      return neg();
    },
    get E() {
      return once('E', () => m.wire(`${name}_e`, mux(normal(), field(), m.constant(1, uint(f.expBits)))));
    },
    get Em1() {
      return once('Em1', () =>
        m.wire(`${name}_em1`, mux(normal(), field().sub(1).trunc(f.expBits).asUnsigned(), m.constant(0, uint(f.expBits)))),
      );
    },
    get M() {
      return once('M', () => m.wire(`${name}_m`, cat(normal(), frac())));
    },
    get cls() {
      return once('cls', (): SpecialClass => {
        const top = (): Signal => once('top', () => field().eq(expFieldMax(f)));
        const fracZero = (): Signal => once('fracZero', () => frac().eq(0));
        return lazyClass({
          nan: () => bAnd(top(), bNot(fracZero())),
          inf: () => bAnd(top(), fracZero()),
          zero: () => bAnd(bNot(normal()), fracZero()),
          neg: () => neg(),
        });
      });
    },
  };
}
