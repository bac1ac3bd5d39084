import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../src/diag/error.ts';
import { BuildRejected } from '../../src/cosim/build-cache.ts';
import { formatCosimReport } from '../../src/cosim/report.ts';
import { runCosim } from '../../src/cosim/run-cosim.ts';
import { beatLayout } from '../../src/cosim/layout.ts';
import type { CosimTarget, GoldenBatch, GoldenModel, PortSpec } from '../../src/cosim/types.ts';
import { loadVectorFile } from '../../src/cosim/vector-file.ts';

const fx = (f: string): string => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));
const s = (name: string, width: number): PortSpec => ({ name, width, signed: true });
const u = (name: string, width: number): PortSpec => ({ name, width, signed: false });
const rst = { name: 'rst', activeLow: false };

const mul8s = (top = 'mul8s'): CosimTarget => ({
  top,
  files: [fx(`${top}.v`)],
  inputs: [s('a', 8), s('b', 8)],
  outputs: [s('p', 16)],
  protocol: { kind: 'comb' },
});
const mulGolden: GoldenModel = ([[a, b]]) => [[a * b]];
const mulBatch: GoldenBatch = ([[a, b]], [[p]], n) => {
  for (let i = 0; i < n; i++) p[i] = a[i] * b[i];
};

describe('runCosim: protocols on both simulators', () => {
  it('comb 8x8 signed multiplier, exhaustive 2^16, Verilator and Icarus', async () => {
    const r = await runCosim({ target: mul8s(), golden: mulGolden, sim: 'both' });
    expect(r.vectors).toBe(65536);
    expect(r.vectorsDescription).toBe('exhaustive 2^16');
    expect(r.runs.map((x) => [x.sim, x.passed, x.failed, x.cycles])).toEqual([
      ['verilator', 65536, 0, 65536],
      ['icarus', 65536, 0, 65536],
    ]);
    expect([r.passed, r.failed]).toEqual([131072, 0]);
    expect(formatCosimReport(r).split('\n').at(-1)).toBe('131072 passed, 0 failed');
  });

  it('pipelined MAC with latency 2 and reset; a wrong declared latency fails', async () => {
    const target: CosimTarget = {
      top: 'mac_pipe2',
      files: [fx('mac_pipe2.v')],
      reset: rst,
      inputs: [s('a', 8), s('b', 8), s('c', 16)],
      outputs: [s('y', 17)],
      protocol: { kind: 'pipelined', latency: 2 },
    };
    const golden: GoldenModel = ([[a, b, c]]) => [[a * b + c]];
    const r = await runCosim({ target, golden, sim: 'both', vectorOptions: { count: 2000 } });
    expect(r.failed).toBe(0);
    expect(r.passed).toBe(2 * r.vectors);
    for (const run of r.runs) expect(run.cycles).toBe(2 + r.vectors + 2);
    const wrong = await runCosim({ target: { ...target, protocol: { kind: 'pipelined', latency: 1 } }, golden, vectorOptions: { count: 200 } });
    expect(wrong.failed).toBeGreaterThan(190);
    expect(wrong.mismatches[0].cycle).toBe(2 + wrong.mismatches[0].index + 1);
  });

  it('stream serial multiplier (variable latency) under random backpressure: same cycles on both simulators', async () => {
    const target: CosimTarget = {
      top: 'serial_mul',
      files: [fx('serial_mul.v')],
      reset: rst,
      inputs: [u('a', 8), u('b', 8)],
      outputs: [u('p', 16)],
      protocol: { kind: 'stream' },
    };
    const opts = { target, golden: mulGolden, vectorOptions: { exhaustiveMaxBits: 8, count: 1500 }, seed: 7 };
    const r = await runCosim({ ...opts, sim: 'both', backpressure: { bubble: 0.3, stall: 0.5 } });
    expect(r.failed).toBe(0);
    expect(r.passed).toBe(2 * r.vectors);
    expect(r.runs[0].cycles).toBe(r.runs[1].cycles);
    const smooth = await runCosim({ ...opts, backpressure: { bubble: 0, stall: 0 } });
    expect(smooth.failed).toBe(0);
    // Latency 2..10 cycles per transaction plus acceptance: backpressure only adds cycles.
    expect(smooth.runs[0].cycles).toBeGreaterThan(3 * r.vectors);
    expect(r.runs[0].cycles).toBeGreaterThan(smooth.runs[0].cycles);
  });

  it('multi-beat stream transactions (2 beats in -> 2 beats out)', async () => {
    const target: CosimTarget = {
      top: 'sumdiff2',
      files: [fx('sumdiff2.v')],
      reset: rst,
      inputs: [s('x', 8)],
      outputs: [s('y', 9)],
      protocol: { kind: 'stream' },
      beats: { in: 2, out: 2 },
    };
    const golden: GoldenModel = ([[x0], [x1]]) => [[x0 + x1], [x0 - x1]];
    const r = await runCosim({ target, golden, sim: 'both', vectorOptions: { exhaustiveMaxBits: 12, count: 1500 } });
    expect([r.failed, r.passed]).toEqual([0, 2 * r.vectors]);
    const bad = await runCosim({ target, golden: ([[x0], [x1]]) => [[x0 + x1], [x1 - x0]], vectorOptions: { exhaustiveMaxBits: 12, count: 300 } });
    expect(bad.failed).toBeGreaterThan(250);
    expect(bad.mismatches[0].actual[1][0]).toBe(bad.mismatches[0].inputs[0][0] - bad.mismatches[0].inputs[1][0]);
  });

  it('100-bit adder (VlWide ports) with seeded random vectors and corners', async () => {
    const target: CosimTarget = {
      top: 'add100',
      files: [fx('add100.v')],
      inputs: [u('a', 100), u('b', 100)],
      outputs: [u('s', 101)],
      protocol: { kind: 'comb' },
    };
    const r = await runCosim({ target, golden: ([[a, b]]) => [[a + b]], sim: 'both', vectorOptions: { count: 2000 } });
    expect(r.vectorsDescription).toMatch(/^random 2000 \+ \d+ corners, seed 1$/);
    expect([r.failed, r.passed]).toEqual([0, 2 * r.vectors]);
    const off = await runCosim({ target, golden: ([[a, b]]) => [[(a + b) & ((1n << 100n) - 1n)]], vectorOptions: { count: 500 } });
    expect(off.failed).toBeGreaterThan(0);
    expect(off.mismatches[0].actual[0][0] >> 100n).toBe(1n);
  });
});

