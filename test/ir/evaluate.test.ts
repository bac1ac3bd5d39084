/**
 * evaluateCombinational: one combinational module evaluated with the op table, in dependency order
 * whatever the node order; modules it cannot evaluate are refused.
 */
import { describe, it, expect } from 'vitest';
import { evaluateCombinational } from '../../src/ir/evaluate.ts';
import { HandModule } from '../passes/hand-ir.ts';

describe('evaluateCombinational', () => {
  it('evaluates nodes in dependency order, with inputs wrapped into their types', () => {
    const h = new HandModule('m');
    const a = h.input('a', 4, true);
    const b = h.input('b', 4);
    const y = h.output('y', 6, true);
    // Listed out of order: the connect first, the sum before its extensions.
    const sum = h.temp(6, true);
    const as = h.temp(6, true);
    const bz = h.temp(6, true);
    h.connect(y, sum).node('add', sum, [as, bz]).node('sext', as, [a]).node('zext', bz, [b]);
    const v = evaluateCombinational(h.ir, new Map([[a, -3n], [b, 17n]])); // 17 wraps to 1 in uint(4)
    expect(v[y]).toBe(-2n);
    expect(v[b]).toBe(1n);
  });

  it('gives 0 for inputs not given', () => {
    const h = new HandModule('m');
    const a = h.input('a', 3);
    const y = h.output('y', 3);
    h.connect(y, h.op('not', 3, false, [a]));
    expect(evaluateCombinational(h.ir, new Map())[y]).toBe(7n);
  });

  it('refuses registers, instances, loops and undriven nets', () => {
    const withReg = new HandModule('r', { clock: true });
    withReg.node('reg', withReg.reg('q', 2), [withReg.input('d', 2)], { init: null });
    expect(() => evaluateCombinational(withReg.ir, new Map())).toThrow("module 'r' has registers");
    const withInst = new HandModule('i').instance('u', 'child', {}, []);
    expect(() => evaluateCombinational(withInst.ir, new Map())).toThrow("module 'i' has instances");
    const loop = new HandModule('l');
    const t1 = loop.temp(1);
    const t2 = loop.temp(1);
    loop.node('not', t1, [t2]).node('not', t2, [t1]);
    expect(() => evaluateCombinational(loop.ir, new Map())).toThrow("module 'l' has a combinational loop or an undriven net");
  });
});
