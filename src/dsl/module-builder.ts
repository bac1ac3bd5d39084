/**
 * `module(name, build, options)`: run `build(m)` with a `ModuleBuilder` and return a `ModuleDef`
 * holding the module's IR. The builder creates ports, wires, registers, constants and instances and
 * records every node with the user's source location. It checks only what needs the call site at
 * hand (unknown instance ports, registers without a clock, constants out of range); whole-module
 * rules (widths on assignment, drivers, loops, names) are passes over the finished IR.
 */
import type { IrModule, IrNode, NodeKind, SignalId, SignalRole, PortProtocol, ResetSpec, SourceLoc } from '../ir/types.ts';
import { type HwType, formatNote, rangeOf, typeText } from './types.ts';
import { Signal, type Operand, literalType } from './signal.ts';
import { captureLoc } from './source-loc.ts';
import { userError } from '../diag/error.ts';
import { fixedConstant, type ConstantValue } from './fixed-constant.ts';

export interface ResetOptions {
  /** Port name; default `rst` (active high) or `rst_n` (active low). */
  name?: string;
  /** `sync` (default): sampled on the rising clock edge; `async`: asserts immediately. */
  style?: 'sync' | 'async';
  /** Default false (active high). */
  activeLow?: boolean;
}

export interface ModuleOptions {
  /** Clock port name (default `clk`), or null for a purely combinational module. */
  clock?: string | null;
  /** Reset style of this module's registers, or null for no reset port. */
  reset?: ResetOptions | null;
  /** One line for the datasheet and the module header comment. */
  doc?: string;
  /** Elaboration parameters, recorded in the manifest. */
  params?: Record<string, unknown>;
}

export interface PortOptions {
  doc?: string;
  /** Stream role: `valid`/`ready` handshake bits, or plain `data` (default). */
  protocol?: PortProtocol;
}

export interface RegOptions {
  /** Reset value (needs the module's reset); omit for a register without reset. */
  reset?: number | bigint;
  /** Clock enable (1 bit): the register holds its value while it is 0. */
  en?: Signal;
}

/** A finished module: its IR plus the port types, for instantiation. */
export class ModuleDef {
  constructor(
    readonly name: string,
    readonly ir: IrModule,
    /** Modules instantiated in this one (with repeats), for elaboration. */
    readonly children: readonly ModuleDef[] = [],
  ) {}
  portType(name: string): HwType | undefined {
    const p = this.ir.ports.find((q) => q.name === name);
    if (!p) return undefined;
    const s = this.ir.signals[p.signal]!;
    return { width: s.width, signed: s.signed };
  }
}

/** A signal the design drives exactly once with `set` (wires and outputs). */
/** Assigning between fixed-point formats needs an explicit cast (the binary points must agree). */
function checkPoint(dst: Signal, v: Signal, loc: SourceLoc | undefined): void {
  const i = (t: HwType): number => (t.fixed ? t.fixed.i : t.width);
  if ((dst.type.fixed || v.type.fixed) && i(dst.type) !== i(v.type) && dst.width === v.width) {
    throw userError(`format mismatch: assigning ${typeText(v.type)} to ${dst.name ?? 'a net'} of type ${typeText(dst.type)}`, `convert explicitly with .cast(...) (rounds/saturates) or .withType(...) (same bits)`, loc);
  }
}

export class Wire extends Signal {
  /** Drive this wire from `value`, which must have exactly its type (extend or resize explicitly). */
  set(value: Operand): void {
    const loc = captureLoc();
    const v = this.m.operand(value, this, true);
    checkPoint(this, v, loc);
    this.m.push({ kind: 'connect', dst: this.id, args: [v.id], loc });
  }
}

/** A register: reading it gives the current value; `set` gives the next-state value. */
export class Reg extends Signal {
  /** @internal */ nodeIndex = -1;
  set(next: Operand): void {
    const loc = captureLoc();
    const v = this.m.operand(next, this, true);
    checkPoint(this, v, loc);
    const node = this.m.ir.nodes[this.nodeIndex] as Extract<IrNode, { kind: 'reg' }>;
    if (node.args.length === 0 || node.args[0] === -1) {
      node.args[0] = v.id;
    } else {
      // A second next-state: recorded as a second driver, reported by check-drivers.
      this.m.push({ kind: 'connect', dst: this.id, args: [v.id], loc });
    }
  }
}

