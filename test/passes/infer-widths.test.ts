import { describe, it, expect } from 'vitest';
import { inferWidths } from '../../src/passes/infer-widths.ts';
import type { Diagnostic } from '../../src/diag/error.ts';
import type { IrModule } from '../../src/ir/types.ts';
import { HandModule, loc } from './hand-ir.ts';

const run = (h: HandModule, children: IrModule[] = []): Diagnostic[] => {
  const d: Diagnostic[] = [];
  inferWidths(h.ir, children, d);
  return d;
};

describe('inferWidths: node results against the op table', () => {
  it('accepts nodes that follow their rules', () => {
    const h = new HandModule('m');
    const a = h.input('a', 4);
    const b = h.input('b', 4, true);
    const az = h.op('zext', 5, true, [a]);
    const bs = h.op('sext', 5, true, [b]);
    const d = h.op('sub', 5, true, [az, bs]);
    h.connect(h.output('y', 5, true), d);
    expect(run(h)).toEqual([]);
  });

  it('reports a result declared with another type', () => {
    const h = new HandModule('m');
    const a = h.input('a', 4);
    h.op('add', 5, false, [a, a], {}, 3);
    expect(run(h)).toEqual([{ severity: 'error', message: 'add produces uint(4) but its result is declared uint(5)', loc: loc(3) }]);
  });

  it('reports a broken operand rule with the op name', () => {
    const h = new HandModule('m');
    const a = h.input('a', 4);
    h.op('sub', 4, false, [a, a], {}, 4);
    h.op('mux', 4, false, [a, a, a], {}, 5);
    expect(run(h)).toEqual([
      { severity: 'error', message: 'sub: sub operands must be extended to a signed type', loc: loc(4) },
      { severity: 'error', message: 'mux: mux select must be 1 bit', loc: loc(5) },
    ]);
  });

  it('skips a register that was never set (check-drivers reports it)', () => {
    const h = new HandModule('m', { clock: true });
    h.node('reg', h.reg('r', 4), [-1], { init: null });
    expect(run(h)).toEqual([]);
  });
});

describe('inferWidths: assignments', () => {
  const assign = (src: [number, boolean], dst: [number, boolean]): Diagnostic[] => {
    const h = new HandModule('m');
    h.connect(h.output('y', dst[0], dst[1]), h.input('a', src[0], src[1]), 6);
    return run(h);
  };

  it('accepts exactly equal types', () => {
    expect(assign([8, true], [8, true])).toEqual([]);
  });

  it('reports narrowing as implicit truncation', () => {
    expect(assign([9, false], [8, false])).toEqual([
      {
        severity: 'error',
        message: "implicit truncation: assigning a uint(9) value to 'y' of type uint(8)",
        hint: 'narrow explicitly with .resize(8) or .trunc(8), or widen the target',
        loc: loc(6),
      },
    ]);
    expect(assign([9, true], [8, false])[0]!.message).toBe("implicit truncation: assigning a sint(9) value to 'y' of type uint(8)");
  });

  it('reports widening and signedness changes as width mismatches with the right hint', () => {
    expect(assign([4, false], [8, false])).toEqual([
      { severity: 'error', message: "width mismatch: assigning a uint(4) value to 'y' of type uint(8)", hint: 'extend explicitly with .ext(8)', loc: loc(6) },
    ]);
    expect(assign([4, false], [5, true])[0]!.hint).toBe('convert explicitly: .toSigned() / .asSigned() and .ext(5)');
    expect(assign([4, false], [4, true])[0]!.hint).toBe('convert explicitly: .toSigned() / .asSigned()');
    expect(assign([4, true], [4, false])[0]!.hint).toBe('convert explicitly: .asUnsigned()');
  });

  it('checks register next states and enables', () => {
    const h = new HandModule('m', { clock: true });
    const a = h.input('a', 3);
    const en = h.input('en', 2);
    h.node('reg', h.reg('r', 4), [a, en], { init: null }, 7);
    expect(run(h)).toEqual([
      { severity: 'error', message: "width mismatch: assigning a uint(3) value to register 'r' of type uint(4)", hint: 'extend explicitly with .ext(4)', loc: loc(7) },
      { severity: 'error', message: "reg 'r': clock enable must be 1 bit", loc: loc(7) },
    ]);
  });

  it('checks a second next state (a connect to a register) as an assignment to the register', () => {
    const h = new HandModule('m', { clock: true });
    const r = h.reg('r', 4);
    h.node('reg', r, [h.input('a', 4)], { init: null }).connect(r, h.input('b', 3), 8);
    expect(run(h)).toEqual([
      { severity: 'error', message: "width mismatch: assigning a uint(3) value to register 'r' of type uint(4)", hint: 'extend explicitly with .ext(4)', loc: loc(8) },
    ]);
  });
});

describe('inferWidths: instance inputs', () => {
  it('compares each bound input with the child port, located at the instance', () => {
    const child = new HandModule('child');
    child.connect(child.output('y', 4), child.input('a', 4));
    child.input('b', 4, true);
    const h = new HandModule('top');
    const x = h.input('x', 8);
    const z = h.input('z', 4, true);
    const y = h.wire('u0_y', 4);
    h.instance('u0', 'child', { a: x, b: z, y }, ['y'], 9);
    expect(run(h, [child.ir])).toEqual([
      {
        severity: 'error',
        message: "implicit truncation: assigning a uint(8) value to input 'a' of instance 'u0' of type uint(4)",
        hint: 'narrow explicitly with .resize(4) or .trunc(4), or widen the target',
        loc: loc(9),
      },
    ]);
  });
});
