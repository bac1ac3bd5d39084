/**
 * Number columns for the batch golden path: one typed array per (beat, port), Int32Array holding
 * sign-extended values for signed ports, Uint32Array for unsigned ones (every port <= 32 bits).
 * Transposes between packed record words (layout.ts) and columns, with range checks on the way out.
 */
import { userError } from '../diag/error.ts';
import { type BeatLayout, portTypeName } from './layout.ts';
import type { NumColumn } from './types.ts';

/** One column of capacity n per (beat, port). */
export function allocColumns(layout: BeatLayout, n: number): NumColumn[][] {
  const cols: NumColumn[][] = [];
  for (let b = 0; b < layout.beats; b++) {
    cols.push(layout.slots.map((s) => (s.port.signed ? new Int32Array(n) : new Uint32Array(n))));
  }
  return cols;
}

/** Rows per tile: every column of a tile is extracted while its record words are in cache. */
const TILE = 512;

/** Rows [0, n) of packed words into columns (signed ports sign-extended). */
export function extractColumns(layout: BeatLayout, words: Uint32Array, n: number, cols: NumColumn[][]): void {
  const wpt = layout.wordsPerTxn;
  for (let r = 0; r < n; r += TILE) {
    const m = Math.min(TILE, n - r);
    for (let b = 0; b < layout.beats; b++) {
      for (let p = 0; p < layout.slots.length; p++) {
        const slot = layout.slots[p];
        const col = cols[b][p];
        const o = r * wpt + b * layout.wordsPerBeat + slot.offset;
        if (col instanceof Int32Array) extractSigned(words, o, wpt, m, col, r, 32 - slot.port.width);
        else extractUnsigned(words, o, wpt, m, col, r);
      }
    }
  }
}

function extractSigned(words: Uint32Array, o: number, stride: number, n: number, col: Int32Array, c: number, s: number): void {
  for (let i = 0; i < n; i++, o += stride) col[c + i] = (words[o] << s) >> s;
}

function extractUnsigned(words: Uint32Array, o: number, stride: number, n: number, col: Uint32Array, c: number): void {
  for (let i = 0; i < n; i++, o += stride) col[c + i] = words[o];
}

/** Columns into fresh packed words, checking every value against its port's range. */
export function packColumns(layout: BeatLayout, cols: NumColumn[][], n: number, first: number): Uint32Array {
  const wpt = layout.wordsPerTxn;
  const out = new Uint32Array(n * wpt);
  for (let b = 0; b < layout.beats; b++) {
    layout.slots.forEach((slot, p) => {
      const col = cols[b][p];
      const o = b * layout.wordsPerBeat + slot.offset;
      const w = slot.port.width;
      const bad =
        col instanceof Int32Array ? packSigned(col, n, out, o, wpt, 32 - w, slot.topMask | 0) : packUnsigned(col, n, out, o, wpt, slot.topMask);
      if (bad >= 0) {
        throw userError(
          `cosim: goldenBatch output '${slot.port.name}' of transaction ${first + bad} is ${col[bad]}, out of range for ${portTypeName(slot.port)}`,
        );
      }
    });
  }
  return out;
}

/** Returns the first out-of-range row, or -1. */
function packSigned(col: Int32Array, n: number, out: Uint32Array, o: number, stride: number, s: number, mask: number): number {
  let bad = -1;
  for (let i = 0; i < n; i++, o += stride) {
    const v = col[i];
    if (((v << s) >> s) !== v && bad < 0) bad = i;
    out[o] = v & mask;
  }
  return bad;
}

function packUnsigned(col: Uint32Array, n: number, out: Uint32Array, o: number, stride: number, max: number): number {
  let bad = -1;
  for (let i = 0; i < n; i++, o += stride) {
    const v = col[i];
    if (v > max && bad < 0) bad = i;
    out[o] = v;
  }
  return bad;
}
