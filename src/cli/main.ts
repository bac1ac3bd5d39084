/**
 * `lowbit-hdl` command line. Exit codes: 0 ok, 1 design or check error (located diagnostics on
 * stderr), 2 usage error, 3 internal error (a bug in lowbit-hdl). Nothing a user can cause prints a
 * stack trace: user mistakes are `file:line:col: error: what — hint` (or `error: what — hint`); an
 * internal bug is one line saying so, with the stack only under `--debug`.
 *
 * Each command's module is imported only when that command runs, so `--help` and `--version` load
 * none of the heavy dependencies (ts-morph, Yosys, the cosim engine).
 */
import { isLowbitError } from '../diag/error.ts';
import { VERSION } from './version.ts';
import { UsageError, printDiagnostics, stdio, type Printer } from './command-line.ts';
import { HELP, commandHelp } from './help-text.ts';

export { UsageError, printDiagnostics, parseCommand, type Printer, type OptionSpec, type OptionValues } from './command-line.ts';


export async function main(argv: readonly string[], p: Printer = stdio): Promise<number> {
  const debug = argv.includes('--debug');
  const [cmd, ...args] = argv.filter((a) => a !== '--debug');
  try {
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      p.out(HELP + '\n');
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === '--version' || cmd === '-V') {
      p.out(`lowbit-hdl ${VERSION}\n`);
      return 0;
    }
    const load = COMMANDS[cmd];
    if (!load) throw new UsageError(`unknown command '${cmd}'`);
    if (args.includes('--help') || args.includes('-h')) {
      p.out(commandHelp(cmd) + '\n');
      return 0;
    }
    return await (await load())(args, p);
  } catch (e) {
    return reportFailure(e, p, debug);
  }
}

type Command = (args: readonly string[], p: Printer) => Promise<number>;

/** Command name → lazy loader of its implementation. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  gen: async () => (await import('./commands/gen.ts')).genCommand,
  lint: async () => (await import('./commands/lint.ts')).lintCommand,
  doctor: async () => (await import('./commands/doctor.ts')).doctorCommand,
  cosim: async () => (await import('./commands/cosim.ts')).cosimCommand,
  synth: async () => (await import('./commands/synth.ts')).synthCommand,
  conform: async () => (await import('./commands/conform.ts')).conformCommand,
  sweep: async () => (await import('./commands/sweep.ts')).sweepCommand,
  worker: async () => (await import('./commands/worker.ts')).workerCommand,
  equiv: async () => (await import('./commands/equiv.ts')).equivCommand,
  quantize: async () => (await import('./commands/quantize.ts')).quantizeCommand,
};

/** Where an internal error should be reported. */
export const REPORT_TO = 'https://github.com/lowbit-hdl/lowbit-hdl/issues';

/** Print a failure the user can act on and return the exit code; never a stack unless `debug`. */
export function reportFailure(e: unknown, p: Printer, debug: boolean): number {
  if (isLowbitError(e)) {
    printDiagnostics(e.diagnostics, p);
    return 1;
  }
  const err = e as { code?: string; message?: string; syscall?: string; path?: string } | undefined;
  if (e instanceof UsageError || (e instanceof TypeError && err?.code?.startsWith('ERR_PARSE_ARGS'))) {
    p.err(`error: ${err!.message} — run 'lowbit-hdl --help' for usage\n`);
    return 2;
  }
  if (err && typeof err.syscall === 'string' && typeof err.path === 'string') {
    // A file system or process error the environment caused (a missing tool, a full disk).
    p.err(`error: cannot ${err.syscall} '${err.path}': ${err.code ?? 'failed'} — check the path and its permissions\n`);
    if (debug && e instanceof Error) p.err(`${e.stack}\n`);
    return 1;
  }
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  p.err(`error: internal error in lowbit-hdl ${VERSION}: ${msg} — this is a bug in lowbit-hdl, not in your design; please report it with the command line at ${REPORT_TO}` + (debug ? '' : ' (run again with --debug for the stack trace)') + '\n');
  if (debug) p.err(`${e instanceof Error ? e.stack : String(e)}\n`);
  return 3;
}
