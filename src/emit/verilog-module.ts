/**
 * Verilog-2005 text of one legalized IR module: builds the template's view (declarations,
 * assigns, case tables, registers, instances) and renders `templates/verilog/module.v.hbs`.
 * Computes no widths or names: those come from the IR and its passes.
 */
import type { IrModule, IrSignal, SourceLoc, RegNode, SelectNode, RomNode } from '../ir/types.ts';
import { ExprWriter, literal } from './verilog-expr.ts';
import { renderTemplate } from '../util/templates.ts';
import { unreadBits } from '../passes/unread-bits.ts';
import { basename } from 'node:path';

export interface EmitOptions {
  /** Add `// @[file.ts:line:col]` source comments. */
  readonly srcLocs?: boolean;
  readonly version: string;
  /** Design file name shown in the header (basename only, so output does not depend on paths). */
  readonly source?: string;
}

function range(s: IrSignal): string {
  return `${s.signed ? 'signed ' : ''}${s.width > 1 ? `[${s.width - 1}:0] ` : ''}`;
}

function locText(loc: SourceLoc | undefined, opts: EmitOptions): string | undefined {
  return opts.srcLocs && loc ? `${basename(loc.file)}:${loc.line}:${loc.col}` : undefined;
}

export function emitModule(mod: IrModule, opts: EmitOptions): string {
  const x = new ExprWriter(mod);
  const sig = (id: number): IrSignal => mod.signals[id]!;
  const portIds = new Set(mod.ports.map((p) => p.signal));
  const procedural = new Set<number>();
  for (const n of mod.nodes) if (n.kind === 'reg' || n.kind === 'select' || n.kind === 'rom') procedural.add(n.dst);

  const ports = mod.ports.map((p) => {
    const s = sig(p.signal);
    return { decl: `${p.dir === 'input' ? 'input ' : 'output'} wire ${range(s)}${s.name}`, comment: p.doc ?? s.format?.text };
  });
  const unread = unreadBits(mod);
  const nets: string[] = [];
  const unreadNets: string[] = [];
  const assigns: { lhs: string; rhs: string; loc?: string }[] = [];
  const tables: unknown[] = [];
  const regs: unknown[] = [];
  const declared = new Set<number>();
  for (const n of mod.nodes) {
    if (x.isInlined(n)) continue;
    const dst = sig(n.dst);
    if (!portIds.has(n.dst) && !declared.has(n.dst)) {
      declared.add(n.dst);
      const note = dst.format ? `  // ${dst.format.text}` : '';
      (unread.has(n.dst) ? unreadNets : nets).push(`${procedural.has(n.dst) ? 'reg ' : 'wire'} ${range(dst)}${dst.name};${note}`);
    }
    const loc = locText(n.loc, opts);
    if (n.kind === 'reg') regs.push(regView(n, mod, x, loc));
    else if (n.kind === 'select' || n.kind === 'rom') tables.push(tableView(n, mod, x, loc));
    else assigns.push({ lhs: dst.name!, rhs: x.rhs(n), loc });
  }
  // Nets driven only by instance outputs.
  for (const inst of mod.instances) {
    for (const id of Object.values(inst.connections)) {
      if (portIds.has(id) || declared.has(id) || x.isInlinedSignal(id)) continue;
      declared.add(id);
      (unread.has(id) ? unreadNets : nets).push(`wire ${range(sig(id))}${sig(id).name};`);
    }
  }
  const instances = mod.instances.map((inst) => ({
    module: inst.module,
    name: inst.name,
    loc: locText(inst.loc, opts),
    conns: Object.entries(inst.connections).map(([port, id]) => ({ port, signal: x.ref(id) })),
  }));
  return renderTemplate('verilog/module.v.hbs', {
    version: opts.version,
    source: opts.source,
    doc: mod.doc,
    name: mod.name,
    ports,
    nets,
    unreadNets,
    unreadInputs: mod.ports.filter((p) => p.dir === 'input' && unread.has(p.signal)).map((p) => p.name),
    assigns,
    tables,
    regs,
    instances,
  });
}

function regView(n: RegNode, mod: IrModule, x: ExprWriter, loc: string | undefined): unknown {
  const dst = mod.signals[n.dst]!;
  const clk = mod.clock!.name;
  const r = mod.reset;
  const hasReset = n.init !== null && r !== null;
  const edge = hasReset && r!.style === 'async' ? ` or ${r!.activeLow ? 'negedge' : 'posedge'} ${r!.name}` : '';
  return {
    name: dst.name,
    sensitivity: `posedge ${clk}${edge}`,
    reset: hasReset ? (r!.activeLow ? `!${r!.name}` : r!.name) : undefined,
    init: hasReset ? literal(BigInt(n.init!), dst.width) : undefined,
    enable: n.args[1] !== undefined ? x.ref(n.args[1]) : undefined,
    next: x.ref(n.args[0]!),
    loc,
  };
}

function tableView(n: SelectNode | RomNode, mod: IrModule, x: ExprWriter, loc: string | undefined): unknown {
  const dst = mod.signals[n.dst]!;
  const index = mod.signals[n.args[0]!]!;
  const label = (i: number): string => literal(BigInt(i), index.width);
  const cases =
    n.kind === 'rom'
      ? n.table.map((v, i) => ({ label: label(i), value: literal(BigInt(v), dst.width) }))
      : n.args.slice(1, -1).map((id, i) => ({ label: label(i), value: x.ref(id) }));
  const fallback = n.kind === 'rom' ? literal(BigInt(n.fallback), dst.width) : x.ref(n.args[n.args.length - 1]!);
  return { name: dst.name, index: x.ref(n.args[0]!), cases, fallback, loc };
}
