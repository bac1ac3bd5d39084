/**
 * Verilog-2005 text for one IR node's right-hand side. Operands are same-width (op-table
 * convention), so expressions never rely on context-width extension; signedness is made explicit
 * with `$signed()` only where it changes the result (ordered compares, arithmetic shift right).
 * Constants are inlined as sized literals; every other operand is a named net.
 */
import type { IrModule, IrNode, IrSignal } from '../ir/types.ts';

export function literal(value: bigint, width: number): string {
  if (value >= 0n) return `${width}'d${value}`;
  const min = -(1n << BigInt(width - 1));
  if (value === min) return `${width}'h${(1n << BigInt(width - 1)).toString(16)}`;
  return `(-${width}'sd${-value})`; // parenthesized: a primary, valid as any operator's operand
}

export class ExprWriter {
  private readonly constOf = new Map<number, string>();
  private readonly inlined = new Map<number, IrNode>();
  /** Nets whose users need an identifier: bit/part selects (slice, the msb of a sign extension). */
  private readonly needsName = new Set<number>();
  constructor(private readonly mod: IrModule) {
    for (const n of mod.nodes) if (n.kind === 'slice' || n.kind === 'sext') this.needsName.add(n.args[0]);
    for (const n of mod.nodes) {
      if (n.kind === 'const' && !this.needsName.has(n.dst)) this.constOf.set(n.dst, literal(BigInt(n.value), mod.signals[n.dst]!.width));
    }
    for (const n of mod.nodes) if (n.kind !== 'const' && this.isInlined(n)) this.inlined.set(n.dst, n);
  }

  /**
   * Nodes inlined at every use instead of getting a net: constants, and sign/zero extensions of a
   * net (a concatenation is a primary, so `{{8{a[7]}}, a} * ...` stays valid Verilog-2005).
   */
  isInlined(n: IrNode): boolean {
    if (this.needsName.has(n.dst) || this.mod.signals[n.dst]!.role !== 'temp') return false; // user-named nets keep their name
    return n.kind === 'const' || ((n.kind === 'sext' || n.kind === 'zext') && !this.inlined.has(n.args[0]!) && !this.constOf.has(n.args[0]!));
  }

  /** True when signal `id` is never a net (a constant or an inlined extension). */
  isInlinedSignal(id: number): boolean {
    return this.constOf.has(id) || this.inlined.has(id);
  }

  /** Operand reference: a net name or an inlined expression. */
  ref(id: number): string {
    const c = this.constOf.get(id);
    if (c !== undefined) return c;
    const ext = this.inlined.get(id);
    return ext ? this.rhs(ext) : this.sig(id).name!;
  }

  private sig(id: number): IrSignal {
    return this.mod.signals[id]!;
  }

  /** A net name for contexts that need an identifier (bit selects). */
  private msb(id: number): string {
    const s = this.sig(id);
    return s.width === 1 ? this.ref(id) : `${this.ref(id)}[${s.width - 1}]`;
  }

  private signedRef(id: number): string {
    return `$signed(${this.ref(id)})`;
  }

  rhs(n: IrNode): string {
    const a = n.args;
    const r = (i: number): string => this.ref(a[i]!);
    switch (n.kind) {
      case 'add': return `${r(0)} + ${r(1)}`;
      case 'sub': return `${r(0)} - ${r(1)}`;
      case 'mul': return `${r(0)} * ${r(1)}`;
      case 'and': return `${r(0)} & ${r(1)}`;
      case 'or': return `${r(0)} | ${r(1)}`;
      case 'xor': return `${r(0)} ^ ${r(1)}`;
      case 'eq': return `${r(0)} == ${r(1)}`;
      case 'ne': return `${r(0)} != ${r(1)}`;
      case 'lt': case 'le': case 'gt': case 'ge': {
        const op = { lt: '<', le: '<=', gt: '>', ge: '>=' }[n.kind];
        const signed = this.sig(a[0]!).signed;
        return signed ? `${this.signedRef(a[0]!)} ${op} ${this.signedRef(a[1]!)}` : `${r(0)} ${op} ${r(1)}`;
      }
      case 'not': return `~${r(0)}`;
      case 'neg': return `-${r(0)}`;
      case 'redand': return `&${r(0)}`;
      case 'redor': return `|${r(0)}`;
      case 'redxor': return `^${r(0)}`;
      case 'const': return literal(BigInt(n.value), this.sig(n.dst).width);
      case 'connect': return r(0);
      case 'reinterpret': return r(0);
      case 'sext': case 'zext': {
        const from = this.sig(a[0]!).width;
        const pad = this.sig(n.dst).width - from;
        if (pad === 0) return r(0);
        const fill = n.kind === 'sext' ? (pad === 1 ? this.msb(a[0]!) : `{${pad}{${this.msb(a[0]!)}}}`) : `${pad}'d0`;
        return `{${fill}, ${r(0)}}`;
      }
      case 'slice': {
        const src = this.sig(a[0]!);
        const w = this.sig(n.dst).width;
        if (src.width === 1 || (n.lsb === 0 && w === src.width)) return r(0);
        return w === 1 ? `${r(0)}[${n.lsb}]` : `${r(0)}[${n.lsb + w - 1}:${n.lsb}]`;
      }
      case 'concat': return `{${a.map((_, i) => r(i)).join(', ')}}`;
      case 'repl': return `{${n.count}{${r(0)}}}`;
      case 'shl': return `${r(0)} << ${r(1)}`;
      case 'shr': return this.sig(a[0]!).signed ? `${this.signedRef(a[0]!)} >>> ${r(1)}` : `${r(0)} >> ${r(1)}`;
      case 'mux': return `${r(0)} ? ${r(1)} : ${r(2)}`;
      case 'select': case 'rom': case 'reg':
        throw new Error(`internal: ${n.kind} is emitted as a procedural block`);
    }
  }
}
