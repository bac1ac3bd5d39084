/**
 * Compressor trees (src/lib/arith/compress.ts) on bit heaps of every shape the blocks make:
 * `sum + carry (mod 2^width)` must equal the heap's exact value (heapSumGolden, from the
 * definition) for Wallace and Dadda, with and without 4:2 compressors. One module batches 40 trees
 * over one 12-bit input: every 3-row 4-bit heap, six 2-bit rows, four shifted 3-bit signed rows
 * (full and eliminated sign extension, one row subtracted, a constant), a 12-high popcount column
 * — exhaustive (2^12). A second module holds six signed and unsigned 64-bit rows (seeded random).
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import type { ModuleBuilder } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import type { Signal } from '../../../src/dsl/signal.ts';
import { bitHeap, type SignExtension } from '../../../src/lib/arith/bit-heap.ts';
import { compressHeap, type Compressed } from '../../../src/lib/arith/compress.ts';
import { heapSumGolden } from '../../../src/lib/arith/golden-arith.ts';
import type { Schedule } from '../../../src/lib/arith/check.ts';
import { emitComb, rtlTests, fieldOf } from './harness.ts';

/** A heap shape: rows as slices of the input words, with shift, signedness, negation; a constant. */
interface Row { input: number; lsb: number; width: number; signed: boolean; shift: number; negate?: boolean }
interface Shape { name: string; width: number; rows: Row[]; constant?: bigint; ext?: SignExtension }

const rowsOf = (n: number, w: number, f: (i: number) => Partial<Row> = () => ({})): Row[] =>
  Array.from({ length: n }, (_, i) => ({ input: 0, lsb: i * w, width: w, signed: false, shift: 0, ...f(i) }));

const smallShapes: Shape[] = [
  { name: 'rows3x4', width: 6, rows: rowsOf(3, 4) },
  { name: 'rows3x4_shifted', width: 7, rows: rowsOf(3, 4, (i) => ({ shift: i })) },
  { name: 'rows6x2', width: 5, rows: rowsOf(6, 2) },
  { name: 'signed4x3_full', width: 7, rows: rowsOf(4, 3, (i) => ({ signed: true, shift: i })), ext: 'full' },
  { name: 'signed4x3_elim', width: 7, rows: rowsOf(4, 3, (i) => ({ signed: true, shift: i })), ext: 'eliminated' },
  { name: 'negated_const', width: 8, rows: rowsOf(4, 3, (i) => ({ signed: i % 2 === 0, shift: i, negate: i === 1 })), constant: 37n, ext: 'eliminated' },
  { name: 'wrapping', width: 3, rows: rowsOf(3, 4, (i) => ({ signed: true, shift: i })) },
  { name: 'popcount12', width: 4, rows: rowsOf(12, 1) },
];

const wideShapes: Shape[] = [
  { name: 'rows6x64', width: 70, rows: Array.from({ length: 6 }, (_, i) => ({ input: i, lsb: 0, width: 64, signed: i % 3 === 0, shift: i % 5, negate: i % 4 === 1 })), ext: 'full' },
  { name: 'rows6x64_elim', width: 70, rows: Array.from({ length: 6 }, (_, i) => ({ input: i, lsb: 0, width: 64, signed: i % 2 === 0, shift: i, negate: i === 3 })), constant: 12345678901234567n, ext: 'eliminated' },
];

const variants: [Schedule, boolean][] = [['wallace', false], ['wallace', true], ['dadda', false], ['dadda', true]];

function tree(m: ModuleBuilder, xs: Signal[], s: Shape, schedule: Schedule, use42: boolean): Compressed {
  const heap = bitHeap(m, s.width, { signExtension: s.ext });
  for (const r of s.rows) {
    const v = xs[r.input]!.slice(r.lsb + r.width - 1, r.lsb);
    heap.addRow(r.signed ? v.asSigned() : v, { shift: r.shift, negate: r.negate });
  }
  if (s.constant) heap.addConstant(s.constant);
  return compressHeap(heap, { schedule, use42 });
}

