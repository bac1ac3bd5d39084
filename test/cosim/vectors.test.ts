import { describe, expect, it } from 'vitest';
import { allocColumns } from '../../src/cosim/columns.ts';
import { beatLayout, decodeTxn, inRange, portRange } from '../../src/cosim/layout.ts';
import type { NumColumn, PortSpec } from '../../src/cosim/types.ts';
import {
  RANDOM_BLOCK,
  cornerTransactions,
  exhaustiveVectors,
  explicitVectors,
  generateVectors,
  randomVectors,
  type VectorSet,
} from '../../src/cosim/vectors.ts';

const s = (name: string, width: number): PortSpec => ({ name, width, signed: true });
const u = (name: string, width: number): PortSpec => ({ name, width, signed: false });

function allWords(vs: VectorSet, chunk: number): Uint32Array {
  const w = vs.layout.wordsPerTxn;
  const out = new Uint32Array(vs.count * w);
  for (let start = 0; start < vs.count; start += chunk) {
    const n = Math.min(chunk, vs.count - start);
    const buf = new Uint32Array(n * w);
    vs.fill(start, n, buf);
    out.set(buf, start * w);
  }
  return out;
}

describe('exhaustive vectors', () => {
  it('enumerates every combination once, in counter order, low bits to the first port', () => {
    const l = beatLayout([s('a', 3), u('b', 2)], 2);
    const vs = exhaustiveVectors(l);
    expect(vs.count).toBe(2 ** 10);
    expect(vs.description).toBe('exhaustive 2^10');
    const words = allWords(vs, 100);
    const seen = new Set<string>();
    for (let i = 0; i < vs.count; i++) {
      const t = decodeTxn(l, words, i);
      seen.add(JSON.stringify(t.map((b) => b.map(String))));
      expect(BigInt.asUintN(3, t[0][0])).toBe(BigInt(i & 7));
      expect(t[1][1]).toBe(BigInt((i >> 8) & 3));
      expect(vs.transaction(i)).toEqual(t);
    }
    expect(seen.size).toBe(2 ** 10);
  });

  it('generateVectors switches from exhaustive to random at exhaustiveMaxBits', () => {
    const l = beatLayout([s('a', 8), s('b', 8)]);
    expect(generateVectors(l).count).toBe(65536);
    const r = generateVectors(l, { exhaustiveMaxBits: 15, count: 500 });
    expect(r.description).toMatch(/^random 500 \+ \d+ corners, seed 1$/);
    expect(() => generateVectors(l, { exhaustiveMaxBits: 40 })).toThrow(/\[0, 32\]/);
  });
});

describe('random vectors', () => {
  const l = beatLayout([s('a', 4), u('b', 8), s('c', 17), u('d', 32), s('e', 100), s('f', 1)]);

  it('are deterministic per seed and independent of chunking', () => {
    const opts = { count: RANDOM_BLOCK + 777, seed: 42, corners: true, maxCorners: 4096 };
    const a = allWords(randomVectors(l, opts), RANDOM_BLOCK);
    const b = allWords(randomVectors(l, opts), 1000);
    const c = allWords(randomVectors(l, { ...opts, seed: 43 }), RANDOM_BLOCK);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it('transaction(i) matches fill for corners, the first block and a later block', () => {
    const vs = randomVectors(l, { count: RANDOM_BLOCK + 10, seed: 3, corners: true, maxCorners: 4096 });
    const words = allWords(vs, 4096);
    for (const i of [0, 5, 200, 4095, RANDOM_BLOCK - 1, RANDOM_BLOCK + 3, vs.count - 1]) {
      if (i < vs.count) expect(vs.transaction(i)).toEqual(decodeTxn(l, words, i));
    }
  });

  it('stay in range with zero padding, and fill sign-extended columns consistent with the words', () => {
    const narrow = beatLayout([s('a', 4), u('b', 8), s('c', 17), u('d', 32), s('g', 32)], 2);
    const vs = randomVectors(narrow, { count: 5000, seed: 9, corners: true, maxCorners: 4096 });
    const words = new Uint32Array(vs.count * narrow.wordsPerTxn);
    const cols: NumColumn[][] = allocColumns(narrow, vs.count);
    expect(vs.fill(0, vs.count, words, cols)).toBe(true);
    for (let i = 0; i < vs.count; i++) {
      const t = decodeTxn(narrow, words, i);
      t.forEach((beat, b) =>
        beat.forEach((v, p) => {
          const slot = narrow.slots[p];
          expect(inRange(slot.port, v)).toBe(true);
          expect(cols[b][p][i]).toBe(Number(v));
          expect((words[i * narrow.wordsPerTxn + b * narrow.wordsPerBeat + slot.offset] & ~slot.topMask) >>> 0).toBe(0);
        }),
      );
    }
  });

  it('are roughly uniform (every 4-bit value within 15% of its expected count)', () => {
    const vs = randomVectors(beatLayout([u('a', 4), u('b', 4)]), { count: 64_000, seed: 1, corners: false, maxCorners: 0 });
    const words = allWords(vs, RANDOM_BLOCK);
    for (let lane = 0; lane < 2; lane++) {
      const hist = new Array(16).fill(0);
      for (let i = 0; i < vs.count; i++) hist[words[i * 2 + lane]]++;
      for (const h of hist) expect(Math.abs(h - 4000)).toBeLessThan(600);
    }
  });
});

describe('corner cases', () => {
  it('cover min, max, 0, 1, -1 per port and every {min,max} combination for few lanes', () => {
    const l = beatLayout([s('a', 4), u('b', 3), s('c', 8)]);
    const corners = cornerTransactions(l, 1, 4096).map((t) => t[0]);
    const keys = new Set(corners.map((c) => c.join(',')));
    expect(keys.size).toBe(corners.length);
    for (const [i, port] of l.slots.map((x) => x.port).entries()) {
      const { min, max } = portRange(port);
      const want = [min, max, 0n, 1n, ...(port.signed ? [-1n] : [])];
      for (const v of want) expect(corners.some((c) => c[i] === v)).toBe(true);
    }
    for (let m = 0; m < 8; m++) {
      const combo = l.slots.map((x, i) => portRange(x.port)[(m >> i) & 1 ? 'max' : 'min']);
      expect(keys.has(combo.join(','))).toBe(true);
    }
    expect(cornerTransactions(l, 1, 10)).toHaveLength(10);
  });

  it('come first in a random set and are deterministic', () => {
    const l = beatLayout([s('a', 12), s('b', 12)]);
    const vs = generateVectors(l, { count: 10 }, 5);
    const corners = cornerTransactions(l, 5, 4096);
    expect(vs.count).toBe(corners.length + 10);
    expect(vs.transaction(0)).toEqual(corners[0]);
    expect(vs.transaction(corners.length - 1)).toEqual(corners[corners.length - 1]);
  });
});

describe('explicit vectors', () => {
  it('pack BigInt transactions and report the offending index', () => {
    const l = beatLayout([s('a', 8)]);
    const vs = explicitVectors(l, [[[-128n]], [[127n]]]);
    expect(vs.transaction(0)).toEqual([[-128n]]);
    expect(vs.transaction(1)).toEqual([[127n]]);
    expect(() => explicitVectors(l, [[[1n]], [[128n]]])).toThrow(/vectors\[1\]: port 'a' \(beat 0\) value 128 is out of range/);
  });
});
