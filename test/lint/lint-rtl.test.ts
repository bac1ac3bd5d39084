import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRtlDir, lintAll, verilatorLint, icarusCompile, yosysRead } from '../../src/lint/lint-rtl.ts';
import { LowbitError } from '../../src/diag/error.ts';

const CLEAN_LEAF = "`default_nettype none\nmodule leaf (\n  input  wire [3:0] a,\n  output wire [3:0] y\n);\n  assign y = ~a;\nendmodule\n`default_nettype wire\n";
const CLEAN_TOP = "`default_nettype none\nmodule top (\n  input  wire [3:0] a,\n  output wire [3:0] y\n);\n  leaf u0 (.a(a), .y(y));\nendmodule\n`default_nettype wire\n";
/** Legal Verilog that Verilator -Wall warns about (an unused input). */
const UNUSED = "`default_nettype none\nmodule top (\n  input  wire [3:0] a,\n  input  wire [3:0] b,\n  output wire [3:0] y\n);\n  assign y = a;\nendmodule\n`default_nettype wire\n";
const BROKEN = 'module top (input wire a, output wire y);\n  assign y = ;\nendmodule\n';

describe('lint-rtl', () => {
  let base: string;
  /** A gen-style directory: the files and a `<top>.f` listing them. */
  const dir = (name: string, files: Record<string, string>, top = 'top', list = Object.keys(files)): string => {
    const d = join(base, name);
    mkdirSync(d);
    for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
    writeFileSync(join(d, `${top}.f`), `# file list\n${list.join('\n')}\n\n`);
    return d;
  };
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'lowbit-lintrtl-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  describe('readRtlDir', () => {
    it('reads the top and the files (absolute, in list order) from the one .f file', () => {
      const d = dir('read', { 'leaf.v': CLEAN_LEAF, 'top.v': CLEAN_TOP });
      expect(readRtlDir(d)).toEqual({ dir: d, top: 'top', files: [join(d, 'leaf.v'), join(d, 'top.v')] });
    });

    it('refuses a missing directory, or one without exactly one .f file', () => {
      expect(() => readRtlDir(join(base, 'nope'))).toThrow(LowbitError);
      expect(() => readRtlDir(join(base, 'nope'))).toThrow(/RTL directory '.*nope' does not exist/);
      const empty = join(base, 'empty');
      mkdirSync(empty);
      expect(() => readRtlDir(empty)).toThrow(/expected exactly one \.f file list in '.*empty', found 0/);
      const two = dir('two', { 'top.v': CLEAN_TOP });
      writeFileSync(join(two, 'other.f'), 'top.v\n');
      expect(() => readRtlDir(two)).toThrow(/found 2/);
    });
  });

  it('passes clean RTL with all three tools', async () => {
    const results = await lintAll(readRtlDir(dir('clean', { 'leaf.v': CLEAN_LEAF, 'top.v': CLEAN_TOP })));
    expect(results).toEqual([
      { tool: 'verilator', ok: true, output: '' },
      { tool: 'icarus', ok: true, output: '' },
      { tool: 'yosys', ok: true, output: '' },
    ]);
  });

  it('fails Verilator on a -Wall warning (exit status alone is not enough)', async () => {
    const rtl = readRtlDir(dir('unused', { 'top.v': UNUSED }));
    const v = await verilatorLint(rtl);
    expect(v.ok).toBe(false);
    expect(v.output).toMatch(/%Warning-UNUSEDSIGNAL: .*top\.v:4:\d+: Signal is not used: 'b'/);
    expect((await icarusCompile(rtl)).ok).toBe(true);
  });

  it('fails every tool on a syntax error', async () => {
    const rtl = readRtlDir(dir('broken', { 'top.v': BROKEN }));
    const [v, i, y] = await lintAll(rtl);
    expect([v!.ok, i!.ok, y!.ok]).toEqual([false, false, false]);
    expect(i!.output).toMatch(/syntax error/);
    expect(y!.output).not.toBe('');
  });

  it('fails Icarus and Yosys on a missing module', async () => {
    const rtl = readRtlDir(dir('missing', { 'top.v': CLEAN_TOP }));
    expect((await icarusCompile(rtl)).ok).toBe(false);
    expect((await yosysRead(rtl)).ok).toBe(false);
  });

  it('accepts several modules in one <top>.v (single-file output) without a DECLFILENAME warning', async () => {
    const rtl = readRtlDir(dir('single', { 'top.v': `${CLEAN_LEAF}\n${CLEAN_TOP}` }));
    expect(await verilatorLint(rtl)).toEqual({ tool: 'verilator', ok: true, output: '' });
  });
});
