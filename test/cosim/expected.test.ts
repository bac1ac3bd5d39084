import { describe, expect, it } from 'vitest';
import { BATCH_CHECK_SAMPLES, batchEligible, expectedEngine } from '../../src/cosim/expected.ts';
import { beatLayout, decodeTxn } from '../../src/cosim/layout.ts';
import type { GoldenBatch, GoldenModel } from '../../src/cosim/types.ts';
import { exhaustiveVectors } from '../../src/cosim/vectors.ts';

const inL = beatLayout([{ name: 'a', width: 5, signed: true }, { name: 'b', width: 5, signed: false }]);
const outL = beatLayout([{ name: 'p', width: 10, signed: true }, { name: 's', width: 6, signed: true }]);
const golden: GoldenModel = ([[a, b]]) => [[a * b, a + b - 16n]];
const batch: GoldenBatch = ([[a, b]], [[p, s]], n) => {
  for (let i = 0; i < n; i++) {
    p[i] = a[i] * b[i];
    s[i] = a[i] + b[i] - 16;
  }
};

function inputs(): { words: Uint32Array; n: number } {
  const vs = exhaustiveVectors(inL);
  const words = new Uint32Array(vs.count * inL.wordsPerTxn);
  vs.fill(0, vs.count, words);
  return { words, n: vs.count };
}

describe('expectedEngine', () => {
  it('BigInt and batch paths produce identical words over the whole (exhaustive) input space', () => {
    const { words, n } = inputs();
    const slow = expectedEngine(inL, outL, golden).compute(words, n, 0);
    const eng = expectedEngine(inL, outL, golden, batch);
    expect(eng.batch).toBe(true);
    const fast = eng.compute(words, n, 0);
    expect([...fast]).toEqual([...slow]);
    for (let i = 0; i < n; i += 97) expect(decodeTxn(outL, slow, i)).toEqual(golden(decodeTxn(inL, words, i)));
  });

  it('uses columns filled by the vector set when told so', () => {
    const { words, n } = inputs();
    const eng = expectedEngine(inL, outL, golden, batch);
    const cols = eng.inputColumns(n)!;
    exhaustiveVectors(inL).fill(0, n, new Uint32Array(words.length), cols);
    expect([...eng.compute(words, n, 0, true)]).toEqual([...expectedEngine(inL, outL, golden).compute(words, n, 0)]);
  });

  it('catches a batch model that disagrees with the BigInt model in the sampled prefix', () => {
    const { words, n } = inputs();
    const wrong: GoldenBatch = (ins, outs, k) => {
      batch(ins, outs, k);
      outs[0][1][BATCH_CHECK_SAMPLES - 1] ^= 1;
    };
    expect(() => expectedEngine(inL, outL, golden, wrong).compute(words, n, 0)).toThrow(
      new RegExp(`goldenBatch disagrees with golden on transaction ${BATCH_CHECK_SAMPLES - 1}`),
    );
  });

  it('reports golden outputs out of range and wrong shapes with the transaction index', () => {
    const { words } = inputs();
    expect(() => expectedEngine(inL, outL, () => [[1000n, 0n]]).compute(words, 4, 10)).toThrow(
      "golden model output for transaction 10: port 'p' (beat 0) value 1000 is out of range [-512, 511] for sint10",
    );
    expect(() => expectedEngine(inL, outL, () => [[1n]]).compute(words, 1, 0)).toThrow(/beat 0 must have 2 value/);
    const big: GoldenBatch = (_i, [[p]], k) => p.fill(600, 0, k);
    expect(() => expectedEngine(inL, outL, golden, big).compute(words, 4, 0)).toThrow(/goldenBatch output 'p' of transaction 0 is 600/);
  });

  it('refuses the batch path when a port is wider than 32 bits', () => {
    const wide = beatLayout([{ name: 'x', width: 33, signed: false }]);
    expect(batchEligible(wide, outL)).toBe(false);
    expect(() => expectedEngine(wide, outL, golden, batch)).toThrow(/at most 32 bits/);
  });
});
