/**
 * The op table: for every IR node kind, the one statement of its widths and its meaning (PyRTL's
 * LogicNet idea). Each entry gives
 * - `operands`: exact growth — the types the DSL extends the user's operands to before it records
 *   the node (add: both to max(wa, wb) + 1 bits; mul: both to wa + wb; …). Absent: recorded as given.
 * - `result`: the node's result type from the types of its recorded operands, or the broken operand
 *   rule. For `declared` kinds (const, sext, slice, rom, …) the result type is the node's own (dst)
 *   type and the rule only validates it.
 * - `eval`: the value of the node from the values of its operands, as exact integers in their own
 *   types (signed nets hold negative values); the result lies in the dst type.
 * - `assignment`: the node assigns operand 0 to its dst (connect, reg), which must then have
 *   exactly the dst type — no implicit extension or truncation.
 *
 * Readers: the DSL (`src/dsl/kernel.ts`) takes operand extension and result types from here, and
 * folds constants with `eval`; `infer-widths` re-checks every node with `result`; `IrSimulator`
 * evaluates every node with `eval`; the emitter trusts the result (every expression is same-width).
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

/** What `eval` may look at besides the operand values. */
export interface EvalContext {
  /** The node (for `value`, `lsb`, `count`, `table`, `fallback`, `init`). */
  readonly node: IrNode;
  /** Types of the operands, in `node.args` order. */
  readonly args: readonly WireType[];
  /** Type of the node's result. */
  readonly dst: WireType;
  /** `reg` only: the register's current value (kept while the enable is 0). */
  readonly state?: bigint;
}

export interface OpRule {
  /** One line for docs: the width rule in words. */
  readonly doc: string;
  /** The result type is the node's declared (dst) type; `result` validates it. */
  readonly declared: boolean;
  /** The node assigns operand 0 to dst, which must have exactly the dst type. */
  readonly assignment?: boolean;
  /** Exact growth: the types the DSL extends the user's operand types to. Absent: unchanged. */
  readonly operands?: (args: readonly WireType[]) => readonly WireType[];
  readonly result: (args: readonly WireType[], node: IrNode, dst: WireType) => RuleResult;
  /** The node's value from its operand values (exact integers in their own types), in the dst type. */
  readonly eval: (v: readonly bigint[], c: EvalContext) => bigint;
}

/** The value range of a type: [0, 2^w - 1] unsigned, [-2^(w-1), 2^(w-1) - 1] signed. */
export function rangeOf(t: WireType): { min: bigint; max: bigint } {
  const w = BigInt(t.width);
  return t.signed ? { min: -(1n << (w - 1n)), max: (1n << (w - 1n)) - 1n } : { min: 0n, max: (1n << w) - 1n };
}

/** `v` modulo 2^w, read in type `t` (two's complement when signed). */
export function wrapTo(v: bigint, t: WireType): bigint {
  return t.signed ? BigInt.asIntN(t.width, v) : BigInt.asUintN(t.width, v);
}

/**
 * The common type of several operands: signed if any is, wide enough to hold every operand's
 * range (an unsigned operand mixed with a signed one counts one bit wider). Lossless.
 */
export function commonType(args: readonly WireType[]): WireType {
  const signed = args.some((a) => a.signed);
  let width = 0; // a loop, not Math.max(...): an operand list can outgrow the call stack
  for (const a of args) width = Math.max(width, signed && !a.signed ? a.width + 1 : a.width);
  return { width, signed };
}

export function typeName(t: WireType): string {
  return `${t.signed ? 'sint' : 'uint'}(${t.width})`;
}

const same = (a: WireType, b: WireType): boolean => a.width === b.width && a.signed === b.signed;
const err = (error: string): RuleResult => ({ error });
const sameOperands = (args: readonly WireType[]): string | null =>
  args.length === 2 && same(args[0]!, args[1]!) ? null : 'operands must have the same width and signedness';
const bool = (b: boolean): bigint => (b ? 1n : 0n);
/** The bit pattern of operand i (its value modulo 2^width). */
const bits = (v: readonly bigint[], c: EvalContext, i: number): bigint => BigInt.asUintN(c.args[i]!.width, v[i]!);
const both = (t: WireType): readonly WireType[] => [t, t];

/**
 * Arithmetic grows exactly, by construction: the DSL first extends both operands to the exact
 * result width (`operands`), so the operation itself is same-width and cannot overflow. The rule
 * checked is that operands and result share one width.
 */
function arith(kind: 'add' | 'sub' | 'mul', grow: (a: WireType, b: WireType) => WireType, f: (a: bigint, b: bigint) => bigint): OpRule {
  const growth = kind === 'mul' ? 'wa + wb' : 'max(wa, wb) + 1 (an unsigned operand mixed with a signed one counts one bit wider)';
  return {
    doc: `${kind}: result width ${growth}${kind === 'sub' ? ', always signed' : ''}; operands pre-extended to it`,
    declared: false,
    operands: (args) => both(grow(args[0]!, args[1]!)),
    result: (args) => {
      const e = sameOperands(args);
      if (e) return err(e);
      if (kind === 'sub' && !args[0]!.signed) return err('sub operands must be extended to a signed type');
      return args[0]!;
    },
    eval: (v, c) => wrapTo(f(v[0]!, v[1]!), c.dst),
  };
}

