/**
 * HLS `ap_fixed` / `ap_ufixed` number formats (specs/fixed-point.md §2, §7): the type record,
 * its validation, the Q-mode -> shared `RoundMode` mapping, and raw bit-pattern helpers.
 * Input: user-supplied format records. Output: validated formats; exact BigInt integers.
 */
import { userError } from '../../diag/error.ts';
import type { RoundMode } from '../rounding.ts';

/**
 * Quantization mode (§4.2), applied when the destination has fewer fractional bits than the
 * exact source. Only exact ties distinguish the five `AP_RND*` modes.
 */
export type QMode =
  | 'AP_RND' // nearest, ties toward +inf
  | 'AP_RND_ZERO' // nearest, ties toward 0
  | 'AP_RND_MIN_INF' // nearest, ties toward -inf
  | 'AP_RND_INF' // nearest, ties away from 0
  | 'AP_RND_CONV' // nearest, ties to even
  | 'AP_TRN' // floor (default)
  | 'AP_TRN_ZERO'; // toward 0

/** Overflow mode (§4.3), applied to the already-rounded integer. */
export type OMode = 'AP_WRAP' | 'AP_SAT' | 'AP_SAT_ZERO' | 'AP_SAT_SYM' | 'AP_WRAP_SM';

export const Q_MODES: readonly QMode[] = [
  'AP_RND', 'AP_RND_ZERO', 'AP_RND_MIN_INF', 'AP_RND_INF', 'AP_RND_CONV', 'AP_TRN', 'AP_TRN_ZERO',
];
export const O_MODES: readonly OMode[] = ['AP_WRAP', 'AP_SAT', 'AP_SAT_ZERO', 'AP_SAT_SYM', 'AP_WRAP_SM'];

export const DEFAULT_Q: QMode = 'AP_TRN';
export const DEFAULT_O: OMode = 'AP_WRAP';
export const DEFAULT_N = 0;

/**
 * `ap_fixed<w, i, q, o, n>` (signed) or `ap_ufixed<...>` (unsigned).
 *
 * - `w` >= 1: stored bits. `i`: integer bits, sign included for signed types; any integer,
 *   so `F = w - i` (fractional bits, the LSB weight is 2^-F) may be negative or exceed `w`.
 * - Value of a stored pattern: `int_w(raw) * 2^-F`, two's complement when `signed`.
 * - `q`/`o`/`n` only matter when a value is converted *into* this format; they default to
 *   AP_TRN / AP_WRAP / 0. `n` (saturated MSBs on wrap) is 0..w and only meaningful (and only
 *   accepted non-zero) for AP_WRAP and AP_WRAP_SM. `ap_ufixed` with AP_WRAP_SM is rejected,
 *   as the reference aborts on it.
 */
export interface FixedFormat {
  readonly w: number;
  readonly i: number;
  readonly signed: boolean;
  readonly q?: QMode;
  readonly o?: OMode;
  readonly n?: number;
}

/** A format with every mode field present (what `resolveFixedFormat` returns). */
export interface ResolvedFixedFormat extends FixedFormat {
  readonly q: QMode;
  readonly o: OMode;
  readonly n: number;
}

/** ap_fixed Q mode -> shared rounding rule (specs/README.md R2 table). */
const Q_TO_ROUND: Readonly<Record<QMode, RoundMode>> = {
  AP_RND: 'TIES_UP',
  AP_RND_ZERO: 'TIES_ZERO',
  AP_RND_MIN_INF: 'TIES_DOWN',
  AP_RND_INF: 'TIES_AWAY',
  AP_RND_CONV: 'TIES_EVEN',
  AP_TRN: 'FLOOR',
  AP_TRN_ZERO: 'TRUNC_ZERO',
};

export function qModeToRoundMode(q: QMode): RoundMode {
  return Q_TO_ROUND[q];
}

/**
 * `ap_fixed<8,4,AP_RND,AP_SAT,0>`-style name. The modes are omitted when all are defaults,
 * unless `withModes` is set.
 */
export function formatName(f: FixedFormat, withModes = false): string {
  const base = `${f.signed ? 'ap_fixed' : 'ap_ufixed'}<${f.w},${f.i}`;
  const q = f.q ?? DEFAULT_Q;
  const o = f.o ?? DEFAULT_O;
  const n = f.n ?? DEFAULT_N;
  if (!withModes && q === DEFAULT_Q && o === DEFAULT_O && n === DEFAULT_N) return `${base}>`;
  return `${base},${q},${o},${n}>`;
}

