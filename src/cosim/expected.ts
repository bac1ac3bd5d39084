/**
 * Expected outputs: run the golden model over a chunk of packed input transactions and pack its
 * results in the output layout, ready for a word-for-word comparison with the harness output.
 * Two paths: the exact BigInt GoldenModel per transaction, or the GoldenBatch fast path over
 * Number columns when every port is <= 32 bits (sampled against the BigInt model for safety).
 */
import { userError } from '../diag/error.ts';
import { allocColumns, extractColumns, packColumns } from './columns.ts';
import { type BeatLayout, decodeTxn, encodeTxn, hexOf } from './layout.ts';
import type { GoldenBatch, GoldenModel, NumColumn } from './types.ts';

/** Transactions at the start of a run on which goldenBatch is checked against golden. */
export const BATCH_CHECK_SAMPLES = 256;

export interface ExpectedEngine {
  /** True when the batch path is in use. */
  readonly batch: boolean;
  /**
   * Batch path: the engine's input columns, capacity >= n, for a VectorSet to fill while it
   * generates words (saves a transpose). undefined on the BigInt path.
   */
  inputColumns(n: number): NumColumn[][] | undefined;
  /**
   * Expected output words for `n` transactions packed in `inWords` (input layout); `first` is the
   * index of the first transaction (errors, self-check). `columnsFilled`: the input columns already
   * hold these transactions. Returns a fresh array.
   */
  compute(inWords: Uint32Array, n: number, first: number, columnsFilled?: boolean): Uint32Array;
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
  if (!goldenBatch) {
    return {
      batch: false,
      inputColumns: () => undefined,
      compute: (w, n, first) => computeSlow(inLayout, outLayout, golden, w, n, first),
    };
  }
  if (!batchEligible(inLayout, outLayout)) {
    throw userError('cosim: goldenBatch needs every input and output port to be at most 32 bits wide', 'drop goldenBatch for this target');
  }
  let inCols: NumColumn[][] = [];
  let outCols: NumColumn[][] = [];
  let capacity = 0;
  let checked = 0;
  const ensure = (n: number): void => {
    if (n > capacity) {
      capacity = n;
      inCols = allocColumns(inLayout, n);
      outCols = allocColumns(outLayout, n);
    }
  };
  return {
    batch: true,
    inputColumns(n) {
      ensure(n);
      return inCols;
    },
    compute(inWords, n, first, columnsFilled = false) {
      ensure(n);
      if (!columnsFilled) extractColumns(inLayout, inWords, n, inCols);
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

function fmtTxn(layout: BeatLayout, beats: bigint[][]): string {
  return beats
    .map((beat) => layout.slots.map((s, p) => `${s.port.name}=${beat[p]} (${hexOf(s.port, beat[p])})`).join(' '))
    .join(' | ');
}
