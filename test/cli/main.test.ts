import { describe, it, expect } from 'vitest';
import { main, parseCommand, printDiagnostics, UsageError, type Printer } from '../../src/cli/main.ts';
import { VERSION } from '../../src/cli/version.ts';
import { runCli } from './run-cli.ts';

/** main() in process, with its output captured. */
async function call(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const p: Printer = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, p);
  return { code, out, err };
}

describe('main (in process)', () => {
  it('--help / -h / help print the usage and exit 0; no command prints it and exits 2', async () => {
    for (const a of ['--help', '-h', 'help']) {
      const r = await call([a]);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`lowbit-hdl ${VERSION}`);
      expect(r.out).toContain('Usage:\n  lowbit-hdl gen <design.ts>');
      expect(r.out).toContain('Exit codes: 0 ok, 1 design or check error, 2 usage error.');
    }
    const none = await call([]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('Usage:');
  });

  it('--version / -V print the version', async () => {
    expect(await call(['--version'])).toEqual({ code: 0, out: `lowbit-hdl ${VERSION}\n`, err: '' });
    expect((await call(['-V'])).out).toBe(`lowbit-hdl ${VERSION}\n`);
  });

  it('usage errors exit 2 with a pointer to --help', async () => {
    expect(await call(['frobnicate'])).toEqual({ code: 2, out: '', err: "lowbit-hdl: unknown command 'frobnicate'\nRun 'lowbit-hdl --help' for usage.\n" });
    const unknownOption = await call(['gen', '--bogus', 'x.ts']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toMatch(/^lowbit-hdl: Unknown option '--bogus'/);
    expect(await call(['gen'])).toEqual({ code: 2, out: '', err: "lowbit-hdl: expected 1 argument, got 0\nRun 'lowbit-hdl --help' for usage.\n" });
    expect((await call(['gen', 'a.ts', 'b.ts'])).err).toContain('expected 1 argument, got 2');
    expect((await call(['doctor', 'extra'])).err).toContain('expected 0 arguments, got 1');
    expect((await call(['gen', 'x.ts', '--out'])).code).toBe(2); // option without its value
  });

  it('user errors exit 1 with located diagnostics and no stack', async () => {
    const r = await call(['gen', 'no/such/design.ts']);
    expect(r).toEqual({ code: 1, out: '', err: "error: design file 'no/such/design.ts' does not exist — check the path\n" });
  });
});

describe('parseCommand / printDiagnostics', () => {
  it('parses options and counts positionals', () => {
    const r = parseCommand(['x.ts', '-o', 'dir', '--param', 'a=1', '--param', 'b=2', '--flag'], { out: { type: 'string', short: 'o' }, param: { type: 'string', multiple: true }, flag: { type: 'boolean' } }, 1);
    expect(r.positionals).toEqual(['x.ts']);
    expect(r.values).toEqual({ out: 'dir', param: ['a=1', 'b=2'], flag: true });
    expect(() => parseCommand([], {}, 1)).toThrow(UsageError);
  });

  it('prints one diagnostic per line', () => {
    let err = '';
    printDiagnostics([{ severity: 'warning', message: 'w' }, { severity: 'error', message: 'e', hint: 'h', loc: { file: '/abs/d.ts', line: 3, col: 4 } }], { out: () => {}, err: (s) => void (err += s) });
    expect(err).toBe('warning: w\n/abs/d.ts:3:4: error: e — h\n');
  });
});

describe('the lowbit-hdl command (subprocess): exit codes', () => {
  it('--help and --version exit 0', async () => {
    const h = await runCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Usage:');
    const v = await runCli(['--version']);
    expect(v).toEqual({ code: 0, stdout: `lowbit-hdl ${VERSION}`, stderr: '' });
  });

  // The missing-argument case is covered in process above; main()'s return value is the exit code.
  it('unknown command and unknown option exit 2', async () => {
    const results = await Promise.all([runCli(['frobnicate']), runCli(['gen', '--bogus', 'examples/mac-int8.ts'])]);
    expect(results.map((r) => r.code)).toEqual([2, 2]);
    expect(results.map((r) => r.stderr.split('\n')[1])).toEqual(Array(2).fill("Run 'lowbit-hdl --help' for usage."));
    for (const r of results) expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
