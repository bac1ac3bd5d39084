/**
 * ap_fixed shifts by an `int` amount (conformance README "shl / shr"): the bit pattern moves,
 * the binary point and the format stay, Q/O modes are ignored (no `__SC_COMPATIBLE__`).
 * Input: an integer in LSB units of `f`. Output: an integer of the same format.
 */
import { type FixedFormat, checkFixedFormat, formatName, intInRange } from './format.ts';

/**
 * `a << sh`: bits shifted out of the top are dropped (the sign may flip, no saturation);
 * `sh >= w` gives 0; a negative `sh` shifts right by `-sh`.
 */
export function shlFixed(aInt: bigint, f: FixedFormat, sh: number): bigint {
  check(aInt, f, sh);
  if (sh < 0) return shrFixed(aInt, f, -sh);
  if (sh >= f.w) return 0n;
  const raw = BigInt.asUintN(f.w, aInt << BigInt(sh));
  return f.signed ? BigInt.asIntN(f.w, raw) : raw;
}

/**
 * `a >> sh`: arithmetic (sign-filling) for signed formats, logical for unsigned, no rounding
 * (floor); `sh >= w` gives 0 or -1; a negative `sh` shifts left by `-sh`.
 */
export function shrFixed(aInt: bigint, f: FixedFormat, sh: number): bigint {
  check(aInt, f, sh);
  if (sh < 0) return shlFixed(aInt, f, -sh);
  if (sh >= f.w) return aInt < 0n ? -1n : 0n;
  return aInt >> BigInt(sh); // BigInt >> is floor: arithmetic for negatives, logical for >= 0
}

function check(aInt: bigint, f: FixedFormat, sh: number): void {
  checkFixedFormat(f);
  if (!Number.isSafeInteger(sh)) throw new RangeError(`shift amount must be an integer (got ${sh})`);
  if (!intInRange(aInt, f)) throw new RangeError(`shift operand ${aInt} is outside ${formatName(f)}`);
}