export class ModuleBuilder {
  /** @internal */ readonly ir: IrModule;
  /** @internal */ readonly children: ModuleDef[] = [];
  private readonly constValue = new Map<SignalId, bigint>();
  private readonly clockName: string | null;
  private readonly resetSpec: ResetSpec | null;
  private clk: Signal | null = null;
  private rst: Signal | null = null;
  private readonly portNames = new Map<string, SourceLoc | undefined>();

  constructor(name: string, opts: ModuleOptions, loc: SourceLoc | undefined) {
    this.clockName = opts.clock === undefined ? 'clk' : opts.clock;
    const r = opts.reset === undefined ? {} : opts.reset;
    this.resetSpec =
      r === null || this.clockName === null
        ? null
        : { name: r.name ?? (r.activeLow ? 'rst_n' : 'rst'), style: r.style ?? 'sync', activeLow: r.activeLow ?? false };
    this.ir = {
      name,
      doc: opts.doc,
      loc,
      clock: this.clockName === null ? null : { name: this.clockName },
      reset: this.resetSpec,
      ports: [],
      signals: [],
      nodes: [],
      instances: [],
      params: opts.params,
    };
  }

  get name(): string {
    return this.ir.name;
  }

  // ---- ports and nets ----
  input(name: string, type: HwType, opts: PortOptions = {}): Signal {
    const loc = captureLoc();
    const s = this.signal(type, 'input', name, loc, Signal);
    this.addPort(name, 'input', s.id, opts, loc);
    return s;
  }

  /** An output port; pass a type and `set` it later, or pass the driving value directly. */
  output(name: string, typeOrValue: HwType | Signal, opts: PortOptions = {}): Wire {
    const loc = captureLoc();
    const type = typeOrValue instanceof Signal ? typeOrValue.type : typeOrValue;
    const w = this.signal(type, 'output', name, loc, Wire);
    this.addPort(name, 'output', w.id, opts, loc);
    if (typeOrValue instanceof Signal) w.set(typeOrValue);
    return w;
  }

  /** A named wire; pass a type and `set` it later, or pass the driving value directly. */
  wire(name: string, typeOrValue: HwType | Signal): Wire {
    const loc = captureLoc();
    if (typeOrValue instanceof Signal && typeOrValue.m === this) {
      const s = this.ir.signals[typeOrValue.id]!;
      if (s.role === 'temp' && !this.constValue.has(s.id)) {
        // Naming a fresh intermediate: the op's own net takes the name (no extra assign).
        s.name = name;
        s.role = 'wire';
        s.loc = loc;
        return new Wire(this, s.id, typeOrValue.type);
      }
    }
    const type = typeOrValue instanceof Signal ? typeOrValue.type : typeOrValue;
    const w = this.signal(type, 'wire', name, loc, Wire);
    if (typeOrValue instanceof Signal) this.push({ kind: 'connect', dst: w.id, args: [this.operand(typeOrValue, w).id], loc });
    return w;
  }

  /** A register clocked by the module clock, with optional reset value and clock enable. */
  reg(name: string, type: HwType, opts: RegOptions = {}): Reg {
    const loc = captureLoc();
    if (this.clockName === null) {
      throw userError(`register '${name}' in module '${this.name}', which has no clock`, 'remove `clock: null` from the module options, or make the logic combinational', loc);
    }
    let init: string | null = null;
    if (opts.reset !== undefined) {
      if (this.resetSpec === null) throw userError(`register '${name}' has a reset value but module '${this.name}' has no reset`, 'drop `reset: null` from the module options', loc);
      const v = BigInt(opts.reset);
      const { min, max } = rangeOf(type);
      if (v < min || v > max) throw userError(`reset value ${v} does not fit ${typeText(type)}`, `the range is ${min}..${max}`, loc);
      init = v.toString();
    }
    this.clockSignal();
    if (init !== null) this.resetSignal();
    const r = this.signal(type, 'reg', name, loc, Reg);
    const args: SignalId[] = [-1];
    if (opts.en) {
      this.own(opts.en);
      if (opts.en.width !== 1) throw userError(`clock enable of register '${name}' must be 1 bit, got ${typeText(opts.en.type)}`, undefined, loc);
      args.push(opts.en.id);
    }
    r.nodeIndex = this.ir.nodes.length;
    this.push({ kind: 'reg', dst: r.id, args, init, loc });
    return r;
  }