const stats = new Map<string, Compressed>();

function build(name: string, inputs: number[], shapes: Shape[]) {
  return module(name, (m) => {
    const xs = inputs.map((w, i) => m.input(`x${i}`, uint(w)));
    for (const s of shapes) {
      for (const [schedule, use42] of variants) {
        const c = tree(m, xs, s, schedule, use42);
        const key = `${s.name}_${schedule}${use42 ? '42' : ''}`;
        stats.set(key, c);
        m.output(key, c.sum.add(c.carry).trunc(s.width)); // the checked quantity: sum + carry mod 2^width
      }
    }
  }, { clock: null });
}

function golden(shapes: Shape[]) {
  return ([xs]: bigint[][]): bigint[][] => [
    shapes.flatMap((s) => {
      const rows = s.rows.map((r) => {
        const v = fieldOf(xs![r.input]!, r.lsb, r.width, r.signed);
        return { value: r.negate ? -v : v, shift: r.shift };
      });
      const v = heapSumGolden(rows, s.width, s.constant ?? 0n);
      return variants.map(() => v);
    }),
  ];
}

describe('compressHeap RTL', () => {
  const small = emitComb(build('compress_small', [12], smallShapes), 'compress-small');
  const wide = emitComb(build('compress_wide', Array(6).fill(64), wideShapes), 'compress-wide');

  it('reduces every heap to two rows, with the schedule and counters asked for', () => {
    for (const [k, c] of stats) {
      expect(c.sum.width, k).toBe(c.carry.width);
      if (!k.endsWith('42')) expect(c.counters.c42, k).toBe(0);
      else if (/^(rows6x2|popcount12|rows6x64)/.test(k)) expect(c.counters.c42, k).toBeGreaterThan(0); // tall enough for 4:2
    }
    // a 12-high column: Dadda targets 9, 6, 4, 3, 2 -> 5 stages; greedy Wallace is never slower
    expect(stats.get('popcount12_dadda')!.stages).toBe(5);
    for (const s of [...smallShapes, ...wideShapes]) expect(stats.get(`${s.name}_wallace`)!.stages, s.name).toBeLessThanOrEqual(stats.get(`${s.name}_dadda`)!.stages);
  });

  rtlTests([
    { title: 'sum + carry equals the heap value for every 12-bit input', rtl: small, golden: golden(smallShapes), exhaustive: 4096 },
    { title: 'sum + carry equals the heap value on seeded random 6 x 64-bit heaps', rtl: wide, golden: golden(wideShapes), seeded: { count: 2000, seed: 5, minPassed: 2200 } },
  ]);

  it('rejects a heap with no bits and an unknown schedule, with the golden model\'s message', () => {
    const msgs: string[] = [];
    module('bad', (m) => {
      for (const f of [() => compressHeap(bitHeap(m, 8)), () => compressHeap(bitHeap(m, 0))]) {
        try {
          f();
        } catch (e) {
          msgs.push((e as Error).message);
        }
      }
      const h = bitHeap(m, 4);
      h.addRow(m.input('a', uint(2)));
      try {
        compressHeap(h, { schedule: 'booth' as Schedule });
      } catch (e) {
        msgs.push((e as Error).message);
      }
    }, { clock: null });
    const gold: string[] = [];
    for (const f of [() => heapSumGolden([], 8), () => heapSumGolden([{ value: 1n }], 0)]) {
      try {
        f();
      } catch (e) {
        gold.push((e as Error).message);
      }
    }
    expect(msgs).toHaveLength(3);
    for (const m of msgs) expect(m).toMatch(/compress\.test\.ts:\d+:\d+: error: /);
    expect(msgs.slice(0, 2).map((m) => m.replace(/^.*?error: /, ''))).toEqual(gold.map((g) => g.replace(/^error: /, '')));
    expect(msgs[0]).toMatch(/bit heap has no bits/);
    expect(msgs[2]).toMatch(/unknown compressor-tree schedule 'booth' — use one of wallace, dadda/);
  });
});
