/**
 * Should-fail tests (the Clash idea): every bad design in test/fixtures/bad/ goes through the real
 * `lowbit-hdl gen` in a subprocess, and must exit 1 with the exact `file:LINE:COL: error: message`
 * line, pointing at the user's TypeScript (line and column of the offending call, read from a
 * `// expect-error` marker in the fixture), print no stack trace, and leave the output directory
 * alone: not created when it did not exist, byte-identical when it did.
 *
 * The cases run through `main()` in one subprocess loaded exactly like the binary (cli-batch.mjs:
 * tsx with source maps), to spare a process start per case; one of them also runs through
 * src/cli/bin.mjs itself and must print the same.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, readFileSync, readdirSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCliBatch, ROOT, type CliResult } from './run-cli.ts';

interface Case {
  /** Fixture path under test/fixtures/. */
  readonly file: string;
  /** Extra gen arguments (parameters). */
  readonly args?: readonly string[];
  /** Marker comment on the reported line (default `expect-error`), or an explicit position. */
  readonly marker?: string;
  readonly at?: { line: number; col: number };
  /** Text on the marked line whose first character is the reported column. */
  readonly token?: string;
  /** The full diagnostic after `error: ` (message — hint); `{line:marker}` is replaced by the marker's line. */
  readonly message: string;
}

const CASES: Record<string, Case> = {
  'width mismatch on assignment': {
    file: 'bad/width-mismatch.ts',
    token: 'set(',
    message: "width mismatch: assigning a uint(4) value to 'y' of type uint(8) — extend explicitly with .ext(8)",
  },
  'implicit truncation': {
    file: 'bad/implicit-truncation.ts',
    token: 'set(',
    message: "implicit truncation: assigning a uint(9) value to 'y' of type uint(8) — narrow explicitly with .resize(8) or .trunc(8), or widen the target",
  },
  'undriven output': {
    file: 'bad/undriven-output.ts',
    token: "output('y'",
    message: "output 'y' of module 'undriven_output' is never driven — drive it with y.set(value)",
  },
  'two drivers': {
    file: 'bad/two-drivers.ts',
    token: 'set(b)',
    message: "'y' in module 'two_drivers' has 2 drivers: assignment at line {line:first-driver}, assignment at line {line:expect-error} — drive each net once; combine values with mux() or select()",
  },
  'combinational loop (lists the loop’s signals and lines)': {
    file: 'bad/comb-loop.ts',
    token: "wire('p'",
    message: "combinational loop in module 'comb_loop' through p (line {line:expect-error}) -> q (line {line:loop-member}) — break the cycle with a register (m.reg) or restructure the logic",
  },
  'unknown instance input port': {
    file: 'bad/unknown-port.ts',
    token: 'instance(',
    message: "unknown input port 'bogus' on instance 'u0' of module 'child' — its inputs are: a",
  },
  'unknown instance output port': {
    file: 'bad/unknown-output-port.ts',
    token: 'z!',
    message: "unknown output port 'z' on instance 'u0' of module 'child' — its outputs are: y",
  },
  'missing --param (no defaults at all)': {
    file: 'bad/missing-param.ts',
    token: 'width',
    message: 'missing --param width (number): the design gives it no default — Data width in bits.',
  },
  'missing --param (other parameters have defaults)': {
    file: 'bad/missing-param-partial.ts',
    token: 'depth',
    message: 'missing --param depth (number): the design gives it no default — Number of pipeline stages.',
  },
  'ill-typed --param: number': {
    file: 'good/typed-params.ts',
    args: ['--param', 'width=abc'],
    marker: 'expect-error number',
    token: 'width',
    message: '--param width=abc: expected a number — Data width in bits.',
  },
  'ill-typed --param: boolean': {
    file: 'good/typed-params.ts',
    args: ['--param', 'registered=yes'],
    marker: 'expect-error boolean',
    token: 'registered',
    message: '--param registered=yes: expected a boolean — Register the output.',
  },
  'ill-typed --param: enum': {
    file: 'good/typed-params.ts',
    args: ['--param', 'reset=both'],
    marker: 'expect-error enum',
    token: 'reset',
    message: '--param reset=both: expected one of "sync", "async" — Reset style.',
  },
  'unknown --param': {
    file: 'good/typed-params.ts',
    args: ['--param', 'depth=3'],
    at: { line: 1, col: 1 },
    message: "unknown parameter 'depth' — the design's parameters are: width, registered, reset",
  },
  'illegal name': {
    file: 'bad/illegal-name.ts',
    token: 'input(',
    message: "illegal name '2fast' for input '2fast' — use letters, digits and _ and start with a letter or _",
  },
  'colliding name': {
    file: 'bad/colliding-name.ts',
    token: 'wire(',
    message: "name 'a' is used twice in module 'colliding_name': input 'a' (line {line:first-use}) and wire 'a' — give each port, wire, register and instance its own name (e.g. add a loop index)",
  },
  'register without clock': {
    file: 'bad/reg-without-clock.ts',
    token: 'reg(',
    message: "register 'r' in module 'reg_without_clock', which has no clock — remove `clock: null` from the module options, or make the logic combinational",
  },
  'TypeScript syntax error': {
    file: 'bad/syntax-error.ts',
    token: ';',
    message: 'TypeScript syntax error: Expression expected.',
  },
  'design throws while elaborating': {
    file: 'bad/throws-elaborating.ts',
    token: 'new Error',
    message: 'the design threw while elaborating: depth 6 is more than 4 — fix the exception at this line',
  },
  'design throws while loading': {
    file: 'bad/throws-loading.ts',
    token: 'new RangeError',
    message: 'the design threw while loading: the coefficient table is empty — fix the exception at this line',
  },
  'import of a file that does not exist (at its import line)': {
    file: 'bad/missing-import.ts',
    token: "'./no-such-helper.ts'",
    message: "cannot import './no-such-helper.ts': no such file ({dir}/no-such-helper.ts) — check the path; it is relative to this file",
  },
  'import of a package that is not installed (at its import line)': {
    file: 'bad/missing-package.ts',
    token: "'no-such-package/table'",
    message: "cannot import 'no-such-package/table': package 'no-such-package' is not installed — install it (npm i no-such-package) or fix the name",
  },
  'import of a name a module does not export (at the name)': {
    file: 'bad/missing-export.ts',
    token: 'modul,',
    message: "'lowbit-hdl' has no export named 'modul' — check the name (it is case-sensitive) and the module it is imported from",
  },
  'no default-exported design': {
    file: 'bad/no-default-export.ts',
    at: { line: 1, col: 1 },
    message: 'the design file has no default export made with defineDesign() — end it with `export default defineDesign({ defaults, build })`',
  },
};