function bitwise(kind: 'and' | 'or' | 'xor', f: (a: bigint, b: bigint) => bigint): OpRule {
  return {
    doc: `${kind}: operands extended to their common type w; result w bits, same signedness`,
    declared: false,
    operands: (args) => both(commonType(args)),
    result: (args) => (sameOperands(args) ? err(sameOperands(args)!) : args[0]!),
    eval: (v, c) => wrapTo(f(bits(v, c, 0), bits(v, c, 1)), c.dst),
  };
}

function compare(kind: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', f: (a: bigint, b: bigint) => boolean): OpRule {
  return {
    doc: `${kind}: operands extended to their common type (signed compare when signed, so mixed signs compare values); result uint(1)`,
    declared: false,
    operands: (args) => both(commonType(args)),
    result: (args) => (sameOperands(args) ? err(sameOperands(args)!) : { width: 1, signed: false }),
    eval: (v) => bool(f(v[0]!, v[1]!)),
  };
}

function reduce(kind: 'redand' | 'redor' | 'redxor', f: (b: bigint, w: number) => boolean): OpRule {
  return {
    doc: `${kind}: any operand; result uint(1)`,
    declared: false,
    result: () => ({ width: 1, signed: false }),
    eval: (v, c) => bool(f(bits(v, c, 0), c.args[0]!.width)),
  };
}

function popcount(v: bigint): number {
  let n = 0;
  for (let x = v; x > 0n; x >>= 1n) n += Number(x & 1n);
  return n;
}

/** An extension keeps the value (the dst type holds the operand's range). */
const keepValue = (v: readonly bigint[], c: EvalContext): bigint => wrapTo(v[0]!, c.dst);

