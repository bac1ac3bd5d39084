/**
 * The CLI's usage text, and the part of it about one command (`lowbit-hdl <command> --help`):
 * that command's usage lines, its description and the options every command shares. One text,
 * so the two never disagree.
 */
import { VERSION } from './version.ts';

export const HELP = `lowbit-hdl ${VERSION} — TypeScript DSL to Verilog for low-bit arithmetic hardware

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
                   [--hierarchy flat|per-module] [--yosys auto|wasm|native]
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

/** Lines of `section` (e.g. "Usage:") up to the next blank line, without the heading. */
function section(name: string): string[] {
  const lines = HELP.split('\n');
  const start = lines.indexOf(name);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** Entries of a section that begin with `head`, each with its deeper-indented continuation lines. */
function entries(lines: readonly string[], head: RegExp): string[] {
  const out: string[] = [];
  let taking = false;
  for (const line of lines) {
    const indent = /^ */.exec(line)![0].length;
    if (indent <= 2) taking = head.test(line);
    if (taking) out.push(line);
  }
  return out;
}

/** Help for one command: usage, description, shared options and exit codes. */
export function commandHelp(cmd: string): string {
  const usage = entries(section('Usage:'), new RegExp(`^  lowbit-hdl ${cmd}( |$)`));
  const about = entries(section('Commands:'), new RegExp(`^  ${cmd} `));
  const options = HELP.slice(HELP.indexOf('Options:'));
  return ['Usage:', ...usage, '', ...about.map((l) => l.replace(/^ {2}/, '')), '', options].join('\n');
}
