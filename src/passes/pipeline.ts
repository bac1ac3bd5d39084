/**
 * The pass pipeline, in order: drivers -> widths -> combinational loops -> dead code -> names -> dedup.
 * In: elaborated modules leaves first. Out: a legalized, deduplicated `IrDesign` plus every
 * diagnostic found (the caller decides whether errors stop the flow).
 */
import type { IrDesign } from '../ir/types.ts';
import type { Diagnostic } from '../diag/error.ts';
import { checkDrivers } from './check-drivers.ts';
import { inferWidths } from './infer-widths.ts';
import { checkCombLoops, type CombDeps } from './check-comb-loops.ts';
import { legalizeNames, legalName } from './legalize-names.ts';
import { dedupModules, type ElabModule } from './dedup.ts';
import { removeDeadCode } from './dead-code.ts';

export function runPasses(modules: readonly ElabModule[]): { design: IrDesign; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const irs = modules.map((m) => m.ir);
  const deps = new Map<object, CombDeps>();
  for (const { ir, children } of modules) {
    checkDrivers(ir, diagnostics);
    inferWidths(ir, children, diagnostics);
    deps.set(ir, checkCombLoops(ir, children.map((c) => deps.get(c)), diagnostics));
  }
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  for (const ir of irs) {
    if (!hasErrors) removeDeadCode(ir);
    ir.name = legalName(ir.name, `module '${ir.name}'`, diagnostics, ir.loc);
    legalizeNames(ir, diagnostics);
  }
  const unique = dedupModules(modules);
  return { design: { top: unique[unique.length - 1]!.name, modules: unique }, diagnostics: dedupDiagnostics(diagnostics) };
}

/** The same message at the same place once (a PE built 4096 times warns once). */
function dedupDiagnostics(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.severity}|${d.message}|${d.loc?.file}:${d.loc?.line}:${d.loc?.col}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
