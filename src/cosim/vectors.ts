/**
 * Vector sets: the input transactions of a cosim run, stored or generated directly as packed words
 * (layout.ts) so the hot path never touches BigInt. Exhaustive enumeration when a transaction has
 * at most `exhaustiveMaxBits` input bits, else corner cases followed by seeded random transactions.
 * Deterministic: the same layout, options and seed give the same words, however they are chunked.
 * Generators can also write Number columns for a batch golden model in the same pass.
 */
import { userError } from '../diag/error.ts';
import { extractColumns } from './columns.ts';
import { type BeatLayout, decodeTxn, encodeTxn, portRange } from './layout.ts';
import { compileFill, randomPlan } from './kernels.ts';
import { fillRandomWords } from './random-words.ts';
import type { NumColumn, VectorOptions } from './types.ts';

/** A finite, indexable sequence of input transactions. */
export interface VectorSet {
  /** Input layout (ports x beats) the words follow. */
  readonly layout: BeatLayout;
  /** Number of transactions. */
  readonly count: number;
  /** Human summary, e.g. "exhaustive 2^16" or "random 10000 + 37 corners, seed 1". */
  readonly description: string;
  /**
   * Write the packed words of transactions [start, start+n) to `out` from word 0
   * (`out.length >= n * layout.wordsPerTxn`). With `cols` (one column per (beat, port), all ports
   * <= 32 bits, see NumColumn) a set may also write the values there in the same pass and then
   * returns true; false or undefined means `cols` was not touched (so a plain `void` fill, e.g. a
   * wrapper that concatenates sets, stays valid). Sequential, block-aligned calls are fastest.
   */
  fill(start: number, n: number, out: Uint32Array, cols?: NumColumn[][]): boolean | void;
  /** Transaction i decoded to BigInts (signed ports negative). */
  transaction(i: number): bigint[][];
}

/** Default knobs (exported so the CLI can show them). */
export const VECTOR_DEFAULTS = {
  exhaustiveMaxBits: 20,
  count: 10_000,
  corners: true,
  maxCorners: 4096,
} as const;

/**
 * Random transactions come in independent blocks of this many, by absolute index (block b holds
 * transactions [b*RANDOM_BLOCK, (b+1)*RANDOM_BLOCK), corner cases replace the first ones), each
 * from its own seeded stream: any range can be regenerated without replaying the run.
 */
export const RANDOM_BLOCK = 65_536;

/** Pick exhaustive or corners + random per `opts` (seed: opts.seed ?? seed). */
export function generateVectors(layout: BeatLayout, opts: VectorOptions = {}, seed = 1): VectorSet {
  const maxBits = opts.exhaustiveMaxBits ?? VECTOR_DEFAULTS.exhaustiveMaxBits;
  if (!Number.isInteger(maxBits) || maxBits < 0 || maxBits > 32) {
    throw userError(`cosim: exhaustiveMaxBits must be an integer in [0, 32], got ${maxBits}`);
  }
  if (layout.bitsPerTxn <= maxBits) return exhaustiveVectors(layout);
  return randomVectors(layout, {
    count: opts.count ?? VECTOR_DEFAULTS.count,
    seed: opts.seed ?? seed,
    corners: opts.corners ?? VECTOR_DEFAULTS.corners,
    maxCorners: opts.maxCorners ?? VECTOR_DEFAULTS.maxCorners,
  });
}

/** Vectors from explicit transactions (range-checked; `what` names them in errors). */
export function explicitVectors(
  layout: BeatLayout,
  txns: readonly (readonly (readonly bigint[])[])[],
  what = 'vectors',
): VectorSet {
  const words = new Uint32Array(txns.length * layout.wordsPerTxn);
  txns.forEach((txn, i) => encodeTxn(layout, txn, words, i, `${what}[${i}]`));
  return packedVectors(layout, words, txns.length, `explicit ${txns.length}`);
}

