/**
 * A deliberately naive second model of ap_fixed conversion, for property tests only. Written
 * from the conformance README's prose, not from src/golden/fixed: rounding by brute-force
 * search over candidate grid points with exact rational distances, saturation by clamping,
 * wrapping by modulo, and the N-bit / sign-magnitude rules as edits of a '0'/'1' string.
 */
import type { FixedFormat, OMode, QMode } from '../../../src/golden/fixed/format.ts';

/** Exact value num / den (den > 0) of an integer in LSB units of `f`. */
function valueOf(n: bigint, f: FixedFormat): [bigint, bigint] {
  const F = f.w - f.i;
  return F >= 0 ? [n, 2n ** BigInt(F)] : [n * 2n ** BigInt(-F), 1n];
}

/** sign of (a/b - c/d) for positive denominators. */
function cmp(a: bigint, b: bigint, c: bigint, d: bigint): number {
  const l = a * d;
  const r = c * b;
  return l === r ? 0 : l < r ? -1 : 1;
}

/**
 * The destination grid point k (value k * 2^-Fd) chosen by `q` for the exact source value,
 * by scanning a window of candidates that surely contains the two neighbours.
 */
export function naiveQuantize(srcInt: bigint, src: FixedFormat, dst: FixedFormat, q: QMode): bigint {
  const [xn, xd] = valueOf(srcInt, src);
  const Fd = dst.w - dst.i;
  const lsbNum = Fd >= 0 ? 1n : 2n ** BigInt(-Fd);
  const lsbDen = Fd >= 0 ? 2n ** BigInt(Fd) : 1n;
  // Rough position of x on the destination grid (truncating division), +-2 candidates.
  const guess = (xn * lsbDen) / (xd * lsbNum);
  const cands: bigint[] = [];
  for (let k = guess - 2n; k <= guess + 2n; k++) cands.push(k);
  const at = (k: bigint): [bigint, bigint] => [k * lsbNum, lsbDen];
  const exact = cands.find((k) => cmp(...at(k), xn, xd) === 0);
  if (exact !== undefined) return exact;
  const below = cands.filter((k) => cmp(...at(k), xn, xd) < 0).reduce((a, b) => (b > a ? b : a));
  const above = cands.filter((k) => cmp(...at(k), xn, xd) > 0).reduce((a, b) => (b < a ? b : a));
  const negative = xn < 0n;
  if (q === 'AP_TRN') return below;
  if (q === 'AP_TRN_ZERO') return negative ? above : below;
  // distance comparison: (x - below) vs (above - x), both exact
  const [bn, bd] = at(below);
  const [an, ad] = at(above);
  const dBelow: [bigint, bigint] = [xn * bd - bn * xd, xd * bd];
  const dAbove: [bigint, bigint] = [an * xd - xn * ad, ad * xd];
  const c = cmp(...dBelow, ...dAbove);
  if (c < 0) return below;
  if (c > 0) return above;
  switch (q) {
    case 'AP_RND':
      return above;
    case 'AP_RND_MIN_INF':
      return below;
    case 'AP_RND_ZERO':
      return negative ? above : below;
    case 'AP_RND_INF':
      return negative ? below : above;
    case 'AP_RND_CONV':
      return below % 2n === 0n ? below : above;
  }
  throw new Error(`unreachable ${q}`);
}

function bitsOf(n: bigint, width: number): string {
  const m = 2n ** BigInt(width);
  return (((n % m) + m) % m).toString(2).padStart(width, '0');
}

function fromBits(s: string, signed: boolean): bigint {
  const u = BigInt('0b' + s);
  return signed && s[0] === '1' ? u - 2n ** BigInt(s.length) : u;
}

/** The overflow step, from the README's description of each mode. */
export function naiveOverflow(n: bigint, dst: FixedFormat, o: OMode, N: number): bigint {
  const w = dst.w;
  const lo = dst.signed ? -(2n ** BigInt(w - 1)) : 0n;
  const hi = dst.signed ? 2n ** BigInt(w - 1) - 1n : 2n ** BigInt(w) - 1n;
  const inRange = n >= lo && n <= hi;
  if (o === 'AP_SAT_SYM') {
    const floor = dst.signed ? -hi : 0n; // symmetric range; also moves exact MIN up
    return n < floor ? floor : n > hi ? hi : n;
  }
  if (inRange) return n;
  if (o === 'AP_SAT') return n < lo ? lo : hi;
  if (o === 'AP_SAT_ZERO') return 0n;
  const negative = n < 0n;
  // wrapped = the low w bits (modulo 2^w) as a bit string, MSB first
  const wrapped = bitsOf(n, w).split('');
  if (o === 'AP_WRAP') {
    if (N === 0) return ((((n - lo) % 2n ** BigInt(w)) + 2n ** BigInt(w)) % 2n ** BigInt(w)) + lo;
    for (let j = 0; j < N; j++) {
      wrapped[j] = dst.signed ? (j === 0 ? (negative ? '1' : '0') : negative ? '0' : '1') : '1';
    }
    return fromBits(wrapped.join(''), dst.signed);
  }
  // AP_WRAP_SM (signed only)
  const flip = (s: string[]): string[] => s.map((c) => (c === '1' ? '0' : '1'));
  const wide = bitsOf(n, w + 1); // wide[0] = bit w of n, the least significant deleted bit
  if (N === 0) {
    const deleted = wide[0]!;
    const out = deleted !== wrapped[0] ? flip(wrapped) : wrapped;
    return fromBits(out.join(''), true);
  }
  const signChar = negative ? '1' : '0';
  const inv = N === 1 ? wrapped[0] !== signChar : wrapped[N - 1] === signChar;
  const out = inv ? flip(wrapped) : wrapped;
  out[0] = signChar;
  for (let j = 1; j < N; j++) out[j] = negative ? '0' : '1';
  return fromBits(out.join(''), true);
}

/** Naive conversion: quantize, then overflow. */
export function naiveCast(srcInt: bigint, src: FixedFormat, dst: FixedFormat): bigint {
  const q = dst.q ?? 'AP_TRN';
  const n = naiveQuantize(srcInt, src, dst, q);
  return naiveOverflow(n, dst, dst.o ?? 'AP_WRAP', dst.n ?? 0);
}
