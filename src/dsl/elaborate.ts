/**
 * Elaboration: from the top `ModuleDef` to a checked `IrDesign`. Collects every module reachable
 * from the top (leaves first), runs the check passes on each, legalizes names and merges
 * structurally identical modules. Errors are collected across modules and thrown together.
 */
import type { IrDesign, IrModule } from '../ir/types.ts';
import type { ModuleDef } from './module-builder.ts';
import { LowbitError, formatDiagnostic, type Diagnostic } from '../diag/error.ts';
import { runPasses } from '../passes/pipeline.ts';
import type { ElabModule } from '../passes/dedup.ts';

export interface Elaborated {
  readonly design: IrDesign;
  readonly warnings: readonly Diagnostic[];
}

/** Modules reachable from `top`, children before parents, each module object once. */
export function collectModules(top: ModuleDef): ElabModule[] {
  const seen = new Set<IrModule>();
  const order: ElabModule[] = [];
  const stack: { def: ModuleDef; next: number }[] = [{ def: top, next: 0 }];
  seen.add(top.ir);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.def.children.length) {
      const child = frame.def.children[frame.next++]!;
      if (!seen.has(child.ir)) {
        seen.add(child.ir);
        stack.push({ def: child, next: 0 });
      }
      continue;
    }
    stack.pop();
    order.push({ ir: frame.def.ir, children: frame.def.children.map((c) => c.ir) });
  }
  return order;
}

/**
 * Warnings raised while building the modules reachable from `top`, once per distinct text (a
 * comparison in a loop or a repeated module would otherwise repeat it).
 */
export function buildWarnings(top: ModuleDef): Diagnostic[] {
  const seen = new Set<ModuleDef>([top]);
  const stack = [top];
  const byText = new Map<string, Diagnostic>();
  while (stack.length > 0) {
    const def = stack.pop()!;
    for (const w of def.warnings) byText.set(formatDiagnostic(w), w);
    for (const c of def.children) if (!seen.has(c)) (seen.add(c), stack.push(c));
  }
  return [...byText.values()];
}

/** Elaborate and check; throws a `LowbitError` listing every error (and the warnings). */
export function elaborate(top: ModuleDef, opts: { topName?: string } = {}): Elaborated {
  if (opts.topName) top.ir.name = opts.topName;
  const { design, diagnostics: checked } = runPasses(collectModules(top));
  const diagnostics = [...buildWarnings(top), ...checked];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new LowbitError([...errors, ...diagnostics.filter((d) => d.severity !== 'error')]);
  return { design, warnings: diagnostics };
}
