/**
 * Test helper (not a test) for the arith blocks: elaborate one combinational ModuleDef that batches
 * many block instances, write its Verilog to a temp directory, lint it (Verilator -Wall, Icarus,
 * Yosys) and cosimulate it on Verilator and Icarus against a golden model (src/cosim runCosim).
 */
import { expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import type { ModuleBuilder, ModuleDef } from '../../../src/dsl/module-builder.ts';
import { cat } from '../../../src/dsl/ops.ts';
import type { BitHeap } from '../../../src/lib/arith/bit-heap.ts';
import type { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { emitDesign, topModule } from '../../../src/emit/emit-design.ts';
import { lintAll, readRtlDir } from '../../../src/lint/lint-rtl.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimResult, CosimTarget, GoldenModel, PortSpec } from '../../../src/cosim/types.ts';

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

/**
 * Cosimulate on Verilator and Icarus: exhaustive on both when the inputs have <= 20 bits; otherwise
 * `count` seeded random vectors (plus corners) on Verilator and `icarusCount` (default count / 10,
 * at least 100) on Icarus, which is slower by orders of magnitude on wide gate-level logic.
 */
export async function cosimBoth(
  rtl: Rtl,
  golden: GoldenModel,
  opts: { count?: number; icarusCount?: number; seed?: number; vectors?: bigint[][][] } = {},
): Promise<{ failed: number; passed: number; vectorsDescription: string; report: string }> {
  const seed = opts.seed ?? 1;
  if (opts.vectors) {
    // explicit transactions: all on Verilator, the first tenth (>= 100) on Icarus
    const runs: CosimResult[] = [];
    const n = opts.icarusCount ?? Math.max(100, Math.floor(opts.vectors.length / 10));
    runs.push(await runCosim({ target: rtl.target, golden, vectors: opts.vectors, seed, sim: 'verilator' }));
    runs.push(await runCosim({ target: rtl.target, golden, vectors: opts.vectors.slice(0, n), seed, sim: 'icarus' }));
    return summarize(runs);
  }
  const inputBits = rtl.target.inputs.reduce((n, p) => n + p.width, 0);
  if (inputBits <= 20) {
    const r = await runCosim({ target: rtl.target, golden, seed, sim: 'both' });
    return { failed: r.failed, passed: r.passed, vectorsDescription: r.vectorsDescription, report: formatCosimReport(r) };
  }
  const count = opts.count ?? 1000;
  const runs: CosimResult[] = [];
  for (const [sim, n] of [['verilator', count], ['icarus', opts.icarusCount ?? Math.max(100, Math.floor(count / 10))]] as const) {
    runs.push(await runCosim({ target: rtl.target, golden, vectorOptions: { count: n, maxCorners: Math.min(n, 256) }, seed, sim }));
  }
  return summarize(runs);
}

function summarize(runs: CosimResult[]): { failed: number; passed: number; vectorsDescription: string; report: string } {
  return {
    failed: runs.reduce((n, r) => n + r.failed, 0),
    passed: runs.reduce((n, r) => n + r.passed, 0),
    vectorsDescription: runs.map((r) => `${r.runs[0]!.sim}: ${r.vectorsDescription}`).join('; '),
    report: runs.map((r) => formatCosimReport(r)).join('\n'),
  };
}

/** Output one port per heap column (its bits concatenated), named `<prefix>_c<j>`. */
export function probeHeap(m: ModuleBuilder, heap: BitHeap, prefix: string): void {
  heap.columns.forEach((bits, j) => {
    if (bits.length > 0) m.output(`${prefix}_c${j}`, cat(...bits));
  });
}

/** The value of a probed heap, `Σ_j popcount(column j) · 2^j + constant (mod 2^width)`, read from an IrSimulator. */
export function heapValue(sim: IrSimulator, heap: BitHeap, prefix: string): bigint {
  let v = heap.constant;
  heap.columns.forEach((bits, j) => {
    if (bits.length === 0) return;
    let c = sim.peek(`${prefix}_c${j}`);
    let ones = 0n;
    for (; c > 0n; c >>= 1n) ones += c & 1n;
    v += ones << BigInt(j);
  });
  return BigInt.asUintN(heap.width, v);
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

/** One cosim check of `rtlTests`: exhaustive (`exhaustive` = vectors per simulator) or seeded. */
export interface CosimCheck {
  readonly title: string;
  readonly rtl: Rtl;
  readonly golden: GoldenModel;
  /** Exhaustive run: the number of input combinations (each simulator runs all of them). */
  readonly exhaustive?: number;
  /** Seeded run: random `count` (+ corners) or explicit `vectors`; at least `minPassed` checks pass. */
  readonly seeded?: { count?: number; icarusCount?: number; seed?: number; vectors?: () => bigint[][][]; minPassed: number };
}

/** The standard RTL tests of a block file: every module lint-clean, then each cosim check on both simulators. */
export function rtlTests(checks: readonly CosimCheck[]): void {
  it('is lint-clean (Verilator -Wall, Icarus, Yosys)', async () => {
    for (const rtl of new Set(checks.map((c) => c.rtl))) expect(await lintProblems(rtl), rtl.target.top).toBe('');
  });
  for (const c of checks) {
    it(`${c.title} (${c.exhaustive ? 'exhaustive' : 'seeded'}, Verilator and Icarus)`, async () => {
      const sd = c.seeded;
      const r = await cosimBoth(c.rtl, c.golden, sd ? { count: sd.count, icarusCount: sd.icarusCount, seed: sd.seed, vectors: sd.vectors?.() } : {});
      expect(r.failed, r.report).toBe(0);
      if (c.exhaustive) {
        expect(r.vectorsDescription).toMatch(/exhaustive/);
        expect(r.passed).toBe(2 * c.exhaustive);
      } else expect(r.passed).toBeGreaterThanOrEqual(sd!.minPassed);
    });
  }
}
