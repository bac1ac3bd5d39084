/**
 * Test helper (not a test): elaborate a ModuleDef, write its Verilog to a fresh temp directory,
 * lint it with all three front ends, and describe its ports for src/cosim.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elaborate } from '../../src/dsl/elaborate.ts';
import type { ModuleDef } from '../../src/dsl/module-builder.ts';
import { emitDesign, topModule } from '../../src/emit/emit-design.ts';
import type { IrDesign } from '../../src/ir/types.ts';
import { lintAll, readRtlDir, type LintResult } from '../../src/lint/lint-rtl.ts';
import type { CosimTarget, PortSpec } from '../../src/cosim/types.ts';

export interface EmittedRtl {
  readonly design: IrDesign;
  readonly dir: string;
  readonly top: string;
  /** Verilog files, absolute. */
  readonly files: string[];
}

export function emitToTemp(def: ModuleDef, prefix: string): EmittedRtl {
  const { design } = elaborate(def);
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const files: string[] = [];
  for (const [f, text] of emitDesign(design, { version: 'test' })) {
    writeFileSync(join(dir, f), text);
    if (f.endsWith('.v')) files.push(join(dir, f));
  }
  return { design, dir, top: design.top, files };
}

/** Lint results that failed (empty when Verilator -Wall, Icarus -g2005 and Yosys are all clean). */
export async function lintFailures(rtl: EmittedRtl): Promise<LintResult[]> {
  return (await lintAll(readRtlDir(rtl.dir))).filter((r) => !r.ok);
}

/** Port specs of the top module's data ports of one direction, in declaration order. */
export function dataPorts(rtl: EmittedRtl, dir: 'input' | 'output'): PortSpec[] {
  const top = topModule(rtl.design);
  return top.ports
    .filter((p) => p.dir === dir && p.protocol === 'data')
    .map((p) => {
      const s = top.signals[p.signal]!;
      return { name: p.name, width: s.width, signed: s.signed };
    });
}

/**
 * A valid/ready stream target for an emitted design with clock `clk` and synchronous active-high
 * `rst`: `inBeats` input beats → `outBeats` output beats per transaction.
 */
export function streamTarget(rtl: EmittedRtl, inBeats: number, outBeats = 1): CosimTarget {
  return {
    top: rtl.top,
    files: rtl.files,
    clock: 'clk',
    reset: { name: 'rst', activeLow: false },
    inputs: dataPorts(rtl, 'input'),
    outputs: dataPorts(rtl, 'output'),
    protocol: { kind: 'stream' },
    beats: { in: inBeats, out: outBeats },
  };
}