  /**
   * A fixed-point constant from a decimal string ("0.375"), a fraction ("3/8") or a rational,
   * rounded and overflow-handled like an ap_fixed assignment to `type` (see fixed-constant.ts).
   */
  fixedConstant(value: ConstantValue, type: HwType): Signal {
    return fixedConstant(this, value, type);
  }

  /** A constant of the given type (the value must fit). */
  constant(value: number | bigint, type: HwType): Signal {
    const v = BigInt(value);
    const { min, max } = rangeOf(type);
    if (v < min || v > max) throw userError(`constant ${v} does not fit ${typeText(type)}`, `the range is ${min}..${max}`, captureLoc());
    const s = this.node('const', [], type, { value: v.toString() });
    this.constValue.set(s.id, v);
    return s;
  }

  /**
   * Instantiate `def` as `name`, binding every input port. Clock and reset connect implicitly.
   * Returns the instance's outputs by port name.
   */
  instance(name: string, def: ModuleDef, inputs: Record<string, Operand>): Record<string, Signal> {
    const loc = captureLoc();
    const child = def.ir;
    const given: Record<string, SignalId> = {};
    const known = child.ports.filter((p) => p.protocol !== 'clock' && p.protocol !== 'reset');
    for (const key of Object.keys(inputs)) {
      const port = child.ports.find((p) => p.name === key);
      if (!port || port.dir !== 'input' || port.protocol === 'clock' || port.protocol === 'reset') {
        const ins = known.filter((p) => p.dir === 'input').map((p) => p.name);
        throw userError(`unknown input port '${key}' on instance '${name}' of module '${child.name}'`, `its inputs are: ${ins.join(', ') || '(none)'}`, loc);
      }
      const t = child.signals[port.signal]!;
      given[key] = this.operand(inputs[key]!, undefined, false, t).id;
    }
    // Connections in the child's port order, so the emitted instance reads like its declaration.
    const connections: Record<string, SignalId> = {};
    for (const p of child.ports) {
      if (p.protocol === 'clock') connections[p.name] = this.clockFor(name, loc).id;
      else if (p.protocol === 'reset') connections[p.name] = this.resetFor(name, child, loc).id;
      else if (p.dir === 'input' && given[p.name] !== undefined) connections[p.name] = given[p.name]!;
      else if (p.dir === 'input') {
        throw userError(`input port '${p.name}' of instance '${name}' (module '${child.name}') is not connected`, 'pass it in the connections object', loc);
      }
    }
    const outputs: Record<string, Signal> = {};
    for (const p of child.ports) {
      if (p.dir !== 'output') continue;
      const cs = child.signals[p.signal]!;
      const s = this.signal({ width: cs.width, signed: cs.signed }, 'wire', `${name}_${p.name}`, loc, Signal);
      (this.ir.signals[s.id] as { auto?: boolean }).auto = true;
      connections[p.name] = s.id;
      outputs[p.name] = s;
    }
    this.ir.instances.push({ name, module: child.name, connections, outputs: Object.keys(outputs), loc });
    this.children.push(def);
    return new Proxy(outputs, {
      get: (target, prop) => {
        if (typeof prop !== 'string' || prop in target) return target[prop as string];
        if (prop === 'then' || prop === 'toJSON') return undefined;
        throw userError(`unknown output port '${prop}' on instance '${name}' of module '${child.name}'`, `its outputs are: ${Object.keys(target).join(', ') || '(none)'}`, captureLoc());
      },
    });
  }

  // ---- internals used by Signal and the free functions ----
  /** @internal */
  push(node: IrNode): void {
    this.ir.nodes.push(node);
  }

  /** @internal Create a temp signal driven by a new node. */
  node(kind: NodeKind, args: readonly Signal[], type: { width: number; signed: boolean }, extra: Record<string, unknown> = {}): Signal {
    for (const a of args) this.own(a);
    const loc = captureLoc();
    const s = this.signal(type, 'temp', null, loc, Signal);
    this.push({ kind, dst: s.id, args: args.map((a) => a.id), loc, ...extra } as IrNode);
    return s;
  }