/** Vectors over already packed words (e.g. a parsed vector file). */
export function packedVectors(layout: BeatLayout, words: Uint32Array, count: number, description: string): VectorSet {
  const w = layout.wordsPerTxn;
  return {
    layout,
    count,
    description,
    fill(start, n, out) {
      checkRange(start, n, count);
      out.set(words.subarray(start * w, (start + n) * w));
      return false;
    },
    transaction: (i) => decodeTxn(layout, words, i),
  };
}

/**
 * Every input combination, counter order: transaction c assigns bits of c to (beat, port) lanes,
 * lowest bits to beat 0 / port 0. Requires layout.bitsPerTxn <= 32.
 */
export function exhaustiveVectors(layout: BeatLayout): VectorSet {
  const bits = layout.bitsPerTxn;
  if (bits > 32) throw userError(`cosim: exhaustive enumeration of ${bits} input bits is too large (max 32)`);
  const lanes = laneList(layout);
  const count = 2 ** bits;
  const wpt = layout.wordsPerTxn;
  const fill = (start: number, n: number, out: Uint32Array, cols?: NumColumn[][]): boolean => {
    checkRange(start, n, count);
    let shift = 0;
    for (const lane of lanes) {
      const mask = lane.width === 32 ? -1 : 2 ** lane.width - 1;
      for (let i = 0, o = lane.word; i < n; i++, o += wpt) out[o] = ((start + i) >>> shift) & mask;
      shift += lane.width;
    }
    if (cols) extractColumns(layout, out, n, cols);
    return cols !== undefined;
  };
  return {
    layout,
    count,
    description: `exhaustive 2^${bits}`,
    fill,
    transaction(i) {
      const one = new Uint32Array(wpt);
      fill(i, 1, one);
      return decodeTxn(layout, one, 0);
    },
  };
}

export interface RandomVectorOptions {
  readonly count: number;
  readonly seed: number;
  readonly corners: boolean;
  readonly maxCorners: number;
}

/** Corner cases (see cornerTransactions) followed by seeded uniform random transactions. */
export function randomVectors(layout: BeatLayout, opts: RandomVectorOptions): VectorSet {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw userError(`cosim: vector count must be an integer >= 0, got ${opts.count}`);
  const cornerTxns = opts.corners ? cornerTransactions(layout, opts.seed, opts.maxCorners) : [];
  const wpt = layout.wordsPerTxn;
  const nCorners = cornerTxns.length;
  const cornerWords = new Uint32Array(nCorners * wpt);
  cornerTxns.forEach((t, i) => encodeTxn(layout, t, cornerWords, i, 'corner'));
  const count = nCorners + opts.count;
  const plan = randomPlan(layout);
  const kernel = compileFill(plan);
  const blockWords = RANDOM_BLOCK * plan.randomWords;
  let cachedBlock = -1;
  // Int32 view: the kernel stays in small-integer arithmetic.
  const rnd = new Int32Array(blockWords);
  const rndWords = new Uint32Array(rnd.buffer);

  const fill = (start: number, n: number, out: Uint32Array, cols?: NumColumn[][]): boolean => {
    checkRange(start, n, count);
    for (let done = 0; done < n; ) {
      const i = start + done;
      const block = Math.floor(i / RANDOM_BLOCK);
      const take = Math.min(n - done, (block + 1) * RANDOM_BLOCK - i);
      if (block !== cachedBlock) {
        fillRandomWords(blockSeed(opts.seed, block), rndWords);
        cachedBlock = block;
      }
      kernel(rnd, (i - block * RANDOM_BLOCK) * plan.randomWords, take, out, done * wpt, cols, done);
      done += take;
    }
    if (start < nCorners) {
      const k = Math.min(n, nCorners - start);
      out.set(cornerWords.subarray(start * wpt, (start + k) * wpt), 0);
      if (cols) extractColumns(layout, out, k, cols);
    }
    return cols !== undefined;
  };

  return {
    layout,
    count,
    description: `random ${opts.count}${opts.corners ? ` + ${nCorners} corners` : ''}, seed ${opts.seed}`,
    fill,
    transaction(i) {
      if (i < nCorners) return decodeTxn(layout, cornerWords, i);
      const block = Math.floor(i / RANDOM_BLOCK);
      const own = new Int32Array(blockWords);
      fillRandomWords(blockSeed(opts.seed, block), new Uint32Array(own.buffer));
      const one = new Uint32Array(wpt);
      kernel(own, (i - block * RANDOM_BLOCK) * plan.randomWords, 1, one, 0, undefined, 0);
      return decodeTxn(layout, one, 0);
    },
  };
}

