/** `lowbit-hdl synth` end to end: a report per target, `--compare` with ratios, `--json`, errors. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../src/cli/command-line.ts';
import { synthCommand } from '../../src/cli/commands/synth.ts';

const ROOT = join(import.meta.dirname, '../..');
/** The osu018 liberty of the Debian package qflow-tech-osu018 (.ci/run installs it). */
const OSU018 = '/usr/share/qflow/tech/osu018/osu018_stdcells.lib';
const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'src/cli/bin.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
/** A small TPE array (W 2, 1 x 2, k 2) on asic, per module, native Yosys: the result and its JSON report. */
const perModule = (example: string) => {
  const json = join(mkdtempSync(join(tmpdir(), 'synth-')), 'hier.json');
  const r = cli([
    'synth', example, '--param', 'W=2', '--param', 'm=1', '--param', 'k=2', '--param', 'n=2',
    '--target', 'asic', '--liberty', OSU018, '--hierarchy', 'per-module', '--yosys', 'native', '--json', json,
  ]);
  return { r, data: r.status === 0 ? JSON.parse(readFileSync(json, 'utf8')) : null };
};

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
    expect(cli(['synth', 'examples/khot-mul.ts', '--target', 'asick']).status).toBe(2);
  });

  it('asic: liberty area, ABC delay and, with --macs-per-cycle, throughput / (area x delay); --compare ratios', () => {
    const json = join(mkdtempSync(join(tmpdir(), 'synth-')), 'asic.json');
    const r = cli([
      'synth', 'examples/khot-mul.ts', '--param', 'k=1', '--target', 'asic', '--liberty', OSU018, '--macs-per-cycle', '1',
      '--compare', 'examples/khot-mul.ts', '--compare-param', 'k=2', '--compare-macs-per-cycle', '2', '--json', json,
    ]);
    expect(r.status, r.stderr).toBe(0);
    for (const m of ['area', 'delay.ps', 'area\\*delay', 'macs/cycle', 'gmac/s/mm2', 'transistors']) {
      expect(r.stdout).toMatch(new RegExp(`^${m}\\s+\\S+\\s+\\S+\\s+\\d+\\.\\d{3}$`, 'm'));
    }
    const data = JSON.parse(readFileSync(json, 'utf8'));
    for (const side of [data.a, data.b]) {
      expect(side.timing.delayPs).toBeGreaterThan(0);
      expect(side.efficiency.gmacPerSPerMm2).toBeCloseTo((side.efficiency.macsPerCycle * 1000 * 1e6) / side.timing.delayPs / side.liberty.area, 6);
    }
    expect(data.a.efficiency.macsPerCycle).toBe(1);
    expect(data.b.efficiency.macsPerCycle).toBe(2);
  });

  it('asic --hierarchy per-module --yosys native: each PE mapped once, hierarchy totals, delay per module', () => {
    const { r, data } = perModule('examples/tpe-systolic-ws.ts');
    expect(r.status, r.stderr).toBe(0);
    expect(data.tool.engine).toBe('native');
    expect(data.options.hierarchy).toBe('per-module');
    expect(data.script).not.toContain('-flatten');
    expect(data.liberty.area).toBeGreaterThan(0);
    const modules = Object.keys(data.timing.byModule);
    expect(modules.some((m: string) => m.startsWith('tpe_ws_pe_base'))).toBe(true);
    expect(data.timing.delayPs).toBe(Math.max(...(Object.values(data.timing.byModule) as number[])));
    // The validity condition, checked on the design (every WS PE registers its outputs).
    expect(data.boundary).toMatchObject({ exact: true, crossings: [] });
    expect(r.stdout).toContain('per-module delay is exact: no combinational path crosses a module boundary');
  });

  it('asic --hierarchy per-module on a design with a boundary path: a lower-bound warning naming the ports, exit 0', () => {
    const { r, data } = perModule('examples/tpe-systolic-os.ts');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^warning: per-module delay is a lower bound: \d+ of \d+ instance ports/m);
    expect(r.stdout).toMatch(/^ {2}ctrl\.step \[output\] /m);
    expect(data.boundary.exact).toBe(false);
    expect(data.boundary.crossings).toEqual(expect.arrayContaining([expect.objectContaining({ instance: 'ctrl', port: 'step', dir: 'output' })]));
  });

  it('rejects a bad --hierarchy or --yosys, and --hierarchy on an FPGA target (usage errors, before any run)', async () => {
    const p = { out: () => {}, err: () => {} };
    const cases: [string[], RegExp][] = [
      [['--hierarchy', 'nested'], /--hierarchy must be one of flat, per-module/],
      [['--target', 'xilinx', '--hierarchy', 'flat'], /--hierarchy applies to the ASIC targets/],
      [['--yosys', 'fast'], /--yosys must be one of auto, wasm, native/],
    ];
    for (const [args, msg] of cases) {
      const err = await synthCommand(['examples/khot-mul.ts', ...args], p).catch((e: unknown) => e);
      expect(err, String(msg)).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(msg);
    }
  });

  it('asic without --liberty, or --macs-per-cycle without a delay figure, is refused with a hint', () => {
    const a = cli(['synth', 'examples/khot-mul.ts', '--target', 'asic']);
    expect(a.status).toBe(1);
    expect(a.stderr).toMatch(/target 'asic' needs a liberty file — .*qflow-tech-osu018/);
    expect(a.stderr).not.toMatch(/\n\s+at /);
    const b = cli(['synth', 'examples/khot-mul.ts', '--macs-per-cycle', '4']);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/--macs-per-cycle needs a delay figure/);
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
