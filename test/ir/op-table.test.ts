/**
 * The op table: each kind's rules as stated, its growth rules, and its `eval` against an
 * independent bit-string reference on random operands. That the DSL and the IR simulator really
 * read this table is proven in test/dsl/kernel.test.ts and test/interp/ir-simulator.test.ts.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { OP_TABLE, commonType, rangeOf, typeName, wrapTo, type WireType, type RuleResult } from '../../src/ir/op-table.ts';
import type { IrNode, NodeKind } from '../../src/ir/types.ts';
import { NODE_CASES, toBits, valueOf } from './node-cases.ts';

const u = (width: number): WireType => ({ width, signed: false });
const s = (width: number): WireType => ({ width, signed: true });
/** Apply `kind`'s rule to operand types; node extras (value, lsb, count) as given; dst defaults to uint(1). */
const rule = (kind: NodeKind, args: WireType[], extra: Record<string, unknown> = {}, dst: WireType = u(1)): RuleResult =>
  OP_TABLE[kind].result(args, { kind, dst: 0, args: args.map((_, i) => i + 1), ...extra } as unknown as IrNode, dst);

describe('op table', () => {
  it('has a rule and a doc line for every node kind', () => {
    const kinds: NodeKind[] = ['add', 'sub', 'mul', 'and', 'or', 'xor', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'not', 'neg', 'redand', 'redor', 'redxor',
      'const', 'connect', 'sext', 'zext', 'slice', 'concat', 'repl', 'reinterpret', 'shl', 'shr', 'mux', 'select', 'rom', 'reg'];
    expect(Object.keys(OP_TABLE).sort()).toEqual([...kinds].sort());
    for (const k of kinds) expect(OP_TABLE[k].doc).toMatch(new RegExp(`^${k}\\b|\\b${k}\\b`));
  });

  it('typeName', () => {
    expect(typeName(u(3))).toBe('uint(3)');
    expect(typeName(s(9))).toBe('sint(9)');
  });

  describe('add / sub / mul: same-type operands, result that type', () => {
    it.each(['add', 'sub', 'mul'] as const)('%s', (k) => {
      expect(rule(k, [s(9), s(9)])).toEqual(s(9));
      expect(rule(k, [s(9), s(8)])).toEqual({ error: 'operands must have the same width and signedness' });
      expect(rule(k, [s(9), u(9)])).toEqual({ error: 'operands must have the same width and signedness' });
      expect(rule(k, [s(9)])).toHaveProperty('error');
    });
    it('add and mul accept unsigned; sub needs signed operands', () => {
      expect(rule('add', [u(5), u(5)])).toEqual(u(5));
      expect(rule('mul', [u(5), u(5)])).toEqual(u(5));
      expect(rule('sub', [u(5), u(5)])).toEqual({ error: 'sub operands must be extended to a signed type' });
    });
  });

  it.each(['and', 'or', 'xor'] as const)('%s: same-type operands, result that type', (k) => {
    expect(rule(k, [u(4), u(4)])).toEqual(u(4));
    expect(rule(k, [s(4), s(4)])).toEqual(s(4));
    expect(rule(k, [u(4), u(5)])).toEqual({ error: 'operands must have the same width and signedness' });
  });

  it.each(['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const)('%s: same-type operands, result uint(1)', (k) => {
    expect(rule(k, [s(7), s(7)])).toEqual(u(1));
    expect(rule(k, [s(7), u(7)])).toEqual({ error: 'operands must have the same width and signedness' });
  });

  it('not keeps the type; neg needs a signed operand', () => {
    expect(rule('not', [s(3)])).toEqual(s(3));
    expect(rule('neg', [s(3)])).toEqual(s(3));
    expect(rule('neg', [u(3)])).toEqual({ error: 'neg needs a signed operand' });
  });

  it.each(['redand', 'redor', 'redxor'] as const)('%s: any operand, uint(1)', (k) => {
    expect(rule(k, [s(13)])).toEqual(u(1));
    expect(rule(k, [u(1)])).toEqual(u(1));
  });

  it('const: the declared type, value in range', () => {
    expect(rule('const', [], { value: '7' }, u(3))).toEqual(u(3));
    expect(rule('const', [], { value: '8' }, u(3))).toEqual({ error: 'constant 8 does not fit uint(3)' });
    expect(rule('const', [], { value: '-4' }, s(3))).toEqual(s(3));
    expect(rule('const', [], { value: '-5' }, s(3))).toEqual({ error: 'constant -5 does not fit sint(3)' });
    expect(rule('const', [], { value: '4' }, s(3))).toHaveProperty('error');
    expect(rule('const', [], { value: '-1' }, u(3))).toHaveProperty('error');
  });

  it('connect: an assignment of exactly the declared type (checked by the caller), result the declared type', () => {
    expect(OP_TABLE.connect.assignment).toBe(true);
    expect(OP_TABLE.connect.declared).toBe(true);
    expect(rule('connect', [s(5)], {}, u(9))).toEqual(u(9));
  });

  it('sext / zext', () => {
    expect(rule('sext', [s(4)], {}, s(8))).toEqual(s(8));
    expect(rule('sext', [u(4)], {}, s(8))).toEqual({ error: 'sext needs a signed operand' });
    expect(rule('sext', [s(4)], {}, s(3))).toEqual({ error: 'sext cannot narrow' });
    expect(rule('zext', [u(4)], {}, u(4))).toEqual(u(4));
    expect(rule('zext', [u(4)], {}, s(5))).toEqual(s(5));
    expect(rule('zext', [u(4)], {}, s(4))).toEqual({ error: 'zext to a signed type needs one more bit' });
    expect(rule('zext', [s(4)], {}, s(8))).toEqual({ error: 'zext needs an unsigned operand' });
    expect(rule('zext', [u(4)], {}, u(3))).toEqual({ error: 'zext cannot narrow' });
  });

  it('slice: inside the operand', () => {
    expect(rule('slice', [u(8)], { lsb: 4 }, u(4))).toEqual(u(4));
    expect(rule('slice', [s(8)], { lsb: 0 }, s(3))).toEqual(s(3));
    expect(rule('slice', [u(8)], { lsb: 5 }, u(4))).toEqual({ error: 'slice [8:5] is outside a 8-bit operand' });
    expect(rule('slice', [u(8)], { lsb: -1 }, u(2))).toHaveProperty('error');
  });

  it('concat / repl: unsigned, widths add up', () => {
    expect(rule('concat', [s(3), u(5), u(1)])).toEqual(u(9));
    expect(rule('repl', [s(3)], { count: 4 })).toEqual(u(12));
  });

  it('reinterpret keeps the width', () => {
    expect(rule('reinterpret', [u(6)], {}, s(6))).toEqual(s(6));
    expect(rule('reinterpret', [u(6)], {}, s(7))).toEqual({ error: 'reinterpret keeps the width' });
  });

  it.each(['shl', 'shr'] as const)('%s: unsigned amount, operand type', (k) => {
    expect(rule(k, [s(10), u(3)])).toEqual(s(10));
    expect(rule(k, [s(10), s(3)])).toEqual({ error: 'shift amount must be unsigned' });
  });

  it('mux: 1-bit select, equal arms', () => {
    expect(rule('mux', [u(1), s(6), s(6)])).toEqual(s(6));
    expect(rule('mux', [u(2), s(6), s(6)])).toEqual({ error: 'mux select must be 1 bit' });
    expect(rule('mux', [u(1), s(6), u(6)])).toEqual({ error: 'mux arms must have the same type' });
  });

  it('select: any index, equal cases and default', () => {
    expect(rule('select', [u(7), u(4), u(4), u(4)])).toEqual(u(4));
    expect(rule('select', [u(1), u(4), s(4)])).toEqual({ error: 'select cases must have the same type' });
  });

  it('rom: the declared type', () => {
    expect(rule('rom', [u(3)], { table: ['1'], fallback: '0' }, s(5))).toEqual(s(5));
  });

  it('reg: an assignment of the next state, 1-bit enable', () => {
    expect(OP_TABLE.reg.assignment).toBe(true);
    expect(rule('reg', [], {}, s(4))).toEqual(s(4));
    expect(rule('reg', [s(4)], {}, s(4))).toEqual(s(4));
    expect(rule('reg', [s(4), u(1)], {}, s(4))).toEqual(s(4));
    expect(rule('reg', [s(4), u(2)], {}, s(4))).toEqual({ error: 'clock enable must be 1 bit' });
  });

  it('only connect and reg are assignments; declared kinds are exactly the ones whose type the node states', () => {
    expect(Object.entries(OP_TABLE).filter(([, r]) => r.assignment).map(([k]) => k).sort()).toEqual(['connect', 'reg']);
    expect(Object.entries(OP_TABLE).filter(([, r]) => r.declared).map(([k]) => k).sort()).toEqual(['connect', 'const', 'reg', 'reinterpret', 'rom', 'sext', 'slice', 'zext']);
  });

  it('rom: every entry within the declared type', () => {
    expect(rule('rom', [u(2)], { table: ['-16', '15'], fallback: '0' }, s(5))).toEqual(s(5));
    expect(rule('rom', [u(2)], { table: ['16'], fallback: '0' }, s(5))).toEqual({ error: 'rom entry 16 does not fit sint(5)' });
    expect(rule('rom', [u(2)], { table: ['1'], fallback: '-1' }, u(5))).toEqual({ error: 'rom entry -1 does not fit uint(5)' });
  });

  it('sext keeps the value signed', () => {
    expect(rule('sext', [s(4)], {}, u(8))).toEqual({ error: 'sext keeps the value signed' });
  });

  describe('operand growth (the DSL extends operands to these types)', () => {
    const grow = (k: NodeKind, args: WireType[]) => OP_TABLE[k].operands!(args);
    it('add / sub / mul grow exactly', () => {
      expect(grow('add', [u(4), u(6)])).toEqual([u(7), u(7)]);
      expect(grow('add', [u(6), s(6)])).toEqual([s(8), s(8)]);
      expect(grow('sub', [u(4), u(6)])).toEqual([s(7), s(7)]);
      expect(grow('mul', [u(4), s(6)])).toEqual([s(10), s(10)]);
      expect(grow('mul', [u(4), u(6)])).toEqual([u(10), u(10)]);
    });
    it('bitwise, comparisons, mux and select go to the common type', () => {
      expect(grow('and', [u(8), s(3)])).toEqual([s(9), s(9)]);
      expect(grow('lt', [u(3), s(3)])).toEqual([s(4), s(4)]);
      expect(grow('mux', [u(1), u(3), s(2)])).toEqual([u(1), s(4), s(4)]);
      expect(grow('select', [u(2), u(3), u(5), s(2)])).toEqual([u(2), s(6), s(6), s(6)]);
    });
    it('neg to sint(w + 1); shl by a variable to w + 2^ws - 1', () => {
      expect(grow('neg', [u(4)])).toEqual([s(5)]);
      expect(grow('shl', [s(4), u(3)])).toEqual([s(11), u(3)]);
    });
    it('commonType is signed if any operand is, one bit wider for an unsigned one next to a signed one', () => {
      expect(commonType([u(4), u(2)])).toEqual(u(4));
      expect(commonType([u(4), s(2)])).toEqual(s(5));
      expect(commonType([u(4), s(6)])).toEqual(s(6));
    });
    it('rangeOf and wrapTo', () => {
      expect(rangeOf(s(4))).toEqual({ min: -8n, max: 7n });
      expect(rangeOf(u(4))).toEqual({ min: 0n, max: 15n });
      expect(wrapTo(9n, s(4))).toBe(-7n);
      expect(wrapTo(-1n, u(4))).toBe(15n);
    });
  });
});