/** 1-based line of the line carrying `// <marker>` (exactly: the marker ends the comment). */
function markerLine(lines: string[], marker: string): number {
  const i = lines.findIndex((l) => new RegExp(`// ${marker}$`).test(l.trimEnd()));
  if (i < 0) throw new Error(`marker '// ${marker}' not found`);
  return i + 1;
}

/** The exact first stderr line the case must produce. */
function expectedLine(c: Case): string {
  const lines = readFileSync(join(ROOT, 'test/fixtures', c.file), 'utf8').split('\n');
  let pos = c.at;
  if (!pos) {
    const line = markerLine(lines, c.marker ?? 'expect-error');
    const col = lines[line - 1]!.indexOf(c.token!) + 1;
    if (col === 0) throw new Error(`token '${c.token}' not on line ${line} of ${c.file}`);
    pos = { line, col };
  }
  // `first-driver` is not marked in two-drivers.ts: it is the line before the second driver.
  const message = c.message.replace('{dir}', join(ROOT, 'test/fixtures', c.file, '..')).replace(/\{line:([\w-]+)\}/g, (_, m: string) => String(m === 'first-driver' ? markerLine(lines, 'expect-error') - 1 : markerLine(lines, m)));
  return `test/fixtures/${c.file}:${pos.line}:${pos.col}: error: ${message}`;
}

