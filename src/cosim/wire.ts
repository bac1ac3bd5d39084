/**
 * Packed vector file framing shared with both harnesses: an 8-word little-endian header
 *   [0] magic "LBCV"  [1] format version  [2] input words per beat  [3] input beats per transaction
 *   [4] transaction count, low word  [5] high word  [6] output words per beat  [7] output beats/txn
 * followed by the input beats (layout.ts). Output files carry no header: just output beats, and
 * for the stream protocol a sibling `<out>.cycles` file with one u64 cycle per output beat.
 */
import { endianness } from 'node:os';
import { HEADER_WORDS, VECTOR_MAGIC, VECTOR_VERSION } from './harness-model.ts';
import type { BeatLayout } from './layout.ts';

if (endianness() !== 'LE') {
  throw new Error('lowbit cosim: packed vector files assume a little-endian host');
}

/** The header of a vector file holding `count` transactions. */
export function vectorHeader(inLayout: BeatLayout, outLayout: BeatLayout, count: number): Buffer {
  const h = new Uint32Array(HEADER_WORDS);
  h[0] = VECTOR_MAGIC;
  h[1] = VECTOR_VERSION;
  h[2] = inLayout.wordsPerBeat;
  h[3] = inLayout.beats;
  h[4] = count % 2 ** 32;
  h[5] = Math.floor(count / 2 ** 32);
  h[6] = outLayout.wordsPerBeat;
  h[7] = outLayout.beats;
  return bytesOf(h);
}

/** The bytes of a word array (no copy; host order, i.e. little-endian). */
export function bytesOf(words: Uint32Array): Buffer {
  return Buffer.from(words.buffer, words.byteOffset, words.byteLength);
}

/** Path of the per-beat cycle file written next to a stream run's output file. */
export function cyclesPath(outPath: string): string {
  return `${outPath}.cycles`;
}
