/**
 * Exact values of ap_fixed numbers and conversion of exact constants into a format
 * (specs/fixed-point.md §2, §4.1): Rational <-> LSB integers, decimal strings, IEEE doubles.
 * Input: exact rationals or decimal text. Output: integers in the format's LSB units.
 */
import { userError } from '../../diag/error.ts';
import { type Rational, floorDiv, rational, roundDiv } from '../rounding.ts';
import { type FixedFormat, checkFixedFormat, DEFAULT_Q, formatName, fracBits, intInRange, qModeToRoundMode } from './format.ts';
import { overflowFixed } from './overflow.ts';
import { dyadicFromDouble } from '../float/dyadic.ts';
import type { CastOptions } from './cast.ts';

/** Exact value `n * 2^-F` of an integer `n` in `f`'s LSB units. */
export function fixedValue(n: bigint, f: FixedFormat): Rational {
  const F = fracBits(f);
  return F >= 0 ? rational(n, 1n << BigInt(F)) : rational(n << BigInt(-F), 1n);
}

/**
 * Convert an exact constant into `f` (the converting constructor): round `x * 2^F` with `f.q`,
 * then overflow-handle with `f.o`/`f.n`. Returns the integer in LSB units.
 */
export function fromRational(x: Rational, f: FixedFormat, opts?: CastOptions): bigint {
  checkFixedFormat(f);
  const F = fracBits(f);
  const num = F >= 0 ? x.num << BigInt(F) : x.num;
  const den = F >= 0 ? x.den : x.den << BigInt(-F);
  const n = roundDiv(num, den, qModeToRoundMode(f.q ?? DEFAULT_Q));
  return overflowFixed(n, f, opts?.hlsCompat === true, floorDiv(num, den));
}

const DECIMAL = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

/** Parse a decimal literal (`-1.25`, `.5`, `3e-2`) into an exact rational; LowbitError if malformed. */
export function parseDecimal(text: string): Rational {
  const m = DECIMAL.exec(text);
  const intDigits = m?.[2] ?? '';
  const fracDigits = m?.[3] ?? '';
  if (!m || intDigits.length + fracDigits.length === 0) {
    throw userError(`'${text}' is not a decimal number`, 'write e.g. -1.25, 0.05 or 3e-2');
  }
  const exp = Number(m[4] ?? '0') - fracDigits.length;
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 100_000) {
    throw userError(`'${text}': exponent out of range`);
  }
  let num = BigInt((intDigits + fracDigits).replace(/^0+(?=\d)/, '') || '0');
  if (m[1] === '-') num = -num;
  return exp >= 0 ? rational(num * 10n ** BigInt(exp), 1n) : rational(num, 10n ** BigInt(-exp));
}

/** `fromRational(parseDecimal(text), f)`: a decimal constant converted into `f`. */
export function fromDecimalString(text: string, f: FixedFormat, opts?: CastOptions): bigint {
  return fromRational(parseDecimal(text), f, opts);
}

/**
 * The exact dyadic value of an IEEE double (R1: doubles are converted exactly before use).
 * 0.1 -> 3602879701896397 / 2^55. NaN and infinities are rejected.
 */
export function rationalFromDouble(d: number): Rational {
  if (!Number.isFinite(d)) throw userError(`${d} has no exact rational value`);
  // One reader of the IEEE bit pattern: the float helpers' exact dyadic value (odd mantissa).
  const { mant, exp } = dyadicFromDouble(d);
  return exp >= 0 ? rational(mant << BigInt(exp), 1n) : rational(mant, 1n << BigInt(-exp));
}

/** Exact decimal text of `n * 2^-F` (finite, as every dyadic rational): `-2.375`, `12`. */
export function toDecimalString(n: bigint, f: FixedFormat): string {
  if (!intInRange(n, f)) throw new RangeError(`toDecimalString: ${n} is outside ${formatName(f)}`);
  return dyadicDecimal(n, fracBits(f));
}

/** Exact decimal text of `n * 2^-F` for any integer F (negative F scales up). */
export function dyadicDecimal(n: bigint, F: number): string {
  if (F <= 0) return (n << BigInt(-F)).toString();
  // n / 2^F = n * 5^F / 10^F
  const scaled = (n < 0n ? -n : n) * 5n ** BigInt(F);
  const digits = scaled.toString().padStart(F + 1, '0');
  const intPart = digits.slice(0, digits.length - F);
  const fracPart = digits.slice(digits.length - F).replace(/0+$/, '');
  return `${n < 0n ? '-' : ''}${intPart}${fracPart ? '.' + fracPart : ''}`;
}
