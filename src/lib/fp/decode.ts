/**
 * The one hardware floating-point field decoder (lowbit-hdl/lib fp), for every format the shared
 * descriptor (src/golden/float/format.ts) describes: IEEE-special (FP32, FP16, BF16, E5M2),
 * FN (OCP E4M3: only `S.1…1.1…1` is NaN, no Inf) and NONE (FP6 E3M2/E2M3, FP4 E2M1: every code
 * finite). Bit for bit the golden `significandOf` / `classify` (src/golden/float/decode.ts):
 * a finite code is `(−1)^sign · M · 2^(E − bias − manBits)` with `M` = hidden bit | fraction
 * (hidden bit 0 when the exponent field is 0) and `E` = the field, 1 when the field is 0.
 *
 * Contract: pure combinational logic on one `uint(1 + expBits + manBits)` code; no rounding, no
 * loss. Every field is built on first read and memoized, so an unread field emits nothing. With a
 * `name`, each field is a named wire `<name>_<field>` (`_neg`, `_e`, `_em1`, `_m`, `_normal`);
 * without, fields are anonymous expressions the emitter may inline.
 * Cost: three detectors (field ≠ 0, field all ones, fraction = 0) plus a 2:1 mux for `E`.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { cat, mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { expFieldMax, totalBits, type FloatFormat } from '../../golden/float/format.ts';
import { bAnd, bNot, lazyClass, type SpecialClass } from './special.ts';

/** The decoded fields of one code. All signals unsigned. */
export interface FpFields {
  /** Sign bit (also `neg`). */
  readonly sign: Signal;
  /** Sign bit. */
  readonly neg: Signal;
  /** Raw biased exponent field, `expBits` bits. */
  readonly field: Signal;
  /** Effective exponent `E` (field, or 1 when the field is 0), uint(expBits), 1 … 2^expBits − 1. */
  readonly E: Signal;
  /** `E − 1` (uint(expBits)): the left shift that places `M` at the format's quantum. */
  readonly Em1: Signal;
  /** Significand `M` = hidden | fraction, uint(manBits + 1) (0 for ±0). */
  readonly M: Signal;
  /** The code is Inf or NaN (IEEE: field all ones; FN: the NaN codes; NONE: constant 0). */
  readonly special: Signal;
  /** NaN code. */
  readonly nan: Signal;
  /** ±Inf code (constant 0 for FN and NONE formats). */
  readonly inf: Signal;
  /** ±0 code. */
  readonly zero: Signal;
  /** Special-value class for the flag logic of special.ts (constants fold for formats without specials). */
  readonly cls: SpecialClass;
}

/**
 * Decode `code` (uint(1 + expBits + manBits)) of format `f` in module `m`. A wrong code width or
 * a signed code is a generator bug (RangeError), not a user error.
 */
export function decodeFloat(m: ModuleBuilder, code: Signal, f: FloatFormat, name?: string): FpFields {
  const n = totalBits(f);
  if (code.width !== n || code.signed) {
    throw new RangeError(`decodeFloat: a ${f.name} code is uint(${n}), got ${code.toString()}${name ? ` (${name})` : ''}`);
  }
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  const wire = (suffix: string, s: Signal): Signal => (name === undefined ? s : m.wire(`${name}_${suffix}`, s));
  const zero1 = (): Signal => m.constant(0, uint(1));
  const field = (): Signal => once('field', () => code.slice(n - 2, f.manBits));
  const frac = (): Signal => once('frac', () => (f.manBits === 0 ? zero1() : code.slice(f.manBits - 1, 0)));
  const normal = (): Signal => once('normal', () => wire('normal', field().ne(0)));
  const fracZero = (): Signal => once('fracZero', () => frac().eq(0));
  const top = (): Signal => once('top', () => field().eq(expFieldMax(f)));
  const allOnes = (): Signal => once('allOnes', () => frac().eq((1n << BigInt(f.manBits)) - 1n));
  const sign = (): Signal => once('neg', () => wire('neg', code.bit(n - 1)));
  const nan = (): Signal =>
    once('nan', () =>
      f.specials === 'IEEE' ? top().and(fracZero().not()) : f.specials === 'FN' ? top().and(allOnes()) : zero1(),
    );
  const inf = (): Signal => once('inf', () => (f.specials === 'IEEE' ? top().and(fracZero()) : zero1()));
  const special = (): Signal => once('special', () => (f.specials === 'IEEE' ? top() : nan()));
  const isZero = (): Signal => once('zero', () => normal().not().and(fracZero()));
  return {
    get sign() {
      return sign();
    },
    get neg() {
      return sign();
    },
    get field() {
      return field();
    },
    get E() {
      return once('E', () => wire('e', mux(normal(), field(), m.constant(1, uint(f.expBits)))));
    },
    get Em1() {
      return once('Em1', () => wire('em1', mux(normal(), field().sub(1).trunc(f.expBits).asUnsigned(), m.constant(0, uint(f.expBits)))));
    },
    get M() {
      return once('M', () => wire('m', f.manBits === 0 ? normal() : cat(normal(), frac())));
    },
    get special() {
      return special();
    },
    get nan() {
      return nan();
    },
    get inf() {
      return inf();
    },
    get zero() {
      return isZero();
    },
    get cls() {
      return once('cls', (): SpecialClass =>
        lazyClass({
          nan: () => (f.specials === 'NONE' ? false : nan()),
          inf: () => (f.specials === 'IEEE' ? inf() : false),
          zero: () => bAnd(bNot(normal()), fracZero()),
          neg: () => sign(),
        }),
      );
    },
  };
}
