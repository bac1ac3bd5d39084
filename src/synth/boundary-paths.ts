/**
 * Boundary paths: the validity condition of `hierarchy: 'per-module'` synthesis, checked on the
 * elaborated IR (no Yosys).
 *
 * Per-module synthesis maps and times each module body on its own: a body's paths run from its
 * input ports, register outputs and sub-instance outputs to its output ports, register inputs and
 * sub-instance inputs. A register-to-register path of the flattened design is therefore timed whole
 * only if all its logic lies between two consecutive module-boundary crossings; a path with logic
 * on both sides of some crossing is cut there and each part is timed alone, so the reported delay
 * (the largest per-module delay) is then a lower bound of the flat one.
 *
 * The check flattens the design into one graph of signals (a signal per instance), walks every
 * combinational path and, at each crossing (a port of an instance, as seen from inside it), takes
 * the most logic operations on any path arriving there (`logicBefore`) and leaving from there
 * (`logicAfter`). A crossing with both > 0 is a boundary path: a flat path exists that has logic on
 * both sides of that port. Because any arriving path can be continued by any leaving one, this is
 * exact for "some path has logic on both sides"; the check is conservative only in being word-level
 * (a signal counts as one node, so a slice of a register field of a wider logic result is taken as
 * logic). Constants start no path (synthesis folds a gate with a constant input into its other
 * inputs' paths), but no other values are looked at.
 *
 * What counts as logic: every IR operation except pure wiring (`connect`, `reinterpret`, `slice`,
 * `concat`, `sext`, `zext`, `repl`, `const`). Register inputs (next state `d`, `enable`, and the
 * module reset, which no IR node reads) end paths: the register's own enable/reset multiplexer is
 * part of the register (a DFFE cell in Yosys's generic library; a library without enable flip-flops
 * adds one multiplexer in front of D, not counted here). Paths start at register outputs and top
 * inputs, as ABC times them (a path from a top input counts like one from a register, and
 * `registerPath` tells the two apart), and end at register inputs and top outputs; logic that
 * reaches neither is dead (synthesis removes it) and is ignored. Clock ports are not data and are
 * skipped; reset ports are checked like data ports (no IR node reads them, so they end no path).
 */
import { basename } from 'node:path';
import type { IrDesign, IrModule, IrNode } from '../ir/types.ts';

/** One instance port with combinational logic on both sides of the boundary. */
export interface BoundaryCrossing {
  /** Hierarchical instance path below the top, dot-separated (e.g. `pe_0_1` or `core.enc_0`). */
  readonly instance: string;
  /** The instantiated module. */
  readonly module: string;
  /** The module's port. */
  readonly port: string;
  readonly dir: 'input' | 'output';
  /** Most logic operations (IR nodes) on a path from a start point to this port. */
  readonly logicBefore: number;
  /** Most logic operations on a path from this port to an end point. */
  readonly logicAfter: number;
  /**
   * True when such a path runs from a register output to a register input; false when every path
   * with logic on both sides starts at a top input or ends at a top output (ABC times those too).
   */
  readonly registerPath: boolean;
  /** Start of the deepest arriving path: a hierarchical signal name and what it is. */
  readonly from: string;
  /** End of the deepest leaving path. */
  readonly to: string;
}

/** Result of the check over the whole design (`SynthReport.boundary`). */
export interface BoundaryCheck {
  /** True when no combinational path crosses a module boundary with logic on both sides. */
  readonly exact: boolean;
  /** Instance ports checked (data ports of every instance at every depth). */
  readonly portsChecked: number;
  /** The offending instance ports, in hierarchy order (instances, then ports, in IR order). */
  readonly crossings: readonly BoundaryCrossing[];
}

const OTHER = 0;
const REG_OUT = 1;
const REG_IN = 2;
const REG_OUT_IN = 3;
const TOP_OUT = 4;

