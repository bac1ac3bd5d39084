/**
 * Comparison of harness output words against expected words, in transaction order. Equal chunks
 * are recognized with one memcmp; only differing chunks are walked transaction by transaction.
 * Decoding to BigInt happens only for the first `max` failures.
 */
import { type BeatLayout, decodeTxn } from './layout.ts';
import { bytesOf } from './wire.ts';

/** One failing transaction as found by the comparison (cycle is resolved later). */
export interface Failure {
  readonly index: number;
  /** Output beat (within the transaction) of the first differing word; 0 for X-only failures. */
  readonly beat: number;
  readonly expected: bigint[][];
  readonly actual: bigint[][];
  /** Set when the simulator reported X/Z bits in this transaction's outputs. */
  readonly x: boolean;
}

export class Tally {
  passed = 0;
  failed = 0;
  readonly failures: Failure[] = [];
  constructor(readonly max: number) {}
}

/**
 * Compare `n` transactions starting at index `first`. `xTxns` holds indices of transactions whose
 * outputs had X/Z bits (Icarus): they fail even when the 0-read bits happen to match.
 */
export function compareChunk(
  layout: BeatLayout,
  expected: Uint32Array,
  actual: Uint32Array,
  n: number,
  first: number,
  tally: Tally,
  xTxns?: ReadonlySet<number>,
): void {
  const wpt = layout.wordsPerTxn;
  const hasX = xTxns !== undefined && xTxns.size > 0;
  if (!hasX && bytesOf(expected.subarray(0, n * wpt)).equals(bytesOf(actual.subarray(0, n * wpt)))) {
    tally.passed += n;
    return;
  }
  for (let i = 0; i < n; i++) {
    let bad = -1;
    for (let k = i * wpt, end = k + wpt; k < end; k++) {
      if (expected[k] !== actual[k]) {
        bad = k - i * wpt;
        break;
      }
    }
    const x = hasX && xTxns.has(first + i);
    if (bad < 0 && !x) {
      tally.passed++;
      continue;
    }
    tally.failed++;
    if (tally.failures.length < tally.max) {
      tally.failures.push({
        index: first + i,
        beat: bad < 0 || layout.wordsPerBeat === 0 ? 0 : Math.floor(bad / layout.wordsPerBeat),
        expected: decodeTxn(layout, expected, i),
        actual: decodeTxn(layout, actual, i),
        x,
      });
    }
  }
}
