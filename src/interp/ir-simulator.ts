/**
 * A cycle-based evaluator of the IR: the third opinion (next to Verilator and Icarus) on what a
 * design computes. It flattens the hierarchy into one net table (instance ports alias the parent's
 * nets), orders the combinational nodes topologically once, and then per cycle evaluates them with
 * the op table's `eval` (exact BigInt semantics per node kind) — not from the Verilog emitter — so an
 * emitter bug (context width, signedness) shows up as a disagreement. Registers load through the
 * table's `reg` rule (enable) after the reset check.
 *
 * Values are held as exact integers in each net's own type: signed nets hold negative BigInts.
 */
import type { IrDesign, IrModule, IrNode } from '../ir/types.ts';
import { OP_TABLE, wrapTo, type EvalContext } from '../ir/op-table.ts';

interface FlatNode {
  readonly node: IrNode;
  readonly dst: number;
  readonly args: number[];
  /** The op table's evaluation context: operand and result types (fixed per node). */
  readonly ctx: EvalContext;
}

interface NetType {
  width: number;
  signed: boolean;
}

export class IrSimulator {
  private readonly types: NetType[] = [];
  private readonly values: bigint[] = [];
  private readonly comb: FlatNode[] = [];
  private readonly regs: { dst: number; args: number[]; ctx: EvalContext; init: bigint | null; rst: number | null; activeLow: boolean }[] = [];
  private readonly ports = new Map<string, number>();
  private readonly top: IrModule;

  constructor(design: IrDesign, topName: string = design.top) {
    const byName = new Map(design.modules.map((m) => [m.name, m]));
    this.top = byName.get(topName)!;
    const ids = this.instantiate(this.top, byName, new Map());
    for (const p of this.top.ports) this.ports.set(p.name, ids[p.signal]!);
    this.sortComb();
    this.reset();
  }

  /** Set an input port (signed ports take negative values). */
  poke(port: string, value: bigint): void {
    const id = this.port(port);
    this.values[id] = wrapTo(value, this.types[id]!);
  }

  /** Read any top-level port after `eval()`. */
  peek(port: string): bigint {
    return this.values[this.port(port)]!;
  }

  /** Settle the combinational logic. */
  eval(): void {
    for (const f of this.comb) this.values[f.dst] = this.compute(f);
  }

  /** One rising clock edge: registers load (reset, enable), then the logic settles. */
  step(): void {
    this.eval();
    const next = this.regs.map((r) => {
      if (r.init !== null && r.rst !== null && (this.values[r.rst] === (r.activeLow ? 0n : 1n))) return r.init;
      return OP_TABLE.reg.eval(r.args.map((a) => this.values[a]!), { ...r.ctx, state: this.values[r.dst]! });
    });
    this.regs.forEach((r, i) => (this.values[r.dst] = next[i]!));
    this.eval();
  }

  /** Registers to their reset values (0 for registers without one); inputs to 0. */
  reset(): void {
    for (let i = 0; i < this.values.length; i++) this.values[i] = 0n;
    for (const r of this.regs) this.values[r.dst] = r.init ?? 0n;
    this.eval();
  }

  private port(name: string): number {
    const id = this.ports.get(name);
    if (id === undefined) throw new Error(`IrSimulator: no port '${name}' on '${this.top.name}'`);
    return id;
  }

  /** Allocate nets for `mod`; `bound` maps port signal ids to the parent's nets. */
  private instantiate(mod: IrModule, byName: Map<string, IrModule>, bound: Map<number, number>): number[] {
    const ids = mod.signals.map((s) => {
      const b = bound.get(s.id);
      if (b !== undefined) return b;
      this.types.push({ width: s.width, signed: s.signed });
      this.values.push(0n);
      return this.types.length - 1;
    });
    const resetId = mod.reset ? mod.ports.find((p) => p.protocol === 'reset')?.signal : undefined;
    for (const n of mod.nodes) {
      const args = n.args.map((a) => ids[a]!);
      if (n.kind === 'reg') {
        this.regs.push({
          dst: ids[n.dst]!,
          args,
          ctx: this.context(n, args, ids[n.dst]!),
          init: n.init === null ? null : BigInt(n.init),
          rst: resetId === undefined ? null : ids[resetId]!,
          activeLow: mod.reset?.activeLow ?? false,
        });
      } else {
        this.comb.push({ node: n, dst: ids[n.dst]!, args, ctx: this.context(n, args, ids[n.dst]!) });
      }
    }
    for (const inst of mod.instances) {
      const child = byName.get(inst.module)!;
      const childBound = new Map<number, number>();
      for (const p of child.ports) {
        const parentSig = inst.connections[p.name];
        if (parentSig !== undefined) childBound.set(p.signal, ids[parentSig]!);
      }
      this.instantiate(child, byName, childBound);
    }
    return ids;
  }

  private context(node: IrNode, args: readonly number[], dst: number): EvalContext {
    return { node, args: args.map((a) => this.types[a]!), dst: this.types[dst]! };
  }

  /** Kahn's algorithm over combinational nodes; register outputs and inputs are sources. */
  private sortComb(): void {
    const driverOf = new Map<number, number>();
    this.comb.forEach((f, i) => driverOf.set(f.dst, i));
    const indeg = new Int32Array(this.comb.length);
    const users: number[][] = this.comb.map(() => []);
    this.comb.forEach((f, i) => {
      for (const a of f.args) {
        const d = driverOf.get(a);
        if (d !== undefined) {
          users[d]!.push(i);
          indeg[i]!++;
        }
      }
    });
    const order: FlatNode[] = [];
    const ready: number[] = [];
    indeg.forEach((d, i) => d === 0 && ready.push(i));
    while (ready.length > 0) {
      const i = ready.pop()!;
      order.push(this.comb[i]!);
      for (const u of users[i]!) if (--indeg[u]! === 0) ready.push(u);
    }
    if (order.length !== this.comb.length) throw new Error('IrSimulator: combinational loop');
    for (let i = 0; i < order.length; i++) this.comb[i] = order[i]!; // no spread: >~100k nodes overflow the stack
  }

  private compute(f: FlatNode): bigint {
    return OP_TABLE[f.node.kind].eval(f.args.map((a) => this.values[a]!), f.ctx);
  }
}
