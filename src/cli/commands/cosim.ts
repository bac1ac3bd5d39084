/**
 * `lowbit-hdl cosim <design.ts> [--vectors N] [--seed S] [--exhaustive] [--sim verilator|icarus|both]
 *   [--rtl DIR] [--netlist] [--waves] [--waves-dir DIR] [--json FILE] [--vector-file F] [--mutate K] [--param k=v]...`
 * `--waves` writes VCDs next to the RTL (or into `--waves-dir DIR`) and prints where.
 * `--mutate K` injects K faults into the top module's RTL and exits 1 if any survives.
 * Generate (or take `--rtl DIR`), optionally synthesize to a gate-level netlist, and cosimulate
 * against the design's golden model. Ends with `N passed, M failed`; exit 1 on any mismatch.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename, resolve } from 'node:path';
import { writeUserFile, checkUserFileDir } from '../../util/safe-fs.ts';
import { parseCommand, printDiagnostics, UsageError, type Printer } from '../command-line.ts';
import { rtlSource } from '../rtl-source.ts';
import { generate } from '../generate.ts';
import { readRtlDir } from '../../lint/lint-rtl.ts';
import { cosimDesign, cosimSpecOf, designCosimOptions } from '../design-cosim.ts';
import { runMutants, formatMutationReport, generateMutants } from '../../cosim/mutate.ts';
import { formatCosimReport } from '../../cosim/report.ts';
import { runYosys } from '../../synth/index.ts';
import type { SimChoice } from '../../cosim/types.ts';

const SIMS = ['verilator', 'icarus', 'both'];

export async function cosimCommand(args: readonly string[], p: Printer): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      vectors: { type: 'string' },
      seed: { type: 'string' },
      exhaustive: { type: 'boolean' },
      sim: { type: 'string' },
      rtl: { type: 'string' },
      netlist: { type: 'boolean' },
      waves: { type: 'boolean' },
      'waves-dir': { type: 'string' },
      json: { type: 'string' },
      'vector-file': { type: 'string' },
      mutate: { type: 'string' },
      param: { type: 'string', multiple: true },
    },
    1,
  );
  const sim = (values.sim as string | undefined) ?? 'both';
  if (!SIMS.includes(sim)) throw new UsageError(`--sim must be one of ${SIMS.join(', ')}`);
  const count = values.vectors === undefined ? undefined : Number(values.vectors);
  if (count !== undefined && (!Number.isInteger(count) || count < 0)) throw new UsageError('--vectors takes a non-negative integer');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed takes an integer');
  const mutate = values.mutate === undefined ? undefined : Number(values.mutate);
  if (mutate !== undefined && (!Number.isInteger(mutate) || mutate < 1)) throw new UsageError('--mutate takes a positive integer');

  if (values['waves-dir'] === '') throw new UsageError('--waves-dir takes a directory path, not an empty string');
  if (values.json !== undefined) checkUserFileDir(values.json as string, '--json file');
  const params = values.param as string[] | undefined;
  const g = values.rtl ? await generate(positionals[0]!, { params }) : undefined;
  const src = values.rtl ? { rtl: readRtlDir(values.rtl as string), generated: g, dispose: () => {} } : await rtlSource(positionals[0]!, params);
  const gen = src.generated!;
  printDiagnostics(gen.warnings, p);
  const tmp = mkdtempSync(join(tmpdir(), 'lowbit-netlist-'));
  try {
    let files = src.rtl.files;
    if (values.netlist) files = [await synthNetlist(files, src.rtl.top, tmp)];
    const spec = cosimSpecOf(gen.design, gen.params, gen.file);
    if (mutate !== undefined) {
      // Inject faults into the design's modules (K spread over every file that has candidates,
      // leaves first) and count how many the default vectors kill.
      const opts = designCosimOptions(gen.ir, files, spec, { sim: sim as SimChoice, seed, count });
      const candidates = files.filter((f) => generateMutants(readFileSync(f, 'utf8')).length > 0);
      let all = 0;
      let bad = 0;
      let unproven = 0;
      for (const [i, file] of candidates.entries()) {
        const share = Math.floor(mutate / candidates.length) + (i < mutate % candidates.length ? 1 : 0);
        if (share === 0) continue;
        const report = await runMutants({ ...opts, file, mutantOptions: { count: share, seed } });
        p.out(formatMutationReport(report) + '\n');
        all += report.results.length;
        bad += report.survived;
        unproven += report.unproven;
      }
      p.out(`mutation total: ${all} mutants in ${candidates.length} file(s), ${all - bad - unproven} killed or proven equivalent, ${unproven} unproven, ${bad} survived\n`);
      return bad === 0 ? 0 : 1;
    }
    const result = await cosimDesign(gen.ir, files, spec, {
      sim: sim as SimChoice,
      seed,
      count,
      exhaustive: Boolean(values.exhaustive),
      vectorFile: values['vector-file'] as string | undefined,
      waves: values.waves || values['waves-dir'] !== undefined ? { dir: wavesDir(values, gen.ir.top) } : false,
      verilatorFlags: values.netlist ? NETLIST_VERILATOR_FLAGS : undefined,
    });
    p.out(`${basename(gen.file)}: ${result.top}${values.netlist ? ' (gate-level netlist)' : values.rtl ? ` (RTL from ${values.rtl})` : ''}\n`);
    p.out(formatCosimReport(result) + '\n');
    if (values.json) writeUserFile(values.json as string, JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n', '--json file');
    return result.failed === 0 ? 0 : 1;
  } finally {
    src.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Where `--waves` writes `<top>-<sim>.vcd`: `--waves-dir DIR`, else next to the RTL — `<DIR>.waves/`
 * for `--rtl DIR`, `rtl-out/<top>.waves/` (beside gen's default output) for a design file.
 */
function wavesDir(values: Record<string, unknown>, top: string): string {
  const named = values['waves-dir'] as string | undefined;
  if (named !== undefined) return resolve(named);
  const rtl = values.rtl as string | undefined;
  return rtl ? resolve(rtl).replace(/\/+$/, '') + '.waves' : resolve('rtl-out', `${top}.waves`);
}

/** Yosys's netlist is not written for Verilator's style lint; these only silence style warnings. */
const NETLIST_VERILATOR_FLAGS = ['-Wno-UNUSEDSIGNAL', '-Wno-DECLFILENAME', '-Wno-UNOPTFLAT'];

/** Synthesize to a generic gate-level netlist (Yosys internal gates written as Verilog). */
async function synthNetlist(files: readonly string[], top: string, dir: string): Promise<string> {
  const inputs: Record<string, string> = {};
  const names = files.map((f, i) => `rtl/${i}_${basename(f)}`);
  files.forEach((f, i) => (inputs[names[i]!] = readFileSync(f, 'utf8')));
  const script = [...names.map((n) => `read_verilog ${n}`), `synth -flatten -top ${top}`, 'opt_clean -purge', 'write_verilog -noattr out/netlist.v'].join('\n');
  const r = await runYosys(script, inputs);
  const out = join(dir, 'netlist.v');
  writeFileSync(out, r.files['out/netlist.v']!);
  return out;
}
