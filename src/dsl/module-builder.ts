/**
 * `module(name, build, options)`: run `build(m)` with a `ModuleBuilder` and return a `ModuleDef`
 * holding the module's IR. `ModuleBuilder` is the user-facing surface of the DSL: ports, wires,
 * registers, constants, fixed-point constants and instances. It sits on the kernel (`kernel.ts`),
 * which records every node with the user's source location and takes every width from the op
 * table. The builder checks only what needs the call site at hand (unknown instance ports,
 * registers without a clock, constants out of range); whole-module rules (widths on assignment,
 * drivers, loops, names) are passes over the finished IR.
 */
import type { IrModule, IrNode, SignalId, PortProtocol, ResetSpec, SourceLoc } from '../ir/types.ts';
import { evaluateCombinational } from '../ir/evaluate.ts';
import { type HwType, rangeOf, typeText } from './types.ts';
import { Signal, type Operand } from './signal.ts';
import { ModuleKernel } from './kernel.ts';
import { captureLoc } from './source-loc.ts';
import { userError, type Diagnostic } from '../diag/error.ts';
import { castSource, type ConstantValue } from './fixed-constant.ts';

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
    /** Warnings raised while the module was built (comparisons folded by range). */
    readonly warnings: readonly Diagnostic[] = [],
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

export class ModuleBuilder extends ModuleKernel {
  /** @internal */ readonly children: ModuleDef[] = [];
  private readonly clockName: string | null;
  private readonly resetSpec: ResetSpec | null;
  private clk: Signal | null = null;
  private rst: Signal | null = null;
  private readonly portNames = new Map<string, SourceLoc | undefined>();

  constructor(name: string, opts: ModuleOptions, loc: SourceLoc | undefined) {
    const clockName = opts.clock === undefined ? 'clk' : opts.clock;
    const r = opts.reset === undefined ? {} : opts.reset;
    const resetSpec: ResetSpec | null =
      r === null || clockName === null
        ? null
        : { name: r.name ?? (r.activeLow ? 'rst_n' : 'rst'), style: r.style ?? 'sync', activeLow: r.activeLow ?? false };
    super({
      name,
      doc: opts.doc,
      loc,
      clock: clockName === null ? null : { name: clockName },
      reset: resetSpec,
      ports: [],
      signals: [],
      nodes: [],
      instances: [],
      params: opts.params,
    });
    this.clockName = clockName;
    this.resetSpec = resetSpec;
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
      if (s.role === 'temp' && this.constOf(s.id) === undefined) {
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
   * rounded and overflow-handled like an ap_fixed assignment to `type` (see fixed-constant.ts):
   * the exact source value goes through the DSL's own `cast` logic in a scratch module, evaluated
   * with the op table at elaboration time — so constants round exactly as the generated hardware
   * does, and no logic is emitted for them.
   */
  fixedConstant(value: ConstantValue, type: HwType): Signal {
    const { raw, type: src } = castSource(value, type);
    const scratch = new ModuleBuilder('const_cast', { clock: null }, undefined);
    const x = scratch.input('x', src);
    const y = x.cast(type);
    return this.constant(evaluateCombinational(scratch.ir, new Map([[x.id, raw]]))[y.id]!, type);
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

/** Build a module. `build` runs immediately; loops and helper functions in it make structure. */
export function module(name: string, build: (m: ModuleBuilder) => void, options: ModuleOptions = {}): ModuleDef {
  const loc = captureLoc();
  const m = new ModuleBuilder(name, options, loc);
  build(m);
  m.finish();
  return new ModuleDef(name, m.ir, m.children, m.warnings);
}
