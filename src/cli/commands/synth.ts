/**
 * `lowbit-hdl synth <design.ts|DIR> [--target t] [--liberty FILE] [--no-dsp] [--compare OTHER] [--json FILE]
 *   [--param k=v]... [--compare-param k=v]... [--macs-per-cycle N] [--compare-macs-per-cycle N]
 *   [--hierarchy flat|per-module] [--yosys auto|wasm|native]`: Yosys
 * synthesis reports (src/synth); with `--compare`, both designs side by side with ratios (`--param`
 * sets the first design's parameters, `--compare-param` the other's). MACs per cycle come from the
 * flag or else from the design file's `macsPerCycle(params)`; they are used on targets with a delay
 * figure (asic, xilinx). `--target ice40 --pnr [--device up5k|hx8k]` also places and routes with
 * nextpnr-ice40 (src/synth/pnr-ice40.ts) and reports utilization and Fmax. With `--hierarchy
 * per-module` and a design file, the report says whether the per-module delay is exact or a lower
 * bound (src/synth/boundary-paths.ts; a warning, the exit status stays 0).
 */
import { writeUserFile, checkUserFileDir } from '../../util/safe-fs.ts';
import { parseCommand, printDiagnostics, UsageError, type Printer } from '../command-line.ts';
import { rtlSource } from '../rtl-source.ts';
import { placeAndRouteIce40, formatPnrReport, ICE40_DEVICES, type Ice40Device, type PnrReport } from '../../synth/pnr-ice40.ts';
import { topModule } from '../../emit/emit-design.ts';
import { synthesize, formatReport, boundaryNotes, compareReports, formatComparison, SYNTH_HIERARCHIES, SYNTH_TARGETS, type SynthHierarchy, type SynthTarget, type SynthReport, type YosysEngineChoice } from '../../synth/index.ts';

export async function synthCommand(args: readonly string[], p: Printer): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      target: { type: 'string' },
      liberty: { type: 'string' },
      'no-dsp': { type: 'boolean' },
      compare: { type: 'string' },
      json: { type: 'string' },
      param: { type: 'string', multiple: true },
      'compare-param': { type: 'string', multiple: true },
      pnr: { type: 'boolean' },
      device: { type: 'string' },
      'macs-per-cycle': { type: 'string' },
      'compare-macs-per-cycle': { type: 'string' },
      hierarchy: { type: 'string' },
      yosys: { type: 'string' },
    },
    1,
  );
  const target = (values.target as string | undefined) ?? 'generic';
  if (!SYNTH_TARGETS.includes(target as SynthTarget)) throw new UsageError(`--target must be one of ${SYNTH_TARGETS.join(', ')}`);
  if (values.pnr && target !== 'ice40') throw new UsageError('--pnr needs --target ice40');
  if (values.device !== undefined && !values.pnr) throw new UsageError('--device applies to --pnr');
  const device = (values.device as string | undefined) ?? 'up5k';
  if (!ICE40_DEVICES.includes(device as Ice40Device)) throw new UsageError(`--device must be one of ${ICE40_DEVICES.join(', ')}`);
  if (values.pnr && values.compare) throw new UsageError('--pnr and --compare cannot be combined');
  if (values.json !== undefined) checkUserFileDir(values.json as string, '--json file');
  const hierarchy = values.hierarchy as SynthHierarchy | undefined;
  if (hierarchy !== undefined && !SYNTH_HIERARCHIES.includes(hierarchy)) throw new UsageError(`--hierarchy must be one of ${SYNTH_HIERARCHIES.join(', ')}`);
  if (hierarchy !== undefined && (target === 'xilinx' || target === 'ice40')) throw new UsageError('--hierarchy applies to the ASIC targets (generic, cmos, asic)');
  const engine = values.yosys as YosysEngineChoice | undefined;
  if (engine !== undefined && !['auto', 'wasm', 'native'].includes(engine)) throw new UsageError('--yosys must be one of auto, wasm, native');
  let pnr: PnrReport | undefined;
  const timed = target === 'asic' || target === 'xilinx';
  const macsFlag = (name: string): number | undefined => {
    const raw = values[name] as string | undefined;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`--${name} must be a positive number, got '${raw}'`);
    if (!timed) throw new UsageError(`--${name} needs a delay figure: use --target asic or xilinx`);
    return n;
  };
  const run = async (arg: string, params: string[] | undefined, macs: number | undefined): Promise<SynthReport> => {
    const src = await rtlSource(arg, params);
    try {
      if (src.generated) printDiagnostics(src.generated.warnings, p);
      const g = src.generated;
      const declared = timed && g?.design.macsPerCycle ? g.design.macsPerCycle(g.params as never) : undefined;
      const report = await synthesize({
        files: src.rtl.files,
        top: src.rtl.top,
        target: target as SynthTarget,
        liberty: values.liberty as string | undefined,
        dsp: target === 'xilinx' || target === 'ice40' ? !values['no-dsp'] : undefined,
        macsPerCycle: macs ?? declared,
        hierarchy,
        design: g?.ir,
        engine,
      });
      if (values.pnr) {
        const clock = src.generated ? topModule(src.generated.ir).clock?.name : undefined;
        pnr = await placeAndRouteIce40({ files: src.rtl.files, top: src.rtl.top, device: device as Ice40Device, clock });
      }
      return report;
    } finally {
      src.dispose();
    }
  };
  const macsA = macsFlag('macs-per-cycle');
  const macsB = macsFlag('compare-macs-per-cycle');
  if (macsB !== undefined && !values.compare) throw new UsageError('--compare-macs-per-cycle needs --compare');
  const a = await run(positionals[0]!, values.param as string[] | undefined, macsA);
  if (values.compare) {
    const b = await run(values.compare as string, values['compare-param'] as string[] | undefined, macsB);
    const rows = compareReports(a, b);
    p.out(formatComparison(rows, [a.top, b.top]) + '\n');
    for (const r of [a, b]) {
      const notes = boundaryNotes(r);
      if (notes.length > 0) p.out(`\n${r.top}: ${notes.join('\n')}\n`);
    }
    if (values.json) writeUserFile(values.json as string, JSON.stringify({ a, b, rows }, null, 2) + '\n', '--json file');
  } else {
    p.out(formatReport(a) + '\n');
    if (pnr) p.out(formatPnrReport(pnr) + '\n');
    if (values.json) writeUserFile(values.json as string, JSON.stringify(pnr ? { ...a, pnr } : a, null, 2) + '\n', '--json file');
  }
  return 0;
}
