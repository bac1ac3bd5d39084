/**
 * Lint a generated RTL directory with three independent front ends: Verilator `--lint-only -Wall`
 * (zero warnings expected), Icarus Verilog (`iverilog -g2005`, Verilog-2005 only) and Yosys
 * (`read_verilog`, `hierarchy -check`, `proc`, `check -assert`). Each reports ok/failed and output.
 */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, basename, resolve } from 'node:path';
import { execa } from 'execa';
import { runYosys } from '../synth/index.ts';
import { userError } from '../diag/error.ts';

export interface LintResult {
  readonly tool: 'verilator' | 'icarus' | 'yosys';
  readonly ok: boolean;
  readonly output: string;
}

export interface RtlSet {
  readonly dir: string;
  readonly top: string;
  /** Verilog files, absolute, leaves first. */
  readonly files: string[];
}

/** Read `<top>.f` from a gen output directory. */
export function readRtlDir(shown: string): RtlSet {
  const dir = resolve(shown); // relative to the working directory, whatever cwd the tools run in
  if (!existsSync(dir)) throw userError(`RTL directory '${shown}' does not exist`, 'give the directory `lowbit-hdl gen` wrote');
  if (!statSync(dir).isDirectory()) throw userError(`'${shown}' is not a directory`, 'give the directory `lowbit-hdl gen` wrote');
  const lists = readdirSync(dir).filter((f) => f.endsWith('.f'));
  if (lists.length !== 1) throw userError(`expected exactly one .f file list in '${shown}', found ${lists.length}`, 'point at a directory written by `lowbit-hdl gen`');
  const top = basename(lists[0]!, '.f');
  const files = readFileSync(join(dir, lists[0]!), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((f) => join(dir, basename(f))); // flat: files sit beside the .f, even if it was moved
  return { dir, top, files };
}

export async function verilatorLint(rtl: RtlSet): Promise<LintResult> {
  const single = rtl.files.length === 1 && basename(rtl.files[0]!, '.v') === rtl.top && countModules(rtl.files[0]!) > 1;
  const args = ['--lint-only', '-Wall', '--top-module', rtl.top, ...(single ? ['-Wno-DECLFILENAME'] : []), ...rtl.files];
  const r = await execa('verilator', args, { reject: false, all: true });
  return { tool: 'verilator', ok: r.exitCode === 0 && !/%Warning/.test(r.all ?? ''), output: r.all ?? '' };
}

export async function icarusCompile(rtl: RtlSet): Promise<LintResult> {
  const r = await execa('iverilog', ['-g2005', '-Wall', '-o', '/dev/null', '-s', rtl.top, ...rtl.files], { reject: false, all: true });
  const output = (r.all ?? '').trim();
  return { tool: 'icarus', ok: r.exitCode === 0 && output === '', output };
}

export async function yosysRead(rtl: RtlSet): Promise<LintResult> {
  const files: Record<string, string> = {};
  const names = rtl.files.map((f) => `rtl/${basename(f)}`);
  rtl.files.forEach((f, i) => (files[names[i]!] = readFileSync(f, 'utf8')));
  const script = [...names.map((n) => `read_verilog ${n}`), `hierarchy -check -top ${rtl.top}`, 'proc', 'check -assert'].join('\n');
  try {
    const r = await runYosys(script, files);
    const warnings = r.log.split('\n').filter((l) => /^Warning:/.test(l));
    return { tool: 'yosys', ok: warnings.length === 0, output: warnings.join('\n') };
  } catch (e) {
    return { tool: 'yosys', ok: false, output: e instanceof Error ? e.message : String(e) };
  }
}

export async function lintAll(rtl: RtlSet): Promise<LintResult[]> {
  return [await verilatorLint(rtl), await icarusCompile(rtl), await yosysRead(rtl)];
}

function countModules(file: string): number {
  return (readFileSync(file, 'utf8').match(/^module /gm) ?? []).length;
}
