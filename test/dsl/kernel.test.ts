/**
 * The DSL kernel takes every width from the op table. For every node kind, on random operand types
 * (widths 1..24, mixed signedness), the node the DSL records has
 * - operand types = the table's `operands` growth of the user's operand types (identity where the
 *   kind has no growth rule), and
 * - a result type = the table's `result` of those operand types (no error).
 * Plus the kernel's own jobs: folding with the table's `eval`, lossless extension judged by the
 * table's sext/zext rules, and internal errors for a node the table rejects.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { module, uint, sint, fixed, ufixed, mux, select, rom, cat, repl, type Signal, type ModuleBuilder, type HwType } from '../../src/index.ts';
import { OP_TABLE, type WireType } from '../../src/ir/op-table.ts';
import type { IrModule, IrNode, NodeKind } from '../../src/ir/types.ts';
import { LowbitError } from '../../src/diag/error.ts';

const typeArb = fc.record({ width: fc.integer({ min: 1, max: 24 }), signed: fc.boolean() });
const t = (w: WireType): HwType => (w.signed ? sint(w.width) : uint(w.width));
const plain = (w: WireType): WireType => ({ width: w.width, signed: w.signed });

/** How the DSL makes one `kind` node from user operands of the given types; returns the result signal. */
interface Maker {
  readonly types: fc.Arbitrary<WireType[]>;
  /** The user's operands (inputs of those types) → the signal the node drives. */
  readonly make: (m: ModuleBuilder, ins: Signal[]) => Signal;
  /** The node drives another signal than the returned one (connect, reg). */
  readonly dstOf?: (m: ModuleBuilder, result: Signal) => number;
}

const two = fc.tuple(typeArb, typeArb);
const one = typeArb.map((a) => [a]);
const unsignedSmall = fc.record({ width: fc.integer({ min: 1, max: 3 }), signed: fc.constant(false) });

const MAKERS: Record<NodeKind, Maker> = {
  add: { types: two, make: (_m, [a, b]) => a!.add(b!) },
  sub: { types: two, make: (_m, [a, b]) => a!.sub(b!) },
  mul: { types: two, make: (_m, [a, b]) => a!.mul(b!) },
  and: { types: two, make: (_m, [a, b]) => a!.and(b!) },
  or: { types: two, make: (_m, [a, b]) => a!.or(b!) },
  xor: { types: two, make: (_m, [a, b]) => a!.xor(b!) },
  eq: { types: two, make: (_m, [a, b]) => a!.eq(b!) },
  ne: { types: two, make: (_m, [a, b]) => a!.ne(b!) },
  lt: { types: two, make: (_m, [a, b]) => a!.lt(b!) },
  le: { types: two, make: (_m, [a, b]) => a!.le(b!) },
  gt: { types: two, make: (_m, [a, b]) => a!.gt(b!) },
  ge: { types: two, make: (_m, [a, b]) => a!.ge(b!) },
  not: { types: one, make: (_m, [a]) => a!.not() },
  neg: { types: one, make: (_m, [a]) => a!.neg() },
  redand: { types: one, make: (_m, [a]) => a!.andReduce() },
  redor: { types: one, make: (_m, [a]) => a!.orReduce() },
  redxor: { types: one, make: (_m, [a]) => a!.xorReduce() },
  const: { types: fc.constant([]), make: (m) => m.constant(-5, sint(6)) },
  connect: {
    types: one,
    make: (m, [a]) => m.output('y', a!),
    dstOf: (_m, y) => y.id,
  },
  sext: { types: typeArb.map((a) => [{ ...a, signed: true }]), make: (_m, [a]) => a!.ext(a!.width + 3) },
  zext: { types: typeArb.map((a) => [{ ...a, signed: false }]), make: (_m, [a]) => a!.toSigned() },
  slice: { types: one, make: (_m, [a]) => a!.slice(a!.width - 1, Math.floor(a!.width / 2)) },
  concat: { types: two, make: (_m, [a, b]) => cat(a!, b!) },
  repl: { types: one, make: (_m, [a]) => repl(a!, 3) },
  reinterpret: { types: typeArb.map((a) => [{ ...a, signed: false }]), make: (_m, [a]) => a!.asSigned() },
  shl: { types: fc.tuple(typeArb, unsignedSmall), make: (_m, [a, s]) => a!.shl(s!) },
  shr: { types: fc.tuple(typeArb, unsignedSmall), make: (_m, [a, s]) => a!.shr(s!) },
  mux: { types: fc.tuple(fc.constant({ width: 1, signed: false }), typeArb, typeArb), make: (_m, [c, a, b]) => mux(c!, a!, b!) },
  select: { types: fc.tuple(unsignedSmall, typeArb, typeArb, typeArb), make: (_m, [i, a, b, c]) => select(i!, [a!, b!], c!) },
  rom: { types: fc.tuple(unsignedSmall), make: (_m, [i]) => rom(i!, [3, -2, 7], sint(5), -1) },
  reg: {
    types: one,
    make: (m, [a]) => {
      const r = m.reg('r', a!.type);
      r.set(a!);
      return r;
    },
    dstOf: (_m, r) => r.id,
  },
};