/**
 * Corner transactions, deduplicated, at most `max`:
 * 1. every lane (beat x port) at the same corner: all min, all max, all 0, all 1, all -1;
 * 2. one lane at each of its corners (min, max, 0, 1, -1 where representable), the others 0;
 * 3. combinations of extremes: every {min, max} assignment across lanes when there are at most
 *    2^10 of them, else 1024 seeded random {min, max} assignments;
 * 4. 256 seeded random mixes of per-lane corner values.
 */
export function cornerTransactions(layout: BeatLayout, seed: number, max: number): bigint[][][] {
  const lanes = laneList(layout);
  const corners = lanes.map((l) => laneCorners(l.port));
  const rnd = new Uint32Array(1024 * Math.max(lanes.length, 1) + 256 * Math.max(lanes.length, 1));
  fillRandomWords(blockSeed(seed, 0x7fffffff), rnd);
  let r = 0;
  const below = (k: number): number => rnd[r++] % k;
  const out: bigint[][][] = [];
  const seen = new Set<string>();
  const push = (values: bigint[]): void => {
    if (out.length >= max) return;
    const key = values.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    out.push(toBeats(layout, values));
  };
  const pick = (want: bigint, l: number): bigint => (corners[l].includes(want) ? want : 0n);
  for (const which of ['min', 'max'] as const) push(lanes.map((l) => portRange(l.port)[which]));
  for (const v of [0n, 1n, -1n]) push(lanes.map((_, l) => pick(v, l)));
  lanes.forEach((_, l) => {
    for (const c of corners[l]) push(lanes.map((_, k) => (k === l ? c : 0n)));
  });
  const extremes = lanes.map((l) => [portRange(l.port).min, portRange(l.port).max]);
  if (lanes.length <= 10) {
    for (let m = 0; m < 2 ** lanes.length; m++) push(extremes.map((e, l) => e[(m >>> l) & 1]));
  } else {
    for (let k = 0; k < 1024; k++) push(extremes.map((e) => e[below(2)]));
  }
  for (let k = 0; k < 256; k++) push(corners.map((c) => c[below(c.length)]));
  return out;
}

// ---------------------------------------------------------------------------------------------

interface Lane {
  readonly port: BeatLayout['slots'][number]['port'];
  readonly width: number;
  readonly beat: number;
  readonly index: number;
  /** Word index of the lane within a transaction. */
  readonly word: number;
}

function laneList(layout: BeatLayout): Lane[] {
  const lanes: Lane[] = [];
  for (let b = 0; b < layout.beats; b++) {
    layout.slots.forEach((s, p) => {
      lanes.push({ port: s.port, width: s.port.width, beat: b, index: p, word: b * layout.wordsPerBeat + s.offset });
    });
  }
  return lanes;
}

function laneCorners(port: Lane['port']): bigint[] {
  const { min, max } = portRange(port);
  const vals = [min, max, 0n, 1n, -1n].filter((v) => v >= min && v <= max);
  return [...new Set(vals)];
}

function toBeats(layout: BeatLayout, values: bigint[]): bigint[][] {
  const n = layout.slots.length;
  const beats: bigint[][] = [];
  for (let b = 0; b < layout.beats; b++) beats.push(values.slice(b * n, (b + 1) * n));
  return beats;
}

/** Seed of random block `block`: a 32-bit mix of (seed, block) so blocks are independent. */
function blockSeed(seed: number, block: number): number {
  let h = (Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(block + 1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function checkRange(start: number, n: number, count: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(n) || start < 0 || n < 0 || start + n > count) {
    throw new RangeError(`VectorSet.fill: [${start}, ${start + n}) outside [0, ${count})`);
  }
}
