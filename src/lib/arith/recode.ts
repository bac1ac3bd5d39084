/**
 * Radix-4 recoders as hardware (tpe.md §3.1–3.2, bitmod.md §5.1). Each returns one `RecodedDigit`
 * per radix-4 position, least significant first, with `Σ d_k · 4^k = a`.
 *
 * Widths: operand `a` of `n` bits, signed or unsigned (from its type). Digit count D =
 * `ceil(N / 2)` with N = n (signed; odd n needs `{ signPad: true }`, else a located error) or
 * n + 1 (unsigned: the implicit 0 sign bit). INT8 signed → 4 digits, UINT8 → 5, INT3 padded → 2.
 *
 * Digit encoding (every field uint(1) except `value`): `neg` = the digit is negative (never set
 * for a zero digit), `one` = |d| = 1, `two` = |d| = 2, `nz` = d ≠ 0 (EN-T's `e_k`), `value` =
 * the digit as sint(3). BitMoD's bit-serial term (bitmod.md §5.1) is `(sign, exp, man) =
 * (neg, two, nz)`. `weight` = 2k, the digit's bit significance.
 */
import type { Signal } from '../../dsl/signal.ts';
import { cat } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { checkRecode, recodeDigits } from './check.ts';
import { fail } from './located.ts';

export interface RecodedDigit {
  /** uint(1): the digit is negative (0 for a zero digit). */
  readonly neg: Signal;
  /** uint(1): |d| = 1. */
  readonly one: Signal;
  /** uint(1): |d| = 2. */
  readonly two: Signal;
  /** uint(1): d ≠ 0 (= one | two). */
  readonly nz: Signal;
  /** sint(3): the digit value, −2 … 2. */
  readonly value: Signal;
  /** Bit significance of the digit: 2k (the digit weighs 4^k). */
  readonly weight: number;
}

export interface RecodeOptions {
  /** Sign-extend an odd-width signed operand by one bit (default false: an odd width is an error). */
  readonly signPad?: boolean;
}

/** Bits 0 … count−1 of `a`, extended past its width with its sign bit (signed) or zeros. */
function extendedBits(a: Signal, count: number): Signal[] {
  const fill = a.signed ? a.msb() : a.m.constant(0, uint(1));
  return Array.from({ length: count }, (_, i) => (i < a.width ? a.bit(i) : fill));
}

function digit(neg: Signal, one: Signal, two: Signal, k: number): RecodedDigit {
  const nz = one.or(two);
  // sint(3) two's complement: 0 = 000, 1 = 001, 2 = 010, −1 = 111, −2 = 110.
  const value = cat(neg, two.or(neg), one).asSigned();
  return { neg, one, two, nz, value, weight: 2 * k };
}

/**
 * Radix-4 Booth recoding: digit k from the window `(a_{2k+1}, a_{2k}, a_{2k−1})`, `a_{−1} = 0`:
 * `one = a_{2k} ^ a_{2k−1}`, `two` = window 011 or 100, `neg = a_{2k+1} & ~(a_{2k} & a_{2k−1})`.
 */
export function boothRecode(a: Signal, opts: RecodeOptions = {}): RecodedDigit[] {
  fail(checkRecode('booth', a.width, a.signed, opts.signPad ?? false));
  const D = recodeDigits(a.width, a.signed);
  const x = extendedBits(a, 2 * D);
  const zero = a.m.constant(0, uint(1));
  const out: RecodedDigit[] = [];
  for (let k = 0; k < D; k++) {
    const hi = x[2 * k + 1]!;
    const mid = x[2 * k]!;
    const lo = k === 0 ? zero : x[2 * k - 1]!;
    const one = mid.xor(lo);
    const two = hi.and(mid.not()).and(lo.not()).or(hi.not().and(mid).and(lo));
    const neg = hi.and(mid.and(lo).not());
    out.push(digit(neg, one, two, k));
  }
  return out;
}

/**
 * EN-T recoding (sign-magnitude radix-4): `s` = sign of `a`, `m = |a|` (`(a ^ s…s) + s`, n bits
 * unsigned), radix-4 digits `t_k = (m_{2k+1}, m_{2k})` with a carry chain `c_{k+1} = t_{k,1} & (t_{k,0} | c_k)`;
 * `u = t_k + c_k` odd → |digit| 1 (−1 when u = 3, i.e. `t_{k,1}` set), u = 2 → 2, u ∈ {0, 4} → 0;
 * the digit's sign is flipped by `s`.
 */
export function entRecode(a: Signal, opts: RecodeOptions = {}): RecodedDigit[] {
  fail(checkRecode('ent', a.width, a.signed, opts.signPad ?? false));
  const D = recodeDigits(a.width, a.signed);
  const zero = a.m.constant(0, uint(1));
  let s = zero;
  let mag: Signal = a;
  if (a.signed) {
    s = a.msb();
    // |a| ≤ 2^(n−1) fits n unsigned bits: invert when negative, add the sign (exact modulo 2^n).
    mag = a.xor(s.asSigned().ext(a.width)).asUnsigned().add(s).trunc(a.width);
  }
  const m = extendedBits(mag, 2 * D);
  let c = zero;
  const out: RecodedDigit[] = [];
  for (let k = 0; k < D; k++) {
    const t1 = m[2 * k + 1]!;
    const t0 = m[2 * k]!;
    const one = t0.xor(c);
    const two = t1.and(t0.not()).and(c.not()).or(t1.not().and(t0).and(c));
    const minus = t1.and(one); // u = 3: digit −1
    const neg = one.or(two).and(s.xor(minus));
    out.push(digit(neg, one, two, k));
    c = t1.and(t0.or(c));
  }
  return out;
}
