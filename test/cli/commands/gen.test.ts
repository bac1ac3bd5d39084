import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli, runCliBatch, ROOT, type CliResult } from '../run-cli.ts';
import { lintAll, readRtlDir, type LintResult } from '../../../src/lint/lint-rtl.ts';

const files = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.ts')).sort();
const MAC = join(ROOT, 'examples/mac-int8.ts');
const KW = join(ROOT, 'test/fixtures/good/keyword-name.ts');

let base: string;
/** `lowbit-hdl gen` of each example through src/cli/bin.mjs, into base/a/<example>. */
const binRuns = new Map<string, CliResult>();
/** Lint of base/a/<example>. */
const lints = new Map<string, LintResult[]>();
/** One batch process (cwd = base): each example into base/b/<example>, then the option cases. */
let batch: CliResult[];
const OPTION_CASES: string[][] = [
  ['gen', MAC, '-o', 'locs', '--src-locs'],
  ['gen', MAC, '-o', 'single', '--single-file', '--top', 'mac_top'],
  ['gen', MAC, '-o', 'param', '--param', 'accWidth=20', '--param', 'length=8'],
  ['gen', KW, '-o', 'kw'],
  ['gen', MAC, '--list-params'],
  ['gen', join(ROOT, 'test/fixtures/good/no-params.ts')],
];
const option = (k: number): CliResult => batch[EXAMPLES.length + k]!;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'lowbit-gen-'));
  const examplesDone = Promise.all(
    EXAMPLES.map(async (ex) => {
      const name = basename(ex, '.ts');
      const r = await runCli(['gen', `examples/${ex}`, '-o', join(base, 'a', name)]);
      binRuns.set(ex, r);
      lints.set(ex, r.code === 0 ? await lintAll(readRtlDir(join(base, 'a', name))) : []);
    }),
  );
  batch = await runCliBatch([...EXAMPLES.map((ex) => ['gen', join(ROOT, 'examples', ex), '-o', join(base, 'b', basename(ex, '.ts'))]), ...OPTION_CASES], base);
  await examplesDone;
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/**
 * Every design in examples/ (found by listing the folder, so new examples are covered without
 * editing this test): `lowbit-hdl gen` in a subprocess, and again in another process (the batch
 * runner, same loader and main()); both outputs must be byte-identical, and the RTL must pass
 * Verilator -Wall, Icarus and Yosys without a warning.
 */