const WIRING: ReadonlySet<IrNode['kind']> = new Set(['connect', 'reinterpret', 'slice', 'concat', 'sext', 'zext', 'repl', 'const']);

/** True for IR operations that are gates after synthesis (not pure wiring). */
export function isLogicNode(node: IrNode): boolean {
  return !WIRING.has(node.kind);
}

interface Flat {
  /** Edge lists: from, to, logic (1/0). */
  readonly from: number[];
  readonly to: number[];
  readonly logic: number[];
  /** Human-readable name of each flat signal. */
  readonly names: string[];
  /** What each flat signal is for path ends (`OTHER`, `REG_OUT`, `REG_IN`, `REG_OUT_IN`, `TOP_OUT`). */
  readonly kind: number[];
  readonly crossings: { instance: string; module: string; port: string; dir: 'input' | 'output'; id: number }[];
}

/** A flat signal's name for a witness path: hierarchical name, what it is, and for a temp its source line. */
function describe(mod: IrModule, sig: number, prefix: string, isTop: boolean, regInput: boolean, driver: IrNode | undefined): string {
  const s = mod.signals[sig]!;
  const what: string[] = [];
  const loc = s.loc ?? driver?.loc;
  if (s.role === 'reg') what.push('register');
  else if (driver?.kind === 'const') what.push('constant');
  else if (s.role === 'input' && isTop) what.push('top input');
  else if (s.role === 'output' && isTop) what.push('top output');
  if (regInput) what.push('register input');
  if (s.name === null && loc) what.push(`${basename(loc.file)}:${loc.line}`);
  return `${prefix}${s.name ?? `_t${sig}`}${what.length ? ` (${what.join(', ')})` : ''}`;
}

function flatten(design: IrDesign): Flat {
  const byName = new Map(design.modules.map((m) => [m.name, m]));
  const flat: Flat = { from: [], to: [], logic: [], names: [], kind: [], crossings: [] };
  const edge = (a: number, b: number, logic: boolean): void => {
    flat.from.push(a);
    flat.to.push(b);
    flat.logic.push(logic ? 1 : 0);
  };
  /** Lays out one instance of `mod`; returns the flat id of its signal 0. */
  const place = (mod: IrModule, path: string, isTop: boolean): number => {
    const off = flat.names.length;
    const prefix = path === '' ? '' : `${path}.`;
    const regInputs = new Set<number>();
    const driver = new Map<number, IrNode>();
    for (const node of mod.nodes) {
      if (!driver.has(node.dst)) driver.set(node.dst, node);
      if (node.kind === 'reg' || (node.kind === 'connect' && mod.signals[node.dst]!.role === 'reg')) for (const a of node.args) regInputs.add(a);
    }
    for (let s = 0; s < mod.signals.length; s++) {
      flat.names.push(describe(mod, s, prefix, isTop, regInputs.has(s), driver.get(s)));
      const role = mod.signals[s]!.role;
      const regOut = role === 'reg';
      flat.kind.push(regOut && regInputs.has(s) ? REG_OUT_IN : regOut ? REG_OUT : regInputs.has(s) ? REG_IN : isTop && role === 'output' ? TOP_OUT : OTHER);
    }
    for (const node of mod.nodes) {
      if (node.kind === 'reg') continue; // register output: a start; its args: end points
      if (node.kind === 'connect' && mod.signals[node.dst]!.role === 'reg') continue; // a second next-state
      const logic = isLogicNode(node);
      for (const a of node.args) if (a >= 0 && driver.get(a)?.kind !== 'const') edge(off + a, off + node.dst, logic);
    }
    for (const inst of mod.instances) {
      const child = byName.get(inst.module);
      if (!child) throw new Error(`boundary-paths: instance '${inst.name}' of unknown module '${inst.module}'`);
      const childPath = `${prefix}${inst.name}`;
      const coff = place(child, childPath, false);
      const outputs = new Set(inst.outputs);
      for (const port of child.ports) {
        if (port.protocol === 'clock') continue;
        const parentSig = inst.connections[port.name];
        if (parentSig === undefined || parentSig < 0) continue;
        const constant = driver.get(parentSig)?.kind === 'const';
        const inner = coff + port.signal;
        if (outputs.has(port.name)) edge(inner, off + parentSig, false);
        else if (!constant) edge(off + parentSig, inner, false);
        flat.crossings.push({ instance: childPath, module: child.name, port: port.name, dir: port.dir, id: inner });
      }
    }
    return off;
  };
  const top = byName.get(design.top);
  if (!top) throw new Error(`boundary-paths: no top module '${design.top}'`);
  place(top, '', true);
  return flat;
}

