/**
 * Test helper (not a test) for the MixPE integer-path RTL tests: elaborate a ModuleDef, write
 * its Verilog to a fresh temp directory, and cosimulate it on Verilator and Icarus against a
 * golden model through the design-level cosim (src/cli/design-cosim.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elaborate } from '../../src/dsl/elaborate.ts';
import type { ModuleDef } from '../../src/dsl/module-builder.ts';
import type { CosimSpec } from '../../src/dsl/design.ts';
import { emitDesign } from '../../src/emit/emit-design.ts';
import type { IrDesign } from '../../src/ir/types.ts';
import { cosimDesign, type DesignCosimOptions } from '../../src/cli/design-cosim.ts';
import type { CosimResult } from '../../src/cosim/types.ts';
import { formatCosimReport } from '../../src/cosim/report.ts';

export interface Emitted {
  readonly design: IrDesign;
  readonly dir: string;
  /** Verilog files, absolute. */
  readonly files: string[];
  /** Emitted text by file name. */
  readonly text: Map<string, string>;
}

export function emit(def: ModuleDef, prefix = 'mixpe-rtl'): Emitted {
  const { design } = elaborate(def);
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const files: string[] = [];
  const text = emitDesign(design, { version: 'test' });
  for (const [f, t] of text) {
    writeFileSync(join(dir, f), t);
    if (f.endsWith('.v')) files.push(join(dir, f));
  }
  return { design, dir, files, text };
}

/** Cosimulate `def` against `spec` on both simulators (seed 1 unless given). */
export async function cosim(def: ModuleDef, spec: CosimSpec, opts: DesignCosimOptions = {}): Promise<CosimResult & { report: string }> {
  const e = emit(def);
  const r = await cosimDesign(e.design, e.files, spec, { sim: 'both', ...opts });
  return { ...r, report: formatCosimReport(r) };
}