/**
 * Throw a `LowbitError` naming the first problem with `f`; return it unchanged otherwise.
 * Cheap (a handful of comparisons), so hot paths may call it per conversion.
 */
export function checkFixedFormat<T extends FixedFormat>(f: T): T {
  if (!Number.isSafeInteger(f.w) || f.w < 1) {
    throw userError(`${describe(f)}: width W must be an integer >= 1 (got ${String(f.w)})`);
  }
  if (!Number.isSafeInteger(f.i)) {
    throw userError(`${describe(f)}: integer bits I must be an integer (got ${String(f.i)})`);
  }
  if (typeof f.signed !== 'boolean') {
    throw userError(`${describe(f)}: 'signed' must be true (ap_fixed) or false (ap_ufixed)`);
  }
  if (f.q !== undefined && !Q_MODES.includes(f.q)) {
    throw userError(`${describe(f)}: unknown quantization mode '${String(f.q)}'`, `use one of ${Q_MODES.join(', ')}`);
  }
  if (f.o !== undefined && !O_MODES.includes(f.o)) {
    throw userError(`${describe(f)}: unknown overflow mode '${String(f.o)}'`, `use one of ${O_MODES.join(', ')}`);
  }
  const n = f.n ?? DEFAULT_N;
  if (!Number.isSafeInteger(n) || n < 0 || n > f.w) {
    throw userError(`${describe(f)}: saturation bits N must be an integer in 0..W = 0..${f.w} (got ${String(n)})`);
  }
  const o = f.o ?? DEFAULT_O;
  if (n > 0 && o !== 'AP_WRAP' && o !== 'AP_WRAP_SM') {
    throw userError(`${describe(f)}: N = ${n} only applies to AP_WRAP and AP_WRAP_SM, not ${o}`, 'set N = 0');
  }
  if (!f.signed && o === 'AP_WRAP_SM') {
    throw userError(`${describe(f)}: ap_ufixed does not support AP_WRAP_SM`, 'use ap_fixed or another overflow mode');
  }
  return f;
}

function describe(f: FixedFormat): string {
  try {
    return formatName(f);
  } catch {
    return 'fixed-point format';
  }
}

/** Validate and fill in the default modes. */
export function resolveFixedFormat(f: FixedFormat): ResolvedFixedFormat {
  checkFixedFormat(f);
  return { w: f.w, i: f.i, signed: f.signed, q: f.q ?? DEFAULT_Q, o: f.o ?? DEFAULT_O, n: f.n ?? DEFAULT_N };
}

/** Fractional bits `F = w - i` (LSB weight 2^-F; may be negative). */
export function fracBits(f: FixedFormat): number {
  return f.w - f.i;
}

/** Smallest representable integer (in LSB units): -2^(w-1) or 0. */
export function minInt(f: FixedFormat): bigint {
  return f.signed ? -(1n << BigInt(f.w - 1)) : 0n;
}

/** Largest representable integer (in LSB units): 2^(w-1) - 1 or 2^w - 1. */
export function maxInt(f: FixedFormat): bigint {
  return (1n << BigInt(f.signed ? f.w - 1 : f.w)) - 1n;
}

/** True when `n` (LSB units) is representable in `f`. */
export function intInRange(n: bigint, f: FixedFormat): boolean {
  return n >= minInt(f) && n <= maxInt(f);
}

/** Read a w-bit pattern (0 <= raw < 2^w) as the integer it encodes (LSB units). */
export function rawToInt(raw: bigint, f: FixedFormat): bigint {
  if (raw < 0n || raw >> BigInt(f.w) !== 0n) {
    throw new RangeError(`rawToInt: ${raw} is not a ${f.w}-bit pattern for ${formatName(f)}`);
  }
  return f.signed ? BigInt.asIntN(f.w, raw) : raw;
}

/** Encode a representable integer (LSB units) as its w-bit pattern. */
export function intToRaw(n: bigint, f: FixedFormat): bigint {
  if (!intInRange(n, f)) {
    throw new RangeError(`intToRaw: ${n} LSB is outside the range of ${formatName(f)}`);
  }
  return BigInt.asUintN(f.w, n);
}
