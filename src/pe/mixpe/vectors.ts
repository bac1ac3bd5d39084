/**
 * Default MixPE test vectors: named corner cases (specs/mixpe.md "Test cases" 2–5) and seeded
 * random GEMMs, as `MixpeInputs` for both golden levels and the cosim.
 *
 * Contract: deterministic (same parameters and seed give the same vectors on every machine);
 * every vector passes `checkInputs`. Random FP activations and scales are drawn from exponent
 * windows chosen so outputs stay finite unless `specials` asks for non-finite operands.
 */
import { encodeRational } from '../../golden/float/encode.ts';
import { rational } from '../../golden/rounding.ts';
import { Prng } from '../../util/prng.ts';
import type { MixpeInputs, Scalar } from './golden-inputs.ts';
import { activationFormat, mixpeFormat, weightRange, zeroPointRange, type MixpeParams } from './params.ts';

export interface RandomVectorOptions {
  /** Activation rows; default `p.rows`. */
  readonly M?: number;
  /** Weight columns; default `p.cols`. */
  readonly N?: number;
  /** PRNG seed; default 1. */
  readonly seed?: number;
  /** Probability that an FP activation is ±0, ±Inf or NaN; default 0. */
  readonly specials?: number;
  /** FP activation exponent-field window `[lo, hi]`; default FP16 [5, 19], BF16 [117, 131]. */
  readonly actExp?: readonly [number, number];
  /** Scale exponent-field window; default 2^−8 … 2^−2 (FP16 [7, 13]). */
  readonly scaleExp?: readonly [number, number];
  /**
   * Probability that a scale (s_g, and s_x for INT8) is drawn from the non-normal classes
   * instead of the window: subnormal, ±0, ±Inf or NaN (equally likely, random signs); default 0.
   * Every scale, normal or not, has a random sign.
   */
  readonly scaleSpecials?: number;
}

/** A named corner vector. */
export interface NamedVector {
  readonly name: string;
  readonly inputs: MixpeInputs;
}

function fmtBias(name: 'FP16' | 'BF16' | 'FP32'): number {
  return mixpeFormat(name).bias;
}

/** Random finite code of `fmt` with an exponent field in `[lo, hi]` and a random sign. */
function randomCode(rng: Prng, expBits: number, manBits: number, lo: number, hi: number): bigint {
  const s = BigInt(rng.int(0, 1));
  const e = BigInt(rng.int(lo, hi));
  const f = rng.bits(manBits);
  return (s << BigInt(expBits + manBits)) | (e << BigInt(manBits)) | f;
}

/**
 * A random scale code of format `name`: with probability `pSpecial` a subnormal, ±0, ±Inf or
 * NaN (one of four, equally likely), else a normal code in the exponent window; random sign.
 */
export function randomScaleCode(rng: Prng, name: 'FP16' | 'BF16' | 'FP32', lo: number, hi: number, pSpecial = 0): bigint {
  const f = mixpeFormat(name);
  if (pSpecial > 0 && rng.chance(pSpecial)) {
    const sign = BigInt(rng.int(0, 1)) << BigInt(f.expBits + f.manBits);
    const top = BigInt(2 ** f.expBits - 1) << BigInt(f.manBits);
    const kind = rng.int(0, 3);
    if (kind === 0) return sign | (rng.bits(f.manBits) | 1n); // subnormal
    if (kind === 1) return sign; // ±0
    if (kind === 2) return sign | top; // ±Inf
    return top | (1n << BigInt(f.manBits - 1)) | rng.bits(f.manBits - 1); // NaN
  }
  return randomCode(rng, f.expBits, f.manBits, lo, hi);
}

/** Code of an exact small value in a MixPE format (for corner vectors). */
export function codeOf(name: 'FP16' | 'BF16' | 'FP32', num: bigint, den = 1n): bigint {
  return encodeRational(rational(num, den), mixpeFormat(name)).code;
}

function scaleWindow(p: MixpeParams, w?: readonly [number, number]): readonly [number, number] {
  const b = fmtBias(p.scaleFormat);
  return w ?? [b - 8, b - 2];
}

