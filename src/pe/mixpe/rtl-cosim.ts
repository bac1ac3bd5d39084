/**
 * Cosimulation of the MixPE array against level b: the mapping between one stream transaction
 * of `mixpeArray` (K input beats → rows output beats, see rtl-array.ts) and one GEMM tile of
 * `gemmTile` (golden-datapath.ts), and a ready-made `CosimSpec`.
 *
 * Contract: `arrayGolden(p)` is pure: it reads X, Q from every beat, s_g / z_g from the last beat
 * of each group and s_x from the last beat, ignores the side channels elsewhere, and returns
 * the FP codes of level b. `inputsToBeats` is its inverse for explicit tiles (side channels
 * filled with a junk pattern where they are ignored, so a wrong sampling beat is caught).
 */
import type { CosimSpec } from '../../dsl/design.ts';
import type { GoldenModel } from '../../cosim/types.ts';
import { gemmTile } from './golden-datapath.ts';
import type { MixpeInputs, Scalar } from './golden-inputs.ts';
import { cornerInputs, randomInputs, tieInputs } from './vectors.ts';
import { Prng } from '../../util/prng.ts';
import type { MixpeParams } from './params.ts';

/** Input port names of the array top, in golden (declaration) order. */
export function arrayInputNames(p: MixpeParams): string[] {
  const r = (pre: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${pre}_${i}`);
  return [
    ...r('x', p.rows),
    ...r('q', p.cols),
    ...r('s', p.cols),
    ...(p.weightSigned ? [] : r('z', p.cols)),
    ...(p.activation === 'INT8' ? r('sx', p.rows) : []),
  ];
}

/** Output port names of the array top. */
export function arrayOutputNames(p: MixpeParams): string[] {
  return Array.from({ length: p.cols }, (_, i) => `y_${i}`);
}

interface Offsets {
  x: number;
  q: number;
  s: number;
  z: number;
  sx: number;
  width: number;
}

function offsets(p: MixpeParams): Offsets {
  const x = 0;
  const q = p.rows;
  const s = q + p.cols;
  const z = s + p.cols;
  const sx = z + (p.weightSigned ? 0 : p.cols);
  return { x, q, s, z, sx, width: sx + (p.activation === 'INT8' ? p.rows : 0) };
}

/** The GEMM tile one transaction stands for (M = rows, N = cols). */
export function beatsToInputs(beats: readonly (readonly bigint[])[], p: MixpeParams): MixpeInputs {
  if (beats.length !== p.K) throw new RangeError(`MixPE array transaction: expected ${p.K} beats, got ${beats.length}`);
  const o = offsets(p);
  const groups = p.K / p.G;
  const groupEnd = (g: number): readonly bigint[] => beats[g * p.G + p.G - 1]!;
  return {
    X: Array.from({ length: p.rows }, (_, m) => beats.map((b) => b[o.x + m]!)),
    Q: beats.map((b) => Array.from({ length: p.cols }, (_, n) => b[o.q + n]!)),
    S: Array.from({ length: groups }, (_, g) => Array.from({ length: p.cols }, (_, n) => groupEnd(g)[o.s + n]!)),
    Z: p.weightSigned ? undefined : Array.from({ length: groups }, (_, g) => Array.from({ length: p.cols }, (_, n) => groupEnd(g)[o.z + n]!)),
    SX: p.activation === 'INT8' ? Array.from({ length: p.rows }, (_, m) => beats[p.K - 1]![o.sx + m]!) : undefined,
  };
}

const big = (v: Scalar): bigint => BigInt(v);

/**
 * The K input beats of a tile with M ≤ rows, N ≤ cols (smaller tiles are repeated cyclically to
 * fill the array). Ignored side-channel slots carry junk: the bitwise complement of the value.
 */
export function inputsToBeats(inp: MixpeInputs, p: MixpeParams): bigint[][] {
  const M = inp.X.length;
  const N = inp.Q[0]!.length;
  const o = offsets(p);
  const sMask = 0xffffn;
  const zMask = (1n << BigInt(p.weightBits)) - 1n;
  return Array.from({ length: p.K }, (_, k) => {
    const g = Math.floor(k / p.G);
    const gEnd = k % p.G === p.G - 1;
    const beat = new Array<bigint>(o.width);
    for (let m = 0; m < p.rows; m++) beat[o.x + m] = big(inp.X[m % M]![k]!);
    for (let n = 0; n < p.cols; n++) {
      beat[o.q + n] = big(inp.Q[k]![n % N]!);
      const s = big(inp.S[g]![n % N]!);
      beat[o.s + n] = gEnd ? s : ~s & sMask;
      if (!p.weightSigned) {
        const z = inp.Z ? big(inp.Z[g]![n % N]!) : 0n;
        beat[o.z + n] = gEnd ? z : ~z & zMask;
      }
    }
    if (p.activation === 'INT8') {
      for (let m = 0; m < p.rows; m++) {
        const sx = big(inp.SX![m % M]!);
        beat[o.sx + m] = k === p.K - 1 ? sx : ~sx & sMask;
      }
    }
    return beat;
  });
}

/** Level b for one transaction: `rows` output beats of `cols` codes. */
export function arrayGolden(p: MixpeParams): GoldenModel {
  return (beats) => gemmTile(beatsToInputs(beats, p), p).map((row) => row.map((y) => y.code));
}

export interface ArrayCosimOptions {
  /** Seeded uniform random transactions (every code, specials included); default 8. */
  readonly random?: number;
  /** Realistic seeded tiles from `randomInputs` (finite scales of random sign); default 4. */
  readonly tiles?: number;
  /** Include the named spec corners of `cornerInputs` as whole tiles; default true. */
  readonly corners?: boolean;
  /** Seed of the realistic tiles; default 1. */
  readonly seed?: number;
}

/** Explicit transactions: the named corners (repeated over the array), realistic tiles and a tie tile. */
export function arrayCorners(p: MixpeParams, opts: ArrayCosimOptions = {}): bigint[][][] {
  const txns: bigint[][][] = [];
  if (opts.corners ?? true) for (const c of cornerInputs(p)) txns.push(inputsToBeats(c.inputs, p));
  const tiles = opts.tiles ?? 4;
  for (let i = 0; i < tiles; i++) txns.push(inputsToBeats(randomInputs(p, { seed: (opts.seed ?? 1) + i }), p));
  // Output-rounding ties with random-signed scales (two groups or more).
  if (p.K >= 2 * p.G) txns.push(inputsToBeats(tieInputs(p, { seed: opts.seed ?? 1 }), p));
  // Output-range sweep (INT8): tiny per-row activation scales (FP16 subnormal and smallest normal
  // codes) push outputs through the subnormal range, where the final rounding's sticky/shift logic
  // and the special-case flags of s_x are exercised.
  if (p.activation === 'INT8' && p.actScaleFormat === 'FP16') {
    for (let i = 0; i < tiles; i++) {
      const t = randomInputs(p, { seed: 1000 + (opts.seed ?? 1) + i });
      const rng = new Prng(2000 + i);
      const sx = Array.from({ length: t.X.length }, () => BigInt(rng.int(1, 0x0c00)));
      txns.push(inputsToBeats({ ...t, SX: sx }, p));
    }
    // Special activation scales (±Inf, ±0, NaN) per row over finite tiles of both output signs.
    const specials = [0x7c00n, 0xfc00n, 0x0000n, 0x8000n, 0x7e00n];
    for (let i = 0; i < 2; i++) {
      const t = randomInputs(p, { seed: 3000 + i });
      const sx = Array.from({ length: t.X.length }, (_, m) => specials[(m + i) % specials.length]!);
      txns.push(inputsToBeats({ ...t, SX: sx }, p));
      // The same tile with negated activations flips every output's sign.
      const negX = t.X.map((row) => row.map((x) => { const v = -BigInt(x); return v > 127n ? 127n : v; }));
      txns.push(inputsToBeats({ ...t, X: negX, SX: sx }, p));
    }
  }
  return txns;
}

/** The cosim spec of `mixpeArray(p)` against level b. */
export function arrayCosimSpec(p: MixpeParams, opts: ArrayCosimOptions = {}): CosimSpec {
  return {
    protocol: { kind: 'stream' },
    beats: { in: p.K, out: p.rows },
    inputs: arrayInputNames(p),
    outputs: arrayOutputNames(p),
    golden: arrayGolden(p),
    vectors: { count: opts.random ?? 8, corners: false },
    corners: arrayCorners(p, opts),
  };
}
