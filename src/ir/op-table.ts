/**
 * The op table: for every IR node kind, the rule that gives its result type from its operands.
 * This table is the specification of widths (PyRTL's LogicNet idea): the DSL computes result types
 * with it, `infer-widths` re-checks every node against it, and the emitter trusts it.
 *
 * Conventions: operands of arithmetic, bitwise, comparison and mux ops arrive already extended to a
 * common width and signedness (the DSL inserts explicit `sext`/`zext`), so every emitted Verilog
 * expression is same-width and free of context-width and signedness pitfalls.
 */
import type { IrNode, NodeKind } from './types.ts';

export interface WireType {
  readonly width: number;
  readonly signed: boolean;
}

/** Result type, or a message saying which operand rule is broken. */
export type RuleResult = WireType | { readonly error: string };

export interface OpRule {
  /** One line for docs: the width rule in words. */
  readonly doc: string;
  readonly result: (args: readonly WireType[], node: IrNode, dst: WireType) => RuleResult;
}

const same = (a: WireType, b: WireType): boolean => a.width === b.width && a.signed === b.signed;
const err = (error: string): RuleResult => ({ error });
const sameOperands = (args: readonly WireType[]): string | null =>
  args.length === 2 && same(args[0]!, args[1]!) ? null : 'operands must have the same width and signedness';

/**
 * Arithmetic grows exactly, by construction: the DSL first extends both operands to the exact
 * result width (add: max(wa, wb) + 1, mixed signs widening the unsigned operand by one bit;
 * sub: the same, always signed; mul: wa + wb), so the operation itself is same-width and cannot
 * overflow. The rule checked here is that operands and result share one width.
 */
function arith(kind: 'add' | 'sub' | 'mul'): OpRule {
  const growth = kind === 'mul' ? 'wa + wb' : 'max(wa, wb) + 1 (an unsigned operand mixed with a signed one counts one bit wider)';
  return {
    doc: `${kind}: result width ${growth}${kind === 'sub' ? ', always signed' : ''}; operands pre-extended to it`,
    result: (args) => {
      const e = sameOperands(args);
      if (e) return err(e);
      if (kind === 'sub' && !args[0]!.signed) return err('sub operands must be extended to a signed type');
      return args[0]!;
    },
  };
}

const bitwise: OpRule = {
  doc: 'and/or/xor: operands of one width w; result w bits, same signedness',
  result: (args) => sameOperands(args) ? err(sameOperands(args)!) : args[0]!,
};

const compare: OpRule = {
  doc: 'eq/ne/lt/le/gt/ge: operands of one width and signedness (signed compare when signed); result uint(1)',
  result: (args) => sameOperands(args) ? err(sameOperands(args)!) : { width: 1, signed: false },
};

const reduce: OpRule = {
  doc: 'redand/redor/redxor: any operand; result uint(1)',
  result: () => ({ width: 1, signed: false }),
};

export const OP_TABLE: Readonly<Record<NodeKind, OpRule>> = {
  add: arith('add'),
  sub: arith('sub'),
  mul: arith('mul'),
  and: bitwise,
  or: bitwise,
  xor: bitwise,
  eq: compare,
  ne: compare,
  lt: compare,
  le: compare,
  gt: compare,
  ge: compare,
  not: { doc: 'not: result same type as the operand', result: (args) => args[0]! },
  neg: {
    doc: 'neg: signed operand pre-extended by one bit (so -min fits); result same type',
    result: (args) => (args[0]!.signed ? args[0]! : err('neg needs a signed operand')),
  },
  redand: reduce,
  redor: reduce,
  redxor: reduce,
  const: {
    doc: 'const: result is the declared type; the value must lie in its range',
    result: (_args, node, dst) => {
      const v = BigInt((node as { value: string }).value);
      const lo = dst.signed ? -(1n << BigInt(dst.width - 1)) : 0n;
      const hi = dst.signed ? (1n << BigInt(dst.width - 1)) - 1n : (1n << BigInt(dst.width)) - 1n;
      return v < lo || v > hi ? err(`constant ${v} does not fit ${typeName(dst)}`) : dst;
    },
  },
  connect: {
    doc: 'connect: source must have exactly the target type (no implicit extension or truncation)',
    result: (args, _node, dst) => args[0]!,
  },
  sext: {
    doc: 'sext: sign-extend a signed operand to a width >= its own',
    result: (args, _node, dst) =>
      !args[0]!.signed ? err('sext needs a signed operand') : dst.width < args[0]!.width ? err('sext cannot narrow') : dst,
  },
  zext: {
    doc: 'zext: zero-extend an unsigned operand to a width >= its own (uint(w) -> sint(w+1) makes it signed)',
    result: (args, _node, dst) =>
      args[0]!.signed ? err('zext needs an unsigned operand') : dst.width < args[0]!.width ? err('zext cannot narrow') : dst.signed && dst.width === args[0]!.width ? err('zext to a signed type needs one more bit') : dst,
  },
  slice: {
    doc: 'slice: bits [lsb + w - 1 : lsb] of the operand; result the declared width, within the operand',
    result: (args, node, dst) => {
      const lsb = (node as { lsb: number }).lsb;
      return lsb < 0 || lsb + dst.width > args[0]!.width ? err(`slice [${lsb + dst.width - 1}:${lsb}] is outside a ${args[0]!.width}-bit operand`) : dst;
    },
  },
  concat: {
    doc: 'concat: result uint(sum of operand widths)',
    result: (args) => ({ width: args.reduce((s, a) => s + a.width, 0), signed: false }),
  },
  repl: {
    doc: 'repl: result uint(w * count)',
    result: (args, node) => ({ width: args[0]!.width * (node as { count: number }).count, signed: false }),
  },
  reinterpret: {
    doc: 'reinterpret: same bits and width, other signedness',
    result: (args, _node, dst) => (dst.width === args[0]!.width ? dst : err('reinterpret keeps the width')),
  },
  shl: {
    doc: 'shl: by an unsigned variable s; operand pre-extended to w + 2^ws - 1 bits (exact growth); result same type (constant shifts lower to concat)',
    result: (args) => (args[1]!.signed ? err('shift amount must be unsigned') : args[0]!),
  },
  shr: {
    doc: 'shr: by an unsigned variable s; result same type; arithmetic when signed (constant shifts lower to slice)',
    result: (args) => (args[1]!.signed ? err('shift amount must be unsigned') : args[0]!),
  },
  mux: {
    doc: 'mux: select is 1 bit; both arms of the result type',
    result: (args) =>
      args[0]!.width !== 1 ? err('mux select must be 1 bit') : !same(args[1]!, args[2]!) ? err('mux arms must have the same type') : args[1]!,
  },
  select: {
    doc: 'select: index any width; every case and the default of the result type',
    result: (args) => {
      const arms = args.slice(1);
      return arms.every((a) => same(a, arms[0]!)) ? arms[0]! : err('select cases must have the same type');
    },
  },
  rom: {
    doc: 'rom: index any width; result the declared type; every table entry in range',
    result: (_args, _node, dst) => dst,
  },
  reg: {
    doc: 'reg: next state of the register type; enable 1 bit',
    result: (args, _node, dst) =>
      args.length === 0 ? dst : !same(args[0]!, dst) ? err(`next state is ${typeName(args[0]!)}, register is ${typeName(dst)}`) : args.length > 1 && args[1]!.width !== 1 ? err('clock enable must be 1 bit') : dst,
  },
};

export function typeName(t: WireType): string {
  return `${t.signed ? 'sint' : 'uint'}(${t.width})`;
}