/** The table's `eval` against the independent bit-string reference of node-cases.ts, on random operands. */
describe('op table eval against a bit-string reference', () => {
  const cases = NODE_CASES;
  it.each(Object.keys(cases) as (keyof typeof cases)[])('%s', (kind) => {
    fc.assert(
      fc.property(cases[kind].chain((c) => fc.tuple(fc.constant(c), fc.tuple(...c.args.map(valueOf)))), ([c, vals]) => {
        const node = { kind, dst: 0, args: c.args.map((_, i) => i + 1), ...c.extra } as unknown as IrNode;
        expect(OP_TABLE[kind].result(c.args, node, c.dst)).toEqual(c.dst);
        const got = OP_TABLE[kind].eval(vals, { node, args: c.args, dst: c.dst });
        const want = c.ref(vals.map(Number), vals.map((v, i) => toBits(v, c.args[i]!)));
        expect(got).toBe(BigInt(want));
      }),
      { numRuns: 200, seed: 8 },
    );
  });

  it('reg: the next state is d, or the current state while the enable is 0', () => {
    const node = { kind: 'reg', dst: 0, args: [1, 2], init: null } as unknown as IrNode;
    const ctx = { node, args: [s(4), u(1)], dst: s(4), state: -3n };
    expect(OP_TABLE.reg.eval([5n, 1n], ctx)).toBe(5n);
    expect(OP_TABLE.reg.eval([5n, 0n], ctx)).toBe(-3n);
    expect(OP_TABLE.reg.eval([-8n], { ...ctx, args: [s(4)] })).toBe(-8n);
  });
});
