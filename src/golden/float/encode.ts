/**
 * Encode an exact value into a floating-point format (formats.md §1.2): round to the nearest
 * representable magnitude with a named `RoundMode` (through the shared `roundDiv`), then apply
 * the overflow policy as a separate step.
 *
 * Contract: input is exact (rational, dyadic or `FloatValue`); the result reports the code, the
 * exact value it stands for, and whether rounding or overflow happened. Rounding is done with
 * an unbounded exponent range first ("round, then overflow"), so a value just above the largest
 * finite that rounds down to it is not an overflow.
 */
import { userError } from '../../diag/error.ts';
import { ROUND_MODES, roundDiv, type Rational, type RoundMode } from '../rounding.ts';
import { bitLength, dyadicToRational, type Dyadic } from './dyadic.ts';
import { codeFromFields } from './decode.ts';
import {
  eminOf,
  expFieldMax,
  maxFinite,
  maxFiniteExpField,
  maxFiniteFrac,
  type FloatFormat,
} from './format.ts';
import { NAN, inf, zero, type FloatValue } from './value.ts';

/**
 * What happens to a finite value whose rounded magnitude exceeds the largest finite value.
 * - `IEEE`: ±Inf, except directed modes that round toward zero for that sign (`TRUNC_ZERO`;
 *   `FLOOR` for positives; `CEIL` for negatives) give ±max, as IEEE 754 §7.4. With `TIES_EVEN`
 *   this means `|x| ≥ max + ½ ulp(max)` becomes Inf (FP16: 65520 → Inf, 65519 → 65504).
 *   Formats without Inf (`FN`) give NaN; formats without NaN (`NONE`) reject IEEE overflow.
 * - `SATURATE`: ±max finite (MX element conversion). Also applied to ±Inf inputs.
 */
export type OverflowMode = 'IEEE' | 'SATURATE';

export interface EncodeOptions {
  /** Rounding rule, default `TIES_EVEN`. */
  readonly round?: RoundMode;
  /** Overflow policy, default `IEEE`. */
  readonly overflow?: OverflowMode;
}

export interface Encoded {
  /** The code, `1 + expBits + manBits` bits. */
  readonly code: bigint;
  /** The exact value the code stands for. */
  readonly value: FloatValue;
  /** True when the result differs from the input value (rounding or overflow). */
  readonly inexact: boolean;
  /** True when the rounded magnitude exceeded the largest finite value. */
  readonly overflow: boolean;
}

/**
 * Check that `f` supports the rounding and overflow options (shared by the golden encoder and the
 * RTL rounding unit src/lib/fp/round.ts, so both reject with the same message, rule R5): the mode
 * must be one of R2's, the overflow one of `IEEE`/`SATURATE`, and IEEE overflow needs an Inf or
 * NaN code (a `NONE` format such as E2M1 has neither). Throws a located user error.
 */
export function checkEncodeOptions(f: FloatFormat, opts: EncodeOptions = {}): void {
  const mode = opts.round ?? 'TIES_EVEN';
  const overflow = opts.overflow ?? 'IEEE';
  if (!ROUND_MODES.includes(mode)) {
    throw userError(`float encode ${f.name}: unknown rounding mode ${String(mode)}`, `use one of ${ROUND_MODES.join(', ')}`);
  }
  if (overflow !== 'IEEE' && overflow !== 'SATURATE') {
    throw userError(`float encode ${f.name}: unknown overflow mode ${String(overflow)}`, 'use IEEE or SATURATE');
  }
  if (overflow === 'IEEE' && f.specials === 'NONE') throw noOverflowCode(f);
}

function noOverflowCode(f: FloatFormat) {
  return userError(
    `float encode ${f.name}: overflow IEEE needs an Inf or NaN code and ${f.name} has neither`,
    'use overflow SATURATE (±max finite)',
  );
}

/** Canonical NaN code: IEEE quiet NaN `0.1…1.10…0`; FN `0.1…1.1…1`. */
export function nanCode(f: FloatFormat): bigint {
  if (f.specials === 'IEEE') return codeFromFields(0, expFieldMax(f), 1n << BigInt(f.manBits - 1), f);
  if (f.specials === 'FN') return codeFromFields(0, expFieldMax(f), (1n << BigInt(f.manBits)) - 1n, f);
  throw new RangeError(`${f.name} has no NaN encoding`);
}

export function infCode(neg: boolean, f: FloatFormat): bigint {
  if (f.specials !== 'IEEE') throw new RangeError(`${f.name} has no Inf encoding`);
  return codeFromFields(neg ? 1 : 0, expFieldMax(f), 0n, f);
}

export function maxFiniteCode(neg: boolean, f: FloatFormat): bigint {
  return codeFromFields(neg ? 1 : 0, maxFiniteExpField(f), maxFiniteFrac(f), f);
}

function maxValue(neg: boolean, f: FloatFormat): FloatValue {
  const m = maxFinite(f);
  return { kind: 'finite', neg, mag: m.mant, exp: m.exp };
}

/** Encode a value; ±0 keep their sign, NaN gives the canonical NaN. */
export function encodeValue(v: FloatValue, f: FloatFormat, opts: EncodeOptions = {}): Encoded {
  const overflow = opts.overflow ?? 'IEEE';
  if (v.kind === 'nan') return { code: nanCode(f), value: NAN, inexact: false, overflow: false };
  if (v.kind === 'inf') {
    if (f.specials === 'IEEE') return { code: infCode(v.neg, f), value: v, inexact: false, overflow: false };
    return overflowResult(v.neg, f, overflow, opts.round ?? 'TIES_EVEN');
  }
  const den = v.exp >= 0 ? 1n : 1n << BigInt(-v.exp);
  const num = v.exp >= 0 ? v.mag << BigInt(v.exp) : v.mag;
  return encodeMagnitude(v.neg, num, den, f, opts);
}