export const OP_TABLE: Readonly<Record<NodeKind, OpRule>> = {
  add: arith('add', (a, b) => { const t = commonType([a, b]); return { width: t.width + 1, signed: t.signed }; }, (a, b) => a + b),
  sub: arith('sub', (a, b) => ({ width: commonType([a, b]).width + 1, signed: true }), (a, b) => a - b),
  mul: arith('mul', (a, b) => ({ width: a.width + b.width, signed: a.signed || b.signed }), (a, b) => a * b),
  and: bitwise('and', (a, b) => a & b),
  or: bitwise('or', (a, b) => a | b),
  xor: bitwise('xor', (a, b) => a ^ b),
  eq: compare('eq', (a, b) => a === b),
  ne: compare('ne', (a, b) => a !== b),
  lt: compare('lt', (a, b) => a < b),
  le: compare('le', (a, b) => a <= b),
  gt: compare('gt', (a, b) => a > b),
  ge: compare('ge', (a, b) => a >= b),
  not: { doc: 'not: result same type as the operand', declared: false, result: (args) => args[0]!, eval: (v, c) => wrapTo(~bits(v, c, 0), c.dst) },
  neg: {
    doc: 'neg: exact, sint(w + 1): the operand is pre-extended to it (so -min fits); result same type',
    declared: false,
    operands: (args) => [{ width: args[0]!.width + 1, signed: true }],
    result: (args) => (args[0]!.signed ? args[0]! : err('neg needs a signed operand')),
    eval: (v, c) => wrapTo(-v[0]!, c.dst),
  },
  redand: reduce('redand', (b, w) => b === (1n << BigInt(w)) - 1n),
  redor: reduce('redor', (b) => b !== 0n),
  redxor: reduce('redxor', (b) => popcount(b) % 2 === 1),
  const: {
    doc: 'const: result is the declared type; the value must lie in its range',
    declared: true,
    result: (_args, node, dst) => {
      const v = BigInt((node as { value: string }).value);
      const { min, max } = rangeOf(dst);
      return v < min || v > max ? err(`constant ${v} does not fit ${typeName(dst)}`) : dst;
    },
    eval: (_v, c) => BigInt((c.node as { value: string }).value),
  },
  connect: {
    doc: 'connect: an assignment; the source must have exactly the target type (no implicit extension or truncation)',
    declared: true,
    assignment: true,
    result: (_args, _node, dst) => dst,
    eval: keepValue,
  },
  sext: {
    doc: 'sext: sign-extend a signed operand to a signed type of a width >= its own',
    declared: true,
    result: (args, _node, dst) =>
      !args[0]!.signed ? err('sext needs a signed operand') : !dst.signed ? err('sext keeps the value signed') : dst.width < args[0]!.width ? err('sext cannot narrow') : dst,
    eval: keepValue,
  },
  zext: {
    doc: 'zext: zero-extend an unsigned operand to a width >= its own (uint(w) -> sint(w+1) makes it signed)',
    declared: true,
    result: (args, _node, dst) =>
      args[0]!.signed ? err('zext needs an unsigned operand') : dst.width < args[0]!.width ? err('zext cannot narrow') : dst.signed && dst.width === args[0]!.width ? err('zext to a signed type needs one more bit') : dst,
    eval: keepValue,
  },
  slice: {
    doc: 'slice: bits [lsb + w - 1 : lsb] of the operand; result the declared width, within the operand',
    declared: true,
    result: (args, node, dst) => {
      const lsb = (node as { lsb: number }).lsb;
      return lsb < 0 || lsb + dst.width > args[0]!.width ? err(`slice [${lsb + dst.width - 1}:${lsb}] is outside a ${args[0]!.width}-bit operand`) : dst;
    },
    eval: (v, c) => wrapTo(bits(v, c, 0) >> BigInt((c.node as { lsb: number }).lsb), c.dst),
  },
  concat: {
    doc: 'concat: most significant operand first; result uint(sum of operand widths)',
    declared: false,
    result: (args) => ({ width: args.reduce((s, a) => s + a.width, 0), signed: false }),
    eval: (v, c) => wrapTo(v.reduce((acc, _x, i) => (acc << BigInt(c.args[i]!.width)) | bits(v, c, i), 0n), c.dst),
  },
  repl: {
    doc: 'repl: result uint(w * count)',
    declared: false,
    result: (args, node) => ({ width: args[0]!.width * (node as { count: number }).count, signed: false }),
    eval: (v, c) => {
      let acc = 0n;
      for (let i = 0; i < (c.node as { count: number }).count; i++) acc = (acc << BigInt(c.args[0]!.width)) | bits(v, c, 0);
      return wrapTo(acc, c.dst);
    },
  },
  reinterpret: {
    doc: 'reinterpret: same bits and width, other signedness',
    declared: true,
    result: (args, _node, dst) => (dst.width === args[0]!.width ? dst : err('reinterpret keeps the width')),
    eval: (v, c) => wrapTo(bits(v, c, 0), c.dst),
  },
  shl: {
    doc: 'shl: by an unsigned variable s; operand pre-extended to w + 2^ws - 1 bits (exact growth); result same type (constant shifts lower to concat)',
    declared: false,
    operands: (args) => [{ width: args[0]!.width + 2 ** args[1]!.width - 1, signed: args[0]!.signed }, args[1]!],
    result: (args) => (args[1]!.signed ? err('shift amount must be unsigned') : args[0]!),
    eval: (v, c) => wrapTo(v[0]! << v[1]!, c.dst),
  },
  shr: {
    doc: 'shr: by an unsigned variable s; result same type; arithmetic when signed (floor division by 2^s; constant shifts lower to slice)',
    declared: false,
    result: (args) => (args[1]!.signed ? err('shift amount must be unsigned') : args[0]!),
    eval: (v, c) => wrapTo(v[0]! >> v[1]!, c.dst), // BigInt >> is floor division: arithmetic for negatives
  },
  mux: {
    doc: 'mux: [sel, ifTrue, ifFalse]; select is 1 bit; both arms extended to their common type, the result type',
    declared: false,
    operands: (args) => {
      const t = commonType(args.slice(1));
      return [args[0]!, t, t];
    },
    result: (args) =>
      args[0]!.width !== 1 ? err('mux select must be 1 bit') : !same(args[1]!, args[2]!) ? err('mux arms must have the same type') : args[1]!,
    eval: (v) => (v[0] !== 0n ? v[1]! : v[2]!),
  },
  select: {
    doc: 'select: [index, case0, …, default]; index any width; every case and the default extended to their common type, the result type',
    declared: false,
    operands: (args) => {
      const t = commonType(args.slice(1));
      return [args[0]!, ...args.slice(1).map(() => t)];
    },
    result: (args) => {
      const arms = args.slice(1);
      return arms.length > 0 && arms.every((a) => same(a, arms[0]!)) ? arms[0]! : err('select cases must have the same type');
    },
    eval: (v, c) => {
      const idx = bits(v, c, 0);
      return idx < BigInt(v.length - 2) ? v[1 + Number(idx)]! : v[v.length - 1]!;
    },
  },
  rom: {
    doc: 'rom: index any width; result the declared type; every table entry in range',
    declared: true,
    result: (_args, node, dst) => {
      const { min, max } = rangeOf(dst);
      const n = node as { table: readonly string[]; fallback: string };
      const bad = [...n.table, n.fallback].find((e) => BigInt(e) < min || BigInt(e) > max);
      return bad === undefined ? dst : err(`rom entry ${bad} does not fit ${typeName(dst)}`);
    },
    eval: (v, c) => {
      const n = c.node as { table: readonly string[]; fallback: string };
      const idx = bits(v, c, 0);
      return BigInt(idx < BigInt(n.table.length) ? n.table[Number(idx)]! : n.fallback);
    },
  },
  reg: {
    doc: 'reg: an assignment of the next state [d] or [d, enable], which must have the register type; enable 1 bit; the register keeps its value while the enable is 0',
    declared: true,
    assignment: true,
    result: (args, _node, dst) => (args.length > 1 && args[1]!.width !== 1 ? err('clock enable must be 1 bit') : dst),
    eval: (v, c) => (v.length > 1 && v[1] === 0n ? c.state! : wrapTo(v[0]!, c.dst)),
  },
};
