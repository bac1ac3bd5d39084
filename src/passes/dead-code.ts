/**
 * dead-code — drop anonymous logic that nothing observes.
 * In: a checked module (drivers and widths valid). Out: the same module without nodes whose
 * result is an unnamed temp that no output, register, instance input or live node reads. Named
 * wires and registers are kept (the user asked for them); signal ids are unchanged.
 */
import type { IrModule, SignalId } from '../ir/types.ts';

export function removeDeadCode(mod: IrModule): void {
  const driver = new Map<SignalId, number>();
  mod.nodes.forEach((n, i) => driver.set(n.dst, i));
  const live = new Set<number>();
  const todo: SignalId[] = [];
  const mark = (id: SignalId): void => {
    const i = driver.get(id);
    if (i !== undefined && !live.has(i)) {
      live.add(i);
      for (const a of mod.nodes[i]!.args) if (a >= 0) todo.push(a); // no spread: a node may have 10^5 args
    }
  };
  for (const p of mod.ports) if (p.dir === 'output') mark(p.signal);
  for (const inst of mod.instances) for (const [port, id] of Object.entries(inst.connections)) if (!inst.outputs.includes(port)) mark(id);
  mod.nodes.forEach((n, i) => {
    if (mod.signals[n.dst]!.role !== 'temp') mark(n.dst);
    if (n.kind === 'reg') {
      live.add(i);
      for (const a of n.args) if (a >= 0) todo.push(a);
    }
  });
  while (todo.length > 0) mark(todo.pop()!);
  // In place, without spreading (a spread of >~100k nodes overflows the call stack).
  let k = 0;
  for (let i = 0; i < mod.nodes.length; i++) if (live.has(i)) mod.nodes[k++] = mod.nodes[i]!;
  mod.nodes.length = k;
}
