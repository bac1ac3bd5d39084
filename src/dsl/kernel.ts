/**
 * The DSL kernel: the small core that records IR nodes for one module under construction. Every
 * result type comes from the op table (`src/ir/op-table.ts`): `grow` extends operands the way a
 * kind's `operands` rule says (exact growth), `node` records a node whose type is the table's
 * `result` (a declared type, where given, must agree with it), and constant folding evaluates with
 * the table's `eval`. Nothing here restates a width rule.
 *
 * `ModuleBuilder` (module-builder.ts) is the user-facing surface on top: ports, wires, registers,
 * instances, fixed-point constants. `Signal` methods and the free operators (ops.ts) call the
 * kernel; its members are `@internal`, except `constant`, which is part of the builder API.
 */
import type { IrModule, IrNode, NodeKind, SignalId, SignalRole, SourceLoc } from '../ir/types.ts';
import { OP_TABLE, typeName, type WireType } from '../ir/op-table.ts';
import { type HwType, formatNote, rangeOf, typeText } from './types.ts';
import { Signal, type Operand, literalType } from './signal.ts';
import type { ModuleBuilder } from './module-builder.ts';
import { captureLoc, userWrittenLoc } from './source-loc.ts';
import { userError, type Diagnostic } from '../diag/error.ts';
import { dyadicDecimal } from '../golden/fixed/value.ts';

/** Placeholder dst for the rules of kinds whose result type is derived, not declared. */
const NO_DST: WireType = { width: 0, signed: false };

/** A fixed-point comparison as written: the operand types, and the fraction bits both were aligned to. */
export interface CompareView {
  readonly types: readonly [HwType, HwType];
  readonly fracBits: number;
}

/** Comparison kinds as the warning text writes them. */
const COMPARE_TEXT: Partial<Record<NodeKind, string>> = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '==', ne: '!=' };

/**
 * Abstract: every kernel is a `ModuleBuilder` (the only subclass), which is what a `Signal`'s
 * `m` is, so the signals the kernel creates belong to that builder.
 */
export abstract class ModuleKernel {
  /** @internal */ readonly ir: IrModule;
  private readonly constValue = new Map<SignalId, bigint>();
  /**
   * @internal Warnings raised while building (comparisons folded by range), reported by
   * `elaborate` with the check passes' warnings.
   */
  readonly warnings: Diagnostic[] = [];

  protected constructor(ir: IrModule) {
    this.ir = ir;
  }

  get name(): string {
    return this.ir.name;
  }

  /** A constant of the given type (the value must fit). */
  constant(value: number | bigint, type: HwType): Signal {
    const v = BigInt(value);
    const { min, max } = rangeOf(type);
    if (v < min || v > max) throw userError(`constant ${v} does not fit ${typeText(type)}`, `the range is ${min}..${max}`, captureLoc());
    const s = this.node('const', [], { value: v.toString() }, type);
    this.constValue.set(s.id, v);
    return s;
  }

  /** @internal */
  push(node: IrNode): void {
    this.ir.nodes.push(node);
  }

  /** @internal The builder this kernel is (see the class comment). */
  private get builder(): ModuleBuilder {
    return this as unknown as ModuleBuilder;
  }

  /** @internal A new signal of this module (ports, wires, registers, temps). */
  signal<T extends Signal>(type: HwType, role: SignalRole, name: string | null, loc: SourceLoc | undefined, Ctor: new (m: ModuleBuilder, id: SignalId, t: HwType) => T): T {
    const id = this.ir.signals.length;
    this.ir.signals.push({ id, name, width: type.width, signed: type.signed, role, loc, format: formatNote(type) });
    return new Ctor(this.builder, id, type);
  }

  /** @internal Extend `args` to the types `kind`'s op-table `operands` rule gives (exact growth). */
  grow(kind: NodeKind, args: readonly Signal[]): Signal[] {
    const rule = OP_TABLE[kind].operands;
    if (!rule) return [...args];
    const types = rule(args.map((a) => a.type));
    return args.map((a, i) => this.extendTo(a, types[i]!));
  }

  /**
   * @internal Record a `kind` node over `args` (already grown) and return its temp. The type is the
   * op table's result; `declared` is required for declared kinds and may otherwise carry a format
   * (binary point) for a result of the same width and signedness.
   */
  node(kind: NodeKind, args: readonly Signal[], extra: Record<string, unknown> = {}, declared?: HwType): Signal {
    for (const a of args) this.own(a);
    const rule = OP_TABLE[kind];
    if (rule.declared && !declared) throw new Error(`internal: ${kind} needs a declared type`);
    const probe = { kind, dst: -1, args: args.map((a) => a.id), ...extra } as IrNode;
    const r = rule.result(args.map((a) => a.type), probe, declared ?? NO_DST);
    if ('error' in r) throw new Error(`internal: ${kind}: ${r.error}`);
    if (declared && (declared.width !== r.width || declared.signed !== r.signed)) {
      throw new Error(`internal: ${kind} produces ${typeName(r)}, not ${typeText(declared)}`);
    }
    const loc = captureLoc();
    const s = this.signal(declared ?? { width: r.width, signed: r.signed }, 'temp', null, loc, Signal);
    this.push({ kind, dst: s.id, args: args.map((a) => a.id), loc, ...extra } as IrNode);
    return s;
  }

