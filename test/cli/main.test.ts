import { describe, it, expect } from 'vitest';
import { main, parseCommand, printDiagnostics, UsageError, reportFailure, REPORT_TO, type Printer } from '../../src/cli/main.ts';
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
      expect(r.out).toContain('Exit codes: 0 ok, 1 design or check error, 2 usage error, 3 internal error (please report).');
    }
    const none = await call([]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('Usage:');
  });

  it('<command> --help / -h print that command\'s help and exit 0, without running it', async () => {
    for (const [cmd, flag] of [['cosim', '--help'], ['synth', '-h'], ['gen', '--help']] as const) {
      const r = await call([cmd, 'no-such-design.ts', flag]);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toMatch(new RegExp(`^Usage:\\n  lowbit-hdl ${cmd} `));
      expect(r.out).not.toContain('lowbit-hdl lint');
    }
    const unknown = await call(['frobnicate', '--help']);
    expect(unknown.code).toBe(2);
  });

  it('--version / -V print the version', async () => {
    expect(await call(['--version'])).toEqual({ code: 0, out: `lowbit-hdl ${VERSION}\n`, err: '' });
    expect((await call(['-V'])).out).toBe(`lowbit-hdl ${VERSION}\n`);
  });

  it('usage errors exit 2 with a pointer to --help', async () => {
    expect(await call(['frobnicate'])).toEqual({ code: 2, out: '', err: "error: unknown command 'frobnicate' — run 'lowbit-hdl --help' for usage\n" });
    const unknownOption = await call(['gen', '--bogus', 'x.ts']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toMatch(/^error: Unknown option '--bogus'.* — run 'lowbit-hdl --help' for usage\n$/);
    expect(await call(['gen'])).toEqual({ code: 2, out: '', err: "error: expected 1 argument, got 0 — run 'lowbit-hdl --help' for usage\n" });
    expect((await call(['gen', 'a.ts', 'b.ts'])).err).toContain('expected 1 argument, got 2');
    expect((await call(['doctor', 'extra'])).err).toContain('expected 0 arguments, got 1');
    expect((await call(['gen', 'x.ts', '--out'])).code).toBe(2); // option without its value
  });

  it('an internal error is one line (exit 3) naming where to report it; --debug adds the stack', async () => {
    const p = (): { p: Printer; err: () => string } => {
      let err = '';
      return { p: { out: () => {}, err: (s) => void (err += s) }, err: () => err };
    };
    const a = p();
    expect(reportFailure(new Error('boom\nsecond line'), a.p, false)).toBe(3);
    expect(a.err()).toBe(`error: internal error in lowbit-hdl ${VERSION}: boom — this is a bug in lowbit-hdl, not in your design; please report it with the command line at ${REPORT_TO} (run again with --debug for the stack trace)\n`);
    const b = p();
    expect(reportFailure(new Error('boom'), b.p, true)).toBe(3);
    expect(b.err().split('\n')[1]).toBe('Error: boom');
    expect(b.err()).toMatch(/\n\s+at /);
    const c = p();
    const fsErr = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'open', path: '/x/y.json' });
    expect(reportFailure(fsErr, c.p, false)).toBe(1);
    expect(c.err()).toBe("error: cannot open '/x/y.json': EACCES — check the path and its permissions\n");
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
    for (const r of results) expect(r.stderr).toMatch(/^error: .* — run 'lowbit-hdl --help' for usage$/);
    for (const r of results) expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
