/**
 * Fixed-point constants from decimal strings ("-0.375", "1e-3"), fractions ("3/7") or exact
 * rationals, converted to a fixed type the way an ap_fixed assignment would: rounded with the
 * type's Q mode, then overflow-handled with its O mode and N bits.
 *
 * The value is first written exactly enough for every rounding decision: floor(x * 2^(F+1)) plus
 * one sticky bit (is anything left below?) gives a source with F + 2 fractional bits whose first
 * dropped bit and OR-of-the-rest equal the exact value's. `ModuleBuilder.fixedConstant` sends that
 * source through the DSL's own `cast` logic, evaluated at elaboration time with the op table
 * (`src/ir/evaluate.ts`) — so constants round exactly as the generated hardware does, and no logic
 * is emitted for them. This file is pure arithmetic: it imports no builder.
 */
import { fixed, type HwType } from './types.ts';
import { userError } from '../diag/error.ts';
import { captureLoc } from './source-loc.ts';

export type ConstantValue = string | number | bigint | { readonly num: bigint; readonly den: bigint };

/** Parse a decimal ("-1.25", "3e-2"), a fraction ("-3/8") or an integer into num/den (den > 0). */
export function parseRational(v: ConstantValue): { num: bigint; den: bigint } {
  if (typeof v === 'bigint') return { num: v, den: 1n };
  if (typeof v === 'object') {
    if (v.den === 0n) throw userError('constant: zero denominator', undefined, captureLoc());
    return v.den < 0n ? { num: -v.num, den: -v.den } : { num: v.num, den: v.den };
  }
  const text = typeof v === 'number' ? (Number.isFinite(v) ? v.toString() : '') : v.trim();
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(text);
  if (frac) return parseRational({ num: BigInt(frac[1]!), den: BigInt(frac[2]!) });
  const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!dec || (dec[2] === '' && (dec[3] ?? '') === '')) {
    throw userError(`constant '${String(v)}' is not a decimal number or fraction`, 'write e.g. "0.375", "-1.5e-2" or "3/8"', captureLoc());
  }
  const digits = BigInt((dec[2] || '0') + (dec[3] ?? ''));
  const exp = Number(dec[4] ?? 0) - (dec[3] ?? '').length;
  const sign = dec[1] === '-' ? -1n : 1n;
  return exp >= 0 ? { num: sign * digits * 10n ** BigInt(exp), den: 1n } : { num: sign * digits, den: 10n ** BigInt(-exp) };
}

const floorDiv = (a: bigint, b: bigint): bigint => (a % b !== 0n && a < 0n ? a / b - 1n : a / b);

/**
 * The exact source of a constant of fixed-point (or integer) type `t`: an integer `raw` read in a
 * fixed type with F + 2 fractional bits (F + 1 exact bits, then a sticky bit), whose ap_fixed
 * conversion to `t` (`Signal.cast`) gives the constant (`ModuleBuilder.fixedConstant` does that).
 */
export function castSource(value: ConstantValue, t: HwType): { raw: bigint; type: HwType } {
  const { num, den } = parseRational(value);
  const i = t.fixed ? t.fixed.i : t.width;
  const f = t.width - i; // destination fractional bits (may be negative)
  const sf = f + 2; // source fractional bits: F + 1 exact bits, then a sticky bit
  const scaled = f + 1 >= 0 ? num * (1n << BigInt(f + 1)) : num;
  const scaledDen = f + 1 >= 0 ? den : den * (1n << BigInt(-(f + 1)));
  const t1 = floorDiv(scaled, scaledDen);
  const sticky = t1 * scaledDen !== scaled ? 1n : 0n;
  const raw = t1 * 2n + sticky; // value ~ raw * 2^-sf, exact in every rounding decision
  let w = 2;
  while (raw < -(1n << BigInt(w - 1)) || raw >= 1n << BigInt(w - 1)) w++;
  return { raw, type: fixed(w, w - sf) };
}
