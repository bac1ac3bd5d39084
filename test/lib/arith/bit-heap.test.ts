/**
 * Bit heaps (src/lib/arith/bit-heap.ts): the heap's value — every column's bits counted at their
 * weight, plus the constant, modulo 2^width — equals the sum of the rows added, for signed and
 * unsigned rows, full and eliminated sign extension, constant and run-time negation, shifts past
 * the top; checked exhaustively over 12 input bits in the IR simulator (the heap has no adders to
 * cosimulate; compress.test.ts runs the reduced heaps on Verilator and Icarus). Plus the shape:
 * heights, where the hot ones and correction constants go.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { bitHeap, type BitHeap, type SignExtension } from '../../../src/lib/arith/bit-heap.ts';
import { fieldOf, heapValue, probeHeap } from './harness.ts';

describe('BitHeap', () => {
  it('places rows, sign bits, hot ones and correction constants where the definition says', () => {
    let full!: BitHeap;
    let elim!: BitHeap;
    let neg!: BitHeap;
    module('shape', (m) => {
      const a = m.input('a', sint(4));
      full = bitHeap(m, 8);
      full.addRow(a, { shift: 1 });
      elim = bitHeap(m, 8, { signExtension: 'eliminated' });
      elim.addRow(a, { shift: 1 });
      neg = bitHeap(m, 8);
      neg.addRow(m.input('u', uint(3)), { negate: m.input('n', uint(1)), shift: 2 });
    }, { clock: null });
    expect(full.heights()).toEqual([0, 1, 1, 1, 1, 1, 1, 1]); // sign copied into columns 4..7
    expect(full.constant).toBe(0n);
    expect(elim.columns.map((c) => c.length)).toEqual([0, 1, 1, 1, 1, 0, 0, 0]);
    expect(elim.constant).toBe(BigInt.asUintN(8, -(1n << 4n))); // −2^(msb column)
    expect(neg.columns.map((c) => c.length)).toEqual([0, 0, 2, 1, 1, 1, 1, 1]); // uint(3) -> sint(4) inverted, sign copied, hot one at 2
  });

  it('holds exactly the sum of its rows (exhaustive over 12 input bits, IR simulator)', () => {
    type Spec = { lsb: number; w: number; signed: boolean; shift: number; negate?: 'const' | 'bit' };
    const shapes: { name: string; width: number; ext: SignExtension; rows: Spec[]; constant?: bigint }[] = [];
    for (const ext of ['full', 'eliminated'] as const) {
      shapes.push({ name: `mixed_${ext}`, width: 9, ext, rows: [{ lsb: 0, w: 4, signed: true, shift: 0 }, { lsb: 4, w: 3, signed: false, shift: 2, negate: 'bit' }, { lsb: 7, w: 4, signed: true, shift: 3, negate: 'const' }], constant: 5n });
      shapes.push({ name: `wrap_${ext}`, width: 4, ext, rows: [{ lsb: 0, w: 5, signed: true, shift: 1 }, { lsb: 5, w: 6, signed: false, shift: 3, negate: 'bit' }] });
    }
    const heaps = new Map<string, BitHeap>();
    const def = module('heaps', (m) => {
      const x = m.input('x', uint(12));
      for (const s of shapes) {
        const h = bitHeap(m, s.width, { signExtension: s.ext });
        for (const r of s.rows) {
          const v = x.slice(r.lsb + r.w - 1, r.lsb);
          h.addRow(r.signed ? v.asSigned() : v, { shift: r.shift, negate: r.negate === 'const' ? true : r.negate === 'bit' ? x.bit(11) : undefined });
        }
        if (s.constant) h.addConstant(s.constant);
        heaps.set(s.name, h);
        probeHeap(m, h, s.name);
      }
    }, { clock: null });
    const sim = new IrSimulator(elaborate(def).design);
    let checked = 0;
    for (let x = 0n; x < 1n << 12n; x++) {
      sim.poke('x', x);
      sim.eval();
      for (const s of shapes) {
        let want = s.constant ?? 0n;
        for (const r of s.rows) {
          const v = fieldOf(x, r.lsb, r.w, r.signed) << BigInt(r.shift);
          const negate = r.negate === 'const' || (r.negate === 'bit' && (x >> 11n) & 1n);
          want += negate ? -v : v;
        }
        expect(heapValue(sim, heaps.get(s.name)!, s.name), `${s.name} x=${x}`).toBe(BigInt.asUintN(s.width, want));
        checked++;
      }
    }
    expect(checked).toBe(4 * 4096);
  });

  it('rejects a width of 0 at the caller', () => {
    expect(() => module('bad', (m) => void bitHeap(m, 0), { clock: null })).toThrow(/bit-heap\.test\.ts:\d+:\d+: error: bitHeap: width must be an integer from 1 to 65536, got 0/);
  });
});
