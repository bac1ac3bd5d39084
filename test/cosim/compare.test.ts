import { describe, expect, it } from 'vitest';
import { Tally, compareChunk } from '../../src/cosim/compare.ts';
import { beatLayout, encodeTxn } from '../../src/cosim/layout.ts';

const layout = beatLayout([{ name: 'y', width: 8, signed: true }, { name: 'z', width: 40, signed: false }], 2);

function pack(txns: bigint[][][]): Uint32Array {
  const w = new Uint32Array(txns.length * layout.wordsPerTxn);
  txns.forEach((t, i) => encodeTxn(layout, t, w, i, 't'));
  return w;
}

describe('compareChunk', () => {
  const exp = [
    [[1n, 2n], [3n, 4n]],
    [[-1n, 5n], [6n, 7n]],
    [[0n, 0n], [0n, 0n]],
    [[9n, 1n << 39n], [-128n, 1n]],
  ];

  it('counts equal chunks as passed', () => {
    const t = new Tally(10);
    compareChunk(layout, pack(exp), pack(exp), 4, 0, t);
    expect([t.passed, t.failed, t.failures.length]).toEqual([4, 0, 0]);
  });

  it('finds failures in order with decoded values and the first differing beat', () => {
    const act = exp.map((t) => t.map((b) => [...b]));
    act[1][1][1] = 8n;
    act[3][0][0] = -9n;
    act[3][1][1] = 0n;
    const t = new Tally(10);
    compareChunk(layout, pack(exp), pack(act), 4, 100, t);
    expect([t.passed, t.failed]).toEqual([2, 2]);
    expect(t.failures.map((f) => [f.index, f.beat])).toEqual([[101, 1], [103, 0]]);
    expect(t.failures[0].expected).toEqual(exp[1]);
    expect(t.failures[0].actual).toEqual(act[1]);
  });

  it('keeps at most `max` failures but counts all, and fails X transactions even when bits match', () => {
    const act = exp.map((t) => t.map((b) => b.map((v) => (v === 0n ? 1n : 0n))));
    const t = new Tally(1);
    compareChunk(layout, pack(exp), pack(act), 4, 0, t);
    expect([t.failed, t.failures.length]).toEqual([4, 1]);
    const x = new Tally(5);
    compareChunk(layout, pack(exp), pack(exp), 4, 0, x, new Set([2]));
    expect([x.passed, x.failed, x.failures[0].index, x.failures[0].x]).toEqual([3, 1, 2, true]);
  });
});