/** Encode an exact rational; zero gives +0. */
export function encodeRational(x: Rational, f: FloatFormat, opts: EncodeOptions = {}): Encoded {
  const neg = x.num < 0n;
  return encodeMagnitude(neg, neg ? -x.num : x.num, x.den, f, opts);
}

/** Encode an exact dyadic; zero gives +0. */
export function encodeDyadic(d: Dyadic, f: FloatFormat, opts: EncodeOptions = {}): Encoded {
  return encodeRational(dyadicToRational(d), f, opts);
}

/** `floor(log2(a / b))` for positive BigInts. */
export function floorLog2Ratio(a: bigint, b: bigint): number {
  let e = bitLength(a) - bitLength(b);
  // a/b is in [2^(e−1), 2^(e+1)); decide which side of 2^e it lies on.
  const ge = e >= 0 ? a >= b << BigInt(e) : a << BigInt(-e) >= b;
  if (!ge) e -= 1;
  return e;
}

/**
 * Core: round `(−1)^neg · num/den` (num >= 0, den > 0) into `f`. The rounding applies to the
 * signed value, so `FLOOR`/`CEIL` are correct for negatives.
 */
function encodeMagnitude(neg: boolean, num: bigint, den: bigint, f: FloatFormat, opts: EncodeOptions): Encoded {
  const mode = opts.round ?? 'TIES_EVEN';
  const overflow = opts.overflow ?? 'IEEE';
  if (den <= 0n) throw new RangeError('encode: denominator must be positive');
  if (num === 0n) {
    const code = codeFromFields(neg ? 1 : 0, 0, 0n, f);
    return { code, value: zero(neg), inexact: false, overflow: false };
  }
  const M = f.manBits;
  const e = Math.max(floorLog2Ratio(num, den), eminOf(f));
  let q = e - M; // quantum exponent: the result is n · 2^q
  const signed = neg ? -num : num;
  // n = round(signed / 2^q)
  const n = q >= 0 ? roundDiv(signed, den << BigInt(q), mode) : roundDiv(signed << BigInt(-q), den, mode);
  let mag = n < 0n ? -n : n;
  const exact = q >= 0 ? mag * (den << BigInt(q)) === num : mag * den === num << BigInt(-q);
  if (mag === 1n << BigInt(M + 1)) {
    // Rounded up into the next binade: same value, one more exponent.
    mag >>= 1n;
    q += 1;
  }
  if (mag === 0n) {
    const code = codeFromFields(neg ? 1 : 0, 0, 0n, f);
    return { code, value: zero(neg), inexact: true, overflow: false };
  }
  const hidden = 1n << BigInt(M);
  const expField = mag >= hidden ? q + M + f.bias : 0;
  const frac = mag >= hidden ? mag - hidden : mag;
  const top = maxFiniteExpField(f);
  if (expField > top || (expField === top && frac > maxFiniteFrac(f))) {
    return overflowResult(neg, f, overflow, mode);
  }
  return {
    code: codeFromFields(neg ? 1 : 0, expField, frac, f),
    value: { kind: 'finite', neg, mag, exp: q },
    inexact: !exact,
    overflow: false,
  };
}

function overflowResult(neg: boolean, f: FloatFormat, overflow: OverflowMode, mode: RoundMode): Encoded {
  const towardZero = mode === 'TRUNC_ZERO' || (mode === 'FLOOR' && !neg) || (mode === 'CEIL' && neg);
  if (overflow === 'SATURATE' || towardZero) {
    return { code: maxFiniteCode(neg, f), value: maxValue(neg, f), inexact: true, overflow: true };
  }
  if (f.specials === 'IEEE') return { code: infCode(neg, f), value: inf(neg), inexact: true, overflow: true };
  if (f.specials === 'FN') return { code: nanCode(f), value: NAN, inexact: true, overflow: true };
  throw noOverflowCode(f);
}

/**
 * Exponent of the grid spacing (quantum) of `f` at a finite non-zero magnitude:
 * `max(floor(log2 |v|), emin) − manBits` (FP16 at 1.0: −10; in the subnormal range: −24).
 */
export function quantumExpAt(v: FloatValue, f: FloatFormat): number {
  if (v.kind !== 'finite' || v.mag === 0n) throw new RangeError('quantumExpAt: needs a finite non-zero value');
  return Math.max(bitLength(v.mag) - 1 + v.exp, eminOf(f)) - f.manBits;
}

/**
 * Worst-case error of rounding the exact finite `v` into `f` with `mode` (rule R3): 0 when `v`
 * is representable, else half a quantum at `v` for the `TIES_*` modes and one quantum for the
 * directed modes. Overflow is not covered (callers treat it separately).
 */
export function roundingErrorBound(v: FloatValue, f: FloatFormat, mode: RoundMode): Dyadic {
  if (v.kind !== 'finite') throw new RangeError('roundingErrorBound: needs a finite value');
  if (v.mag === 0n || !encodeValue(v, f, { round: mode, overflow: 'SATURATE' }).inexact) return { mant: 0n, exp: 0 };
  const e = quantumExpAt(v, f);
  return mode.startsWith('TIES_') ? { mant: 1n, exp: e - 1 } : { mant: 1n, exp: e };
}
