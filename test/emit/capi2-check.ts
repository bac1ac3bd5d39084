/**
 * Test helper for core-file.test.ts: what FuseSoC and edalize do with a `.core`, done without them
 * (neither is installable here: no PyPI access, no Debian package). Two halves:
 *
 * - `capi2Problems`: the core against the CAPI2 format as FuseSoC defines it — the first line
 *   `CAPI=2:`, YAML read as FuseSoC reads it (PyYAML, YAML 1.1), the keys and value types the
 *   CAPI2 JSON schema allows (fusesoc/capi2/json_schema.py: top level, filesets, targets), a VLNV
 *   `name` FuseSoC's Vlnv class parses with all four parts (fusesoc/vlnv.py), filesets that exist,
 *   files that exist relative to the core. Then each target's tool section against the options
 *   edalize's legacy Tool API backends document (a target with `default_tool` uses that API):
 *   verilator (`mode` one of cc/sc/lint-only; lists libs, verilator_options, make_options,
 *   run_options), icarus (`timescale`; list iverilog_options), yosys (`arch` required, one of
 *   xilinx/ice40/ecp5; `output_format` json/edif/blif; list yosys_synth_options); a file type each
 *   backend reads; a `toplevel` that is a module of the fileset.
 * - `runTarget`: the commands the backend would generate and run for a target, run in a fresh work
 *   root next to the core as FuseSoC lays it out (files named relative to the work root):
 *   verilator: a `.vc` (`--Mdir .`, `--<mode>`, the files, `--top-module`, `--exe`), then
 *   `verilator -f <name>.vc <verilator_options>`; icarus: a `.scr` of the files,
 *   `iverilog -s<top> -c <name>.scr -o <name> <iverilog_options>`, `vvp -n -M. -l icarus.log <name>
 *   -fst`; yosys: a Tcl script that reads the files under `verilog_defaults -add -defer`, runs
 *   `synth_<arch> -top <top>` and `write_<output_format> <name>.<ext>`, run as `yosys -l yosys.log
 *   -p 'tcl <script>'`.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** CAPI2 top-level keys (json_schema.py `properties`, additionalProperties false). */
const CORE_KEYS = ['name', 'description', 'license', 'filesets', 'generate', 'generators', 'parameters', 'provider', 'scripts', 'targets', 'vpi', 'virtual', 'mapping'];
const FILESET_KEYS = [/^file_type$/, /^logical_name$/, /^tags$/, /^files(_append)?$/, /^depend(_append)?$/];
const TARGET_KEYS = [/^default_tool$/, /^description$/, /^flow$/, /^flow_options$/, /^hooks$/, /^tools$/, /^toplevel$/, /^flags$/, /^(filesets|filters|generate|parameters|vpi)(_append)?$/];

/** edalize legacy backends: scalar members, list options, legal values, required members, file types read. */
interface Backend {
  readonly members: Readonly<Record<string, readonly string[] | null>>;
  readonly lists: readonly string[];
  readonly required: readonly string[];
  readonly reads: (fileType: string) => boolean;
}
const ICARUS_TYPES = ['verilogSource', 'verilogSource-95', 'verilogSource-2001', 'verilogSource-2005', 'systemVerilogSource', 'systemVerilogSource-3.0', 'systemVerilogSource-3.1', 'systemVerilogSource-3.1a'];
export const BACKENDS: Readonly<Record<string, Backend>> = {
  verilator: { members: { mode: ['cc', 'sc', 'lint-only'], cli_parser: ['managed', 'raw'] }, lists: ['libs', 'verilator_options', 'make_options', 'run_options'], required: [], reads: (t) => t.startsWith('verilogSource') || t.startsWith('systemVerilogSource') },
  icarus: { members: { timescale: null }, lists: ['iverilog_options'], required: [], reads: (t) => ICARUS_TYPES.includes(t) },
  yosys: { members: { arch: ['xilinx', 'ice40', 'ecp5'], output_format: ['json', 'edif', 'blif'], yosys_as_subtool: null, makefile_name: null, script_name: null }, lists: ['yosys_synth_options'], required: ['arch'], reads: (t) => t.startsWith('verilogSource') || t.startsWith('systemVerilogSource') },
};

