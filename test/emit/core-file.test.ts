/**
 * The FuseSoC core of a generated design (src/emit/core-file.ts), checked the way FuseSoC and
 * edalize would take it (capi2-check.ts: FuseSoC itself cannot be installed here): valid CAPI2 read
 * as YAML 1.1, the backends' documented options, and every target's commands run from a work root
 * in another directory — Verilator lint (-Wall clean), Icarus compile + vvp, Yosys synth_xilinx to a
 * JSON netlist. User text that YAML would misread (a `#`, `: `, a top named `on`) stays intact.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { module, uint, sint, elaborate } from '../../src/index.ts';
import { emitDesign } from '../../src/emit/emit-design.ts';
import { coreVlnv, renderCoreFile } from '../../src/emit/core-file.ts';
import type { IrDesign } from '../../src/ir/types.ts';
import { capi2Problems, runTarget } from './capi2-check.ts';

const DOC = 'Acc: a # is no comment - [x] {y} & *z: "quoted" \\ done';

/** A clocked child under a documented top: two files, a reset, a doc YAML would misread unquoted. */
function clocked(): IrDesign {
  const child = module('acc', (m) => {
    const x = m.input('x', sint(8));
    const r = m.reg('r', sint(9), { reset: 0 });
    r.set(x.add(1));
    m.output('y', r);
  });
  return elaborate(module('acc_top', (m) => void m.output('y', m.instance('u0', child, { x: m.input('a', sint(8)) }).y!), { doc: DOC })).design;
}

/** A combinational top whose name YAML 1.1 reads as a boolean when unquoted. */
function namedOn(): IrDesign {
  return elaborate(module('on', (m) => void m.output('y', m.input('a', uint(4)).not()), { clock: null })).design;
}