describe('should-fail designs: `lowbit-hdl gen` exits 1 with the located error', () => {
  const entries = Object.entries(CASES);
  let base: string;
  let results: CliResult[];
  const before = new Map<number, Record<string, string>>();
  const outDir = (k: number): string => join(base, `out-${k}`);
  const argv = (k: number): string[] => ['gen', `test/fixtures/${entries[k]![1].file}`, '-o', outDir(k), ...(entries[k]![1].args ?? [])];
  const listing = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'lowbit-shouldfail-'));
    // Half the cases write over an existing output directory, half into a fresh path.
    entries.forEach((_, k) => {
      if (k % 2 !== 0) return;
      mkdirSync(outDir(k));
      writeFileSync(join(outDir(k), 'previous.v'), `// previous output ${k}\n`);
      writeFileSync(join(outDir(k), 'manifest.json'), JSON.stringify({ generator: { name: 'lowbit-hdl' }, files: [{ file: 'previous.v' }] }) + '\n');
      before.set(k, listing(outDir(k)));
    });
    results = await runCliBatch(entries.map((_, k) => argv(k)));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('every fixture in test/fixtures/bad/ has a case', () => {
    const used = new Set(Object.values(CASES).map((c) => c.file));
    const bad = readdirSync(join(ROOT, 'test/fixtures/bad')).map((f) => `bad/${f}`);
    expect(bad.filter((f) => !used.has(f))).toEqual([]);
  });

  entries.forEach(([title, c], k) => {
    it(title, () => {
      const r = results[k]!;
      expect(r.stderr.split('\n')[0]).toBe(expectedLine(c));
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      if (before.has(k)) expect(listing(outDir(k))).toEqual(before.get(k));
      else expect(existsSync(outDir(k))).toBe(false);
    });
  });

  it('leaves no temporary directories next to the outputs', () => {
    expect(readdirSync(base).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('the lowbit-hdl binary prints the same as the batch runner, with exit code 1', async () => {
    const k = entries.findIndex(([, c]) => c.file === 'bad/comb-loop.ts');
    expect(await runCli(argv(k))).toEqual(results[k]);
  });

  it('a design file that does not exist', async () => {
    const r = await runCli(['gen', 'test/fixtures/bad/does-not-exist.ts', '-o', join(base, 'none')]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: "error: design file 'test/fixtures/bad/does-not-exist.ts' does not exist — check the path" });
    expect(existsSync(join(base, 'none'))).toBe(false);
  });
});

/**
 * `-o` targets gen must not write: each case exits with the exact one-line message, prints no
 * stack, and changes nothing on disk (checked by listing the whole scratch tree before and after).
 */
