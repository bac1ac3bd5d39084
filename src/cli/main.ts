/**
 * `lowbit-hdl` command line. Exit codes: 0 ok, 1 design or check error (located diagnostics on
 * stderr), 2 usage error. User mistakes never print a stack trace; internal errors do.
 */
import { parseArgs } from 'node:util';
import { formatDiagnostic, type Diagnostic } from '../diag/error.ts';
import { isLowbitError } from './load-design.ts';
import { VERSION } from './version.ts';
import { genCommand } from './commands/gen.ts';
import { lintCommand } from './commands/lint.ts';
import { doctorCommand } from './commands/doctor.ts';
import { synthCommand } from './commands/synth.ts';
import { equivCommand } from './commands/equiv.ts';
import { conformCommand } from './commands/conform.ts';
import { cosimCommand } from './commands/cosim.ts';

export class UsageError extends Error {}

const HELP = `lowbit-hdl ${VERSION} — TypeScript DSL to Verilog for low-bit arithmetic hardware

Usage:
  lowbit-hdl gen <design.ts> [-o dir] [--param k=v]... [--top name] [--single-file] [--src-locs]
  lowbit-hdl gen <design.ts> --list-params
  lowbit-hdl lint <dir|design.ts> [--param k=v]...
  lowbit-hdl cosim <design.ts> [--vectors N] [--seed S] [--exhaustive] [--sim verilator|icarus|both]
                   [--rtl DIR] [--netlist] [--waves] [--json FILE] [--vector-file F] [--mutate K] [--param k=v]...
  lowbit-hdl synth <design.ts|dir> [--target generic|cmos|xilinx|ice40|asic] [--liberty FILE] [--no-dsp]
                   [--compare OTHER] [--json FILE] [--param k=v]... [--compare-param k=v]...
                   [--macs-per-cycle N] [--compare-macs-per-cycle N]
  lowbit-hdl equiv <design.ts> [--param k=v]... --against k=v... [--depth N] [--beats B] [--cex FILE] [--json FILE]
  lowbit-hdl conform ap_fixed <vectors.jsonl> [--rtl] [--hls-compat] [--sim verilator|icarus|both]
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
  doctor   versions of node, verilator, iverilog, yosys; what is missing and how to install it

Options:
  -o, --out <dir>       output directory (gen)
  --param k=v           set an elaboration parameter (repeatable); see --list-params
  --top <name>          name of the top module (and of the default output directory)
  --single-file         all modules in one <top>.v
  --src-locs            add // @[design.ts:line:col] comments
  --list-params         print the design's parameters with types, defaults and docs

Exit codes: 0 ok, 1 design or check error, 2 usage error.`;

export type Printer = { out: (s: string) => void; err: (s: string) => void };
const stdio: Printer = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export function printDiagnostics(diags: readonly Diagnostic[], p: Printer = stdio): void {
  for (const d of diags) p.err(formatDiagnostic(d) + '\n');
}

export async function main(argv: readonly string[], p: Printer = stdio): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      p.out(HELP + '\n');
      return cmd === undefined ? 2 : 0;
    }
    if (cmd === '--version' || cmd === '-V') {
      p.out(`lowbit-hdl ${VERSION}\n`);
      return 0;
    }
    switch (cmd) {
      case 'gen':
        return await genCommand(rest, p);
      case 'lint':
        return await lintCommand(rest, p);
      case 'doctor':
        return await doctorCommand(rest, p);
      case 'cosim':
        return await cosimCommand(rest, p);
      case 'synth':
        return await synthCommand(rest, p);
      case 'equiv':
        return await equivCommand(rest, p);
      case 'conform':
        return await conformCommand(rest, p);
      default:
        throw new UsageError(`unknown command '${cmd}'`);
    }
  } catch (e) {
    if (isLowbitError(e)) {
      printDiagnostics(e.diagnostics, p);
      return 1;
    }
    if (e instanceof UsageError || (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      p.err(`lowbit-hdl: ${e.message}\nRun 'lowbit-hdl --help' for usage.\n`);
      return 2;
    }
    throw e;
  }
}

/** parseArgs with the options every design-taking command shares. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export function parseCommand(args: readonly string[], options: OptionSpec, positionals: number): { values: OptionValues; positionals: string[] } {
  const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as { values: OptionValues; positionals: string[] };
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(`expected ${positionals} argument${positionals === 1 ? '' : 's'}, got ${parsed.positionals.length}`);
  }
  return parsed;
}