  /** @internal `grow` then `node`: the exact-growth op `kind` over the user's operands. */
  op(kind: NodeKind, args: readonly Signal[], extra: Record<string, unknown> = {}, declared?: HwType): Signal {
    return this.node(kind, this.grow(kind, args), extra, declared);
  }

  /** @internal `sel ? a : b` over signals (arms grown to their common type; a constant select is wiring). */
  muxOf(sel: Signal, a: Signal, b: Signal): Signal {
    const [s, t, f] = this.grow('mux', [sel, a, b]);
    const c = this.constOf(s!);
    if (c !== undefined) return c !== 0n ? t! : f!;
    return this.node('mux', [s!, t!, f!], {}, t!.type);
  }

  /** @internal Concatenation, most significant first, unsigned (one part: its bits as unsigned). */
  catOf(parts: readonly Signal[]): Signal {
    if (parts.length === 1) return parts[0]!.asUnsigned();
    return this.node('concat', parts);
  }

  /** @internal Turn an operand into a signal of this module (literals become constants). */
  operand(b: Operand, like: Signal | undefined, exactType = false, portType?: HwType): Signal {
    if (b instanceof Signal) {
      this.own(b);
      return b;
    }
    if (portType) return this.constant(BigInt(b), portType); // a literal bound to a port takes its type
    if (typeof b === 'number' && !Number.isSafeInteger(b)) {
      throw userError(`operand ${b} is not an integer`, 'hardware constants are integers; use fixed-point constants for fractions', captureLoc());
    }
    const v = BigInt(b);
    if (exactType && like) return this.constant(v, like.type);
    return this.constant(v, literalType(v, like));
  }

  /** @internal The same net seen with another type of equal width and signedness (a binary point). */
  retype(s: Signal, t: HwType): Signal {
    if (t.width !== s.width || t.signed !== s.signed) throw new Error('internal: retype must keep width and signedness');
    const sig = this.ir.signals[s.id]!;
    if (t.fixed && sig.role === 'temp') (sig as { format?: unknown }).format = formatNote(t);
    return new Signal(this.builder, s.id, t);
  }

  /** @internal */
  own(s: Signal): void {
    if (s.m !== (this as unknown)) {
      throw userError(`signal ${s.toString()} belongs to module '${s.m.name}', not '${this.name}'`, 'pass values between modules through instance ports', captureLoc());
    }
  }

  /** @internal The value of a constant signal, if it is one. */
  constOf(s: Signal | SignalId): bigint | undefined {
    return this.constValue.get(typeof s === 'number' ? s : s.id);
  }

  /** @internal The op table's value of `kind` over constant operands, as a constant of `type`. */
  private folded(kind: NodeKind, values: readonly bigint[], args: readonly Signal[], type: HwType): Signal {
    const node = { kind, dst: -1, args: args.map((a) => a.id) } as unknown as IrNode;
    return this.constant(OP_TABLE[kind].eval(values, { node, args: args.map((a) => a.type), dst: type }), type);
  }

  /** @internal `not` of a constant, folded; undefined otherwise. */
  foldNot(a: Signal): Signal | undefined {
    const c = this.constOf(a);
    return c === undefined ? undefined : this.folded('not', [c], [a], a.type);
  }

  /** @internal and/or/xor of two constants, or with an absorbing/neutral constant operand. */
  foldBitwise(kind: NodeKind, a: Signal, b: Signal): Signal | undefined {
    const ca = this.constOf(a);
    const cb = this.constOf(b);
    const t = a.type;
    if (ca !== undefined && cb !== undefined) return this.folded(kind, [ca, cb], [a, b], t);
    const [c, other] = ca !== undefined ? [ca, b] : cb !== undefined ? [cb, a] : [undefined, a];
    if (c === undefined) return undefined;
    const ones = t.signed ? -1n : rangeOf(t).max;
    if (c === 0n) return kind === 'and' ? this.constant(0n, t) : other;
    if (c === ones && kind === 'and') return other;
    if (c === ones && kind === 'or') return this.constant(ones, t);
    return undefined;
  }

