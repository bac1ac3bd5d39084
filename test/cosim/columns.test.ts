import { describe, expect, it } from 'vitest';
import { allocColumns, extractColumns, packColumns } from '../../src/cosim/columns.ts';
import { beatLayout, decodeTxn, encodeTxn } from '../../src/cosim/layout.ts';

const layout = beatLayout([{ name: 'a', width: 4, signed: true }, { name: 'b', width: 32, signed: false }], 2);

describe('columns', () => {
  it('allocates Int32Array for signed and Uint32Array for unsigned ports, per beat', () => {
    const cols = allocColumns(layout, 3);
    expect(cols).toHaveLength(2);
    expect(cols[1][0]).toBeInstanceOf(Int32Array);
    expect(cols[1][1]).toBeInstanceOf(Uint32Array);
    expect(cols[0][0].length).toBe(3);
  });

  it('extract sign-extends and pack restores the words', () => {
    const txns = [
      [[-8n, 0xffffffffn], [7n, 0n]],
      [[-1n, 1n], [0n, 0x80000000n]],
    ];
    const words = new Uint32Array(2 * layout.wordsPerTxn);
    txns.forEach((t, i) => encodeTxn(layout, t, words, i, 't'));
    const cols = allocColumns(layout, 2);
    extractColumns(layout, words, 2, cols);
    expect([...cols[0][0]]).toEqual([-8, -1]);
    expect([...cols[0][1]]).toEqual([0xffffffff, 1]);
    expect([...cols[1][1]]).toEqual([0, 0x80000000]);
    const back = packColumns(layout, cols, 2, 0);
    expect(decodeTxn(layout, back, 0)).toEqual(txns[0]);
    expect(decodeTxn(layout, back, 1)).toEqual(txns[1]);
  });

  it('pack names the port, transaction and type of an out-of-range value', () => {
    const cols = allocColumns(layout, 2);
    cols[1][0][1] = 8;
    expect(() => packColumns(layout, cols, 2, 100)).toThrow("goldenBatch output 'a' of transaction 101 is 8, out of range for sint4");
  });
});