  /** @internal */
  signal<T extends Signal>(type: HwType, role: SignalRole, name: string | null, loc: SourceLoc | undefined, Ctor: new (m: ModuleBuilder, id: SignalId, t: HwType) => T): T {
    const id = this.ir.signals.length;
    this.ir.signals.push({ id, name, width: type.width, signed: type.signed, role, loc, format: formatNote(type) });
    return new Ctor(this, id, type);
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
    return new Signal(this, s.id, t);
  }

  /** @internal */
  own(s: Signal): void {
    if (s.m !== this) {
      throw userError(`signal ${s.toString()} belongs to module '${s.m.name}', not '${this.name}'`, 'pass values between modules through instance ports', captureLoc());
    }
  }

  /** @internal The value of a constant signal, if it is one. */
  constOf(s: Signal): bigint | undefined {
    return this.constValue.get(s.id);
  }

  /** @internal and/or/xor of two constants, or with an absorbing/neutral constant operand. */
  foldBitwise(kind: NodeKind, a: Signal, b: Signal): Signal | undefined {
    const ca = this.constValue.get(a.id);
    const cb = this.constValue.get(b.id);
    const t = a.type;
    const wrap = (v: bigint): bigint => (t.signed ? BigInt.asIntN(t.width, v) : BigInt.asUintN(t.width, v));
    if (ca !== undefined && cb !== undefined) {
      return this.constant(wrap(kind === 'and' ? ca & cb : kind === 'or' ? ca | cb : ca ^ cb), t);
    }
    const [c, other] = ca !== undefined ? [ca, b] : cb !== undefined ? [cb, a] : [undefined, a];
    if (c === undefined) return undefined;
    const ones = wrap(-1n);
    if (c === 0n) return kind === 'and' ? this.constant(0n, t) : other;
    if (c === ones && kind === 'and') return other;
    if (c === ones && kind === 'or') return this.constant(ones, t);
    return undefined;
  }

  /**
   * @internal A comparison against a constant that the other operand's type range decides
   * (e.g. `u < 0` for unsigned u): its constant result, so no always-true/false logic is emitted.
   */
  foldCompare(kind: NodeKind, a: Signal, b: Signal): boolean | undefined {
    const ca = this.constValue.get(a.id);
    const cb = this.constValue.get(b.id);
    if (ca !== undefined && cb !== undefined) return decide(kind, ca, ca, cb, cb);
    if (cb !== undefined) {
      const r = rangeOf(a.type);
      return decide(kind, r.min, r.max, cb, cb);
    }
    if (ca !== undefined) {
      const r = rangeOf(b.type);
      return decide(kind, ca, ca, r.min, r.max);
    }
    return undefined;
  }

  /** @internal The common type of two operands: signed if either is; an unsigned one widened by a bit. */
  commonType(a: Signal, b: Signal): { width: number; signed: boolean } {
    const signed = a.signed || b.signed;
    const need = (s: Signal): number => (signed && !s.signed ? s.width + 1 : s.width);
    return { width: Math.max(need(a), need(b)), signed };
  }

  /** @internal Extend both operands to their common type. */
  common(a: Signal, b: Signal): [Signal, Signal] {
    const t = this.commonType(a, b);
    return [this.extendTo(a, t), this.extendTo(b, t)];
  }

  /** @internal Lossless extension to `t`; anything lossy is a user error. */
  extendTo(s: Signal, t: { width: number; signed: boolean }): Signal {
    if (s.width === t.width && s.signed === t.signed) return s;
    const lossless = s.signed ? t.signed && t.width >= s.width : t.signed ? t.width > s.width : t.width >= s.width;
    if (!lossless) {
      throw userError(`cannot convert ${typeText(s.type)} to ${typeText({ ...t })} without losing values`, 'use .resize()/.trunc() to narrow, .asSigned()/.asUnsigned() to reinterpret', captureLoc());
    }
    const c = this.constValue.get(s.id);
    if (c !== undefined) return this.constant(c, t); // a literal is made at the needed type directly
    return this.node(s.signed ? 'sext' : 'zext', [s], t);
  }