let base: string;
const dirs: Record<string, string> = {};
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'lowbit-core-'));
  for (const [key, design] of [['clocked', clocked()], ['on', namedOn()]] as const) {
    const dir = join(base, 'ip', key);
    mkdirSync(dir, { recursive: true });
    for (const [f, text] of emitDesign(design, { version: '1.2.3', source: `${key}.ts`, params: { n: 1 } })) writeFileSync(join(dir, f), text);
    dirs[key] = dir;
  }
  mkdirSync(join(base, 'build'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the .core of a generated design', () => {
  it('is valid CAPI2 with the backends\' documented options; user text and names read back exactly', () => {
    const text = readFileSync(join(dirs.clocked!, 'acc_top.core'), 'utf8');
    expect(capi2Problems(text, dirs.clocked!)).toEqual([]);
    const core = parse(text, { version: '1.1' }) as { name: string; description: string; filesets: { rtl: { files: string[]; file_type: string } }; targets: Record<string, { toplevel: string; default_tool?: string }> };
    expect(core.name).toBe(coreVlnv('acc_top', { version: '1.2.3', source: 'clocked.ts', params: { n: 1 } }));
    expect(core.description).toBe(DOC);
    expect(core.filesets.rtl).toEqual({ files: ['acc.v', 'acc_top.v'], file_type: 'verilogSource-2005' });
    expect(Object.fromEntries(Object.entries(core.targets).map(([k, t]) => [k, [t.default_tool ?? null, t.toplevel]]))).toEqual({ default: [null, 'acc_top'], lint: ['verilator', 'acc_top'], sim: ['icarus', 'acc_top'], synth: ['yosys', 'acc_top'] });

    const on = readFileSync(join(dirs.on!, 'on.core'), 'utf8');
    expect(capi2Problems(on, dirs.on!)).toEqual([]);
    expect((parse(on, { version: '1.1' }) as { targets: { synth: { toplevel: unknown } } }).targets.synth.toplevel).toBe('on');
  });

  it('the check is not vacuous: it names what the unquoted, arch-less, scalar-option forms get wrong', () => {
    const good = readFileSync(join(dirs.on!, 'on.core'), 'utf8');
    const broken = good.replace(/toplevel: "on"/g, 'toplevel: on').replace('        arch: xilinx\n', '').replace('iverilog_options: [-g2005]', 'iverilog_options: -g2005').replace('verilogSource-2005', 'verilog');
    expect(capi2Problems(broken, dirs.on!)).toEqual([
      'target default: toplevel is not a string',
      'target lint: toplevel is not a string',
      "target lint: verilator does not read file_type 'verilog'",
      'target sim: toplevel is not a string',
      'target sim: icarus.iverilog_options must be a list of strings',
      "target sim: icarus does not read file_type 'verilog'",
      'target synth: toplevel is not a string',
      "target synth: yosys requires 'arch'",
      "target synth: yosys does not read file_type 'verilog'",
    ]);
    expect(capi2Problems(good.replace('name: "lowbit-hdl:generated:', 'name: "'), dirs.on!)).toEqual([expect.stringMatching(/is not a full vendor:library:name:version VLNV$/)]);
  });

  it('lint, sim and synth run as edalize runs them, from a work root in another directory', async () => {
    const core = join(dirs.clocked!, 'acc_top.core');
    const [lint, sim, synth] = await Promise.all(['lint', 'sim', 'synth'].map((t) => runTarget(core, t, join(base, 'build'))));
    for (const r of [lint!, sim!, synth!]) for (const s of r.steps) expect(s.exitCode, `${s.cmd}\n${s.output}`).toBe(0);
    expect(lint!.steps.map((s) => s.cmd)).toEqual([expect.stringMatching(/^verilator -f lowbit-hdl_generated_acc_top_[0-9a-f]{8}_1\.2\.3\.vc -Wall$/)]);
    expect(lint!.steps[0]!.output).not.toMatch(/%Warning/);
    expect(sim!.steps.map((s) => s.cmd.split(' ')[0])).toEqual(['iverilog', 'vvp']);
    expect(sim!.steps[0]!.cmd).toMatch(/ -g2005$/);
    const netlist = JSON.parse(readFileSync(join(synth!.workRoot, `${parse(readFileSync(core, 'utf8'), { version: '1.1' }).name.replace(/:/g, '_')}.json`), 'utf8')) as { modules: Record<string, { cells: Record<string, { type: string }> }> };
    const cells = (m: string): string[] => Object.values(netlist.modules[m]!.cells).map((c) => c.type);
    expect(cells('acc_top')).toContain('acc'); // the hierarchy is kept: the top instantiates the child
    expect(cells('acc').filter((c) => c === 'FDRE')).toHaveLength(9); // the 9-bit register, on Xilinx flops
    expect(existsSync(join(synth!.workRoot, 'yosys.log'))).toBe(true);
  }, 300_000);
});

describe('coreVlnv and renderCoreFile', () => {
  it('one VLNV per parameter set (and per source file), stable for the same set in any key order', () => {
    const v = (params: Record<string, unknown>, source = 'small.ts'): string => coreVlnv('top', { version: '9.9.9', source, params });
    expect(v({ n: 2, mode: 'x' })).toBe(v({ mode: 'x', n: 2 }));
    expect(new Set([v({ n: 2, mode: 'x' }), v({ n: 3, mode: 'x' }), v({ n: 2, mode: 'y' }), v({ n: 2, mode: 'x' }, 'other.ts')]).size).toBe(4);
    expect(v({ n: 2 })).toMatch(/^lowbit-hdl:generated:top_[0-9a-f]{8}:9\.9\.9$/);
    expect(coreVlnv('top', { version: '1.0.0 beta/2' })).toMatch(/:1\.0\.0-beta-2$/);
  });

  it('folds the description to one line and quotes every user string', () => {
    const text = renderCoreFile('t', ['a.v', 't.v'], 'two\n  lines: here', { version: '0.0.1' });
    expect(text).toContain('\ndescription: "two lines: here"\n');
    expect(text).toContain('      - "a.v"\n      - "t.v"\n');
    expect(text.match(/toplevel: "t"\n/g)).toHaveLength(4);
    expect(text.startsWith('CAPI=2:\n# Generated by lowbit-hdl 0.0.1. Do not edit: regenerate.\n')).toBe(true);
  });
});