/** Build one node of `kind` over inputs of `types`; return the module IR and that node. */
function record(kind: NodeKind, types: WireType[]): { ir: IrModule; node: IrNode } {
  let dst = -1;
  const def = module('k', (m) => {
    const ins = types.map((ty, i) => m.input(`i${i}`, t(ty)));
    const r = MAKERS[kind].make(m, ins);
    dst = MAKERS[kind].dstOf ? MAKERS[kind].dstOf!(m, r) : r.id;
  }, kind === 'reg' ? {} : { clock: null });
  const node = def.ir.nodes.find((n) => n.dst === dst && n.kind === kind);
  if (!node) throw new Error(`no ${kind} node drives the result`);
  return { ir: def.ir, node };
}

describe('kernel: every node kind takes its types from the op table', () => {
  it('has a DSL maker for every kind of the table', () => {
    expect(Object.keys(MAKERS).sort()).toEqual(Object.keys(OP_TABLE).sort());
  });

  it.each(Object.keys(MAKERS) as NodeKind[])('%s', (kind) => {
    fc.assert(
      fc.property(MAKERS[kind].types, (types) => {
        const { ir, node } = record(kind, types);
        const sig = (id: number): WireType => plain(ir.signals[id]!);
        const userIns = ir.ports.filter((p) => p.dir === 'input' && p.protocol === 'data').map((p) => sig(p.signal));
        const recorded = node.args.map(sig);
        const rule = OP_TABLE[kind];
        // Operand growth: the recorded operands are the table's growth of the user's operands.
        if (rule.operands) expect(recorded).toEqual(rule.operands(userIns).map(plain));
        else if (!['const', 'rom', 'reg', 'connect'].includes(kind)) expect(recorded).toEqual(userIns);
        // Result: the table's result of the recorded operands is the node's type.
        const r = rule.result(recorded, node, sig(node.dst));
        expect(r).toEqual(sig(node.dst));
        if (rule.assignment) expect(recorded[0]).toEqual(sig(node.dst));
      }),
      { numRuns: 60, seed: 6 },
    );
  });
});