describe('every example: gen, determinism, lint', () => {
  it('finds the examples', () => {
    expect(EXAMPLES).toEqual(expect.arrayContaining(['mac-int8.ts', 'pipelined-madd.ts']));
  });

  EXAMPLES.forEach((ex, k) => {
    describe(ex, () => {
      it('gen exits 0, prints no warning, writes the five kinds of files', () => {
        const a = binRuns.get(ex)!;
        expect([a.code, batch[k]!.code, a.stderr]).toEqual([0, 0, '']);
        expect(a.stdout).toMatch(/^wrote .+\/ \(\d+ modules?, top \w+, \d+ files\)$/);
        const names = Object.keys(files(join(base, 'a', basename(ex, '.ts'))));
        expect(names).toEqual(expect.arrayContaining(['README.md', 'manifest.json']));
        expect(names.filter((n) => n.endsWith('.f'))).toHaveLength(1);
        expect(names.filter((n) => n.endsWith('.core'))).toHaveLength(1);
        expect(names.filter((n) => n.endsWith('.v')).length).toBeGreaterThan(0);
        expect(names.filter((n) => n.endsWith('-timing.svg'))).toHaveLength(1);
      });

      it('datasheet and manifest state the timing of the cosim spec, with a WaveDrom SVG of one transaction', async () => {
        const dir = join(base, 'a', basename(ex, '.ts'));
        const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
        const { default: design } = await import(join(ROOT, 'examples', ex));
        const spec = design.cosim(design.defaults);
        expect(m.protocol).toBe(spec.protocol.kind);
        expect(m.latency).toBe(spec.protocol.kind === 'pipelined' ? spec.protocol.latency : spec.protocol.kind === 'comb' ? 0 : null);
        expect(m.timing.beats).toEqual(spec.beats ?? { in: 1, out: 1 });
        const readme = readFileSync(join(dir, 'README.md'), 'utf8');
        const timing = readme.slice(readme.indexOf('## Timing'), readme.indexOf('## Parameters'));
        if (spec.protocol.kind === 'pipelined') expect(timing).toContain(`(latency ${spec.protocol.latency})`);
        if (spec.protocol.kind === 'stream') expect(timing).toMatch(/Transaction: \*\*\d+ input beats? → \d+ output beats?\*\*/);
        for (const h of m.timing.handshakes) expect(timing).toContain(`\`${h.valid}\``);
        expect(readFileSync(join(dir, m.timing.diagram), 'utf8')).toMatch(/^<svg [^>]*class="WaveDrom"/);
        // Every wave of the diagram spans the same number of cycles.
        const wave = JSON.parse(readFileSync(join(dir, m.timing.diagram.replace(/\.svg$/, '.json')), 'utf8'));
        const lengths = new Set(wave.signal.filter((s: { wave?: string }) => s.wave).map((s: { wave: string }) => s.wave.length));
        expect(lengths.size).toBe(1);
        // Parameter doc comments reach the datasheet.
        for (const [k] of Object.entries(m.params)) expect(readme).toMatch(new RegExp(`\\| \`${k}\` \\| \`[^|]*\` \\| \\S`));
      });

      it('two gens (two processes) give byte-identical directories (up to the directory in the .f and its hash)', () => {
        const name = basename(ex, '.ts');
        const norm = (dir: string): Record<string, string> => {
          const f = files(dir);
          const list = Object.keys(f).find((n) => n.endsWith('.f'))!;
          const out = Object.fromEntries(Object.entries(f).map(([n, t]) => [n, t.replaceAll(dir + '/', '<dir>/')]));
          out['manifest.json'] = JSON.stringify({ ...JSON.parse(f['manifest.json']!), files: 'checked below' });
          expect(JSON.parse(f['manifest.json']!).files.find((x: { file: string }) => x.file === list).sha256).toMatch(/^[0-9a-f]{64}$/);
          return out;
        };
        expect(norm(join(base, 'b', name))).toEqual(norm(join(base, 'a', name)));
      });

      it('Verilator -Wall, Icarus -g2005 and Yosys accept the RTL without a warning', () => {
        const lint = lints.get(ex)!;
        expect(lint.map((r) => r.tool)).toEqual(['verilator', 'icarus', 'yosys']);
        for (const r of lint) expect({ tool: r.tool, ok: r.ok, output: r.output }).toEqual({ tool: r.tool, ok: true, output: '' });
      });
    });
  });
});

/**
 * The `.f` works from any working directory: Verilator (-f and -F), Icarus (-c) and Yosys (its
 * entries as read_verilog arguments) read a multi-module output from an unrelated directory.
 */
