/**
 * K-hot multiplier-free quantization (specs/fixed-point.md §6, [project choice]): the set of
 * values with at most K non-zero (signed) power-of-two terms over M magnitude bits, the exact
 * nearest projection onto it, and the shift-and-add product it enables.
 * Input: (M, K, encoding) and exact values in LSB units. Output: integer members (LSB units).
 */
import { userError } from '../../diag/error.ts';
import { type Rational, type RoundMode, rational, roundToGrid } from '../rounding.ts';

/**
 * `PLAIN` (default): `w = ±Σ 2^p_j` — unsigned bits with one sign, sign-magnitude.
 * `CSD`: signed digits `w = Σ ±2^p_j`, a superset of PLAIN for the same K. Digits may be
 * adjacent: the set is "at most K signed power-of-two terms", not strict canonical form,
 * so that it contains the PLAIN set.
 */
export type KhotEncoding = 'PLAIN' | 'CSD';

/**
 * Tie rule between two equally near members. `TIES_AWAY` (default) picks the larger
 * magnitude. `TIES_EVEN` is undefined on this non-uniform set and rejected (R2).
 */
export type KhotTie = Extract<RoundMode, 'TIES_AWAY' | 'TIES_ZERO' | 'TIES_UP' | 'TIES_DOWN'>;
export const KHOT_TIES: readonly KhotTie[] = ['TIES_AWAY', 'TIES_ZERO', 'TIES_UP', 'TIES_DOWN'];

/** The K-hot parameters shared by the quantizer, the storage codec and the generator. */
export interface KhotParams {
  /** M: magnitude bits, positions 0 <= p < M (M = W - 1 for a signed `ap_fixed<W, I>`). */
  readonly m: number;
  /** K: maximum number of non-zero terms, 1 <= K <= M (the spec's range is 1..3). */
  readonly k: number;
  readonly encoding?: KhotEncoding;
}

/** One term `±2^pos` of a K-hot value. */
export interface KhotTerm {
  readonly pos: number;
  readonly neg: boolean;
}

/** An enumerated K-hot set. Members are integers in LSB units (value = member * 2^-F). */
export interface KhotSet {
  readonly m: number;
  readonly k: number;
  readonly encoding: KhotEncoding;
  /** Non-negative members, ascending (0 included). */
  readonly magnitudes: readonly bigint[];
  /** All members, ascending; symmetric, so -2^M is never a member. */
  readonly values: readonly bigint[];
  /** `values` as rationals, for `roundToGrid`. */
  readonly grid: readonly Rational[];
  /**
   * Canonical decomposition of each member into terms, highest position first. PLAIN: the
   * set bits, all with the member's sign. CSD: fewest terms, then lowest top position,
   * then fewest negative digits.
   */
  readonly terms: ReadonlyMap<bigint, readonly KhotTerm[]>;
}

/** Members above this count are refused (enumeration and projection stay cheap). */
const MAX_SET_SIZE = 1 << 20;

const cache = new Map<string, KhotSet>();

/** Validate parameters, throwing a LowbitError naming the problem. */
export function checkKhotParams(p: KhotParams): void {
  const enc = p.encoding ?? 'PLAIN';
  if (!Number.isSafeInteger(p.m) || p.m < 1 || p.m > 64) {
    throw userError(`K-hot: magnitude bits M must be an integer in 1..64 (got ${String(p.m)})`);
  }
  if (!Number.isSafeInteger(p.k) || p.k < 1 || p.k > p.m) {
    throw userError(`K-hot: K must be an integer in 1..M = 1..${p.m} (got ${String(p.k)})`);
  }
  if (enc !== 'PLAIN' && enc !== 'CSD') {
    throw userError(`K-hot: unknown khotEncoding '${String(enc)}'`, 'use PLAIN or CSD');
  }
  let count = 0;
  let choose = 1; // C(m, j)
  for (let j = 0; j <= p.k; j++) {
    count += choose * (enc === 'CSD' ? 2 ** j : 1);
    choose = (choose * (p.m - j)) / (j + 1);
  }
  if (count > MAX_SET_SIZE) {
    throw userError(`K-hot: the (M=${p.m}, K=${p.k}, ${enc}) set has ${count} term combinations, over the limit ${MAX_SET_SIZE}`);
  }
}

