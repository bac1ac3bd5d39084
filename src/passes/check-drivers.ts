/**
 * check-drivers — every net has exactly one driver; every output is driven; inputs are used.
 * In: IR as built by the DSL (connect/reg nodes and instance outputs drive signals).
 * Out: unchanged IR; errors for undriven outputs/wires/registers and multiple drivers, warnings
 * for unused inputs.
 */
import type { IrModule, SignalId, SourceLoc } from '../ir/types.ts';
import type { Diagnostic } from '../diag/error.ts';

interface Driver {
  what: string;
  loc?: SourceLoc;
}

export function checkDrivers(mod: IrModule, diags: Diagnostic[]): void {
  const drivers = new Map<SignalId, Driver[]>();
  const add = (id: SignalId, d: Driver): void => {
    const list = drivers.get(id);
    if (list) list.push(d);
    else drivers.set(id, [d]);
  };
  const used = new Set<SignalId>();
  for (const n of mod.nodes) {
    if (n.kind === 'reg') {
      if (n.args[0] === -1) {
        diags.push({ severity: 'error', message: `register '${mod.signals[n.dst]!.name}' in module '${mod.name}' is never given a next state`, hint: 'call .set(next) on it', loc: n.loc });
      }
      add(n.dst, { what: 'register', loc: n.loc });
    } else {
      add(n.dst, { what: n.kind === 'connect' ? 'assignment' : n.kind, loc: n.loc });
    }
    for (const a of n.args) if (a >= 0) used.add(a);
  }
  for (const inst of mod.instances) {
    for (const [port, sig] of Object.entries(inst.connections)) {
      if (inst.outputs.includes(port)) add(sig, { what: `output '${port}' of instance '${inst.name}'`, loc: inst.loc });
      else used.add(sig);
    }
  }
  for (const s of mod.signals) {
    if (s.role === 'input') {
      if (!used.has(s.id) && !isClockOrReset(mod, s.id)) {
        diags.push({ severity: 'warning', message: `input '${s.name}' of module '${mod.name}' is never used`, loc: s.loc });
      }
      continue;
    }
    const list = drivers.get(s.id) ?? [];
    if (list.length === 0) {
      if (s.role === 'output') {
        diags.push({ severity: 'error', message: `output '${s.name}' of module '${mod.name}' is never driven`, hint: `drive it with ${s.name}.set(value)`, loc: s.loc });
      } else if (s.role === 'wire' && used.has(s.id)) {
        diags.push({ severity: 'error', message: `wire '${s.name}' in module '${mod.name}' is read but never driven`, hint: `drive it with ${s.name}.set(value)`, loc: s.loc });
      }
    } else if (list.length > 1) {
      const where = list.map((d) => `${d.what}${d.loc ? ` at line ${d.loc.line}` : ''}`).join(', ');
      diags.push({ severity: 'error', message: `'${s.name ?? '_t' + s.id}' in module '${mod.name}' has ${list.length} drivers: ${where}`, hint: 'drive each net once; combine values with mux() or select()', loc: list[1]!.loc });
    }
  }
}

function isClockOrReset(mod: IrModule, id: SignalId): boolean {
  return mod.ports.some((p) => p.signal === id && (p.protocol === 'clock' || p.protocol === 'reset'));
}