describe('should-fail outputs: gen refuses -o targets that are not its own', () => {
  const MAC = 'examples/mac-int8.ts';
  let base: string;
  let results: CliResult[];
  const tree = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true }).map((d) => `${join(d.parentPath, d.name).slice(base.length)}${d.isFile() ? '=' + readFileSync(join(d.parentPath, d.name), 'utf8') : '/'}`).sort();
  let before: string[];
  const OUT_CASES: [string, (b: string) => string[], number, (b: string) => string][] = [
    ['a directory of user files', (b) => ['-o', join(b, 'proj')], 1, (b) => `error: output directory '${b}/proj' is not empty and is not a previous lowbit-hdl output (it has no lowbit-hdl manifest.json); it holds 2 entries (notes.txt, src) — nothing was changed; give -o a new or empty directory, or pass --force to replace it and everything in it`],
    ['a regular file', (b) => ['-o', join(b, 'top.v')], 1, (b) => `error: output path '${b}/top.v' is a file, not a directory — give -o a directory (gen writes several files); it was left untouched`],
    ['a path under a file', (b) => ['-o', join(b, 'top.v', 'sub')], 1, (b) => `error: cannot write output to '${b}/top.v/sub': a parent of it is a file, not a directory — choose a directory path whose parents are directories`],
    ['a previous output holding a user file', (b) => ['-o', join(b, 'prev')], 1, (b) => `error: output directory '${b}/prev' is a previous lowbit-hdl output but also holds a file it did not write: my-tb.sv — nothing was changed; move those files out of it, or pass --force to replace the directory and delete them`],
    ['the root directory, even with --force', () => ['-o', '/', '--force'], 1, () => "error: refusing to write output into '/': it is the root of the file system — give -o a new or empty directory, e.g. -o rtl-out/my_top (not even --force replaces this one)"],
    ['the working directory', () => ['-o', '.'], 1, () => "error: refusing to write output into '.': it is the working directory — give -o a new or empty directory, e.g. -o rtl-out/my_top (not even --force replaces this one)"],
    ['an ancestor of the working directory, with --force', () => ['-o', '..', '--force'], 1, () => "error: refusing to write output into '..': it contains the working directory — give -o a new or empty directory, e.g. -o rtl-out/my_top (not even --force replaces this one)"],
    ['an empty path', () => ['-o', ''], 2, () => "error: -o takes a directory path, not an empty string — run 'lowbit-hdl --help' for usage"],
    ['a path under /proc (returns at once)', () => ['-o', '/proc/x/y'], 1, () => "error: cannot create output directory '/proc/x/y': the file system does not allow creating it there (ENOENT) — choose a directory you can write to with -o"],
    ['-o given twice', (b) => ['-o', join(b, 'a'), '-o', join(b, 'b')], 2, () => "error: --out is given more than once — run 'lowbit-hdl --help' for usage"],
  ];

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'lowbit-shouldfail-out-'));
    mkdirSync(join(base, 'proj', 'src'), { recursive: true });
    writeFileSync(join(base, 'proj', 'src', 'main.c'), 'int main(void) { return 0; }\n');
    writeFileSync(join(base, 'proj', 'notes.txt'), 'mine\n');
    writeFileSync(join(base, 'top.v'), 'module mine; endmodule\n');
    mkdirSync(join(base, 'prev'));
    writeFileSync(join(base, 'prev', 'manifest.json'), JSON.stringify({ generator: { name: 'lowbit-hdl' }, files: [{ file: 'old.v' }] }));
    writeFileSync(join(base, 'prev', 'old.v'), '// old\n');
    writeFileSync(join(base, 'prev', 'my-tb.sv'), '// mine\n');
    mkdirSync(join(base, 'cwd'));
    before = tree(base);
    results = await runCliBatch(OUT_CASES.map(([, args]) => ['gen', join(ROOT, MAC), ...args(base)]), join(base, 'cwd'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  OUT_CASES.forEach(([title, , code, message], k) => {
    it(title, () => {
      expect(results[k]).toEqual({ code, stdout: '', stderr: message(base) });
    });
  });

  it('nothing on disk changed (but the parameter cache in the working directory’s .lowbit-hdl/)', () => {
    expect(tree(base).filter((f) => !f.startsWith('/cwd/.lowbit-hdl'))).toEqual(before);
  });

  it('the design file given as a directory', async () => {
    expect(await runCli(['gen', 'examples', '-o', join(base, 'x')])).toEqual({ code: 1, stdout: '', stderr: "error: 'examples' is a directory, not a design file — give the design file itself, e.g. examples/mac-int8.ts" });
  });

  it('with --force a previous output with user files is replaced; without, a clean previous output is', async () => {
    const r = await runCliBatch([['gen', MAC, '-o', join(base, 'prev'), '--force'], ['gen', MAC, '-o', join(base, 'prev')]]);
    expect(r.map((x) => x.code)).toEqual([0, 0]);
    expect(readdirSync(join(base, 'prev')).sort()).toEqual(['README.md', 'mac_int8-timing.json', 'mac_int8-timing.svg', 'mac_int8.core', 'mac_int8.f', 'mac_int8.v', 'manifest.json']);
  });
});


/**
 * Failures of the other commands a user can cause: each exits with one exact line and no stack.
 * `{root}` in an expected line stands for the repository root.
 */