describe('the file list from another directory', () => {
  const elsewhere = (): string => mkdtempSync(join(tmpdir(), 'lowbit-elsewhere-'));
  const rtl = (): { dir: string; top: string; list: string } => {
    const dir = join(base, 'a', 'mixpe');
    const list = readdirSync(dir).find((f) => f.endsWith('.f'))!;
    return { dir, top: basename(list, '.f'), list: join(dir, list) };
  };

  it('lists absolute paths of every Verilog file of the output', () => {
    const { dir, list } = rtl();
    const entries = readFileSync(list, 'utf8').trim().split('\n');
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.sort()).toEqual(readdirSync(dir).filter((f) => f.endsWith('.v')).map((f) => join(dir, f)).sort());
  });

  for (const flag of ['-f', '-F']) {
    it(`verilator --lint-only -Wall ${flag}`, () => {
      const { top, list } = rtl();
      const r = spawnSync('verilator', ['--lint-only', '-Wall', flag, list, '--top-module', top], { cwd: elsewhere(), encoding: 'utf8' });
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    });
  }

  it('iverilog -g2005 -c', () => {
    const { top, list } = rtl();
    const r = spawnSync('iverilog', ['-g2005', '-c', list, '-s', top, '-o', '/dev/null'], { cwd: elsewhere(), encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('yosys read_verilog of its entries, hierarchy -check', async () => {
    const { top, list } = rtl();
    const entries = readFileSync(list, 'utf8').trim().split('\n');
    const r = spawnSync('yosys', ['-q', '-p', `read_verilog ${entries.join(' ')}; hierarchy -check -top ${top}`], { cwd: elsewhere(), encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

describe('gen options', () => {
  it('--src-locs: every // @[file:line:col] points into the design file, registers at their m.reg call', () => {
    expect(option(0).code).toBe(0);
    const src = readFileSync(MAC, 'utf8').split('\n');
    const v = readFileSync(join(base, 'locs', 'mac_int8.v'), 'utf8');
    const locs = [...v.matchAll(/^(.*)\/\/ @\[([\w.-]+):(\d+):(\d+)\]$/gm)];
    expect(locs.length).toBeGreaterThan(10);
    for (const { 0: whole, 1: code, 2: file, 3: line, 4: col, index } of locs) {
      expect(file).toBe('mac-int8.ts');
      const text = src[Number(line) - 1];
      expect(text, `line ${line}`).toBeDefined();
      expect(Number(col)).toBeLessThanOrEqual(text!.length);
      const reg = /always @\(posedge clk\) begin/.test(code!) ? /\n\s+(?:if \(\w+\) )?(\w+) <=/.exec(v.slice(index! + whole!.length))![1] : undefined;
      if (reg) expect(text).toContain(`m.reg('${reg}'`);
      const named = /^\s+assign (in_ready_int|take|last|sum_now) = /.exec(code!);
      if (named) expect(text).toContain(`'${named[1]}'`);
    }
  });

  it('--single-file and --top: one file named after the new top', () => {
    expect(option(1).stdout).toBe('wrote single/ (1 module, top mac_top, 7 files)');
    expect(readdirSync(join(base, 'single')).sort()).toEqual(['README.md', 'mac_top-timing.json', 'mac_top-timing.svg', 'mac_top.core', 'mac_top.f', 'mac_top.v', 'manifest.json']);
    expect(readFileSync(join(base, 'single', 'mac_top.v'), 'utf8')).toContain('module mac_top (');
  });

  it('--param: values reach the design and the manifest', () => {
    expect(option(2).code).toBe(0);
    expect(readFileSync(join(base, 'param', 'mac_int8.v'), 'utf8')).toContain('output wire signed [19:0] sum');
    expect(JSON.parse(readFileSync(join(base, 'param', 'manifest.json'), 'utf8')).params).toEqual({ length: 8, accWidth: 20 });
  });

  it('warnings are printed with their location, and gen still succeeds', () => {
    const lines = readFileSync(KW, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('// expect-warning')) + 1;
    expect(option(3).code).toBe(0);
    // The design file is outside the working directory here, so its path is printed absolute.
    expect(option(3).stderr.split('\n')).toEqual([
      `${KW}:${line}:${lines[line - 1]!.indexOf('input(') + 1}: warning: 'reg' is a Verilog keyword; input 'reg' is emitted as 'reg_'`,
      `${KW}:${line + 1}:${lines[line]!.indexOf('output(') + 1}: warning: 'output' is a Verilog keyword; output 'output' is emitted as 'output_'`,
    ]);
    expect(readFileSync(join(base, 'kw', 'keyword_name.v'), 'utf8')).toContain('  input  wire [3:0] reg_,\n  output wire [3:0] output_\n');
    // The datasheet and manifest list the emitted names (a wrapper written from them compiles), the design's beside.
    const m = JSON.parse(readFileSync(join(base, 'kw', 'manifest.json'), 'utf8'));
    expect(m.ports.map((p: { name: string; userName?: string }) => [p.name, p.userName])).toEqual([['reg_', 'reg'], ['output_', 'output']]);
    expect(readFileSync(join(base, 'kw', 'README.md'), 'utf8')).toContain('| `reg_` (design: `reg`) | input |');
  });

  it('--list-params prints the parameters and writes nothing', () => {
    expect(option(4).code).toBe(0);
    expect(option(4).stdout.split('\n')[0]).toMatch(/^name\s+type\s+default\s+description$/);
    expect(option(4).stdout).toMatch(/^accWidth\s+number\s+24\s+Accumulator width in bits/m);
    expect(existsSync(join(base, 'rtl-out', 'mac_int8'))).toBe(false);
  });

  it('without -o, writes rtl-out/<top>/ under the working directory', () => {
    expect(option(5).stdout).toBe('wrote rtl-out/no_params/ (1 module, top no_params, 7 files)');
    expect(readdirSync(join(base, 'rtl-out', 'no_params'))).toContain('no_params.v');
  });
});
