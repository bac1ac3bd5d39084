import { describe, expect, it } from 'vitest';
import { runWasm } from '../../src/synth/run-wasm.ts';
import { adder } from './verilog-fixtures.ts';

describe('runWasm', () => {
  it('runs a script on the virtual filesystem and returns log and new files only', async () => {
    const r = await runWasm('read_verilog src/add.v\nhierarchy -top add\ntee -q -o report/stat.txt stat\n', {
      'src/add.v': adder('add', 4),
      'report/keep.txt': 'x',
    });
    expect(r.exitCode).toBe(0);
    expect(r.log).toMatch(/Yosys \d+\.\d+/);
    expect(r.log).toContain('Executing Verilog-2005 frontend: src/add.v');
    expect(Object.keys(r.files)).toEqual(['report/stat.txt']);
    expect(r.files['report/stat.txt']).toContain('=== add ===');
  });
  it('returns a Yosys error as a non-zero exit code with the ERROR in the log', async () => {
    const r = await runWasm('read_verilog src/missing.v\n', {});
    expect(r.exitCode).not.toBe(0);
    expect(r.log).toMatch(/ERROR: .*missing\.v/);
  });
});
