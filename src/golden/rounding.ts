/**
 * The one shared rounding function of every golden model (specs/README.md, rule R2).
 *
 * Values are exact: a `Rational` is `num / den` with BigInt parts and `den > 0`.
 * `round` maps a rational to an integer with a named rule; `roundToGrid` maps it to a
 * member of a sorted finite set. Saturation and overflow are never folded in here.
 * No JavaScript `Number` arithmetic touches a value (rule R1).
 */

/** Named rounding rules. `TIES_*` round to nearest and differ only on exact ties. */
export type RoundMode =
  | 'TIES_EVEN' // ties to the even neighbour (IEEE RNE, ap_fixed AP_RND_CONV)
  | 'TIES_AWAY' // ties away from zero (AP_RND_INF)
  | 'TIES_UP' // ties toward +inf (AP_RND, add-half-then-shift)
  | 'TIES_DOWN' // ties toward -inf (AP_RND_MIN_INF, BitMoD grids)
  | 'TIES_ZERO' // ties toward zero (AP_RND_ZERO)
  | 'FLOOR' // toward -inf (AP_TRN, arithmetic right shift)
  | 'TRUNC_ZERO' // toward zero (AP_TRN_ZERO)
  | 'CEIL'; // toward +inf

export const ROUND_MODES: readonly RoundMode[] = [
  'TIES_EVEN', 'TIES_AWAY', 'TIES_UP', 'TIES_DOWN', 'TIES_ZERO', 'FLOOR', 'TRUNC_ZERO', 'CEIL',
];

/** An exact rational `num / den`; `den` is always positive. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: zero denominator');
  return den < 0n ? { num: -num, den: -den } : { num, den };
}

/** `floor(a / b)` for BigInt with `b > 0` (BigInt `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** Round `num / den` (den > 0) to an integer with `mode`. */
export function roundDiv(num: bigint, den: bigint, mode: RoundMode): bigint {
  if (den <= 0n) throw new RangeError('roundDiv: denominator must be positive');
  const lo = floorDiv(num, den); // candidate below (or exact)
  const rem = num - lo * den; // 0 <= rem < den
  if (rem === 0n) return lo;
  const hi = lo + 1n;
  const negative = num < 0n;
  switch (mode) {
    case 'FLOOR':
      return lo;
    case 'CEIL':
      return hi;
    case 'TRUNC_ZERO':
      return negative ? hi : lo;
    default: {
      const twice = 2n * rem;
      if (twice < den) return lo;
      if (twice > den) return hi;
      return breakTie(lo, hi, negative, mode);
    }
  }
}

function breakTie(lo: bigint, hi: bigint, negative: boolean, mode: RoundMode): bigint {
  switch (mode) {
    case 'TIES_EVEN':
      return lo % 2n === 0n ? lo : hi;
    case 'TIES_AWAY':
      return negative ? lo : hi;
    case 'TIES_UP':
      return hi;
    case 'TIES_DOWN':
      return lo;
    case 'TIES_ZERO':
      return negative ? hi : lo;
    default:
      throw new RangeError(`breakTie: ${mode} is not a nearest mode`);
  }
}

/** Round an exact rational to an integer. */
export function round(x: Rational, mode: RoundMode): bigint {
  return roundDiv(x.num, x.den, mode);
}

/** Round `n / 2^shift` to an integer (shift >= 0): the hardware right shift with a rule. */
export function roundShift(n: bigint, shift: number, mode: RoundMode): bigint {
  if (shift < 0) throw new RangeError('roundShift: negative shift');
  return roundDiv(n, 1n << BigInt(shift), mode);
}

function compare(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * Map `x` to a member of `grid` (sorted ascending, distinct). Values beyond the ends
 * clamp to them. `TIES_EVEN` needs `isEven(index)` (for floating-point code sets: the
 * member whose code has LSB 0); grids without a code order must use a directed tie rule.
 * Directed (non-nearest) modes pick the neighbour below/above as `round` would.
 */
export function roundToGrid(
  x: Rational,
  grid: readonly Rational[],
  mode: RoundMode,
  isEven?: (index: number) => boolean,
): Rational {
  if (grid.length === 0) throw new RangeError('roundToGrid: empty grid');
  if (mode === 'TIES_EVEN' && !isEven) {
    throw new RangeError('roundToGrid: TIES_EVEN is not defined on a grid without a code order');
  }
  if (compare(x, grid[0]!) <= 0) return grid[0]!;
  const last = grid[grid.length - 1]!;
  if (compare(x, last) >= 0) return last;
  let lo = 0;
  let hi = grid.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (compare(grid[mid]!, x) <= 0) lo = mid;
    else hi = mid;
  }
  const below = grid[lo]!;
  const above = grid[hi]!;
  if (compare(below, x) === 0) return below;
  const negative = x.num < 0n;
  switch (mode) {
    case 'FLOOR':
      return below;
    case 'CEIL':
      return above;
    case 'TRUNC_ZERO':
      return negative ? above : below;
    default: {
      // Compare distances: (x - below) vs (above - x), exactly.
      const dBelow = sub(x, below);
      const dAbove = sub(above, x);
      const c = compare(dBelow, dAbove);
      if (c < 0) return below;
      if (c > 0) return above;
      if (mode === 'TIES_EVEN') return isEven!(lo) ? below : above;
      const pick = breakTie(0n, 1n, negative, mode);
      return pick === 0n ? below : above;
    }
  }
}

function sub(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}