  /** @internal */
  sliceOf(s: Signal, lsb: number, width: number, signed: boolean): Signal {
    return this.node('slice', [s], { width, signed }, { lsb });
  }

  private addPort(name: string, dir: 'input' | 'output', signal: SignalId, opts: PortOptions, loc: SourceLoc | undefined): void {
    if (this.portNames.has(name)) {
      const first = this.portNames.get(name);
      throw userError(`port '${name}' is declared twice in module '${this.name}'`, first ? `first declared at line ${first.line}` : 'port names must be unique', loc);
    }
    this.portNames.set(name, loc);
    this.ir.ports.push({ name, dir, signal, protocol: opts.protocol ?? 'data', doc: opts.doc });
  }

  private clockSignal(): Signal {
    if (!this.clk) {
      this.clk = this.signal({ width: 1, signed: false }, 'input', this.clockName!, undefined, Signal);
      this.ir.ports.push({ name: this.clockName!, dir: 'input', signal: this.clk.id, protocol: 'clock', doc: 'clock, rising edge' });
    }
    return this.clk;
  }

  private resetSignal(): Signal {
    const r = this.resetSpec!;
    if (!this.rst) {
      this.rst = this.signal({ width: 1, signed: false }, 'input', r.name, undefined, Signal);
      const doc = `${r.style} reset, active ${r.activeLow ? 'low' : 'high'}`;
      this.ir.ports.push({ name: r.name, dir: 'input', signal: this.rst.id, protocol: 'reset', doc });
    }
    return this.rst;
  }

  private clockFor(inst: string, loc: SourceLoc | undefined): Signal {
    if (this.clockName === null) throw userError(`instance '${inst}' needs a clock but module '${this.name}' has none`, 'remove `clock: null` from the module options', loc);
    return this.clockSignal();
  }

  private resetFor(inst: string, child: IrModule, loc: SourceLoc | undefined): Signal {
    if (this.resetSpec === null) throw userError(`instance '${inst}' needs a reset but module '${this.name}' has none`, 'remove `reset: null` from the module options', loc);
    const c = child.reset!;
    if (c.activeLow !== this.resetSpec.activeLow || c.style !== this.resetSpec.style) {
      throw userError(`instance '${inst}' uses a ${c.style} active-${c.activeLow ? 'low' : 'high'} reset, module '${this.name}' a ${this.resetSpec.style} active-${this.resetSpec.activeLow ? 'low' : 'high'} one`, 'give both modules the same reset options', loc);
    }
    return this.resetSignal();
  }

  /** @internal Put clock and reset first in the port list (stable otherwise). */
  finish(): void {
    const rank = (p: { protocol: PortProtocol }): number => (p.protocol === 'clock' ? 0 : p.protocol === 'reset' ? 1 : 2);
    const sorted = [...this.ir.ports].sort((a, b) => rank(a) - rank(b));
    this.ir.ports.splice(0, this.ir.ports.length, ...sorted);
  }
}

/** `a op b` for every a in [aLo, aHi], b in [bLo, bHi], if that is one value; else undefined. */
function decide(kind: NodeKind, aLo: bigint, aHi: bigint, bLo: bigint, bHi: bigint): boolean | undefined {
  const single = aLo === aHi && bLo === bHi;
  switch (kind) {
    case 'lt': return aHi < bLo ? true : aLo >= bHi ? false : undefined;
    case 'le': return aHi <= bLo ? true : aLo > bHi ? false : undefined;
    case 'gt': return aLo > bHi ? true : aHi <= bLo ? false : undefined;
    case 'ge': return aLo >= bHi ? true : aHi < bLo ? false : undefined;
    case 'eq': return single ? aLo === bLo : aHi < bLo || aLo > bHi ? false : undefined;
    case 'ne': return single ? aLo !== bLo : aHi < bLo || aLo > bHi ? true : undefined;
    default: return undefined;
  }
}

/** Build a module. `build` runs immediately; loops and helper functions in it make structure. */
export function module(name: string, build: (m: ModuleBuilder) => void, options: ModuleOptions = {}): ModuleDef {
  const loc = captureLoc();
  const m = new ModuleBuilder(name, options, loc);
  build(m);
  m.finish();
  return new ModuleDef(name, m.ir, m.children);
}
