/**
 * unread-bits — which nets have bits that nothing reads (unused inputs, unread instance outputs,
 * the dropped high bits of an explicit truncation).
 * In: a legalized module. Out: the set of such signal ids; the IR is unchanged. The emitter wraps
 * their declarations in a scoped `verilator lint_off UNUSEDSIGNAL`, because the design asked for it.
 */
import type { IrModule, SignalId } from '../ir/types.ts';

export function unreadBits(mod: IrModule): Set<SignalId> {
  const whole = new Set<SignalId>();
  const partial = new Map<SignalId, boolean[]>();
  const readBits = (id: SignalId, lsb: number, width: number): void => {
    const s = mod.signals[id]!;
    if (lsb === 0 && width === s.width) return void whole.add(id);
    let bits = partial.get(id);
    if (!bits) partial.set(id, (bits = new Array<boolean>(s.width).fill(false)));
    for (let i = lsb; i < lsb + width; i++) bits[i] = true;
  };
  for (const n of mod.nodes) {
    if (n.kind === 'slice') readBits(n.args[0], n.lsb, mod.signals[n.dst]!.width);
    else for (const a of n.args) if (a >= 0) whole.add(a);
  }
  // Outputs are read by the parent; clock and reset by the always blocks.
  for (const p of mod.ports) if (p.dir === 'output' || p.protocol === 'clock' || p.protocol === 'reset') whole.add(p.signal);
  for (const inst of mod.instances) {
    for (const [port, id] of Object.entries(inst.connections)) if (!inst.outputs.includes(port)) whole.add(id);
  }
  const result = new Set<SignalId>();
  for (const s of mod.signals) {
    if (whole.has(s.id)) continue;
    const bits = partial.get(s.id);
    if (!bits || bits.some((b) => !b)) result.add(s.id);
  }
  return result;
}