/** The flat graph in CSR form with a topological order. */
interface Graph {
  readonly n: number;
  readonly outStart: Int32Array;
  readonly outEdges: Int32Array;
  readonly order: Int32Array;
}

function graphOf(flat: Flat): Graph {
  const n = flat.names.length;
  const m = flat.from.length;
  const outStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) outStart[flat.from[e]! + 1]!++;
  for (let i = 0; i < n; i++) outStart[i + 1]! += outStart[i]!;
  const outEdges = new Int32Array(m);
  const fill = outStart.slice(0, n);
  for (let e = 0; e < m; e++) outEdges[fill[flat.from[e]!]!++] = e;
  const indeg = new Int32Array(n);
  for (let e = 0; e < m; e++) indeg[flat.to[e]!]!++;
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (indeg[i] === 0) order[tail++] = i;
  while (head < tail) {
    const v = order[head++]!;
    for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
      const w = flat.to[outEdges[k]!]!;
      if (--indeg[w]! === 0) order[tail++] = w;
    }
  }
  // The elaborator rejects combinational loops (check-comb-loops), so every node is ordered.
  if (tail !== n) throw new Error('boundary-paths: combinational loop in the flattened design');
  return { n, outStart, outEdges, order };
}

/**
 * Most logic operations on a path from a start (`start[v]`) to each node (`forward`), or from each
 * node to an end (`!forward`, `start` = the ends); -1 where no such path exists. `link` is the
 * argmax neighbour (-1 at the start/end itself), for a witness path.
 */
function deepest(flat: Flat, g: Graph, start: (v: number) => boolean, forward: boolean): { depth: Int32Array; link: Int32Array } {
  const depth = new Int32Array(g.n).fill(-1);
  const link = new Int32Array(g.n).fill(-1);
  for (let v = 0; v < g.n; v++) if (start(v)) depth[v] = 0;
  for (let i = 0; i < g.n; i++) {
    const v = g.order[forward ? i : g.n - 1 - i]!;
    for (let k = g.outStart[v]!; k < g.outStart[v + 1]!; k++) {
      const e = g.outEdges[k]!;
      const w = flat.to[e]!;
      const [src, dst] = forward ? [v, w] : [w, v];
      if (depth[src]! < 0) continue;
      const d = depth[src]! + flat.logic[e]!;
      if (d > depth[dst]!) {
        depth[dst] = d;
        link[dst] = src;
      }
    }
  }
  return { depth, link };
}

/** Follows `next` from `v` to the end of the chain. */
function chainEnd(next: Int32Array, v: number): number {
  while (next[v] !== -1) v = next[v]!;
  return v;
}

/**
 * Finds every instance port of `design` with combinational logic on both sides of the module
 * boundary. Linear in the flattened design's size (signals + operations over all instances).
 */