export interface ParsedCore {
  readonly core: Obj;
  readonly dir: string;
}

/** Every way `text` (a `.core` in `dir`) breaks CAPI2 or the backends' documented options; [] when none. */
export function capi2Problems(text: string, dir: string): string[] {
  const out: string[] = [];
  if (text.split('\n')[0] !== 'CAPI=2:') out.push("the first line is not 'CAPI=2:'");
  let core: unknown;
  try {
    core = parse(text, { version: '1.1', uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    return [...out, `not YAML 1.1: ${(e as Error).message}`];
  }
  if (!isObj(core)) return [...out, 'the document is not a mapping'];
  for (const k of Object.keys(core)) if (!CORE_KEYS.includes(k) && k !== 'CAPI=2') out.push(`unknown top-level key '${k}'`);
  const name = core.name;
  if (typeof name !== 'string') out.push('name is not a string');
  else {
    const parts = name.split(':');
    if (parts.length !== 4 || parts.some((p) => p === '' || /\s/.test(p))) out.push(`name '${name}' is not a full vendor:library:name:version VLNV`);
    else if (!/^\d/.test(parts[3]!)) out.push(`VLNV version '${parts[3]}' does not start with a digit`);
  }
  if ('description' in core && typeof core.description !== 'string') out.push('description is not a string');

  const filesets = core.filesets;
  const modules = new Map<string, Set<string>>();
  const types = new Map<string, string[]>();
  if (!isObj(filesets)) out.push('filesets is not a mapping');
  else {
    for (const [fsName, fs] of Object.entries(filesets)) {
      if (!isObj(fs)) {
        out.push(`fileset ${fsName} is not a mapping`);
        continue;
      }
      for (const k of Object.keys(fs)) if (!FILESET_KEYS.some((r) => r.test(k))) out.push(`fileset ${fsName}: unknown key '${k}'`);
      if (typeof fs.file_type !== 'string') out.push(`fileset ${fsName}: no file_type`);
      if (!isStrArray(fs.files) || fs.files.length === 0) {
        out.push(`fileset ${fsName}: files is not a non-empty list of names`);
        continue;
      }
      const mods = new Set<string>();
      for (const f of fs.files) {
        const p = resolve(dir, f);
        if (!existsSync(p)) out.push(`fileset ${fsName}: ${f} does not exist next to the core`);
        else for (const m of readFileSync(p, 'utf8').matchAll(/^\s*module\s+([A-Za-z_][A-Za-z0-9_$]*)/gm)) mods.add(m[1]!);
      }
      modules.set(fsName, mods);
      types.set(fsName, [String(fs.file_type)]);
    }
  }

  const targets = core.targets;
  if (!isObj(targets)) return [...out, 'targets is not a mapping'];
  for (const [tName, t] of Object.entries(targets)) {
    if (!isObj(t)) {
      out.push(`target ${tName} is not a mapping`);
      continue;
    }
    for (const k of Object.keys(t)) if (!TARGET_KEYS.some((r) => r.test(k))) out.push(`target ${tName}: unknown key '${k}'`);
    if (!isStrArray(t.filesets)) {
      out.push(`target ${tName}: filesets is not a list of names`);
      continue;
    }
    for (const f of t.filesets) if (!modules.has(f)) out.push(`target ${tName}: no fileset '${f}'`);
    const top = t.toplevel;
    if (typeof top !== 'string') out.push(`target ${tName}: toplevel is not a string`);
    else if (!t.filesets.some((f) => modules.get(f)?.has(top))) out.push(`target ${tName}: toplevel '${top}' is no module of its filesets`);
    if (t.default_tool === undefined) continue;
    const tool = String(t.default_tool);
    const backend = BACKENDS[tool];
    if (!backend) {
      out.push(`target ${tName}: default_tool '${tool}' is not a backend this check knows`);
      continue;
    }
    const opts = isObj(t.tools) ? t.tools[tool] : undefined;
    if (t.tools !== undefined && !isObj(t.tools)) out.push(`target ${tName}: tools is not a mapping`);
    const o = isObj(opts) ? opts : {};
    for (const [k, v] of Object.entries(o)) {
      if (backend.lists.includes(k)) {
        if (!isStrArray(v)) out.push(`target ${tName}: ${tool}.${k} must be a list of strings`);
      } else if (k in backend.members) {
        const legal = backend.members[k];
        if (Array.isArray(v) || isObj(v)) out.push(`target ${tName}: ${tool}.${k} must be a single value`);
        else if (legal && !legal.includes(String(v))) out.push(`target ${tName}: ${tool}.${k} '${String(v)}' is not one of ${legal.join(', ')}`);
      } else out.push(`target ${tName}: ${tool} has no option '${k}'`);
    }
    for (const r of backend.required) if (!(r in o)) out.push(`target ${tName}: ${tool} requires '${r}'`);
    for (const f of t.filesets) for (const ft of types.get(f) ?? []) if (!backend.reads(ft)) out.push(`target ${tName}: ${tool} does not read file_type '${ft}'`);
  }
  return out;
}

export interface TargetRun {
  readonly workRoot: string;
  /** Each command as run, with its exit code and output. */
  readonly steps: readonly { cmd: string; exitCode: number; output: string }[];
}

/**
 * Run `target` of the core at `corePath` the way its backend would, in a fresh work root under
 * `buildRoot` (FuseSoC's `build/<sanitized vlnv>/<target>-<tool>/`), every file named relative to it.
 */
export async function runTarget(corePath: string, target: string, buildRoot: string): Promise<TargetRun> {
  const dir = resolve(corePath, '..');
  const core = parse(readFileSync(corePath, 'utf8'), { version: '1.1' }) as { name: string; filesets: Record<string, { files: string[] }>; targets: Record<string, { default_tool: string; filesets: string[]; toplevel: string; tools?: Record<string, Record<string, unknown>> }> };
  const t = core.targets[target]!;
  const tool = t.default_tool;
  const o = t.tools?.[tool] ?? {};
  const name = core.name.replace(/:/g, '_');
  const workRoot = mkdtempSync(join(buildRoot, `${target}-${tool}-`));
  const files = t.filesets.flatMap((f) => core.filesets[f]!.files).map((f) => relative(workRoot, resolve(dir, f)));
  const list = (k: string): string[] => (o[k] as string[] | undefined) ?? [];
  const steps: { cmd: string; exitCode: number; output: string }[] = [];
  const run = async (cmd: string, args: string[]): Promise<boolean> => {
    const r = await execa(cmd, args, { cwd: workRoot, reject: false, all: true });
    steps.push({ cmd: [cmd, ...args].join(' '), exitCode: r.exitCode ?? -1, output: r.all ?? '' });
    return r.exitCode === 0;
  };
  if (tool === 'verilator') {
    const mode = (o.mode as string | undefined) ?? 'cc';
    writeFileSync(join(workRoot, `${name}.vc`), ['--Mdir .', `--${mode}`, ...files, `--top-module ${t.toplevel}`, '--exe', ''].join('\n'));
    await run('verilator', ['-f', `${name}.vc`, ...list('verilator_options')]);
  } else if (tool === 'icarus') {
    writeFileSync(join(workRoot, `${name}.scr`), files.join('\n') + '\n');
    if (await run('iverilog', [`-s${t.toplevel}`, '-c', `${name}.scr`, '-o', name, ...list('iverilog_options')])) await run('vvp', ['-n', '-M.', '-l', 'icarus.log', name, '-fst']);
  } else if (tool === 'yosys') {
    const format = (o.output_format as string | undefined) ?? 'blif';
    const script = ['yosys -import', 'verilog_defaults -push', 'verilog_defaults -add -defer', ...files.map((f) => `read_verilog {${f}}`), 'verilog_defaults -pop', `synth_${String(o.arch)} ${list('yosys_synth_options').join(' ')} -top ${t.toplevel}`, `write_${format} ${name}.${format}`, ''].join('\n');
    writeFileSync(join(workRoot, 'edalize_yosys_template.tcl'), script);
    await run('yosys', ['-l', 'yosys.log', '-p', 'tcl edalize_yosys_template.tcl']);
  } else throw new Error(`no runner for ${tool}`);
  return { workRoot, steps };
}
