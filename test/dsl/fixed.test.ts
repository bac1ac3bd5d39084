/**
 * DSL fixed point (src/dsl/fixed.ts): result formats as ap_fixed computes them (spec §3), casts for
 * every (Q, O, N) against the independent golden model through the IR simulator (exhaustive on small
 * formats; the RTL of the same casts is cosimulated in test/pe/qfx/cast-bank.test.ts), ap shifts,
 * comparisons across binary points, and the explicit-conversion rules.
 */
import { describe, expect, it } from 'vitest';
import { module, fixed, ufixed, sint, elaborate, typeText } from '../../src/index.ts';
import { IrSimulator } from '../../src/interp/ir-simulator.ts';
import { castFixed } from '../../src/golden/fixed/cast.ts';
import { shlFixed, shrFixed } from '../../src/golden/fixed/shift.ts';
import { allModes } from '../../src/pe/qfx/cast-bank.ts';

function resultType(build: (m: Parameters<Parameters<typeof module>[1]>[0]) => { type: Parameters<typeof typeText>[0] }): string {
  let text = '';
  module('t', (m) => {
    text = typeText(build(m).type);
  }, { clock: null });
  return text;
}

describe('fixed-point result formats (spec §3)', () => {
  it('follows the ap_fixed examples', () => {
    expect(resultType((m) => m.input('a', fixed(8, 4)).mul(m.input('b', fixed(8, 4))))).toBe('ap_fixed<16,8>');
    expect(resultType((m) => m.input('a', fixed(8, 4)).add(m.input('b', fixed(6, 2))))).toBe('ap_fixed<9,5>');
    expect(resultType((m) => m.input('a', ufixed(8, 4)).sub(m.input('b', ufixed(6, 2))))).toBe('ap_fixed<9,5>');
    expect(resultType((m) => m.input('a', fixed(8, 4)).add(m.input('b', ufixed(8, 4))))).toBe('ap_fixed<10,6>');
    expect(resultType((m) => m.input('a', fixed(5, 7)).add(m.input('b', fixed(4, -2))))).toBe('ap_fixed<14,8>');
    expect(resultType((m) => m.input('a', fixed(5, 7)).mul(m.input('b', fixed(4, -2))))).toBe('ap_fixed<9,5>');
    expect(resultType((m) => m.input('a', ufixed(8, 4)).mul(m.input('b', ufixed(6, 2))))).toBe('ap_ufixed<14,6>');
  });

  it('computes exact sums and products at the range extremes', () => {
    const top = module('t', (m) => {
      const a = m.input('a', fixed(8, 4));
      const b = m.input('b', ufixed(6, 2));
      m.output('s', a.add(b)); // ap_fixed<9,5>
      m.output('d', a.sub(b)); // ap_fixed<9,5>
      m.output('p', a.mul(b)); // ap_fixed<14,6>
    }, { clock: null });
    const sim = new IrSimulator(elaborate(top).design);
    for (const [a, b] of [[-128n, 63n], [127n, 63n], [-128n, 0n], [127n, 0n], [0n, 63n]] as const) {
      sim.poke('a', a);
      sim.poke('b', b);
      sim.eval();
      // a has 4 fractional bits, b has 4: sums align exactly; the product has 8.
      expect(sim.peek('s')).toBe(a + b);
      expect(sim.peek('d')).toBe(a - b);
      expect(sim.peek('p')).toBe(a * b);
    }
  });
});

