import { describe, it, expect } from 'vitest';
import { doctorCommand } from '../../../src/cli/commands/doctor.ts';
import type { Printer } from '../../../src/cli/command-line.ts';

describe('lowbit-hdl doctor', () => {
  it('lists node and every tool with its version; exit 0 when the required ones are present', async () => {
    let out = '';
    const p: Printer = { out: (s) => void (out += s), err: () => {} };
    const code = await doctorCommand([], p);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^node\s+v\d+\.\d+\.\d+$/);
    expect(out).toMatch(/^verilator\s+Verilator 5\./m);
    expect(out).toMatch(/^iverilog\s+Icarus Verilog version 1\d/m);
    expect(out).toMatch(/^c\+\+ compiler\s+\S/m);
    expect(out).toMatch(/^yosys \(system\)\s+(\S.*)$/m); // a version, or MISSING with an install hint (optional tool)
    if (/^yosys \(system\)\s+MISSING$/m.test(out)) expect(out).toMatch(/install: optional: sudo apt-get install -y yosys/);
    expect(out).toMatch(/^@yowasp\/yosys\s+available$/m);
    expect(lines[lines.length - 1]).toBe('all required tools are present');
    expect(code).toBe(0);
  });

  it('takes no arguments', async () => {
    await expect(doctorCommand(['extra'], { out: () => {}, err: () => {} })).rejects.toThrow('expected 0 arguments, got 1');
  });
});