/** Enumerate (and cache) the K-hot set of `p`. */
export function khotSet(p: KhotParams): KhotSet {
  checkKhotParams(p);
  const encoding = p.encoding ?? 'PLAIN';
  const key = `${p.m}/${p.k}/${encoding}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const best = new Map<bigint, KhotTerm[]>();
  const consider = (value: bigint, terms: KhotTerm[]): void => {
    const prev = best.get(value);
    if (!prev || termOrder(terms, prev) < 0) best.set(value, terms);
  };
  // All sets of up to K distinct positions, each term with every allowed sign pattern.
  const positions: number[] = [];
  const visit = (start: number): void => {
    const desc = [...positions].reverse();
    if (encoding === 'PLAIN') {
      const mag = desc.reduce((s, q) => s + (1n << BigInt(q)), 0n);
      consider(mag, desc.map((pos) => ({ pos, neg: false })));
      if (mag !== 0n) consider(-mag, desc.map((pos) => ({ pos, neg: true })));
    } else {
      for (let signs = 0; signs < 1 << desc.length; signs++) {
        const terms = desc.map((pos, j) => ({ pos, neg: ((signs >> j) & 1) === 1 }));
        consider(terms.reduce((s, t) => s + (t.neg ? -1n : 1n) * (1n << BigInt(t.pos)), 0n), terms);
      }
    }
    if (positions.length === p.k) return;
    for (let q = start; q < p.m; q++) {
      positions.push(q);
      visit(q + 1);
      positions.pop();
    }
  };
  visit(0);
  const values = [...best.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const set: KhotSet = {
    m: p.m,
    k: p.k,
    encoding,
    magnitudes: values.filter((v) => v >= 0n),
    values,
    grid: values.map((v) => rational(v, 1n)),
    terms: best,
  };
  cache.set(key, set);
  return set;
}

/** Order of candidate decompositions: fewer terms, lower top position, fewer negative digits. */
function termOrder(a: readonly KhotTerm[], b: readonly KhotTerm[]): number {
  if (a.length !== b.length) return a.length - b.length;
  const topA = a[0]?.pos ?? -1;
  const topB = b[0]?.pos ?? -1;
  if (topA !== topB) return topA - topB;
  const negA = a.filter((t) => t.neg).length;
  const negB = b.filter((t) => t.neg).length;
  if (negA !== negB) return negA - negB;
  for (let j = 0; j < a.length; j++) {
    if (a[j]!.pos !== b[j]!.pos) return a[j]!.pos - b[j]!.pos;
    if (a[j]!.neg !== b[j]!.neg) return a[j]!.neg ? 1 : -1;
  }
  return 0;
}

/** Reject tie rules other than the four of §6.2 with a LowbitError. */
export function checkKhotTie(tie: string): asserts tie is KhotTie {
  if (tie === 'TIES_EVEN') {
    throw userError(
      'K-hot: khotTie TIES_EVEN is not defined on a K-hot set (it has no code order)',
      'use TIES_AWAY (default), TIES_ZERO, TIES_UP or TIES_DOWN',
    );
  }
  if (!KHOT_TIES.includes(tie as KhotTie)) {
    throw userError(`K-hot: unknown khotTie '${tie}'`, `use one of ${KHOT_TIES.join(', ')}`);
  }
}

/**
 * Project the exact value `x` (in LSB units, i.e. `value * 2^F`) onto the nearest member of
 * the signed K-hot set by exact search (not greedy top-K bits: (6,2) maps 45 to 48, not 40).
 * Beyond the largest member it saturates to ±max. Ties follow `tie`.
 */
export function projectKhot(x: Rational, set: KhotSet, tie: KhotTie = 'TIES_AWAY'): bigint {
  checkKhotTie(tie);
  return roundToGrid(x, set.grid, tie).num;
}

/** The terms of a member; throws if `value` is not in the set. */
export function khotTerms(value: bigint, set: KhotSet): readonly KhotTerm[] {
  const t = set.terms.get(value);
  if (!t) throw new RangeError(`${value} is not a member of the (M=${set.m}, K=${set.k}, ${set.encoding}) K-hot set`);
  return t;
}

/**
 * `x * w` the way the K-hot PE computes it: K shifts and K - 1 additions, no multiplier.
 * Equals the exact product for every member `w` (tested exhaustively).
 */
export function khotShiftAdd(x: bigint, w: bigint, set: KhotSet): bigint {
  let acc = 0n;
  for (const t of khotTerms(w, set)) acc += t.neg ? -(x << BigInt(t.pos)) : x << BigInt(t.pos);
  return acc;
}
