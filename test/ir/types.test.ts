import { describe, it, expect } from 'vitest';
import { module, uint, sint, mux, select, rom, cat, repl, elaborate } from '../../src/index.ts';
import { emitDesign } from '../../src/emit/emit-design.ts';
import type { IrDesign } from '../../src/ir/types.ts';

/** A design touching every node kind, with a child instance. */
function design(): IrDesign {
  const child = module('child', (m) => {
    const a = m.input('a', sint(6));
    m.output('y', a.neg());
  }, { clock: null });
  const top = module('top', (m) => {
    const a = m.input('a', sint(6));
    const b = m.input('b', uint(3));
    const r = m.reg('r', sint(7), { reset: -1, en: b.bit(0) });
    r.set(m.instance('u0', child, { a }).y!);
    const mixed = a.add(b).sub(a.mul(b).resize(8)).and(a.or(3).xor(r.not()).ext(10));
    const flags = cat(a.eq(b), a.ne(1), a.lt(b), a.le(b), a.gt(b), a.ge(b), a.andReduce(), a.orReduce(), a.xorReduce());
    const shifted = a.shl(b).shr(b.slice(1, 0)).asUnsigned();
    m.output('y0', mixed);
    m.output('y1', flags);
    m.output('y2', shifted);
    m.output('y3', mux(b.bit(2), select(b, [a, 5, r]), rom(b, [1, -2, 3], sint(4))));
    m.output('y4', repl(a.shl(2).asSigned(), 2));
  });
  return elaborate(top).design;
}

describe('IR types: plain JSON data', () => {
  it('covers every node kind in the probe design', () => {
    const kinds = new Set(design().modules.flatMap((m) => m.nodes.map((n) => n.kind)));
    expect([...kinds].sort()).toEqual(
      ['add', 'and', 'concat', 'connect', 'const', 'eq', 'ge', 'gt', 'le', 'lt', 'mul', 'mux', 'ne', 'neg', 'not', 'or', 'redand', 'redor', 'redxor',
        'reg', 'reinterpret', 'repl', 'rom', 'select', 'sext', 'shl', 'shr', 'slice', 'sub', 'xor', 'zext'].sort(),
    );
  });

  it('round-trips through JSON unchanged, and emits the same Verilog from the copy', () => {
    const d = design();
    const text = JSON.stringify(d);
    const copy = JSON.parse(text) as IrDesign;
    expect(copy).toEqual(d);
    expect(JSON.stringify(copy)).toBe(text);
    const opts = { version: 'test', srcLocs: true };
    expect(emitDesign(copy, opts)).toEqual(emitDesign(d, opts));
  });

  it('modules are listed leaves first and instances refer to earlier modules', () => {
    const d = design();
    expect(d.modules.map((m) => m.name)).toEqual(['child', 'top']);
    d.modules.forEach((m, i) => {
      for (const inst of m.instances) expect(d.modules.slice(0, i).map((x) => x.name)).toContain(inst.module);
    });
  });

  it('every node drives exactly one signal of the module and names only existing signals', () => {
    for (const m of design().modules) {
      for (const n of m.nodes) {
        expect(m.signals[n.dst]).toBeDefined();
        for (const a of n.args) expect(m.signals[a]).toBeDefined();
      }
      m.signals.forEach((s, i) => expect(s.id).toBe(i));
    }
  });
});
