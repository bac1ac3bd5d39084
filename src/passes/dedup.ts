/**
 * dedup — one Verilog module per distinct structure; distinct structures get distinct names.
 * In: modules leaves first, each with the module object behind every instance (`children[i]` for
 * `instances[i]`); possibly many identical copies (a PE built per instance) and different modules
 * sharing a user name (a generator called with two parameter sets).
 * Out: modules leaves first, unique by structure, instance references rewritten; a name used by
 * several structures gets `_1`, `_2`, ... suffixes in elaboration order.
 */
import { createHash } from 'node:crypto';
import type { IrModule } from '../ir/types.ts';

export interface ElabModule {
  readonly ir: IrModule;
  /** The module object behind each instance, index-aligned with `ir.instances`. */
  readonly children: readonly IrModule[];
}

export function dedupModules(modules: readonly ElabModule[]): IrModule[] {
  const byHash = new Map<string, IrModule>();
  const finalName = new Map<IrModule, string>();
  const usedNames = new Set<string>();
  const out: IrModule[] = [];
  for (const { ir, children } of modules) {
    ir.instances.forEach((inst, i) => {
      inst.module = finalName.get(children[i]!) ?? inst.module;
    });
    const hash = structuralHash(ir);
    const existing = byHash.get(hash);
    if (existing) {
      finalName.set(ir, existing.name);
      continue;
    }
    let name = ir.name;
    for (let k = 1; usedNames.has(name); k++) name = `${ir.name}_${k}`;
    ir.name = name;
    usedNames.add(name);
    byHash.set(hash, ir);
    finalName.set(ir, name);
    out.push(ir);
  }
  return out;
}

/** Hash of everything that reaches the Verilog text except source locations. */
export function structuralHash(mod: IrModule): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([mod.name, mod.clock, mod.reset, mod.ports, mod.params ?? null]));
  for (const s of mod.signals) h.update(`${s.name}|${s.width}|${s.signed ? 1 : 0}|${s.role}\n`);
  for (const n of mod.nodes) h.update(JSON.stringify(n, (k, v) => (k === 'loc' ? undefined : v)) + '\n');
  for (const i of mod.instances) h.update(JSON.stringify([i.name, i.module, i.connections]) + '\n');
  return h.digest('hex');
}