/** A seeded random GEMM for `p` (K = p.K). */
export function randomInputs(p: MixpeParams, opts: RandomVectorOptions = {}): MixpeInputs {
  const rng = new Prng(opts.seed ?? 1);
  const M = opts.M ?? p.rows;
  const N = opts.N ?? p.cols;
  const groups = p.K / p.G;
  const qr = weightRange(p);
  const zr = zeroPointRange(p);
  const [slo, shi] = scaleWindow(p, opts.scaleExp);
  let X: Scalar[][];
  if (p.activation === 'INT8') {
    X = Array.from({ length: M }, () => Array.from({ length: p.K }, () => BigInt(rng.int(-128, 127))));
  } else {
    const af = activationFormat(p);
    const [lo, hi] = opts.actExp ?? [af.bias - 10, af.bias + 4];
    const pSpecial = opts.specials ?? 0;
    const top = BigInt(2 ** af.expBits - 1) << BigInt(af.manBits);
    X = Array.from({ length: M }, () =>
      Array.from({ length: p.K }, () => {
        if (pSpecial > 0 && rng.chance(pSpecial)) {
          const sign = BigInt(rng.int(0, 1)) << BigInt(af.expBits + af.manBits);
          const kind = rng.int(0, 2);
          return kind === 0 ? sign : kind === 1 ? sign | top : top | 1n; // ±0, ±Inf, NaN
        }
        return randomCode(rng, af.expBits, af.manBits, lo, hi);
      }),
    );
  }
  const Q = Array.from({ length: p.K }, () => Array.from({ length: N }, () => BigInt(rng.int(Number(qr.lo), Number(qr.hi)))));
  const pS = opts.scaleSpecials ?? 0;
  const S = Array.from({ length: groups }, () => Array.from({ length: N }, () => randomScaleCode(rng, p.scaleFormat, slo, shi, pS)));
  const Z = p.weightSigned
    ? undefined
    : Array.from({ length: groups }, () => Array.from({ length: N }, () => BigInt(rng.int(Number(zr.lo), Number(zr.hi)))));
  let SX: Scalar[] | undefined;
  if (p.activation === 'INT8') {
    const b = mixpeFormat(p.actScaleFormat).bias;
    SX = Array.from({ length: M }, () => randomScaleCode(rng, p.actScaleFormat, b - 8, b - 4, pS));
  }
  return { X, Q, S, Z, SX };
}

/** Fill helpers for corner vectors. */
function full<T>(rows: number, cols: number, v: T): T[][] {
  return Array.from({ length: rows }, () => Array<T>(cols).fill(v));
}

/**
 * Named corner GEMMs (1 row × 1 column unless stated; s = 1 unless stated) for `p`:
 * `negative-scale` (issue 10 regression: X = 1, Q = 1, z = 0, s_g = −1, s_x = +1 gives −1; INT8 also
 * `negative-scales-both` with s_x = −1), `max-negative` / `max-positive` (largest |P_g| of §7: X = −128 or 127 (FP: ∓max finite),
 * Q = Q_max, s = 2^−20 so the output stays finite),
 * `signed-min` (signed weights: X = −128, Q = −8 gives P_g = +131072), `zero-point-0` and
 * `zero-point-max` (z = 0 and z = 2^b − 1 with a ramp of weights), `all-zero`, and for FP
 * activations `subnormals` (2^−24 and the largest subnormal), `output-overflow` (65504 × 15
 * in one product), `output-near-max` (a result in (65504, 65520)), `cancellation`
 * (+65504·15, small terms, −65504·15 in k order) and `specials` (±0, ±Inf, NaN).
 */