describe('should-fail commands: cosim, synth and parameters', () => {
  const GT = 'test/fixtures/bad-cosim/golden-throws.ts';
  const gtLines = (): string[] => readFileSync(join(ROOT, GT), 'utf8').split('\n');
  const CMD_CASES: [string, string[], number, () => string][] = [
    [
      'a golden model that throws is located at the throw in the user’s file',
      ['cosim', GT, '--sim', 'icarus'],
      1,
      () => {
        const line = gtLines().findIndex((l) => l.endsWith('// expect-error')) + 1;
        const col = gtLines()[line - 1]!.indexOf('new RangeError') + 1;
        return `${GT}:${line}:${col}: error: the design threw while computing the golden model of inputs [["13"]]: no golden value for 13 — fix the exception at this line`;
      },
    ],
    ['an unwritable --json is refused before the run', ['cosim', 'examples/mac-int8.ts', '--json', '/proc/x/r.json'], 1, () => "error: cannot create the directory of --json file '/proc/x': the file system does not allow creating it there (ENOENT) — choose a --json file path you can write to"],
    ['a --json that is a directory', ['synth', 'examples/mac-int8.ts', '--json', 'examples'], 1, () => "error: cannot write --json file 'examples': it is a directory — give a file path for the --json file"],
    ['--rtl of a directory that does not exist', ['cosim', 'examples/mac-int8.ts', '--rtl', 'no/such/rtl'], 1, () => "error: RTL directory 'no/such/rtl' does not exist — give the directory `lowbit-hdl gen` wrote"],
    ['--rtl of a file', ['cosim', 'examples/mac-int8.ts', '--rtl', 'README.md'], 1, () => "error: 'README.md' is not a directory — give the directory `lowbit-hdl gen` wrote"],
    ['a repeated --param', ['gen', 'examples/mac-int8.ts', '--param', 'length=4', '--param', 'length=8', '-o', '/tmp/never-written'], 1, () => 'error: --param length is given twice (--param length=4, then --param length=8) — give each parameter once'],
    ['an empty vector file', ['cosim', 'examples/pipelined-madd.ts', '--vector-file', 'test/fixtures/vectors/empty.jsonl', '--sim', 'icarus'], 1, () => 'test/fixtures/vectors/empty.jsonl:1:1: error: vector file has no transactions (only blank or comment lines) — add one JSON line per transaction, e.g. {"in_valid": 0, "a": 0, "b": 0, "c": 0}'],
    ['a vector file that does not exist', ['cosim', 'examples/pipelined-madd.ts', '--vector-file', 'no/such.jsonl'], 1, () => "error: cannot read vector file 'no/such.jsonl': it does not exist — check the --vector-file path"],
    ['--exhaustive over the limit', ['cosim', 'examples/mac-int8.ts', '--exhaustive'], 1, () => "error: --exhaustive: one transaction of 'mac_int8' has 64 input bits, over the limit of 32 bits (2^32 transactions) — drop --exhaustive to run corner and seeded random vectors, or narrow the inputs with --param"],
    ...(
      [
        ['0', 'rows must be at least 1; '],
        ['-1', 'rows cannot be negative (-1); '],
        ['2.5', 'rows counts whole units: 2.5 is not an integer; '],
        ['1e9', '1000000000 is far beyond what can be elaborated; '],
        ['65', ''],
      ] as const
    ).map(([v, hint]): [string, string[], number, () => string] => [
      `a family's range error for rows=${v} points at the parameter's declaration, hint for the value`,
      ['gen', 'examples/mixpe.ts', '--param', `rows=${v}`, '-o', '/tmp/never-written'],
      1,
      () => {
        const lines = readFileSync(join(ROOT, 'examples/mixpe.ts'), 'utf8').split('\n');
        const line = lines.findIndex((l) => /^\s+rows: number;/.test(l)) + 1;
        const shown = v === '1e9' ? '1000000000' : v;
        return `examples/mixpe.ts:${line}:${lines[line - 1]!.indexOf('rows') + 1}: error: MixPE parameter rows = ${shown} is out of range — ${hint}the array is at most 64×64 (spec §9) (from --param rows=${v})`;
      },
    ]),
    ['--waves-dir empty', ['cosim', 'examples/mac-int8.ts', '--waves-dir', ''], 2, () => "error: --waves-dir takes a directory path, not an empty string — run 'lowbit-hdl --help' for usage"],
  ];
  let results: CliResult[];
  beforeAll(async () => {
    results = await runCliBatch(CMD_CASES.map(([, argv]) => argv));
  });

  CMD_CASES.forEach(([title, , code, message], k) => {
    it(title, () => {
      expect({ code: results[k]!.code, stderr: results[k]!.stderr }).toEqual({ code, stderr: message() });
      expect(existsSync('/tmp/never-written')).toBe(false);
    });
  });

  it('an unwritable build cache ($LOWBIT_HDL_CACHE) is one line naming the variable', async () => {
    const r = await runCli(['cosim', 'examples/mac-int8.ts', '--sim', 'icarus'], ROOT, { LOWBIT_HDL_CACHE: '/proc/lowbit/cache' });
    expect(r).toEqual({ code: 1, stdout: '', stderr: "error: cannot create the build cache '/proc/lowbit/cache': the file system does not allow creating it there (ENOENT) — set LOWBIT_HDL_CACHE to a directory you can write to" });
  });
});
