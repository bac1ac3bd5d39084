import { describe, expect, it } from 'vitest';
import { formatCosimReport, formatMismatch } from '../../src/cosim/report.ts';
import type { CosimResult, Mismatch, SimRun } from '../../src/cosim/types.ts';

const inputs = [{ name: 'a', width: 8, signed: true }, { name: 'b', width: 8, signed: true }];
const outputs = [{ name: 'p', width: 16, signed: true }];
const mm = (index: number, sim: 'verilator' | 'icarus'): Mismatch => ({
  sim,
  index,
  cycle: index + 2,
  inputs: [[-128n, 1n]],
  expected: [[-128n]],
  actual: [[128n]],
});
const run = (sim: 'verilator' | 'icarus', failed: number, mismatches: Mismatch[]): SimRun => ({
  sim,
  passed: 10 - failed,
  failed,
  mismatches,
  compiled: sim === 'verilator',
  buildMs: 1234,
  runMs: 56,
  cycles: 12,
  buildDir: '/b',
  notes: [],
});

describe('formatCosimReport', () => {
  it('prints per-simulator summaries, mismatches in decimal and hex with the cycle, and ends with the totals line', () => {
    const r: CosimResult = {
      top: 'mul8s',
      protocol: 'pipelined',
      vectors: 10,
      vectorsDescription: 'explicit 10',
      passed: 13,
      failed: 7,
      mismatches: [mm(3, 'verilator'), mm(4, 'verilator'), mm(3, 'icarus')],
      runs: [run('verilator', 6, [mm(3, 'verilator'), mm(4, 'verilator')]), run('icarus', 1, [mm(3, 'icarus')])],
      inputs,
      outputs,
    };
    const text = formatCosimReport(r, { maxShown: 1 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('cosim mul8s [pipelined] 10 vectors (explicit 10)');
    expect(text).toContain('verilator: 10 checked, 6 mismatching; 12 cycles; built in 1.23 s, ran in 56 ms');
    expect(text).toContain('icarus: 10 checked, 1 mismatching; 12 cycles; cached build');
    expect(text).toContain('mismatch 1 of 6 on verilator: transaction 3, cycle 5');
    expect(text).toContain('  inputs   a = -128 (0x80), b = 1 (0x01)');
    expect(text).toContain('  expected p = -128 (0xff80)');
    expect(text).toContain('  actual   p = 128 (0x0080) *');
    expect(text).toContain('... 5 more mismatching on verilator');
    expect(text).not.toContain('transaction 4,');
    expect(lines[lines.length - 1]).toBe('13 passed, 7 failed');
  });

  it('labels beats of multi-beat transactions', () => {
    const m: Mismatch = { sim: 'icarus', index: 0, cycle: 9, inputs: [[1n, 2n], [3n, 4n]], expected: [[5n], [6n]], actual: [[5n], [7n]], note: 'n' };
    const lines = formatMismatch(m, 1, 1, inputs, outputs);
    expect(lines[0]).toBe('mismatch 1 of 1 on icarus: transaction 0, cycle 9 (n)');
    expect(lines).toContain('  inputs   beat 0: a = 1 (0x01), b = 2 (0x02)');
    expect(lines).toContain('           beat 1: a = 3 (0x03), b = 4 (0x04)');
    expect(lines).toContain('           beat 1: p = 7 (0x0007) *');
  });
});
