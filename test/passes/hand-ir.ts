/**
 * Hand-built IR modules for the pass tests: signals and nodes written out directly (no DSL), each
 * with a source location `hand.ts:<line>:1` so diagnostics can be checked down to the line.
 */
import type { IrModule, IrNode, NodeKind, SignalId, SignalRole, PortProtocol } from '../../src/ir/types.ts';

export const loc = (line: number) => ({ file: 'hand.ts', line, col: 1 });

export class HandModule {
  readonly ir: IrModule;
  constructor(name: string, opts: { clock?: boolean; reset?: boolean } = {}) {
    this.ir = {
      name,
      loc: loc(1),
      clock: opts.clock ? { name: 'clk' } : null,
      reset: opts.reset ? { name: 'rst', style: 'sync', activeLow: false } : null,
      ports: [],
      signals: [],
      nodes: [],
      instances: [],
    };
  }

  signal(name: string | null, width: number, signed: boolean, role: SignalRole, line?: number, auto?: boolean): SignalId {
    const id = this.ir.signals.length;
    this.ir.signals.push({ id, name, width, signed, role, loc: line === undefined ? undefined : loc(line), ...(auto ? { auto } : {}) });
    return id;
  }
  input(name: string, width: number, signed = false, line?: number, protocol: PortProtocol = 'data'): SignalId {
    const id = this.signal(name, width, signed, 'input', line);
    this.ir.ports.push({ name, dir: 'input', signal: id, protocol });
    return id;
  }
  output(name: string, width: number, signed = false, line?: number): SignalId {
    const id = this.signal(name, width, signed, 'output', line);
    this.ir.ports.push({ name, dir: 'output', signal: id, protocol: 'data' });
    return id;
  }
  wire(name: string, width: number, signed = false, line?: number): SignalId {
    return this.signal(name, width, signed, 'wire', line);
  }
  reg(name: string, width: number, signed = false, line?: number): SignalId {
    return this.signal(name, width, signed, 'reg', line);
  }
  temp(width: number, signed = false, line?: number): SignalId {
    return this.signal(null, width, signed, 'temp', line);
  }
  node(kind: NodeKind, dst: SignalId, args: SignalId[], extra: Record<string, unknown> = {}, line?: number): this {
    this.ir.nodes.push({ kind, dst, args, ...extra, ...(line === undefined ? {} : { loc: loc(line) }) } as unknown as IrNode);
    return this;
  }
  /** A temp driven by `kind(args)`. */
  op(kind: NodeKind, width: number, signed: boolean, args: SignalId[], extra: Record<string, unknown> = {}, line?: number): SignalId {
    const t = this.temp(width, signed, line);
    this.node(kind, t, args, extra, line);
    return t;
  }
  connect(dst: SignalId, src: SignalId, line?: number): this {
    return this.node('connect', dst, [src], {}, line);
  }
  instance(name: string, module: string, connections: Record<string, SignalId>, outputs: string[], line?: number): this {
    this.ir.instances.push({ name, module, connections, outputs, loc: line === undefined ? undefined : loc(line) });
    return this;
  }
}
