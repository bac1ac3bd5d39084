/**
 * Test helper (not a test) for the TPE array tests: elaborate a ModuleDef, write its Verilog to a
 * fresh temp directory, lint it, and cosimulate it on Verilator and Icarus against a cosim spec.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import type { ModuleDef } from '../../../src/dsl/module-builder.ts';
import type { CosimSpec } from '../../../src/dsl/design.ts';
import { emitDesign } from '../../../src/emit/emit-design.ts';
import { cosimDesign } from '../../../src/cli/design-cosim.ts';
import type { CosimResult } from '../../../src/cosim/types.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import { lintAll, type LintResult } from '../../../src/lint/lint-rtl.ts';

export interface Checked {
  readonly cosim: CosimResult & { report: string };
  readonly lint: LintResult[];
}

export async function emitAndCheck(def: ModuleDef, spec: CosimSpec): Promise<Checked> {
  const { design } = elaborate(def);
  const dir = mkdtempSync(join(tmpdir(), 'tpe-rtl-'));
  const files: string[] = [];
  for (const [f, t] of emitDesign(design, { version: 'test' })) {
    writeFileSync(join(dir, f), t);
    if (f.endsWith('.v')) files.push(join(dir, f));
  }
  const lint = await lintAll({ dir, top: design.top, files });
  const r = await cosimDesign(design, files, spec, { sim: 'both' });
  return { cosim: { ...r, report: formatCosimReport(r) }, lint };
}

/** The error `f` throws (undefined when it returns): for asserting located parameter errors. */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}
