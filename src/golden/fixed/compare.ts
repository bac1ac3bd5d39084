/**
 * Comparisons between ap_fixed values of any two formats: exact by value (documented
 * semantics), or, with `hlsCompat`, as the reference headers compute them (tag
 * `cmp_mixed_sign_promotion`). Input: integers in operand LSB units. Output: six booleans.
 */
import { type FixedFormat, checkFixedFormat, formatName, fracBits, intInRange } from './format.ts';
import type { CastOptions } from './cast.ts';

export interface CompareResult {
  readonly lt: boolean;
  readonly le: boolean;
  readonly gt: boolean;
  readonly ge: boolean;
  readonly eq: boolean;
  readonly ne: boolean;
}

/**
 * Compare `a` and `b` (integers in their formats' LSB units).
 *
 * Default: exact comparison of the values `a * 2^-Fa` and `b * 2^-Fb`.
 *
 * `hlsCompat`: the reference first aligns the binary points — the operand with fewer
 * fractional bits is widened exactly (if it is `a`: width Wa + dF + 1; if `b`: Wb + dF) —
 * then compares the raw integers like its <= 64-bit `ap_private` does:
 * - `<`, `>` (and `>=`, `<=` as their negations): when the signedness differs and either
 *   aligned width is >= 32, C promotion rules apply — if the wider-or-equal operand is
 *   unsigned, both are compared as unsigned integers modulo 2^Wmax (Wmax = max width + 1),
 *   so a negative signed operand reads as a huge positive number; otherwise exact.
 * - `==`, `!=`: both operands modulo 2^max(Wa', Wb', 32), compared as bit patterns.
 * The same rule is applied to wider operands (the conformance vectors reach 37 bits).
 */
export function compareFixed(aInt: bigint, a: FixedFormat, bInt: bigint, b: FixedFormat, opts?: CastOptions): CompareResult {
  check(aInt, a);
  check(bInt, b);
  const fa = fracBits(a);
  const fb = fracBits(b);
  const f = Math.max(fa, fb);
  const x = aInt << BigInt(f - fa);
  const y = bInt << BigInt(f - fb);
  if (opts?.hlsCompat === true && a.signed !== b.signed) {
    // Aligned widths as in the reference's OP_CMP_AF.
    const wa = fa < fb ? Math.max(a.w + (fb - fa) + 1, 1) : a.w;
    const wb = fa > fb ? Math.max(b.w + (fa - fb), 1) : b.w;
    return hlsMixedCompare(x, wa, a.signed, y, wb);
  }
  return fromOrder(x < y ? -1 : x > y ? 1 : 0);
}

function fromOrder(c: number): CompareResult {
  return { lt: c < 0, le: c <= 0, gt: c > 0, ge: c >= 0, eq: c === 0, ne: c !== 0 };
}

/** ap_private comparison of aligned integers x (width wa, signedness sa) and y (wb, !sa). */
function hlsMixedCompare(x: bigint, wa: number, sa: boolean, y: bigint, wb: number): CompareResult {
  const wide = wa >= 32 || wb >= 32;
  // The operand whose width is >= the other's decides; unsigned wins C promotion.
  const unsignedCompare = wide && (sa ? wb >= wa : wa >= wb);
  let lt: boolean;
  let gt: boolean;
  if (unsignedCompare) {
    const m = Math.max(wa, wb) + 1;
    const ux = BigInt.asUintN(m, x);
    const uy = BigInt.asUintN(m, y);
    lt = ux < uy;
    gt = ux > uy;
  } else {
    lt = x < y;
    gt = x > y;
  }
  const me = Math.max(wa, wb, 32);
  const eq = BigInt.asUintN(me, x) === BigInt.asUintN(me, y);
  return { lt, le: !gt, gt, ge: !lt, eq, ne: !eq };
}

function check(n: bigint, f: FixedFormat): void {
  checkFixedFormat(f);
  if (!intInRange(n, f)) throw new RangeError(`compare operand ${n} is outside ${formatName(f)}`);
}
