import { describe, it, expect } from 'vitest';
import { dedupModules, structuralHash, type ElabModule } from '../../src/passes/dedup.ts';
import { module, uint, elaborate, type ModuleDef } from '../../src/index.ts';
import type { IrModule } from '../../src/ir/types.ts';
import { HandModule } from './hand-ir.ts';

/** A leaf `name` computing y = ~a over `width` bits; `line` only changes source locations. */
function leaf(name: string, width: number, line = 1): IrModule {
  const h = new HandModule(name);
  const a = h.input('a', width, false, line);
  h.connect(h.output('y', width, false, line), h.op('not', width, false, [a], {}, line));
  return h.ir;
}
/** A top instantiating each of `children` once. */
function top(children: IrModule[]): ElabModule {
  const h = new HandModule('top');
  children.forEach((c, i) => {
    const a = h.input(`a${i}`, c.signals[0]!.width);
    const y = h.output(`y${i}`, c.signals[0]!.width);
    h.instance(`u${i}`, c.name, { a, y }, ['y']);
  });
  return { ir: h.ir, children };
}

describe('structuralHash', () => {
  it('ignores source locations', () => {
    expect(structuralHash(leaf('pe', 4, 1))).toBe(structuralHash(leaf('pe', 4, 99)));
  });

  it('sees names, widths and parameters', () => {
    const base = structuralHash(leaf('pe', 4));
    expect(structuralHash(leaf('pe', 5))).not.toBe(base);
    expect(structuralHash(leaf('pf', 4))).not.toBe(base);
    const withParams = leaf('pe', 4);
    (withParams as { params?: unknown }).params = { n: 1 };
    expect(structuralHash(withParams)).not.toBe(base);
  });
});

describe('dedupModules', () => {
  it('merges structurally identical modules and points every instance at the survivor', () => {
    const a = leaf('pe', 4, 1);
    const b = leaf('pe', 4, 2);
    const t = top([a, b]);
    const out = dedupModules([{ ir: a, children: [] }, { ir: b, children: [] }, t]);
    expect(out.map((m) => m.name)).toEqual(['pe', 'top']);
    expect(out[0]).toBe(a);
    expect(t.ir.instances.map((i) => i.module)).toEqual(['pe', 'pe']);
  });

  it('gives a reused name with another structure _1, _2, ... in elaboration order', () => {
    const a = leaf('pe', 4);
    const b = leaf('pe', 8);
    const c = leaf('pe', 2);
    const b2 = leaf('pe', 8);
    const t = top([a, b, c, b2]);
    const out = dedupModules([...[a, b, c, b2].map((ir): ElabModule => ({ ir, children: [] })), t]);
    expect(out.map((m) => m.name)).toEqual(['pe', 'pe_1', 'pe_2', 'top']);
    expect(t.ir.instances.map((i) => i.module)).toEqual(['pe', 'pe_1', 'pe_2', 'pe_1']);
  });

  it('skips suffixes that a user module already has', () => {
    const user = leaf('pe_1', 3);
    const a = leaf('pe', 4);
    const b = leaf('pe', 8);
    const out = dedupModules([user, a, b].map((ir) => ({ ir, children: [] })));
    expect(out.map((m) => m.name)).toEqual(['pe_1', 'pe', 'pe_2']);
  });

  it('merges parents whose children merged (renaming happens before hashing)', () => {
    const a = leaf('pe', 4);
    const b = leaf('pe', 4);
    const m1 = top([a]);
    const m2 = top([b]);
    m1.ir.name = 'mid';
    m2.ir.name = 'mid';
    const out = dedupModules([{ ir: a, children: [] }, m1, { ir: b, children: [] }, m2]);
    expect(out.map((m) => m.name)).toEqual(['pe', 'mid']);
  });
});

describe('dedup through elaboration', () => {
  it('one Verilog module for a generator called twice with the same parameters, two for different ones', () => {
    const adder = (w: number): ModuleDef => module('adder', (m) => void m.output('s', m.input('a', uint(w)).add(m.input('b', uint(w)))), { clock: null });
    const t = module('top', (m) => {
      const x = m.input('x', uint(4));
      const y = m.input('y', uint(8));
      const s0 = m.instance('s0', adder(4), { a: x, b: x }).s!;
      const s1 = m.instance('s1', adder(4), { a: x, b: x }).s!;
      const s2 = m.instance('s2', adder(8), { a: y, b: y }).s!;
      m.output('o0', s0);
      m.output('o1', s1);
      m.output('o2', s2);
    }, { clock: null });
    const { design } = elaborate(t);
    expect(design.modules.map((m) => m.name)).toEqual(['adder', 'adder_1', 'top']);
    expect(design.modules[2]!.instances.map((i) => i.module)).toEqual(['adder', 'adder', 'adder_1']);
  });
});
