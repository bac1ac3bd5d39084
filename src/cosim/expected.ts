/**
 * Expected outputs: run the golden model over a chunk of packed input transactions and pack its
 * results in the output layout, ready for a word-for-word comparison with the harness output.
 * Two paths: the exact BigInt GoldenModel per transaction, or the GoldenBatch fast path over
 * Number columns when every port is <= 32 bits (sampled against the BigInt model for safety).
 */
import { userError } from '../diag/error.ts';
import { type BeatLayout, decodeTxn, encodeTxn, hexOf, portTypeName } from './layout.ts';
import type { GoldenBatch, GoldenModel, NumColumn } from './types.ts';

/** Transactions at the start of a run on which goldenBatch is checked against golden. */
export const BATCH_CHECK_SAMPLES = 256;

export interface ExpectedEngine {
  /** True when the batch path is in use. */
  readonly batch: boolean;
  /**
   * Expected output words for `n` transactions packed in `inWords` (input layout); `first` is the
   * index of the first transaction, used in error messages. Returns a fresh array.
   */
  compute(inWords: Uint32Array, n: number, first: number): Uint32Array;
}

/** True when all ports fit a 32-bit Number column, i.e. goldenBatch may be used. */
export function batchEligible(inLayout: BeatLayout, outLayout: BeatLayout): boolean {
  return [...inLayout.slots, ...outLayout.slots].every((s) => s.port.width <= 32);
}

export function expectedEngine(
  inLayout: BeatLayout,
  outLayout: BeatLayout,
  golden: GoldenModel,
  goldenBatch?: GoldenBatch,
): ExpectedEngine {
  if (!goldenBatch) return { batch: false, compute: (w, n, first) => computeSlow(inLayout, outLayout, golden, w, n, first) };
  if (!batchEligible(inLayout, outLayout)) {
    throw userError('cosim: goldenBatch needs every input and output port to be at most 32 bits wide', 'drop goldenBatch for this target');
  }
  let inCols: NumColumn[][] = [];
  let outCols: NumColumn[][] = [];
  let capacity = 0;
  let checked = 0;
  return {
    batch: true,
    compute(inWords, n, first) {
      if (n > capacity) {
        capacity = n;
        inCols = allocColumns(inLayout, n);
        outCols = allocColumns(outLayout, n);
      }
      extractColumns(inLayout, inWords, n, inCols);
      goldenBatch(inCols, outCols, n);
      const out = packColumns(outLayout, outCols, n, first);
      if (checked < BATCH_CHECK_SAMPLES && first === checked) {
        const k = Math.min(n, BATCH_CHECK_SAMPLES - checked);
        const ref = computeSlow(inLayout, outLayout, golden, inWords, k, first);
        for (let i = 0; i < k * outLayout.wordsPerTxn; i++) {
          if (ref[i] !== out[i]) {
            const t = Math.floor(i / outLayout.wordsPerTxn);
            throw userError(
              `cosim: goldenBatch disagrees with golden on transaction ${first + t}: ` +
                `batch ${fmtTxn(outLayout, decodeTxn(outLayout, out, t))}, golden ${fmtTxn(outLayout, decodeTxn(outLayout, ref, t))}`,
            );
          }
        }
        checked += k;
      }
      return out;
    },
  };
}

function computeSlow(
  inLayout: BeatLayout,
  outLayout: BeatLayout,
  golden: GoldenModel,
  inWords: Uint32Array,
  n: number,
  first: number,
): Uint32Array {
  const out = new Uint32Array(n * outLayout.wordsPerTxn);
  for (let i = 0; i < n; i++) {
    const result = golden(decodeTxn(inLayout, inWords, i));
    encodeTxn(outLayout, result, out, i, `golden model output for transaction ${first + i}`);
  }
  return out;
}

/** One column per (beat, port): Int32Array for signed ports, Uint32Array for unsigned. */
export function allocColumns(layout: BeatLayout, n: number): NumColumn[][] {
  const cols: NumColumn[][] = [];
  for (let b = 0; b < layout.beats; b++) {
    cols.push(layout.slots.map((s) => (s.port.signed ? new Int32Array(n) : new Uint32Array(n))));
  }
  return cols;
}

/** Transpose packed words (ports <= 32 bits) into columns, sign-extending signed ports. */
export function extractColumns(layout: BeatLayout, words: Uint32Array, n: number, cols: NumColumn[][]): void {
  const wpt = layout.wordsPerTxn;
  for (let b = 0; b < layout.beats; b++) {
    layout.slots.forEach((slot, p) => {
      const col = cols[b][p];
      let o = b * layout.wordsPerBeat + slot.offset;
      if (slot.port.signed) {
        const s = 32 - slot.port.width;
        for (let i = 0; i < n; i++, o += wpt) col[i] = (words[o] << s) >> s;
      } else {
        for (let i = 0; i < n; i++, o += wpt) col[i] = words[o];
      }
    });
  }
}

/** Pack output columns into words, checking each value against its port's range. */
export function packColumns(layout: BeatLayout, cols: NumColumn[][], n: number, first: number): Uint32Array {
  const wpt = layout.wordsPerTxn;
  const out = new Uint32Array(n * wpt);
  for (let b = 0; b < layout.beats; b++) {
    layout.slots.forEach((slot, p) => {
      const col = cols[b][p];
      const w = slot.port.width;
      const mask = slot.topMask;
      let o = b * layout.wordsPerBeat + slot.offset;
      let bad = -1;
      if (slot.port.signed) {
        const s = 32 - w;
        for (let i = 0; i < n; i++, o += wpt) {
          const v = col[i];
          if (((v << s) >> s) !== v) bad = i;
          out[o] = v & mask;
        }
      } else {
        for (let i = 0; i < n; i++, o += wpt) {
          const v = col[i];
          if (v > mask || v < 0 || !Number.isInteger(v)) bad = i;
          out[o] = v;
        }
      }
      if (bad >= 0) {
        throw userError(
          `cosim: goldenBatch output '${slot.port.name}' of transaction ${first + bad} is ${col[bad]}, out of range for ${portTypeName(slot.port)}`,
        );
      }
    });
  }
  return out;
}

function fmtTxn(layout: BeatLayout, beats: bigint[][]): string {
  return beats
    .map((beat) => layout.slots.map((s, p) => `${s.port.name}=${beat[p]} (${hexOf(s.port, beat[p])})`).join(' '))
    .join(' | ');
}