export function cornerInputs(p: MixpeParams): NamedVector[] {
  const groups = p.K / p.G;
  const K = p.K;
  const qr = weightRange(p);
  const zMax = zeroPointRange(p).hi;
  const one = codeOf(p.scaleFormat, 1n);
  const S1 = full(groups, 1, one);
  const Z0 = p.weightSigned ? undefined : full(groups, 1, 0n);
  const SX = p.activation === 'INT8' ? [codeOf(p.actScaleFormat, 1n)] : undefined;
  const isInt = p.activation === 'INT8';
  const af = isInt ? null : activationFormat(p);
  const act = (num: bigint, den = 1n): bigint => (isInt ? num : codeOf(p.activation as 'FP16' | 'BF16', num, den));
  const maxAct = isInt ? 127n : (((1n << BigInt(af!.manBits + 1)) - 1n) << BigInt(2 ** af!.expBits - 2 - af!.bias - af!.manBits));
  const out: NamedVector[] = [];
  const push = (name: string, X: Scalar[][], Q: Scalar[][], extra: Partial<MixpeInputs> = {}) =>
    out.push({ name, inputs: { X, Q, S: S1, Z: Z0, SX, ...extra } });

  const minAct = isInt ? -128n : -maxAct;
  // Extreme groups use s = 2^-20 so the output stays finite (FP16: 65504·15·K·2^-20 < 65504 for K < 69k).
  const tinyScale = { S: full(groups, 1, codeOf(p.scaleFormat, 1n, 1n << 20n)) };
  push('max-negative', [Array(K).fill(act(minAct))], full(K, 1, qr.hi), tinyScale);
  push('max-positive', [Array(K).fill(act(isInt ? 127n : maxAct))], full(K, 1, qr.hi), tinyScale);
  if (p.weightSigned) push('signed-min', [Array(K).fill(act(minAct))], full(K, 1, qr.lo), tinyScale);
  const ramp = Array.from({ length: K }, (_, k) => [BigInt(Number(qr.lo) + (k % Number(qr.hi - qr.lo + 1n)))]);
  const xs = Array.from({ length: K }, (_, k) => act(BigInt((k % 17) - 8)));
  push('zero-point-0', [xs], ramp);
  if (!p.weightSigned) push('zero-point-max', [xs], ramp, { Z: full(groups, 1, zMax) });
  push('all-zero', [Array(K).fill(act(0n))], full(K, 1, qr.hi));
  // Regression (issue 10): a finite negative scale scales with its sign. X[0][0] = 1, Q = 1,
  // z = 0, s_g = −1.0, s_x = +1.0 gives Y = −1.0; with s_x = −1.0 as well, +1.0.
  const unit = Array(K).fill(act(0n));
  unit[0] = act(1n);
  const negS = { S: full(groups, 1, codeOf(p.scaleFormat, -1n)), Z: Z0 };
  push('negative-scale', [unit], full(K, 1, 1n), negS);
  if (isInt) push('negative-scales-both', [unit], full(K, 1, 1n), { ...negS, SX: [codeOf(p.actScaleFormat, -1n)] });
  if (!isInt) {
    const f = af!;
    const minSub = 1n;
    const maxSub = (1n << BigInt(f.manBits)) - 1n;
    const sub = Array.from({ length: K }, (_, k) => (k % 2 ? minSub : maxSub | (k % 4 === 0 ? 1n << BigInt(f.expBits + f.manBits) : 0n)));
    push('subnormals', [sub], ramp);
    if (p.activation === 'FP16') {
      const single = Array(K).fill(act(0n));
      single[0] = act(65504n);
      const q15 = full(K, 1, 0n);
      q15[0] = [qr.hi];
      push('output-overflow', [single], q15);
      const near = Array(K).fill(act(0n));
      near[0] = act(65504n);
      near[1] = act(8n);
      push('output-near-max', [near], full(K, 1, 1n));
      const canc = Array(K).fill(act(1n, 1n << 12n));
      canc[0] = act(65504n);
      canc[p.G - 1] = act(-65504n);
      push('cancellation', [canc], full(K, 1, qr.hi));
    }
    const top = BigInt(2 ** f.expBits - 1) << BigInt(f.manBits);
    const sign = 1n << BigInt(f.expBits + f.manBits);
    const spec = [0n, sign, top, sign | top, top | 1n];
    push('specials', spec.map((c) => Array.from({ length: K }, (_, k) => (k === 0 ? c : act(1n)))), full(K, 1, qr.hi));
  }
  return out;
}

/**
 * Output-rounding ties (1 row, `N` columns, K ≥ 2G): column n is `s_{0,n} + s_{1,n}` with
 * X[0][0] = X[0][G] = 1, Q = 1 there (0 elsewhere), z = 0 and s_x = ±1, where s_{0,n} is a
 * random normal scale c and s_{1,n} = ±2^(e − outMan − 1), half an output ULP of c. The sum is
 * exactly halfway between two output codes unless c is at the bottom of its binade and the
 * half-ULP is subtracted. Columns whose half-ULP the scale format cannot represent get
 * s_{1,n} = 0 (no tie).
 */
export function tieInputs(p: MixpeParams, opts: { seed?: number; N?: number } = {}): MixpeInputs {
  if (p.K < 2 * p.G) throw new RangeError('tieInputs: needs at least two groups');
  const rng = new Prng(opts.seed ?? 1);
  const N = opts.N ?? p.cols;
  const groups = p.K / p.G;
  const sf = mixpeFormat(p.scaleFormat);
  const outMan = mixpeFormat(p.outputFormat).manBits;
  const [slo, shi] = scaleWindow(p);
  const one = p.activation === 'INT8' ? 1n : codeOf(p.activation, 1n);
  const zero = p.activation === 'INT8' ? 0n : codeOf(p.activation, 0n);
  const X = [Array.from({ length: p.K }, (_, k) => (k === 0 || k === p.G ? one : zero))];
  const Q = Array.from({ length: p.K }, (_, k) => Array<bigint>(N).fill(k === 0 || k === p.G ? 1n : 0n));
  const S: bigint[][] = Array.from({ length: groups }, () => Array<bigint>(N).fill(0n));
  for (let n = 0; n < N; n++) {
    const c = randomCode(rng, sf.expBits, sf.manBits, slo, shi);
    const e = Number((c >> BigInt(sf.manBits)) & ((1n << BigInt(sf.expBits)) - 1n)) - sf.bias;
    const h = e - outMan - 1;
    const sign = rng.int(0, 1) ? -1n : 1n;
    S[0]![n] = c;
    S[1]![n] = h >= 1 - sf.bias - sf.manBits ? (h >= 0 ? codeOf(p.scaleFormat, sign << BigInt(h)) : codeOf(p.scaleFormat, sign, 1n << BigInt(-h))) : 0n;
  }
  const Z = p.weightSigned ? undefined : Array.from({ length: groups }, () => Array<bigint>(N).fill(0n));
  const SX = p.activation === 'INT8' ? [codeOf(p.actScaleFormat, rng.int(0, 1) ? -1n : 1n)] : undefined;
  return { X, Q, S, Z, SX };
}
