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

export { UsageError, printDiagnostics, parseCommand, type Printer, type OptionSpec, type OptionValues } from './command-line.ts';


const HELP = `lowbit-hdl ${VERSION} — TypeScript DSL to Verilog for low-bit arithmetic hardware

Usage:
  lowbit-hdl gen <design.ts> [-o dir] [--force] [--param k=v]... [--top name] [--single-file] [--src-locs]
  lowbit-hdl gen <design.ts> --list-params
  lowbit-hdl lint <dir|design.ts> [--param k=v]...
  lowbit-hdl cosim <design.ts> [--vectors N] [--seed S] [--exhaustive] [--sim verilator|icarus|both]
                   [--rtl DIR] [--netlist] [--waves] [--waves-dir DIR] [--json FILE] [--vector-file F]
                   [--mutate K] [--param k=v]...
  lowbit-hdl synth <design.ts|dir> [--target generic|cmos|xilinx|ice40|asic] [--liberty FILE] [--no-dsp]
                   [--compare OTHER] [--json FILE] [--param k=v]... [--compare-param k=v]...
                   [--macs-per-cycle N] [--compare-macs-per-cycle N] [--pnr [--device up5k|hx8k]]
  lowbit-hdl equiv <design.ts> [--param k=v]... --against k=v... [--depth N] [--beats B] [--ignore-output NAME]... [--cex FILE] [--json FILE]
  lowbit-hdl conform ap_fixed <vectors.jsonl> [--rtl] [--hls-compat] [--sim verilator|icarus|both]
  lowbit-hdl sweep <design.ts> --grid name=v1,v2,... [--where EXPR] --metrics LIST [--jobs N] [--store FILE]
                   [--liberty FILE] [--retry-failed] [--report DIR [--pareto X:Y]...] [--queue redis://HOST:PORT]
  lowbit-hdl sweep export --csv|--json [--store FILE] [-o FILE]
  lowbit-hdl sweep report --report DIR [--store FILE] [--pareto X:Y]...
  lowbit-hdl worker --queue redis://HOST:PORT [--concurrency N] [--lock-duration MS]
  lowbit-hdl quantize bitmod <weights.npy|json> --bits 4|3|6|8 [--group G] [--lanes L] [-o dir] [--force]
  lowbit-hdl doctor
  lowbit-hdl --help | --version

Commands:
  gen      elaborate a design file, check it, write Verilog-2005 + filelist + FuseSoC core +
           manifest.json + datasheet to -o (default rtl-out/<top>/), atomically
  lint     Verilator --lint-only -Wall, Icarus (iverilog -g2005) and Yosys over generated RTL
  cosim    cosimulate the RTL (or --rtl DIR, or its --netlist) against the design's golden model
  synth    Yosys synthesis report: cells, CMOS transistors, FPGA LUT/FF/CARRY/DSP, liberty area, depth;
           asic (needs --liberty): critical-path delay and throughput / (area x delay)
  equiv    prove with Yosys SAT that two parameter sets of a stream design give the same output
           beats for every input sequence of N cycles (e.g. --param form=baseline --against form=opt)
  conform  check the ap_fixed golden model (and with --rtl the generated cast RTL) against vectors
  sweep    run a design over a parameter grid into a resumable results store (docs/sweep.md)
  worker   run sweep points from a BullMQ queue on Redis (scale-out for sweep --queue)
  quantize BitMoD per-group datatype quantizer: codes, ids, Δ, s_ch as JSON + $readmemh images
  doctor   versions of node, verilator, iverilog, yosys; what is missing and how to install it

Options:
  -o, --out <dir>       output directory (gen): must be absent, empty, or a previous lowbit-hdl
                        output (recognized by its manifest.json) holding no files of yours
  --force               replace the -o directory whatever it holds (never /, the working
                        directory or its parents, your home, or the design file's directory)
  --param k=v           set an elaboration parameter (repeatable); see --list-params
  --top <name>          name of the top module (and of the default output directory)
  --single-file         all modules in one <top>.v
  --src-locs            add // @[design.ts:line:col] comments
  --list-params         print the design's parameters with types, defaults and docs

  --debug               on an internal error, print its stack trace

Exit codes: 0 ok, 1 design or check error, 2 usage error, 3 internal error (please report).`;

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
