/**
 * Golden twins of the radix-4 recoders, written from the definitions (tpe.md §3.1–3.2,
 * bitmod.md §5.1) in exact BigInt arithmetic. They share only parameter validation (check.ts) with
 * the hardware in recode.ts, and import no generator code.
 *
 * Both return digits least significant first; `Σ d_k · 4^k` equals the operand. The digit count is
 * `ceil(N / 2)` with N the effective two's-complement width: `width` for a signed operand (an odd
 * width needs `signPad`), `width + 1` for an unsigned one (its implicit 0 sign bit).
 */
import { checkFits, checkRecode, raise, recodeDigits } from './check.ts';

export interface RecodeGoldenOptions {
  /** Sign-extend an odd-width signed operand by one bit (else an odd width is an error). */
  readonly signPad?: boolean;
}

/** Bit i of the two's-complement representation of `a` (i >= 0; infinite sign extension). */
function bitOf(a: bigint, i: number): bigint {
  return (a >> BigInt(i)) & 1n;
}

/**
 * Radix-4 Booth digits of `a` (a `width`-bit operand, signed or unsigned):
 * `d_k = −2·a_{2k+1} + a_{2k} + a_{2k−1}` with `a_{−1} = 0`, each in {−2 … 2}.
 */
export function boothDigitsGolden(a: bigint, width: number, signed: boolean, opts: RecodeGoldenOptions = {}): number[] {
  raise(checkRecode('booth', width, signed, opts.signPad ?? false));
  raise(checkFits('boothDigitsGolden', a, width, signed));
  const digits: number[] = [];
  for (let k = 0; k < recodeDigits(width, signed); k++) {
    const below = k === 0 ? 0n : bitOf(a, 2 * k - 1);
    digits.push(Number(-2n * bitOf(a, 2 * k + 1) + bitOf(a, 2 * k) + below));
  }
  return digits;
}

/**
 * EN-T (sign-magnitude radix-4) digits of `a`: with `s = (a < 0)` and `m = |a|`, from the least
 * significant radix-4 digit `t_k` of `m` and carry `c_0 = 0`, `u = t_k + c_k`; u = 3 gives digit −1
 * carry 1, u = 4 digit 0 carry 1, otherwise digit u carry 0; then `d_k = s ? −digit : digit`.
 * Digits are in {−2 … 2} (magnitudes {−1, 0, 1, 2} before the sign).
 */
export function entDigitsGolden(a: bigint, width: number, signed: boolean, opts: RecodeGoldenOptions = {}): number[] {
  raise(checkRecode('ent', width, signed, opts.signPad ?? false));
  raise(checkFits('entDigitsGolden', a, width, signed));
  const negative = a < 0n;
  let m = negative ? -a : a;
  let carry = 0n;
  const digits: number[] = [];
  for (let k = 0; k < recodeDigits(width, signed); k++) {
    const u = (m % 4n) + carry;
    m /= 4n;
    let digit: bigint;
    if (u === 3n) [digit, carry] = [-1n, 1n];
    else if (u === 4n) [digit, carry] = [0n, 1n];
    else [digit, carry] = [u, 0n];
    digits.push(Number(negative ? -digit : digit));
  }
  if (m !== 0n || carry !== 0n) throw new Error(`internal: EN-T digits of ${a} (${width} bits) do not cover the operand`);
  return digits;
}