describe('cast', () => {
  it('equals the golden model for every mode pair, exhaustively (IR simulator)', () => {
    const cases = [
      { src: { w: 8, i: 3, signed: true }, dst: { w: 4, i: 2, signed: true } },
      { src: { w: 7, i: 7, signed: false }, dst: { w: 5, i: 6, signed: true } },
      { src: { w: 6, i: -2, signed: true }, dst: { w: 3, i: -1, signed: false } },
      { src: { w: 5, i: 9, signed: true }, dst: { w: 6, i: 6, signed: true } },
    ];
    let checked = 0;
    for (const { src, dst } of cases) {
      const modes = allModes(dst, [0, 1, 2, 3]);
      const top = module('c', (m) => {
        const x = m.input('x', fixed(src.w, src.i, { signed: src.signed }));
        modes.forEach((d, k) => m.output(`y${k}`, x.cast(fixed(d.w, d.i, { signed: d.signed, q: d.q, o: d.o, n: d.n }))));
      }, { clock: null });
      const sim = new IrSimulator(elaborate(top).design);
      for (let raw = 0n; raw < 1n << BigInt(src.w); raw++) {
        const v = src.signed ? BigInt.asIntN(src.w, raw) : raw;
        sim.poke('x', v);
        sim.eval();
        modes.forEach((d, k) => {
          expect(sim.peek(`y${k}`), `${JSON.stringify(d)} x=${v}`).toBe(castFixed(v, src, d));
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('casts integers to fixed point and back', () => {
    const top = module('c', (m) => {
      const x = m.input('x', sint(6));
      m.output('f', x.cast(fixed(6, 4, { q: 'AP_RND', o: 'AP_SAT' })));
      m.output('i', m.input('y', fixed(8, 4)).cast(sint(3)));
    }, { clock: null });
    const sim = new IrSimulator(elaborate(top).design);
    sim.poke('x', 13n);
    sim.poke('y', -37n); // -2.3125
    sim.eval();
    expect(sim.peek('f')).toBe(castFixed(13n, { w: 6, i: 6, signed: true }, { w: 6, i: 4, signed: true, q: 'AP_RND', o: 'AP_SAT', n: 0 }));
    expect(sim.peek('i')).toBe(-3n); // AP_TRN floors -2.3125 to -3
  });
});

describe('ap shifts and comparisons', () => {
  it('shift bits within the format like ap_fixed (no growth, no rounding)', () => {
    const f = { w: 8, i: 4, signed: true };
    const top = module('s', (m) => {
      const x = m.input('x', fixed(8, 4));
      for (const k of [0, 1, 3, 7, 9]) {
        m.output(`l${k}`, x.apShl(k));
        m.output(`r${k}`, x.apShr(k));
      }
    }, { clock: null });
    const sim = new IrSimulator(elaborate(top).design);
    for (let v = -128n; v < 128n; v++) {
      sim.poke('x', v);
      sim.eval();
      for (const k of [0, 1, 3, 7, 9]) {
        expect(sim.peek(`l${k}`)).toBe(shlFixed(v, f, k));
        expect(sim.peek(`r${k}`)).toBe(shrFixed(v, f, k));
      }
    }
  });

  it('compares values across binary points and signedness', () => {
    const top = module('c', (m) => {
      const a = m.input('a', fixed(6, 2));
      const b = m.input('b', ufixed(5, 4));
      m.output('lt', a.lt(b));
      m.output('eq', a.eq(b));
    }, { clock: null });
    const sim = new IrSimulator(elaborate(top).design);
    for (let a = -32n; a < 32n; a++) {
      for (let b = 0n; b < 32n; b++) {
        sim.poke('a', a);
        sim.poke('b', b);
        sim.eval();
        // a = a/16, b = b/2: compare a vs 8b exactly.
        expect(sim.peek('lt')).toBe(a < 8n * b ? 1n : 0n);
        expect(sim.peek('eq')).toBe(a === 8n * b ? 1n : 0n);
      }
    }
  });

  it('refuses to assign across binary points without a cast', () => {
    expect(() =>
      module('c', (m) => {
        const x = m.input('x', fixed(8, 4));
        const w = m.wire('w', fixed(8, 2));
        w.set(x);
      }, { clock: null }),
    ).toThrow(/format mismatch: assigning ap_fixed<8,4> to w of type ap_fixed<8,2>/);
  });
});
