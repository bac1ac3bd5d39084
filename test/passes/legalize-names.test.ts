import { describe, it, expect } from 'vitest';
import { legalizeNames, legalName, isLegalIdentifier } from '../../src/passes/legalize-names.ts';
import type { Diagnostic } from '../../src/diag/error.ts';
import { HandModule, loc } from './hand-ir.ts';

const run = (h: HandModule): Diagnostic[] => {
  const d: Diagnostic[] = [];
  legalizeNames(h.ir, d);
  return d;
};
const names = (h: HandModule): (string | null)[] => h.ir.signals.map((s) => s.name);

describe('isLegalIdentifier / legalName', () => {
  it('accepts Verilog identifiers that are not keywords', () => {
    for (const n of ['a', '_x', 'A1_b$', 'sum_now']) expect(isLegalIdentifier(n)).toBe(true);
    for (const n of ['1a', '', 'a-b', 'a b', 'é', 'wire', 'logic', '$x']) expect(isLegalIdentifier(n)).toBe(false);
  });

  it('suffixes keywords with _ (a warning) and refuses illegal names (an error)', () => {
    const d: Diagnostic[] = [];
    expect(legalName('module', "module 'module'", d, loc(1))).toBe('module_');
    expect(legalName('ok_name', 'x', d)).toBe('ok_name');
    expect(legalName('$x', "input '$x'", d, loc(2))).toBe('$x');
    expect(d).toEqual([
      { severity: 'warning', message: "'module' is a Verilog keyword; module 'module' is emitted as 'module_'", loc: loc(1) },
      { severity: 'error', message: "illegal name '$x' for input '$x'", hint: 'use letters, digits and _ and start with a letter or _', loc: loc(2) },
    ]);
  });
});

describe('legalizeNames', () => {
  it('keeps legal user names verbatim and names temps _t<N> in order', () => {
    const h = new HandModule('m');
    const a = h.input('a', 4);
    const t0 = h.op('not', 4, false, [a]);
    const t1 = h.op('not', 4, false, [t0]);
    h.connect(h.output('y', 4), t1);
    expect(run(h)).toEqual([]);
    expect(names(h)).toEqual(['a', '_t0', '_t1', 'y']);
  });

  it('skips temp names the user already took', () => {
    const h = new HandModule('m');
    h.input('_t0', 1);
    h.temp(1);
    h.wire('_t2', 1);
    h.temp(1);
    run(h);
    expect(names(h)).toEqual(['_t0', '_t1', '_t2', '_t3']);
  });

  it('renames keywords with a warning (SystemVerilog keywords too)', () => {
    const h = new HandModule('m');
    h.input('reg', 1, false, 2);
    h.wire('logic', 1, false, 3);
    expect(run(h)).toEqual([
      { severity: 'warning', message: "'reg' is a Verilog keyword; input 'reg' is emitted as 'reg_'", loc: loc(2) },
      { severity: 'warning', message: "'logic' is a Verilog keyword; wire 'logic' is emitted as 'logic_'", loc: loc(3) },
    ]);
    expect(names(h)).toEqual(['reg_', 'logic_']);
  });

  it('reports illegal names', () => {
    const h = new HandModule('m');
    h.input('2fast', 1, false, 4);
    expect(run(h)).toEqual([
      { severity: 'error', message: "illegal name '2fast' for input '2fast'", hint: 'use letters, digits and _ and start with a letter or _', loc: loc(4) },
    ]);
  });

  it('reports a name used twice (also after keyword renaming, and between nets and instances)', () => {
    const h = new HandModule('m');
    h.input('a', 1, false, 2);
    h.wire('a', 1, false, 3);
    h.wire('wire_', 1, false, 4);
    h.wire('wire', 1, false, 5);
    h.instance('a', 'child', {}, [], 6);
    const errors = run(h).filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.message, d.loc?.line])).toEqual([
      ["name 'a' is used twice in module 'm': input 'a' (line 2) and wire 'a'", 3],
      ["name 'wire_' is used twice in module 'm': wire 'wire_' (line 4) and wire 'wire'", 5],
      ["name 'a' is used twice in module 'm': input 'a' (line 2) and instance 'a'", 6],
    ]);
    expect(errors[0]!.hint).toBe('give each port, wire, register and instance its own name (e.g. add a loop index)');
  });

  it('legalizes instance names', () => {
    const h = new HandModule('m');
    h.instance('begin', 'child', {}, []);
    expect(run(h).map((d) => d.message)).toEqual(["'begin' is a Verilog keyword; instance 'begin' is emitted as 'begin_'"]);
    expect(h.ir.instances[0]!.name).toBe('begin_');
  });

  it('gives DSL-made names the first free numeric suffix instead of an error', () => {
    const h = new HandModule('m');
    h.wire('u0_y', 4);
    h.signal('u0_y', 4, false, 'wire', undefined, true);
    h.signal('u0_y', 4, false, 'wire', undefined, true);
    h.signal('wire', 4, false, 'wire', undefined, true);
    expect(run(h)).toEqual([]);
    expect(names(h)).toEqual(['u0_y', 'u0_y_1', 'u0_y_2', 'wire_1']);
  });
});
