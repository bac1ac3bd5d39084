import { describe, expect, it } from 'vitest';
import { allocColumns } from '../../src/cosim/columns.ts';
import { compileExtract, compileFill, compilePack, lanesOf, randomPlan, referenceFill } from '../../src/cosim/kernels.ts';
import { beatLayout, decodeTxn } from '../../src/cosim/layout.ts';
import { fillRandomWords } from '../../src/cosim/random-words.ts';
import type { PortSpec } from '../../src/cosim/types.ts';
import { Prng } from '../../src/util/prng.ts';

function randomPorts(prng: Prng, n: number, maxWidth: number): PortSpec[] {
  return Array.from({ length: n }, (_, i) => ({ name: `p${i}`, width: prng.int(1, maxWidth), signed: prng.chance(0.5) }));
}

describe('randomPlan', () => {
  it('packs narrow lanes without straddling words and gives wide lanes whole words', () => {
    const plan = randomPlan(beatLayout([
      { name: 'a', width: 4, signed: true },
      { name: 'b', width: 30, signed: false },
      { name: 'c', width: 2, signed: false },
      { name: 'd', width: 40, signed: true },
      { name: 'e', width: 32, signed: false },
    ]));
    expect(plan.lanes.map((l) => [l.rndWord, l.shift])).toEqual([[0, 0], [1, 0], [1, 30], [2, 0], [4, 0]]);
    expect(plan.randomWords).toBe(5);
  });
});

describe('compiled kernels agree with the reference implementations', () => {
  it('fill: 40 seeded random layouts (narrow and wide, 1-3 beats), with and without columns', () => {
    const prng = new Prng(11);
    for (let k = 0; k < 40; k++) {
      const narrowOnly = k % 2 === 0;
      const layout = beatLayout(randomPorts(prng, prng.int(1, 6), narrowOnly ? 32 : 130), prng.int(1, 3));
      const plan = randomPlan(layout);
      const n = 37;
      const rnd = new Int32Array(n * plan.randomWords + 3);
      fillRandomWords(k, new Uint32Array(rnd.buffer));
      const fast = new Uint32Array(n * layout.wordsPerTxn + 4);
      const slow = new Uint32Array(n * layout.wordsPerTxn + 4);
      const fastCols = narrowOnly ? allocColumns(layout, n + 2) : undefined;
      const slowCols = narrowOnly ? allocColumns(layout, n + 2) : undefined;
      compileFill(plan)(rnd, 3, n - 1, fast, 4, fastCols, 2);
      referenceFill(plan)(rnd, 3, n - 1, slow, 4, slowCols, 2);
      expect([...fast]).toEqual([...slow]);
      if (fastCols && slowCols) expect(fastCols.map((b) => b.map((c) => [...c]))).toEqual(slowCols.map((b) => b.map((c) => [...c])));
    }
  });

  it('extract and pack: round trip through columns equals BigInt decoding', () => {
    const prng = new Prng(5);
    for (let k = 0; k < 30; k++) {
      const layout = beatLayout(randomPorts(prng, prng.int(1, 5), 32), prng.int(1, 2));
      const n = 50;
      const words = new Uint32Array(n * layout.wordsPerTxn);
      const plan = randomPlan(layout);
      const rnd = new Int32Array(n * plan.randomWords);
      fillRandomWords(100 + k, new Uint32Array(rnd.buffer));
      compileFill(plan)(rnd, 0, n, words, 0, undefined, 0);
      const cols = allocColumns(layout, n);
      compileExtract(layout)(words, n, cols);
      const lanes = lanesOf(layout);
      for (let i = 0; i < n; i++) {
        const t = decodeTxn(layout, words, i);
        for (const l of lanes) expect(cols[l.beat][l.index][i]).toBe(Number(t[l.beat][l.index]));
      }
      const back = new Uint32Array(n * layout.wordsPerTxn);
      expect(compilePack(layout)(cols, n, back)).toBe(-1);
      expect([...back]).toEqual([...words]);
    }
  });

  it('pack reports the first out-of-range row', () => {
    const layout = beatLayout([{ name: 'y', width: 5, signed: true }, { name: 'z', width: 3, signed: false }]);
    const cols = allocColumns(layout, 4);
    cols[0][0].set([15, -16, 16, -17]);
    cols[0][1].set([7, 8, 0, 0]);
    expect(compilePack(layout)(cols, 4, new Uint32Array(8))).toBe(1);
    expect(compilePack(layout)(cols, 1, new Uint32Array(8))).toBe(-1);
  });
});