describe('kernel: folding and extension', () => {
  const comb = { clock: null } as const;
  it('folds constant operands with the table eval (no node)', () => {
    const def = module('f', (m) => {
      m.output('a', m.constant(0b1100, uint(4)).xor(m.constant(0b1010, uint(4))));
      m.output('n', m.constant(-3, sint(4)).not());
      m.output('c', m.constant(-3, sint(4)).lt(m.constant(2, uint(2))));
    }, comb);
    const consts = def.ir.nodes.filter((n) => n.kind === 'const').map((n) => (n as { value: string }).value);
    expect(def.ir.nodes.some((n) => ['xor', 'not', 'lt'].includes(n.kind))).toBe(false);
    expect(consts).toContain('6'); // 1100 ^ 1010
    expect(consts).toContain('2'); // ~(-3) = 2
    expect(consts).toContain('1'); // -3 < 2
  });

  it('folds comparisons the operand range decides, either side', () => {
    const def = module('r', (m) => {
      const u4 = m.input('u', uint(4));
      m.output('a', u4.lt(0));
      m.output('b', m.constant(16, uint(5)).gt(u4));
      m.output('c', u4.le(15));
    }, comb);
    expect(def.ir.nodes.filter((n) => ['lt', 'gt', 'le'].includes(n.kind))).toEqual([]);
  });

  it('warns, at the user\'s line, for each comparison the range decides (not for two constants)', () => {
    const def = module('w', (m) => {
      const u4 = m.input('u', uint(4));
      const s4 = m.input('s', sint(4));
      m.output('a', u4.lt(0)); // line +3
      m.output('b', m.constant(16, uint(5)).gt(u4));
      m.output('c', u4.le(15));
      m.output('d', s4.ge(-8));
      m.output('e', u4.lt(8)); // range does not decide it: no warning
      m.output('k', m.constant(-3, sint(4)).lt(m.constant(2, uint(2)))); // two constants: no warning
    }, comb);
    expect(def.warnings.map((w) => w.message)).toEqual([
      'comparison is always false: uint(4) < 0, and uint(4) holds only 0..15',
      'comparison is always true: 16 > uint(4), and uint(4) holds only 0..15',
      'comparison is always true: uint(4) <= 15, and uint(4) holds only 0..15',
      'comparison is always true: sint(4) >= -8, and sint(4) holds only -8..7',
    ]);
    expect(def.warnings.every((w) => w.severity === 'warning' && /check the bound/.test(w.hint!))).toBe(true);
    const lines = def.warnings.map((w) => w.loc!.line);
    expect(def.warnings[0]!.loc!.file).toMatch(/kernel\.test\.ts$/);
    expect(lines).toEqual([lines[0]!, lines[0]! + 1, lines[0]! + 2, lines[0]! + 3]);
    expect(def.warnings[0]!.loc!.col).toBeGreaterThan(1);
  });

  it('words a fixed-point folded comparison in the written types and real values, not raw integers', () => {
    const def = module('wf', (m) => {
      const a = m.input('a', fixed(8, 3)); // -4 .. 3.96875 in steps of 1/32
      const u = m.input('u', ufixed(6, 2)); // 0 .. 3.9375
      m.output('x', a.lt(m.fixedConstant('-5', fixed(10, 5))));
      m.output('y', u.ge(m.fixedConstant('0', ufixed(6, 2))));
      m.output('z', a.le(m.fixedConstant('1.5', fixed(4, 2)))); // not decided by the range: no warning
      m.output('w', a.gt(m.fixedConstant('3.96875', fixed(10, 5)))); // a real-valued bound the range decides
    }, comb);
    expect(def.warnings.map((w) => w.message)).toEqual([
      'comparison is always false: ap_fixed<8,3> < -5, and ap_fixed<8,3> holds only -4..3.96875',
      'comparison is always true: ap_ufixed<6,2> >= 0, and ap_ufixed<6,2> holds only 0..3.9375',
      'comparison is always false: ap_fixed<8,3> > 3.96875, and ap_fixed<8,3> holds only -4..3.96875',
    ]);
  });

  it('keeps a format on results that keep their operand type (not, mux arms)', () => {
    const def = module('x', (m) => {
      const a = m.input('a', fixed(8, 3));
      m.output('y', a.not());
    }, comb);
    const not = def.ir.nodes.find((n) => n.kind === 'not')!;
    expect(def.ir.signals[not.dst]!.format).toEqual({ kind: 'fixed', text: 'ap_fixed<8,3>' });
  });

  it('refuses a lossy conversion with a user error (the table rejects the extension)', () => {
    expect(() => module('l', (m) => void m.output('y', m.input('a', sint(4)).as(uint(8))), comb)).toThrow(LowbitError);
    expect(() => module('l', (m) => void m.output('y', m.input('a', uint(4)).as(sint(4))), comb)).toThrow(/cannot convert uint\(4\) to sint\(4\) without losing values/);
  });

  it('refuses, as an internal error, a node the table rejects', () => {
    expect(() => module('i', (m) => {
      const a = m.input('a', uint(4));
      a.m.node('sub', [a, a]); // sub needs signed operands: never built by the DSL's own ops
    }, comb)).toThrow('internal: sub: sub operands must be extended to a signed type');
    expect(() => module('i', (m) => {
      const a = m.input('a', uint(4));
      a.m.node('slice', [a], { lsb: 0 });
    }, comb)).toThrow('internal: slice needs a declared type');
    expect(() => module('i', (m) => {
      const a = m.input('a', uint(4));
      a.m.node('not', [a], {}, uint(5));
    }, comb)).toThrow('internal: not produces uint(4), not uint(5)');
  });
});
