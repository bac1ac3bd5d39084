/**
 * Number columns for the batch golden path: one typed array per (beat, port), Int32Array holding
 * sign-extended values for signed ports, Uint32Array for unsigned ones (every port <= 32 bits).
 * Transposes between packed record words (layout.ts) and columns, with range checks on the way out.
 */
import { userError } from '../diag/error.ts';
import { type BeatLayout, portTypeName } from './layout.ts';
import { compileExtract, compilePack, type ExtractKernel, type PackKernel } from './kernels.ts';
import type { NumColumn } from './types.ts';

/** One column of capacity n per (beat, port). */
export function allocColumns(layout: BeatLayout, n: number): NumColumn[][] {
  const cols: NumColumn[][] = [];
  for (let b = 0; b < layout.beats; b++) {
    cols.push(layout.slots.map((s) => (s.port.signed ? new Int32Array(n) : new Uint32Array(n))));
  }
  return cols;
}

const extractors = new WeakMap<BeatLayout, ExtractKernel>();
const packers = new WeakMap<BeatLayout, PackKernel>();

/** Rows [0, n) of packed words into columns (signed ports sign-extended). */
export function extractColumns(layout: BeatLayout, words: Uint32Array, n: number, cols: NumColumn[][]): void {
  let k = extractors.get(layout);
  if (!k) extractors.set(layout, (k = compileExtract(layout)));
  k(words, n, cols);
}

/** Columns into fresh packed words, checking every value against its port's range. */
export function packColumns(layout: BeatLayout, cols: NumColumn[][], n: number, first: number): Uint32Array {
  let k = packers.get(layout);
  if (!k) packers.set(layout, (k = compilePack(layout)));
  const out = new Uint32Array(n * layout.wordsPerTxn);
  const bad = k(cols, n, out);
  if (bad >= 0) {
    for (let b = 0; b < layout.beats; b++) {
      layout.slots.forEach((slot, p) => {
        const v = cols[b][p][bad];
        const s = 32 - slot.port.width;
        const ok = slot.port.signed ? ((v << s) >> s) === v : v <= 2 ** slot.port.width - 1;
        if (!ok) {
          throw userError(
            `cosim: goldenBatch output '${slot.port.name}' of transaction ${first + bad} is ${v}, out of range for ${portTypeName(slot.port)}`,
          );
        }
      });
    }
  }
  return out;
}
