import { describe, it, expect } from 'vitest';
import { module, uint, elaborate, type ModuleDef } from '../../src/index.ts';
import { collectModules } from '../../src/dsl/elaborate.ts';
import { LowbitError } from '../../src/diag/error.ts';

const comb = { clock: null } as const;
const leaf = (name: string): ModuleDef => module(name, (m) => void m.output('y', m.input('a', uint(2)).not()), comb);

describe('collectModules', () => {
  it('lists every reachable module once, children before parents', () => {
    const a = leaf('a');
    const b = leaf('b');
    const mid = module('mid', (m) => {
      const x = m.input('x', uint(2));
      m.output('y', m.instance('u0', a, { a: x }).y!.xor(m.instance('u1', a, { a: x }).y!));
    }, comb);
    const top = module('top', (m) => {
      const x = m.input('x', uint(2));
      const p = m.instance('m0', mid, { x }).y!;
      const q = m.instance('b0', b, { a: x }).y!;
      const r = m.instance('a0', a, { a: x }).y!;
      m.output('y', p.and(q).or(r));
    }, comb);
    const order = collectModules(top);
    expect(order.map((e) => e.ir.name)).toEqual(['a', 'mid', 'b', 'top']);
    // children[i] is the module behind instances[i].
    expect(order[3]!.children.map((c) => c.name)).toEqual(['mid', 'b', 'a']);
    expect(order[1]!.children.map((c) => c.name)).toEqual(['a', 'a']);
  });
});

describe('elaborate', () => {
  it('returns the checked design and its warnings', () => {
    const top = module('top', (m) => {
      m.input('unused', uint(1));
      m.output('y', m.input('a', uint(2)));
    }, comb);
    const { design, warnings } = elaborate(top);
    expect(design.top).toBe('top');
    expect(design.modules.map((m) => m.name)).toEqual(['top']);
    expect(warnings.map((w) => `${w.severity}: ${w.message}`)).toEqual(["warning: input 'unused' of module 'top' is never used"]);
  });

  it('renames the top with topName', () => {
    const { design } = elaborate(leaf('x'), { topName: 'renamed' });
    expect(design.top).toBe('renamed');
    expect(design.modules[0]!.name).toBe('renamed');
  });

  it('throws one LowbitError with every error first, then the warnings', () => {
    const top = module('bad', (m) => {
      m.input('unused', uint(1));
      m.output('y', uint(4));
      m.output('z', uint(4)).set(m.input('a', uint(2)));
    }, comb);
    let err: unknown;
    try {
      elaborate(top);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LowbitError);
    expect((err as LowbitError).diagnostics.map((d) => `${d.severity}: ${d.message}`)).toEqual([
      "error: output 'y' of module 'bad' is never driven",
      "error: width mismatch: assigning a uint(2) value to 'z' of type uint(4)",
      "warning: input 'unused' of module 'bad' is never used",
    ]);
  });
});
