/**
 * Hardware value types of the DSL. A type is a bit vector of `width` bits, two's complement when
 * `signed`. `fixed(w, i, ...)` is a signed/unsigned vector with a binary point (ap_fixed semantics:
 * `i` integer bits including the sign, `w - i` fractional bits, either may exceed `w` or be
 * negative); its arithmetic lives in `fixed.ts`.
 */
import type { FormatNote } from '../ir/types.ts';
import { rangeOf } from '../ir/op-table.ts';

/** ap_fixed quantization modes (spec fixed-point.md §4.2). */
export type QuantMode = 'AP_RND' | 'AP_RND_ZERO' | 'AP_RND_MIN_INF' | 'AP_RND_INF' | 'AP_RND_CONV' | 'AP_TRN' | 'AP_TRN_ZERO';
/** ap_fixed overflow modes (spec fixed-point.md §4.3). */
export type OverflowMode = 'AP_WRAP' | 'AP_SAT' | 'AP_SAT_ZERO' | 'AP_SAT_SYM' | 'AP_WRAP_SM';

export interface FixedSpec {
  /** Integer bits, including the sign bit for signed formats. */
  readonly i: number;
  readonly q: QuantMode;
  readonly o: OverflowMode;
  /** Saturation bits for AP_WRAP / AP_WRAP_SM (0 <= n <= w). */
  readonly n: number;
}

export interface HwType {
  readonly width: number;
  readonly signed: boolean;
  /** Present for fixed-point types. */
  readonly fixed?: FixedSpec;
}

function checkWidth(width: number, what: string): void {
  if (!Number.isInteger(width) || width < 1 || width > 65536) {
    throw new RangeError(`${what}: width must be an integer from 1 to 65536, got ${width}`);
  }
}

/** Unsigned integer of `width` bits: [0, 2^width - 1]. */
export function uint(width: number): HwType {
  checkWidth(width, 'uint');
  return { width, signed: false };
}

/** Signed (two's complement) integer of `width` bits: [-2^(width-1), 2^(width-1) - 1]. */
export function sint(width: number): HwType {
  checkWidth(width, 'sint');
  return { width, signed: true };
}

export interface FixedOptions {
  signed?: boolean;
  q?: QuantMode;
  o?: OverflowMode;
  n?: number;
}

/** ap_fixed<w, i, q, o, n> (signed by default) or ap_ufixed with `{ signed: false }`. */
export function fixed(w: number, i: number, opts: FixedOptions = {}): HwType {
  checkWidth(w, 'fixed');
  if (!Number.isInteger(i)) throw new RangeError(`fixed: integer bits must be an integer, got ${i}`);
  const signed = opts.signed ?? true;
  const n = opts.n ?? 0;
  const o = opts.o ?? 'AP_WRAP';
  if (!Number.isInteger(n) || n < 0 || n > w) throw new RangeError(`fixed: saturation bits n must be 0..${w}, got ${n}`);
  if (!signed && o === 'AP_WRAP_SM') throw new RangeError('fixed: AP_WRAP_SM is not defined for unsigned (ap_ufixed) formats');
  return { width: w, signed, fixed: { i, q: opts.q ?? 'AP_TRN', o, n } };
}

/** ap_ufixed<w, i, q, o, n>. */
export function ufixed(w: number, i: number, opts: Omit<FixedOptions, 'signed'> = {}): HwType {
  return fixed(w, i, { ...opts, signed: false });
}

export function typeText(t: HwType): string {
  if (t.fixed) {
    const f = t.fixed;
    const modes = f.q !== 'AP_TRN' || f.o !== 'AP_WRAP' || f.n !== 0 ? `,${f.q},${f.o},${f.n}` : '';
    return `${t.signed ? 'ap_fixed' : 'ap_ufixed'}<${t.width},${f.i}${modes}>`;
  }
  return `${t.signed ? 'sint' : 'uint'}(${t.width})`;
}

export function formatNote(t: HwType): FormatNote | undefined {
  return t.fixed ? { kind: 'fixed', text: typeText(t) } : undefined;
}

/** The value range of a type (the op table's statement of it). */
export { rangeOf };

/** Smallest integer type holding `v` (unsigned when v >= 0, unless `signed` is asked for). */
export function typeForValue(v: bigint, signed = v < 0n): HwType {
  let width = 1;
  while (v < rangeOf({ width, signed }).min || v > rangeOf({ width, signed }).max) width++;
  return { width, signed };
}