export function checkBoundaryPaths(design: IrDesign): BoundaryCheck {
  const flat = flatten(design);
  const g = graphOf(flat);
  const indeg = new Int32Array(g.n);
  for (const t of flat.to) indeg[t]!++;
  // Starts: nodes nothing drives combinationally (register outputs, top inputs); ends: register
  // inputs and top outputs (logic that reaches neither is dead and removed by synthesis).
  const before = deepest(flat, g, (v) => indeg[v] === 0, true);
  const after = deepest(flat, g, (v) => flat.kind[v] === REG_IN || flat.kind[v] === TOP_OUT || flat.kind[v] === REG_OUT_IN, false);
  const beforeReg = deepest(flat, g, (v) => flat.kind[v] === REG_OUT || flat.kind[v] === REG_OUT_IN, true);
  const afterReg = deepest(flat, g, (v) => flat.kind[v] === REG_IN || flat.kind[v] === REG_OUT_IN, false);
  const crossings: BoundaryCrossing[] = [];
  for (const c of flat.crossings) {
    const b = before.depth[c.id]!;
    const a = after.depth[c.id]!;
    if (b <= 0 || a <= 0) continue;
    const registerPath = beforeReg.depth[c.id]! > 0 && afterReg.depth[c.id]! > 0;
    crossings.push({
      instance: c.instance,
      module: c.module,
      port: c.port,
      dir: c.dir,
      logicBefore: b,
      logicAfter: a,
      registerPath,
      from: flat.names[chainEnd(before.link, c.id)]!,
      to: flat.names[chainEnd(after.link, c.id)]!,
    });
  }
  return { exact: crossings.length === 0, portsChecked: flat.crossings.length, crossings };
}

/** Offending ports grouped by module and port, for a short text report. */
export interface BoundaryGroup {
  readonly module: string;
  readonly port: string;
  readonly dir: 'input' | 'output';
  readonly instances: number;
  /** Some instance of the group has a register-to-register boundary path. */
  readonly registerPath: boolean;
  /** The crossing of the group with the most logic (before + after): its instance and witness. */
  readonly worst: BoundaryCrossing;
}

export function groupBoundaryCrossings(check: BoundaryCheck): BoundaryGroup[] {
  const groups = new Map<string, { module: string; port: string; dir: 'input' | 'output'; instances: number; registerPath: boolean; worst: BoundaryCrossing }>();
  for (const c of check.crossings) {
    const key = `${c.module}\0${c.port}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { module: c.module, port: c.port, dir: c.dir, instances: 1, registerPath: c.registerPath, worst: c });
    else {
      g.instances++;
      g.registerPath ||= c.registerPath;
      if (c.logicBefore + c.logicAfter > g.worst.logicBefore + g.worst.logicAfter) g.worst = c;
    }
  }
  return [...groups.values()];
}

/**
 * Text lines for the synth report: the verdict, then one line per offending module port (at most
 * `maxGroups`, then a count of the rest; the JSON report has them all).
 */
export function formatBoundaryCheck(check: BoundaryCheck, maxGroups = 12): string[] {
  if (check.exact) return [`per-module delay is exact: no combinational path crosses a module boundary (${check.portsChecked} instance ports checked)`];
  const groups = groupBoundaryCrossings(check);
  const lines = [
    `warning: per-module delay is a lower bound: ${check.crossings.length} of ${check.portsChecked} instance ports (${check.crossings.filter((c) => c.registerPath).length} on register-to-register paths) have combinational logic on both sides of the module boundary (the path is cut there and each part timed alone):`,
  ];
  for (const g of groups.slice(0, maxGroups)) {
    const w = g.worst;
    const more = g.instances > 1 ? ` (and ${g.instances - 1} more instance${g.instances > 2 ? 's' : ''} of ${g.module})` : ` (${g.module})`;
    const kind = g.registerPath ? '' : ' (port paths only: from a top input or to a top output)';
    lines.push(`  ${w.instance}.${g.port} [${g.dir}]${more}: ${w.logicBefore} logic op(s) before, ${w.logicAfter} after; e.g. ${w.from} -> ${w.to}${kind}`);
  }
  if (groups.length > maxGroups) lines.push(`  ... and ${groups.length - maxGroups} more module ports (all ${check.crossings.length} instance ports are in the JSON report, 'boundary.crossings')`);
  return lines;
}
