/**
 * Binary floating-point format descriptors: IEEE formats (FP16, BF16, FP32, FP64) and generic
 * ExMy minifloats with any bias (specs/formats.md §1.1).
 *
 * Contract: a `FloatFormat` is plain data; the derived quantities (largest finite value, quantum
 * of the subnormals, exponent limits) are pure functions of it. Codes are `sign | exp | frac`,
 * most significant first, `1 + expBits + manBits` bits wide.
 */
import { userError } from '../../diag/error.ts';
import type { Dyadic } from './dyadic.ts';

/**
 * Which codes are not finite numbers.
 * - `IEEE`: exponent field all ones is ±Inf (fraction 0) or NaN (fraction ≠ 0). FP16, BF16, FP32, E5M2.
 * - `FN`: only `S.1…1.1…1` is NaN (2 codes); no Inf; the rest of the top binade is finite. OCP E4M3.
 * - `NONE`: every code is a finite number (FP6 E3M2/E2M3, FP4 E2M1).
 */
export type SpecialEncoding = 'IEEE' | 'FN' | 'NONE';

/**
 * A sign-magnitude binary floating-point format.
 * Value of a code with exponent field `e` and fraction `f` (formats.md §1.1):
 * `e = 0`: `(−1)^s · 2^(1−bias) · f/2^manBits` (zero or subnormal);
 * `e ≥ 1`: `(−1)^s · 2^(e−bias) · (1 + f/2^manBits)`, except the special codes of `specials`.
 */
export interface FloatFormat {
  /** Display name, e.g. `FP16`, `E4M3`. */
  readonly name: string;
  /** Exponent field width in bits (>= 1). */
  readonly expBits: number;
  /** Fraction (trailing significand) width in bits (>= 0; hidden bit not counted). */
  readonly manBits: number;
  /** Exponent bias: unbiased exponent = field − bias. IEEE default `2^(expBits−1) − 1`. */
  readonly bias: number;
  /** Which codes are Inf/NaN. */
  readonly specials: SpecialEncoding;
}

/** Build and check a format; `bias` defaults to the IEEE bias `2^(expBits−1) − 1`. */
export function floatFormat(
  name: string,
  expBits: number,
  manBits: number,
  opts: { bias?: number; specials?: SpecialEncoding } = {},
): FloatFormat {
  const specials = opts.specials ?? 'IEEE';
  const bias = opts.bias ?? 2 ** (expBits - 1) - 1;
  if (!Number.isInteger(expBits) || expBits < 1 || expBits > 30) {
    throw userError(`float format ${name}: expBits must be an integer in 1..30, got ${expBits}`);
  }
  if (!Number.isInteger(manBits) || manBits < 0 || manBits > 1000) {
    throw userError(`float format ${name}: manBits must be an integer in 0..1000, got ${manBits}`);
  }
  if (!Number.isInteger(bias)) throw userError(`float format ${name}: bias must be an integer, got ${bias}`);
  if (specials === 'IEEE' && (expBits < 2 || manBits < 1)) {
    throw userError(`float format ${name}: IEEE specials need expBits >= 2 and manBits >= 1`);
  }
  if (specials === 'FN' && manBits < 1) throw userError(`float format ${name}: FN specials need manBits >= 1`);
  return { name, expBits, manBits, bias, specials };
}

export const FP16 = floatFormat('FP16', 5, 10);
export const BF16 = floatFormat('BF16', 8, 7);
export const FP32 = floatFormat('FP32', 8, 23);
export const FP64 = floatFormat('FP64', 11, 52);
export const FP8_E4M3 = floatFormat('E4M3', 4, 3, { bias: 7, specials: 'FN' });
export const FP8_E5M2 = floatFormat('E5M2', 5, 2, { bias: 15, specials: 'IEEE' });
export const FP6_E3M2 = floatFormat('E3M2', 3, 2, { bias: 3, specials: 'NONE' });
export const FP6_E2M3 = floatFormat('E2M3', 2, 3, { bias: 1, specials: 'NONE' });
export const FP4_E2M1 = floatFormat('E2M1', 2, 1, { bias: 1, specials: 'NONE' });

/** Code width `1 + expBits + manBits`. */
export function totalBits(f: FloatFormat): number {
  return 1 + f.expBits + f.manBits;
}

/** All-ones exponent field value. */
export function expFieldMax(f: FloatFormat): number {
  return 2 ** f.expBits - 1;
}

/** Largest exponent field that holds finite values (IEEE: all ones minus one). */
export function maxFiniteExpField(f: FloatFormat): number {
  return f.specials === 'IEEE' ? expFieldMax(f) - 1 : expFieldMax(f);
}

/** Largest fraction at `maxFiniteExpField` (FN: all ones is NaN, so one less). */
export function maxFiniteFrac(f: FloatFormat): bigint {
  const all = (1n << BigInt(f.manBits)) - 1n;
  return f.specials === 'FN' ? all - 1n : all;
}

/** Unbiased exponent of the smallest normal: `1 − bias`. */
export function eminOf(f: FloatFormat): number {
  return 1 - f.bias;
}

/** Unbiased exponent of the largest finite binade. */
export function emaxOf(f: FloatFormat): number {
  return maxFiniteExpField(f) - f.bias;
}

/** Exponent of one subnormal LSB: `1 − bias − manBits` (FP16: −24). Every finite value is a multiple of it. */
export function quantumExp(f: FloatFormat): number {
  return 1 - f.bias - f.manBits;
}

/** Largest finite magnitude, exactly (FP16: 65504 = 2047·2^5). */
export function maxFinite(f: FloatFormat): Dyadic {
  const e = maxFiniteExpField(f);
  const frac = maxFiniteFrac(f);
  if (e === 0) return { mant: frac, exp: quantumExp(f) };
  return { mant: frac | (1n << BigInt(f.manBits)), exp: e - f.bias - f.manBits };
}

/** Smallest positive subnormal `2^quantumExp` (FP16: 2^−24). */
export function minSubnormal(f: FloatFormat): Dyadic {
  return { mant: 1n, exp: quantumExp(f) };
}

export function hasInf(f: FloatFormat): boolean {
  return f.specials === 'IEEE';
}

export function hasNaN(f: FloatFormat): boolean {
  return f.specials !== 'NONE';
}
