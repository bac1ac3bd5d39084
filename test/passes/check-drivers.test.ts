import { describe, it, expect } from 'vitest';
import { checkDrivers } from '../../src/passes/check-drivers.ts';
import type { Diagnostic } from '../../src/diag/error.ts';
import { HandModule, loc } from './hand-ir.ts';

const run = (h: HandModule): Diagnostic[] => {
  const d: Diagnostic[] = [];
  checkDrivers(h.ir, d);
  return d;
};

describe('checkDrivers', () => {
  it('accepts a module where every net has one driver and every input is read', () => {
    const h = new HandModule('m');
    const a = h.input('a', 4);
    const y = h.output('y', 4);
    h.connect(y, h.op('not', 4, false, [a]));
    expect(run(h)).toEqual([]);
  });

  it('reports an undriven output at its declaration', () => {
    const h = new HandModule('m');
    h.connect(h.output('x', 4, false, 2), h.input('a', 4));
    h.output('y', 4, false, 7);
    expect(run(h)).toEqual([
      { severity: 'error', message: "output 'y' of module 'm' is never driven", hint: 'drive it with y.set(value)', loc: loc(7) },
    ]);
  });

  it('reports a wire that is read but never driven; an unread undriven wire is harmless', () => {
    const h = new HandModule('m');
    const w = h.wire('w', 4, false, 3);
    h.wire('idle', 4, false, 4);
    h.connect(h.output('y', 4), w);
    expect(run(h)).toEqual([
      { severity: 'error', message: "wire 'w' in module 'm' is read but never driven", hint: 'drive it with w.set(value)', loc: loc(3) },
    ]);
  });

  it('reports two drivers, listing both lines, located at the second', () => {
    const h = new HandModule('m');
    const a = h.input('a', 4);
    const b = h.input('b', 4);
    const y = h.output('y', 4, false, 2);
    h.connect(y, a, 3).connect(y, b, 4);
    expect(run(h)).toEqual([
      {
        severity: 'error',
        message: "'y' in module 'm' has 2 drivers: assignment at line 3, assignment at line 4",
        hint: 'drive each net once; combine values with mux() or select()',
        loc: loc(4),
      },
    ]);
  });

  it('counts instance outputs and registers as drivers', () => {
    const h = new HandModule('m', { clock: true });
    h.input('clk', 1, false, undefined, 'clock');
    const a = h.input('a', 4);
    const w = h.wire('w', 4);
    h.connect(w, a, 5).instance('u0', 'child', { a, y: w }, ['y'], 6);
    const r = h.reg('r', 4);
    h.node('reg', r, [a], { init: null }, 8).connect(r, a, 9);
    h.connect(h.output('y', 4), w).connect(h.output('z', 4), r);
    expect(run(h).map((d) => [d.message, d.loc?.line])).toEqual([
      ["'w' in module 'm' has 2 drivers: assignment at line 5, output 'y' of instance 'u0' at line 6", 6],
      ["'r' in module 'm' has 2 drivers: register at line 8, assignment at line 9", 9],
    ]);
  });

  it('reports a register never given a next state', () => {
    const h = new HandModule('m', { clock: true });
    h.input('clk', 1, false, undefined, 'clock');
    const r = h.reg('r', 4, false, 3);
    h.node('reg', r, [-1], { init: null }, 3).connect(h.output('y', 4), r);
    expect(run(h)).toEqual([
      { severity: 'error', message: "register 'r' in module 'm' is never given a next state", hint: 'call .set(next) on it', loc: loc(3) },
    ]);
  });

  it('warns about unused inputs, but not the clock or reset', () => {
    const h = new HandModule('m', { clock: true, reset: true });
    h.input('clk', 1, false, undefined, 'clock');
    h.input('rst', 1, false, undefined, 'reset');
    h.input('spare', 3, false, 4);
    const a = h.input('a', 4);
    h.instance('u0', 'child', { a }, [], 6);
    expect(run(h)).toEqual([{ severity: 'warning', message: "input 'spare' of module 'm' is never used", loc: loc(4) }]);
  });

  it('names an anonymous multiply-driven net _t<id>', () => {
    const h = new HandModule('m');
    const a = h.input('a', 4);
    const t = h.op('not', 4, false, [a], {}, 2);
    h.connect(t, a, 3).connect(h.output('y', 4), t);
    expect(run(h)[0]!.message).toBe(`'_t${t}' in module 'm' has 2 drivers: not at line 2, assignment at line 3`);
  });
});