describe('runCosim: failures', () => {
  it('a wrong DUT reports its first mismatches with inputs, expected and actual in decimal and hex and the cycle', async () => {
    const r = await runCosim({ target: mul8s('mul8s_wrong'), golden: mulGolden, sim: 'both', maxMismatches: 3 });
    const [v, i] = r.runs;
    expect(v.failed).toBe(i.failed);
    expect(v.failed).toBeGreaterThan(40000);
    expect(v.mismatches).toHaveLength(3);
    expect(v.mismatches.map((m) => m.index)).toEqual(i.mismatches.map((m) => m.index));
    // Exhaustive order puts a in the low byte: a = -128, b = 1 is the first wrong product.
    expect(v.mismatches[0]).toMatchObject({ index: 384, cycle: 384, inputs: [[-128n, 1n]], expected: [[-128n]], actual: [[128n]] });
    const text = formatCosimReport(r, { maxShown: 2 });
    expect(text).toContain('mismatch 1 of ' + v.failed + ' on verilator: transaction 384, cycle 384');
    expect(text).toContain('inputs   a = -128 (0x80), b = 1 (0x01)');
    expect(text).toContain('expected p = -128 (0xff80)');
    expect(text).toContain('actual   p = 128 (0x0080) *');
    expect(text.split('\n').at(-1)).toBe(`${r.passed} passed, ${r.failed} failed`);
  });

  /** A stream DUT whose out_valid never rises. */
  const neverValid = (): CosimTarget => ({
    top: 'never_valid',
    files: [fx('never_valid.v')],
    reset: rst,
    inputs: [u('a', 8)],
    outputs: [u('y', 8)],
    protocol: { kind: 'stream' },
  });

  it.each(['verilator', 'icarus'] as const)('detects a stream DUT that never asserts out_valid (%s) and names the cycle', async (sim) => {
    const target = neverValid();
    const run = runCosim({ target, golden: ([[a]]) => [[a]], sim, hangCycles: 300 });
    await expect(run).rejects.toThrow(LowbitError);
    // Reset takes cycles 0-1; with no output beat ever, the harness gives up 300 cycles later.
    await expect(run).rejects.toThrow(
      new RegExp(
        `cosim: 'never_valid' hung on ${sim} at cycle 303: never produced an output beat for 300 cycles ` +
          `\\(0 of 256 output beats delivered, \\d+ of 256 input beats accepted\\)`,
      ),
    );
  });

  it.each(['verilator', 'icarus'] as const)('leaves a VCD up to the hang (%s)', async (sim) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-cosim-hang-'));
    const target = neverValid();
    const file = path.join(dir, `never_valid-${sim}.vcd`);
    await expect(runCosim({ target, golden: ([[a]]) => [[a]], sim, hangCycles: 100, waves: { dir } })).rejects.toThrow(`; waves: ${file}`);
    const times = [...readFileSync(file, 'utf8').matchAll(/^#(\d+)$/gm)].map((m) => Number(m[1]));
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBeGreaterThanOrEqual(1020);
  });

  it.each(['verilator', 'icarus'] as const)('detects an extra output beat (%s)', async (sim) => {
    const target: CosimTarget = {
      top: 'two_beats_out',
      files: [fx('two_beats_out.v')],
      reset: rst,
      inputs: [u('x', 8)],
      outputs: [u('y', 8)],
      protocol: { kind: 'stream' },
    };
    await expect(runCosim({ target, golden: ([[x]]) => [[x]], sim, vectors: [[[5n]]] })).rejects.toThrow(
      new RegExp(`'two_beats_out' produced an extra output beat at cycle \\d+ on ${sim}, after all 1 expected beats`),
    );
  });

  it('fails the build on Verilator lint warnings (no -Wno-fatal)', async () => {
    const target: CosimTarget = { top: 'lint_width', files: [fx('lint_width.v')], inputs: [u('a', 8), u('b', 8)], outputs: [u('y', 8)], protocol: { kind: 'comb' } };
    const run = runCosim({ target, golden: ([[a]]) => [[a]] });
    await expect(run).rejects.toThrow(BuildRejected);
    await expect(run).rejects.toThrow(/verilator rejected 'lint_width':[\s\S]*%Warning-WIDTH/);
  });

  it('counts outputs with X/Z bits on Icarus as failures with a note', async () => {
    const target: CosimTarget = {
      top: 'partial_x',
      files: [fx('partial_x.v')],
      inputs: [u('a', 3)],
      outputs: [u('y', 4)],
      protocol: { kind: 'pipelined', latency: 0 },
    };
    const r = await runCosim({ target, golden: ([[a]]) => [[a]], sim: 'both' });
    expect(r.runs.map((x) => [x.sim, x.passed, x.failed])).toEqual([['verilator', 8, 0], ['icarus', 0, 8]]);
    expect(r.runs[1].mismatches[0]).toMatchObject({ index: 0, cycle: 0, note: 'output has X/Z bits (read as 0)' });
  });
});

describe('runCosim: builds, vectors, waves', () => {
  it('reuses the cached build on a rerun with unchanged RTL (the compiler is not invoked)', async () => {
    const buildDir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-cosim-cache-'));
    const opts = { target: mul8s(), golden: mulGolden, sim: 'both' as const, buildDir, vectors: [[[3n, -4n]], [[-128n, -128n]]] };
    const first = await runCosim(opts);
    const second = await runCosim(opts);
    expect(first.runs.map((r) => r.compiled)).toEqual([true, true]);
    expect(second.runs.map((r) => r.compiled)).toEqual([false, false]);
    expect(second.runs[0].buildDir).toBe(first.runs[0].buildDir);
    expect(second.runs[0].buildMs).toBeLessThan(first.runs[0].buildMs);
    expect(second.passed).toBe(4);
  });

  it('goldenBatch gives the same verdicts as the BigInt golden model', async () => {
    const a = await runCosim({ target: mul8s('mul8s_wrong'), golden: mulGolden });
    const b = await runCosim({ target: mul8s('mul8s_wrong'), golden: mulGolden, goldenBatch: mulBatch });
    expect([b.passed, b.failed]).toEqual([a.passed, a.failed]);
    expect(b.mismatches).toEqual(a.mismatches);
  });

  it('runs explicit vectors and JSONL vector files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-cosim-vec-'));
    const file = path.join(dir, 'v.jsonl');
    writeFileSync(file, '{"a": -128, "b": 1}\n{"a": "0x7f", "b": "-0x80"}\n[[3, 5]]\n');
    const vs = loadVectorFile(file, beatLayout(mul8s().inputs));
    const r = await runCosim({ target: mul8s('mul8s_wrong'), golden: mulGolden, vectors: vs });
    expect([r.vectors, r.passed, r.failed]).toEqual([3, 1, 2]);
    expect(r.mismatches.map((m) => m.index)).toEqual([0, 1]);
    expect(r.mismatches[1].inputs).toEqual([[127n, -128n]]);
    const e = await runCosim({ target: mul8s(), golden: mulGolden, vectors: [[[1n, 2n]]] });
    expect([e.vectors, e.passed]).toEqual([1, 1]);
  });

  it('writes a whole-run VCD for small runs and a window around the first mismatch otherwise', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-cosim-waves-'));
    const small = await runCosim({ target: mul8s('mul8s_wrong'), golden: mulGolden, sim: 'both', waves: { dir }, vectors: [[[1n, 1n]], [[-1n, 1n]]] });
    for (const run of small.runs) {
      const vcd = readFileSync(run.wavesFile!, 'utf8');
      expect(run.wavesFile).toBe(path.join(dir, `mul8s_wrong-${run.sim}.vcd`));
      expect(vcd).toMatch(/\$timescale\s+1ns/);
      expect(vcd).toMatch(/^#0$/m);
      expect(vcd).toMatch(/^#10$/m);
    }
    const big = await runCosim({ target: mul8s('mul8s_wrong'), golden: mulGolden, waves: { dir, window: 50 } });
    const vcd = readFileSync(big.runs[0].wavesFile!, 'utf8');
    const times = [...vcd.matchAll(/^#(\d+)$/gm)].map((m) => Number(m[1]));
    expect(times[0]).toBe((384 - 50) * 10);
    expect(times.at(-1)).toBe((384 + 10) * 10);
  });
});