  /**
   * @internal A comparison that constants decide, as a constant of the table's result type: two
   * constants (the op table's value), or a constant against an operand whose type range fixes the
   * answer (e.g. `u < 0` for unsigned u), so no always-true/false logic is emitted. Else undefined.
   * `view` is how the user wrote a fixed-point comparison (a and b are then its operands aligned
   * to `fracBits` fraction bits): the warning speaks in those types and real values.
   */
  foldCompare(kind: NodeKind, a: Signal, b: Signal, view?: CompareView): Signal | undefined {
    const ca = this.constOf(a);
    const cb = this.constOf(b);
    let r: boolean | undefined;
    if (ca !== undefined && cb !== undefined) return this.folded(kind, [ca, cb], [a, b], this.resultType(kind, [a, b]));
    if (cb !== undefined) r = decide(kind, rangeOf(a.type).min, rangeOf(a.type).max, cb);
    else if (ca !== undefined) r = decide(flip(kind), rangeOf(b.type).min, rangeOf(b.type).max, ca);
    if (r === undefined) return undefined;
    this.warnFolded(kind, cb !== undefined ? a : b, (cb ?? ca)!, cb !== undefined, r, view);
    return this.constant(r ? 1 : 0, this.resultType(kind, [a, b]));
  }

  /**
   * A comparison the operand's range decides is almost always a mistake in the user's code (a
   * wrong type or bound): a located warning. Comparisons written inside the package's own blocks
   * are generic over parameters and rely on the fold, so they stay silent (see `userWrittenLoc`).
   */
  private warnFolded(kind: NodeKind, s: Signal, c: bigint, constOnRight: boolean, r: boolean, view?: CompareView): void {
    const loc = userWrittenLoc();
    if (!loc) return;
    const { min, max } = rangeOf(s.type);
    const op = COMPARE_TEXT[kind] ?? kind;
    const value = (v: bigint): string => (view ? dyadicDecimal(v, view.fracBits) : v.toString());
    const type = typeText(view ? view.types[constOnRight ? 0 : 1] : s.type);
    const what = constOnRight ? `${type} ${op} ${value(c)}` : `${value(c)} ${op} ${type}`;
    this.warnings.push({
      severity: 'warning',
      message: `comparison is always ${r}: ${what}, and ${type} holds only ${value(min)}..${value(max)}`,
      hint: 'the result is the constant ' + (r ? '1' : '0') + '; check the bound or the operand\'s type (e.g. signed, or wider)',
      loc,
    });
  }

  /** @internal The op table's result type of `kind` over `args` once grown (a derived kind). */
  private resultType(kind: NodeKind, args: readonly Signal[]): WireType {
    const rule = OP_TABLE[kind];
    const types = rule.operands ? rule.operands(args.map((a) => a.type)) : args.map((a) => a.type);
    const r = rule.result(types, { kind, dst: -1, args: args.map((a) => a.id) } as unknown as IrNode, NO_DST);
    if ('error' in r) throw new Error(`internal: ${kind}: ${r.error}`);
    return { width: r.width, signed: r.signed };
  }

  /**
   * @internal Lossless conversion to `t` with the op table's extension node (`sext` for a signed
   * operand, `zext` for an unsigned one); a conversion the table rejects is lossy, a user error.
   */
  extendTo(s: Signal, t: WireType): Signal {
    if (s.width === t.width && s.signed === t.signed) return s;
    const kind = s.signed ? 'sext' : 'zext';
    const dst = { width: t.width, signed: t.signed };
    const probe = { kind, dst: -1, args: [s.id] } as unknown as IrNode;
    if ('error' in OP_TABLE[kind].result([s.type], probe, dst)) {
      throw userError(`cannot convert ${typeText(s.type)} to ${typeText(dst)} without losing values`, 'use .resize()/.trunc() to narrow, .asSigned()/.asUnsigned() to reinterpret', captureLoc());
    }
    const c = this.constOf(s);
    if (c !== undefined) return this.constant(c, dst); // a literal is made at the needed type directly
    return this.node(kind, [s], {}, dst);
  }

  /** @internal Bits [lsb + width - 1 : lsb] of `s`, read with the given signedness. */
  sliceOf(s: Signal, lsb: number, width: number, signed: boolean): Signal {
    return this.node('slice', [s], { lsb }, { width, signed });
  }
}

/** `x op c` with `c op' x` for the mirrored comparison. */
function flip(kind: NodeKind): NodeKind {
  return ({ lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' } as Partial<Record<NodeKind, NodeKind>>)[kind] ?? kind;
}

/** `x op c` for every x in [lo, hi], if that is one value; else undefined. */
function decide(kind: NodeKind, lo: bigint, hi: bigint, c: bigint): boolean | undefined {
  switch (kind) {
    case 'lt': return hi < c ? true : lo >= c ? false : undefined;
    case 'le': return hi <= c ? true : lo > c ? false : undefined;
    case 'gt': return lo > c ? true : hi <= c ? false : undefined;
    case 'ge': return lo >= c ? true : hi < c ? false : undefined;
    case 'eq': return hi < c || lo > c ? false : lo === hi ? lo === c : undefined;
    case 'ne': return hi < c || lo > c ? true : lo === hi ? lo !== c : undefined;
    default: return undefined;
  }
}
