/**
 * Test helper (not a test) for the arith blocks: elaborate one combinational ModuleDef that batches
 * many block instances, write its Verilog to a temp directory, lint it (Verilator -Wall, Icarus,
 * Yosys) and cosimulate it on Verilator and Icarus against a golden model (src/cosim runCosim).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import type { ModuleDef } from '../../../src/dsl/module-builder.ts';
import { emitDesign, topModule } from '../../../src/emit/emit-design.ts';
import { lintAll, readRtlDir } from '../../../src/lint/lint-rtl.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimResult, CosimTarget, GoldenModel, PortSpec, VectorOptions } from '../../../src/cosim/types.ts';

export interface Rtl {
  readonly dir: string;
  readonly target: CosimTarget;
  /** Emitted Verilog text by file name. */
  readonly text: Map<string, string>;
}

/** Emit `def` (combinational) to a temp directory and describe it as a comb cosim target. */
export function emitComb(def: ModuleDef, prefix: string): Rtl {
  const { design } = elaborate(def);
  const dir = mkdtempSync(join(tmpdir(), `arith-${prefix}-`));
  const files: string[] = [];
  const text = emitDesign(design, { version: 'test' });
  for (const [f, t] of text) {
    writeFileSync(join(dir, f), t);
    if (f.endsWith('.v')) files.push(join(dir, f));
  }
  const top = topModule(design);
  const ports = (dir: 'input' | 'output'): PortSpec[] =>
    top.ports.filter((p) => p.dir === dir && p.protocol === 'data').map((p) => {
      const s = top.signals[p.signal]!;
      return { name: p.name, width: s.width, signed: s.signed };
    });
  return { dir, text, target: { top: design.top, files, inputs: ports('input'), outputs: ports('output'), protocol: { kind: 'comb' } } };
}

/** Lint output of every front end that is not clean ('' when all three are clean). */
export async function lintProblems(rtl: Rtl): Promise<string> {
  const rs = await lintAll(readRtlDir(rtl.dir));
  return rs.filter((r) => !r.ok).map((r) => `${r.tool}: ${r.output}`).join('\n');
}

/** Cosimulate on Verilator and Icarus (exhaustive when the inputs have <= 20 bits, else `vectorOptions`). */
export async function cosimBoth(
  rtl: Rtl,
  golden: GoldenModel,
  opts: { vectors?: readonly (readonly (readonly bigint[])[])[]; vectorOptions?: VectorOptions; seed?: number } = {},
): Promise<CosimResult & { report: string }> {
  const r = await runCosim({ target: rtl.target, golden, vectors: opts.vectors, vectorOptions: opts.vectorOptions, seed: opts.seed ?? 1, sim: 'both' });
  return { ...r, report: formatCosimReport(r) };
}

/** Two's-complement bits of `v` in `w` bits, as an unsigned BigInt. */
export function bitsOf(v: bigint, w: number): bigint {
  return BigInt.asUintN(w, v);
}

/** Value of the low `w` bits of `x` read as signed or unsigned. */
export function fieldOf(x: bigint, lsb: number, w: number, signed: boolean): bigint {
  const raw = BigInt.asUintN(w, x >> BigInt(lsb));
  return signed ? BigInt.asIntN(w, raw) : raw;
}
