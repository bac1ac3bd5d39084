/**
 * check-comb-loops — find combinational cycles, through submodules too.
 * In: IR modules leaves first (so each child's input->output combinational paths are known).
 * Out: unchanged IR; one error per cycle listing its signals with their source lines; returns each
 * module's combinational port dependencies for its parents.
 */
import type { IrModule, SignalId } from '../ir/types.ts';
import type { Diagnostic } from '../diag/error.ts';

/** For each output port: the input ports it depends on combinationally. */
export type CombDeps = Map<string, Set<string>>;

/** `childDeps[i]` are the port dependencies of the module behind `mod.instances[i]`. */
export function checkCombLoops(mod: IrModule, childDeps: readonly (CombDeps | undefined)[], diags: Diagnostic[]): CombDeps {
  const n = mod.signals.length;
  const succ: SignalId[][] = Array.from({ length: n }, () => []);
  const edge = (from: SignalId, to: SignalId): void => {
    if (from >= 0) succ[from]!.push(to);
  };
  for (const node of mod.nodes) {
    if (node.kind === 'reg') continue;
    if (node.kind === 'connect' && mod.signals[node.dst]!.role === 'reg') continue; // 2nd next-state
    for (const a of node.args) edge(a, node.dst);
  }
  for (const [k, inst] of mod.instances.entries()) {
    const deps = childDeps[k];
    if (!deps) continue;
    for (const [out, ins] of deps) {
      const to = inst.connections[out];
      if (to === undefined) continue;
      for (const i of ins) {
        const from = inst.connections[i];
        if (from !== undefined) edge(from, to);
      }
    }
  }
  for (const scc of stronglyConnected(succ)) {
    const selfLoop = scc.length === 1 && succ[scc[0]!]!.includes(scc[0]!);
    if (scc.length < 2 && !selfLoop) continue;
    const members = [...scc].sort((a, b) => a - b).map((id) => mod.signals[id]!);
    const named = members.filter((s) => s.name !== null);
    const shown = (named.length > 0 ? named : members).map((s) => `${s.name ?? `_t${s.id}`}${s.loc ? ` (line ${s.loc.line})` : ''}`);
    const first = (named[0] ?? members[0])!;
    diags.push({
      severity: 'error',
      message: `combinational loop in module '${mod.name}' through ${shown.join(' -> ')}`,
      hint: 'break the cycle with a register (m.reg) or restructure the logic',
      loc: first.loc,
    });
  }
  return portDeps(mod, succ);
}

/** Tarjan's algorithm, iterative (modules can have 10^5 signals). */
function stronglyConnected(succ: SignalId[][]): SignalId[][] {
  const n = succ.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const edges = succ[v]!;
      if (i < edges.length) {
        frame[1] = i + 1;
        const w = edges[i]!;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        result.push(comp);
      }
    }
  }
  return result;
}

function portDeps(mod: IrModule, succ: SignalId[][]): CombDeps {
  const deps: CombDeps = new Map();
  const outputs = new Map<SignalId, string>();
  for (const p of mod.ports) if (p.dir === 'output') outputs.set(p.signal, p.name);
  for (const p of mod.ports) {
    if (p.dir !== 'input' || p.protocol === 'clock' || p.protocol === 'reset') continue;
    const seen = new Uint8Array(mod.signals.length);
    const todo = [p.signal];
    seen[p.signal] = 1;
    while (todo.length > 0) {
      const v = todo.pop()!;
      const out = outputs.get(v);
      if (out !== undefined) {
        if (!deps.has(out)) deps.set(out, new Set());
        deps.get(out)!.add(p.name);
      }
      for (const w of succ[v]!) if (!seen[w]) (seen[w] = 1), todo.push(w);
    }
  }
  return deps;
}
