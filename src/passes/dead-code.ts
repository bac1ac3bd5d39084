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
      todo.push(...mod.nodes[i]!.args.filter((a) => a >= 0));
    }
  };
  for (const p of mod.ports) if (p.dir === 'output') mark(p.signal);
  for (const inst of mod.instances) for (const [port, id] of Object.entries(inst.connections)) if (!inst.outputs.includes(port)) mark(id);
  mod.nodes.forEach((n, i) => {
    if (mod.signals[n.dst]!.role !== 'temp') mark(n.dst);
    if (n.kind === 'reg') live.add(i), todo.push(...n.args.filter((a) => a >= 0));
  });
  while (todo.length > 0) mark(todo.pop()!);
  // In place, without spreading (a spread of >~100k nodes overflows the call stack).
  let k = 0;
  for (let i = 0; i < mod.nodes.length; i++) if (live.has(i)) mod.nodes[k++] = mod.nodes[i]!;
  mod.nodes.length = k;
}
