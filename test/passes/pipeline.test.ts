import { describe, it, expect } from 'vitest';
import { runPasses } from '../../src/passes/pipeline.ts';
import { module, uint, type ModuleDef } from '../../src/index.ts';
import { collectModules } from '../../src/dsl/elaborate.ts';
import { HandModule, loc } from './hand-ir.ts';

describe('runPasses', () => {
  it('returns the legalized, deduplicated design with the last module as top', () => {
    const leaf = (): ModuleDef => module('leaf', (m) => void m.output('y', m.input('a', uint(2)).not()), { clock: null });
    const top = module('module', (m) => {
      const a = m.input('a', uint(2));
      m.output('y', m.instance('u0', leaf(), { a }).y!.xor(m.instance('u1', leaf(), { a }).y!));
    }, { clock: null });
    const { design, diagnostics } = runPasses(collectModules(top));
    expect(design.modules.map((m) => m.name)).toEqual(['leaf', 'module_']);
    expect(design.top).toBe('module_');
    expect(diagnostics.map((d) => d.message)).toEqual(["'module' is a Verilog keyword; module 'module' is emitted as 'module_'"]);
    // Every signal has a name after legalization.
    for (const m of design.modules) for (const s of m.signals) expect(s.name).toMatch(/^[A-Za-z_][A-Za-z0-9_$]*$/);
  });

  it('runs drivers, widths and loops before naming, and reports each problem once', () => {
    const mk = (): HandModule => {
      const h = new HandModule('pe');
      h.input('unused', 1, false, 2);
      h.output('y', 4, false, 3);
      return h;
    };
    // The same module object twice (a PE instantiated many times) and an identical copy: one warning.
    const a = mk();
    const b = mk();
    const { diagnostics } = runPasses([{ ir: a.ir, children: [] }, { ir: b.ir, children: [] }]);
    expect(diagnostics).toEqual([
      { severity: 'warning', message: "input 'unused' of module 'pe' is never used", loc: loc(2) },
      { severity: 'error', message: "output 'y' of module 'pe' is never driven", hint: 'drive it with y.set(value)', loc: loc(3) },
    ]);
  });

  it('collects diagnostics of every module, leaves first', () => {
    const child = new HandModule('child');
    child.output('c', 1, false, 5);
    const top = new HandModule('top');
    const w = top.wire('w', 2, false, 7);
    top.connect(w, top.input('a', 3), 8).connect(top.output('y', 2), w);
    const { diagnostics } = runPasses([{ ir: child.ir, children: [] }, { ir: top.ir, children: [] }]);
    expect(diagnostics.map((d) => [d.message, d.loc?.line])).toEqual([
      ["output 'c' of module 'child' is never driven", 5],
      ["implicit truncation: assigning a uint(3) value to 'w' of type uint(2)", 8],
    ]);
  });
});
