/** `lowbit-hdl synth` end to end: a report per target, `--compare` with ratios, `--json`, errors. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'src/cli/bin.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });

describe('lowbit-hdl synth', () => {
  it('reports generic cells and CMOS transistors of a design file', () => {
    const r = cli(['synth', 'examples/khot-mul.ts', '--target', 'cmos']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/transistors/i);
  });

  it('compares two designs on Xilinx with ratios and writes JSON', () => {
    const json = join(mkdtempSync(join(tmpdir(), 'synth-')), 'cmp.json');
    const r = cli(['synth', 'examples/khot-mul.ts', '--param', 'k=1', '--target', 'xilinx', '--compare', 'examples/pipelined-madd.ts', '--json', json]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^metric\s+khot_mul\s+pipelined_madd\s+pipelined_madd\/khot_mul/m);
    expect(r.stdout).toMatch(/^dsp\s+0\s+1\s/m);
    const data = JSON.parse(readFileSync(json, 'utf8'));
    expect(data.a.top).toBe('khot_mul');
    expect(data.b.top).toBe('pipelined_madd');
    expect(data.rows.length).toBeGreaterThan(3);
  });

  it('rejects an unknown target with a usage error', () => {
    expect(cli(['synth', 'examples/khot-mul.ts', '--target', 'asic']).status).toBe(2);
  });
});

describe('lowbit-hdl synth --pnr', () => {
  it('places and routes on iCE40 and reports utilization and Fmax', () => {
    const json = join(mkdtempSync(join(tmpdir(), 'synth-pnr-')), 'pnr.json');
    const r = cli(['synth', 'test/fixtures/sweep/mul.ts', '--param', 'width=4', '--param', 'registered=true', '--target', 'ice40', '--pnr', '--device', 'hx8k', '--json', json]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/place and route: nextpnr-ice40 hx8k \(ct256\)/);
    expect(r.stdout).toMatch(/Fmax +\d+\.\d\d MHz/);
    const data = JSON.parse(readFileSync(json, 'utf8'));
    expect(data.pnr.lc.used).toBeGreaterThan(16);
    expect(data.pnr.wrapperFf).toBe(16);
    expect(data.fpga.lut.total).toBeGreaterThan(0);
    const bad = cli(['synth', 'test/fixtures/sweep/mul.ts', '--pnr']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--pnr needs --target ice40/);
    expect(cli(['synth', 'test/fixtures/sweep/mul.ts', '--target', 'ice40', '--pnr', '--device', 'lp1k']).stderr).toMatch(/--device must be one of up5k, hx8k/);
  });
});
