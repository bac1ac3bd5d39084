/**
 * A cycle-based evaluator of the IR: the third opinion (next to Verilator and Icarus) on what a
 * design computes. It flattens the hierarchy into one net table (instance ports alias the parent's
 * nets), orders the combinational nodes topologically once, and then per cycle evaluates them with
 * BigInt semantics taken from the op table's definitions — not from the Verilog emitter — so an
 * emitter bug (context width, signedness) shows up as a disagreement.
 *
 * Values are held as exact integers in each net's own type: signed nets hold negative BigInts.
 */
import type { IrDesign, IrModule, IrNode } from '../ir/types.ts';

interface FlatNode {
  readonly node: IrNode;
  readonly dst: number;
  readonly args: number[];
}

interface NetType {
  width: number;
  signed: boolean;
}

export class IrSimulator {
  private readonly types: NetType[] = [];
  private readonly values: bigint[] = [];
  private readonly comb: FlatNode[] = [];
  private readonly regs: { dst: number; d: number; en: number | null; init: bigint | null; rst: number | null; activeLow: boolean }[] = [];
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
    this.values[id] = wrap(value, this.types[id]!);
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
      if (r.en !== null && this.values[r.en] === 0n) return this.values[r.dst]!;
      return this.values[r.d]!;
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
          d: args[0]!,
          en: args[1] ?? null,
          init: n.init === null ? null : BigInt(n.init),
          rst: resetId === undefined ? null : ids[resetId]!,
          activeLow: mod.reset?.activeLow ?? false,
        });
      } else {
        this.comb.push({ node: n, dst: ids[n.dst]!, args });
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
    const n = f.node;
    const v = (i: number): bigint => this.values[f.args[i]!]!;
    const t = this.types[f.dst]!;
    const bits = (i: number): bigint => BigInt.asUintN(this.types[f.args[i]!]!.width, v(i));
    const bool = (b: boolean): bigint => (b ? 1n : 0n);
    switch (n.kind) {
      case 'add': return wrap(v(0) + v(1), t);
      case 'sub': return wrap(v(0) - v(1), t);
      case 'mul': return wrap(v(0) * v(1), t);
      case 'and': return wrap(bits(0) & bits(1), t);
      case 'or': return wrap(bits(0) | bits(1), t);
      case 'xor': return wrap(bits(0) ^ bits(1), t);
      case 'not': return wrap(~bits(0), t);
      case 'neg': return wrap(-v(0), t);
      case 'eq': return bool(v(0) === v(1));
      case 'ne': return bool(v(0) !== v(1));
      case 'lt': return bool(v(0) < v(1));
      case 'le': return bool(v(0) <= v(1));
      case 'gt': return bool(v(0) > v(1));
      case 'ge': return bool(v(0) >= v(1));
      case 'redand': return bool(bits(0) === (1n << BigInt(this.types[f.args[0]!]!.width)) - 1n);
      case 'redor': return bool(bits(0) !== 0n);
      case 'redxor': return popcount(bits(0)) & 1n;
      case 'const': return BigInt(n.value);
      case 'connect': case 'sext': case 'zext': return wrap(v(0), t);
      case 'reinterpret': return wrap(bits(0), t);
      case 'slice': return wrap(bits(0) >> BigInt(n.lsb), t);
      case 'concat': {
        let acc = 0n;
        f.args.forEach((id, i) => (acc = (acc << BigInt(this.types[id]!.width)) | bits(i)));
        return wrap(acc, t);
      }
      case 'repl': {
        const w = BigInt(this.types[f.args[0]!]!.width);
        let acc = 0n;
        for (let i = 0; i < n.count; i++) acc = (acc << w) | bits(0);
        return wrap(acc, t);
      }
      case 'shl': return wrap(v(0) << v(1), t);
      case 'shr': return wrap(v(0) >> v(1), t); // BigInt >> is floor division: arithmetic for negatives
      case 'mux': return v(0) !== 0n ? v(1) : v(2);
      case 'select': {
        const idx = Number(bits(0));
        const cases = f.args.length - 2;
        return idx < cases ? v(1 + idx) : v(f.args.length - 1);
      }
      case 'rom': {
        const idx = Number(bits(0));
        return BigInt(idx < n.table.length ? n.table[idx]! : n.fallback);
      }
      case 'reg':
        throw new Error('internal: reg in combinational list');
    }
  }
}

function wrap(v: bigint, t: NetType): bigint {
  return t.signed ? BigInt.asIntN(t.width, v) : BigInt.asUintN(t.width, v);
}

function popcount(v: bigint): bigint {
  let c = 0n;
  for (let x = v; x > 0n; x >>= 1n) c += x & 1n;
  return c;
}
