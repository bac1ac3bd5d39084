/**
 * Partial-product generation (src/lib/arith/partial-products.ts): the heap an AND array, Booth
 * digits or EN-T digits of `a` leave holds `a · b (mod 2^(wa + wb))` — exhaustive for every
 * signedness pair at 5 x 5 (and 5 x 3 / 3 x 5 / 1 x 4 odd shapes), full and eliminated sign
 * extension, in the IR simulator (the multipliers built on these run on Verilator and Icarus in
 * multiply.test.ts); seeded random at 64 x 64 and 65 x 40. Row counts: n rows for the array,
 * ceil(N/2) for the recoders.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import type { ModuleBuilder } from '../../../src/dsl/module-builder.ts';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { uint } from '../../../src/dsl/types.ts';
import type { Signal } from '../../../src/dsl/signal.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { bitHeap, type BitHeap, type SignExtension } from '../../../src/lib/arith/bit-heap.ts';
import { arrayPartialProducts, recodedPartialProducts } from '../../../src/lib/arith/partial-products.ts';
import { boothRecode, entRecode } from '../../../src/lib/arith/recode.ts';
import { Prng } from '../../../src/util/prng.ts';
import { fieldOf, heapValue, probeHeap } from './harness.ts';

type Gen = 'array' | 'booth' | 'ent';
interface Case { name: string; wa: number; sa: boolean; wb: number; sb: boolean; gen: Gen; ext: SignExtension }

function addProducts(heap: BitHeap, a: Signal, b: Signal, gen: Gen): void {
  if (gen === 'array') arrayPartialProducts(heap, a, b);
  else recodedPartialProducts(heap, (gen === 'booth' ? boothRecode : entRecode)(a, { signPad: true }), b);
}

function buildAll(m: ModuleBuilder, x: Signal, y: Signal, cases: Case[], heaps: Map<string, BitHeap>): void {
  for (const c of cases) {
    const a0 = x.slice(c.wa - 1, 0);
    const b0 = y.slice(c.wb - 1, 0);
    const heap = bitHeap(m, c.wa + c.wb, { signExtension: c.ext });
    addProducts(heap, c.sa ? a0.asSigned() : a0, c.sb ? b0.asSigned() : b0, c.gen);
    heaps.set(c.name, heap);
    probeHeap(m, heap, c.name);
  }
}

function cases(shapes: [number, number][]): Case[] {
  const out: Case[] = [];
  for (const [wa, wb] of shapes) for (const sa of [false, true]) for (const sb of [false, true]) for (const gen of ['array', 'booth', 'ent'] as const) for (const ext of ['full', 'eliminated'] as const) {
    out.push({ name: `${gen}_${ext}_${sa ? 's' : 'u'}${wa}_${sb ? 's' : 'u'}${wb}`, wa, sa, wb, sb, gen, ext });
  }
  return out;
}

function check(cases: Case[], wx: number, wy: number, inputs: [bigint, bigint][]): number {
  const heaps = new Map<string, BitHeap>();
  const def = module('pp', (m) => buildAll(m, m.input('x', uint(wx)), m.input('y', uint(wy)), cases, heaps), { clock: null });
  const sim = new IrSimulator(elaborate(def).design);
  let n = 0;
  for (const [x, y] of inputs) {
    sim.poke('x', x);
    sim.poke('y', y);
    sim.eval();
    for (const c of cases) {
      const want = BigInt.asUintN(c.wa + c.wb, fieldOf(x, 0, c.wa, c.sa) * fieldOf(y, 0, c.wb, c.sb));
      expect(heapValue(sim, heaps.get(c.name)!, c.name), `${c.name} x=${x} y=${y}`).toBe(want);
      n++;
    }
  }
  return n;
}

describe('partial products', () => {
  it('hold a·b exactly for every 5 x 5 operand pair and the odd shapes (IR simulator)', () => {
    const cs = cases([[5, 5], [5, 3], [3, 5], [1, 4]]);
    const inputs: [bigint, bigint][] = [];
    for (let x = 0n; x < 32n; x++) for (let y = 0n; y < 32n; y++) inputs.push([x, y]);
    expect(check(cs, 5, 5, inputs)).toBe(cs.length * 1024);
  });

  it('hold a·b on seeded random 64 x 64 and 65 x 40 operands (IR simulator)', () => {
    const rng = new Prng(21);
    const inputs: [bigint, bigint][] = [[0n, 0n], [(1n << 65n) - 1n, (1n << 64n) - 1n], [1n << 64n, 1n << 39n], [1n << 63n, 1n << 63n]];
    for (let i = 0; i < 12; i++) inputs.push([rng.bits(65), rng.bits(64)]);
    const cs = cases([[64, 64], [65, 40]]).filter((c, i) => i % 2 === (c.wa === 64 ? 0 : 1)); // every generator, signedness pair and shape; extensions alternate
    expect(check(cs, 65, 64, inputs)).toBe(cs.length * inputs.length);
  });

  it('make one row per multiplier bit (array) or per radix-4 digit (Booth, EN-T)', () => {
    const rows = new Map<string, number>();
    module('rows', (m) => {
      const a = m.input('a', uint(8));
      const b = m.input('b', uint(8));
      for (const gen of ['array', 'booth', 'ent'] as const) {
        const h = bitHeap(m, 16);
        addProducts(h, a, b, gen);
        rows.set(gen, Math.max(...h.heights()));
      }
    }, { clock: null });
    expect(rows.get('array')).toBe(8);
    expect(rows.get('booth')).toBeLessThanOrEqual(5 + 5); // 5 digits (UINT8), plus hot ones and sign copies
    expect(rows.get('booth')).toBeLessThan(rows.get('array')! + 3);
  });
});
