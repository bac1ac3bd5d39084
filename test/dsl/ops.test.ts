import { describe, it, expect } from 'vitest';
import { module, uint, sint, mux, select, rom, cat, repl, sum, type Signal, type ModuleBuilder } from '../../src/index.ts';
import { LowbitError } from '../../src/diag/error.ts';
import type { IrNode } from '../../src/ir/types.ts';

function build<T>(f: (m: ModuleBuilder) => T): { result: T; nodes: IrNode[] } {
  let result!: T;
  const def = module('t', (m) => void (result = f(m)), { clock: null });
  return { result, nodes: def.ir.nodes };
}
const typeOf = (s: Signal): string => `${s.signed ? 's' : 'u'}${s.width}`;

describe('mux', () => {
  it('extends both arms to their common type', () => {
    build((m) => {
      const sel = m.input('sel', uint(1));
      const u = m.input('u', uint(4));
      const s = m.input('s', sint(4));
      expect(typeOf(mux(sel, u, s))).toBe('s5');
      expect(typeOf(mux(sel, s, u))).toBe('s5');
      expect(typeOf(mux(sel, u, m.input('v', uint(7))))).toBe('u7');
    });
  });

  it('types a literal arm next to the other arm (its signedness), or alone when both are literals', () => {
    build((m) => {
      const sel = m.input('sel', uint(1));
      const s = m.input('s', sint(8));
      const u = m.input('u', uint(8));
      expect(typeOf(mux(sel, 0, s))).toBe('s8');
      expect(typeOf(mux(sel, 5, u))).toBe('u8');
      expect(typeOf(mux(sel, -1, u))).toBe('s9');
      expect(typeOf(mux(sel, 300, u))).toBe('u9');
      expect(typeOf(mux(sel, 3, -2))).toBe('s3');
    });
  });

  it('puts sel, ifTrue, ifFalse in the node in that order', () => {
    const { result, nodes } = build((m) => {
      const sel = m.input('sel', uint(1));
      const a = m.input('a', uint(4));
      const b = m.input('b', uint(4));
      return { r: mux(sel, a, b), ids: [sel.id, a.id, b.id] };
    });
    const node = nodes.find((n) => n.dst === result.r.id)!;
    expect(node.kind).toBe('mux');
    expect(node.args).toEqual(result.ids);
  });

  it('needs a 1-bit select', () => {
    build((m) => {
      expect(() => mux(m.input('sel', uint(2)), 1, 0)).toThrow(/mux select must be 1 bit, got uint\(2\) — compare it first/);
    });
  });
});

describe('select', () => {
  it('extends the cases and the fallback to one common type', () => {
    const { result, nodes } = build((m) => {
      const i = m.input('i', uint(2));
      return select(i, [m.input('a', uint(4)), m.input('b', sint(3)), 7], m.input('f', uint(6)));
    });
    expect(typeOf(result)).toBe('s7');
    const node = nodes.find((n) => n.dst === result.id)!;
    expect(node.kind).toBe('select');
    expect(node.args).toHaveLength(1 + 3 + 1); // index, three cases, fallback
  });

  it('defaults the fallback to 0', () => {
    const { result, nodes } = build((m) => select(m.input('i', uint(1)), [m.input('a', uint(4))]));
    expect(typeOf(result)).toBe('u4');
    const fb = nodes.find((n) => n.dst === nodes.find((k) => k.dst === result.id)!.args[2])!;
    expect(fb).toMatchObject({ kind: 'const', value: '0' });
  });

  it('needs a case and a signal among the cases', () => {
    build((m) => {
      const i = m.input('i', uint(2));
      expect(() => select(i, [])).toThrow(/select needs at least one case/);
      expect(() => select(i, [1, 2, 3])).toThrow(/select needs at least one signal operand/);
    });
  });
});

describe('rom', () => {
  it('has the declared type and stores the table as decimal strings', () => {
    const { result, nodes } = build((m) => rom(m.input('i', uint(2)), [1, -2, 3n], sint(3), -4));
    expect(typeOf(result)).toBe('s3');
    expect(nodes.find((n) => n.dst === result.id)).toMatchObject({ kind: 'rom', table: ['1', '-2', '3'], fallback: '-4' });
  });

  it('refuses entries and fallbacks outside the type', () => {
    build((m) => {
      const i = m.input('i', uint(2));
      expect(() => rom(i, [0, 8], uint(3))).toThrow(/rom entry 1 = 8 does not fit uint\(3\) — the range is 0..7/);
      expect(() => rom(i, [0, 1], sint(3), 4)).toThrow(/rom entry fallback = 4 does not fit sint\(3\)/);
    });
  });
});

describe('cat / repl', () => {
  it('cat: most significant first, unsigned, sum of widths', () => {
    const { result, nodes } = build((m) => {
      const a = m.input('a', sint(3));
      const b = m.input('b', uint(5));
      return { c: cat(a, b), ids: [a.id, b.id], one: cat(a) };
    });
    expect(typeOf(result.c)).toBe('u8');
    expect(nodes.find((n) => n.dst === result.c.id)!.args).toEqual(result.ids);
    expect(typeOf(result.one)).toBe('u3'); // a single part is just reinterpreted
  });

  it('repl: width times count, unsigned', () => {
    build((m) => {
      const a = m.input('a', sint(3));
      expect(typeOf(repl(a, 4))).toBe('u12');
      expect(typeOf(repl(a, 1))).toBe('u3');
      expect(() => repl(a, 0)).toThrow(/repl count must be a positive integer, got 0/);
      expect(() => cat()).toThrow(/cat needs at least one signal/);
    });
  });
});

describe('sum', () => {
  it('is a balanced adder tree with exact growth', () => {
    build((m) => {
      const xs = Array.from({ length: 8 }, (_, i) => m.input(`x${i}`, uint(8)));
      expect(typeOf(sum(xs))).toBe('u11'); // three levels
      expect(typeOf(sum(xs.slice(0, 5)))).toBe('u11'); // ((x0+x1)+(x2+x3)) + x4: 10 + 8 -> 11
      expect(typeOf(sum(xs.slice(0, 3)))).toBe('u10');
      expect(sum(xs.slice(0, 1))).toBe(xs[0]);
      expect(() => sum([])).toThrow(LowbitError);
    });
  });

  it('uses n - 1 adders', () => {
    const { nodes } = build((m) => sum(Array.from({ length: 7 }, (_, i) => m.input(`x${i}`, sint(4)))));
    expect(nodes.filter((n) => n.kind === 'add')).toHaveLength(6);
  });
});
