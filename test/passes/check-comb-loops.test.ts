import { describe, it, expect } from 'vitest';
import { checkCombLoops, type CombDeps } from '../../src/passes/check-comb-loops.ts';
import type { Diagnostic } from '../../src/diag/error.ts';
import { HandModule, loc } from './hand-ir.ts';

const run = (h: HandModule, childDeps: (CombDeps | undefined)[] = []): { diags: Diagnostic[]; deps: CombDeps } => {
  const diags: Diagnostic[] = [];
  const deps = checkCombLoops(h.ir, childDeps, diags);
  return { diags, deps };
};
const depsText = (d: CombDeps): Record<string, string[]> => Object.fromEntries([...d].map(([k, v]) => [k, [...v].sort()]));

describe('checkCombLoops', () => {
  it('accepts acyclic logic and reports each output’s combinational inputs', () => {
    const h = new HandModule('m', { clock: true });
    h.input('clk', 1, false, undefined, 'clock');
    const a = h.input('a', 4);
    const b = h.input('b', 4);
    h.input('c', 4);
    const s = h.op('xor', 4, false, [a, b]);
    h.connect(h.output('y', 4), s);
    const r = h.reg('r', 4);
    h.node('reg', r, [a], { init: null }).connect(h.output('q', 4), r);
    const { diags, deps } = run(h);
    expect(diags).toEqual([]);
    expect(depsText(deps)).toEqual({ y: ['a', 'b'] }); // q is registered; c and clk reach nothing
  });

  it('reports a loop through named wires with their lines, located at the first', () => {
    const h = new HandModule('m');
    const a = h.input('a', 8);
    const p = h.wire('p', 8, false, 3);
    const q = h.wire('q', 8, false, 4);
    h.connect(q, h.op('xor', 8, false, [p, a], {}, 4));
    h.connect(p, h.op('not', 8, false, [q], {}, 5));
    h.connect(h.output('y', 8), q);
    expect(run(h).diags).toEqual([
      {
        severity: 'error',
        message: "combinational loop in module 'm' through p (line 3) -> q (line 4)",
        hint: 'break the cycle with a register (m.reg) or restructure the logic',
        loc: loc(3),
      },
    ]);
  });

  it('reports a self loop', () => {
    const h = new HandModule('m');
    const w = h.wire('w', 1, false, 6);
    h.node('and', w, [w, h.input('a', 1)], {}, 6);
    expect(run(h).diags.map((d) => d.message)).toEqual(["combinational loop in module 'm' through w (line 6)"]);
  });

  it('names anonymous members _t<id> when the loop has no named signal', () => {
    const h = new HandModule('m');
    const t1 = h.temp(2, false, 2);
    const t2 = h.temp(2, false, 3);
    h.node('not', t1, [t2]).node('not', t2, [t1]);
    expect(run(h).diags.map((d) => d.message)).toEqual([`combinational loop in module 'm' through _t${t1} (line 2) -> _t${t2} (line 3)`]);
  });

  it('a register breaks a cycle, including its second next-state assignment', () => {
    const h = new HandModule('m', { clock: true });
    const r = h.reg('r', 4);
    const n = h.op('not', 4, false, [r]);
    h.node('reg', r, [n], { init: null }).connect(r, n);
    expect(run(h).diags).toEqual([]);
  });

  it('follows combinational paths through instances (child deps), not registered ones', () => {
    const mk = (deps: CombDeps | undefined): Diagnostic[] => {
      const h = new HandModule('top');
      const w = h.wire('w', 4, false, 4);
      const y = h.signal('u0_y', 4, false, 'wire', 5, true);
      h.instance('u0', 'child', { a: w, y }, ['y'], 5);
      h.connect(w, h.op('not', 4, false, [y]), 6);
      return run(h, [deps]).diags;
    };
    expect(mk(new Map([['y', new Set(['a'])]])).map((d) => d.message)).toEqual(["combinational loop in module 'top' through w (line 4) -> u0_y (line 5)"]);
    expect(mk(new Map())).toEqual([]);
    expect(mk(undefined)).toEqual([]);
  });

  it('passes dependencies up through a child', () => {
    const h = new HandModule('mid');
    const a = h.input('a', 4);
    const y = h.signal('u0_y', 4, false, 'wire', undefined, true);
    h.instance('u0', 'leaf', { x: a, y }, ['y']);
    h.connect(h.output('out', 4), y);
    expect(depsText(run(h, [new Map([['y', new Set(['x'])]])]).deps)).toEqual({ out: ['a'] });
  });

  it('handles long chains without recursion limits', () => {
    const h = new HandModule('m');
    let prev = h.input('a', 1);
    for (let i = 0; i < 50_000; i++) prev = h.op('not', 1, false, [prev]);
    h.connect(h.output('y', 1), prev);
    const { diags, deps } = run(h);
    expect(diags).toEqual([]);
    expect(depsText(deps)).toEqual({ y: ['a'] });
  });
});
