/**
 * `lowbit-hdl synth <design.ts|DIR> [--target t] [--liberty FILE] [--no-dsp] [--compare OTHER] [--json FILE]
 *   [--param k=v]... [--compare-param k=v]... [--macs-per-cycle N] [--compare-macs-per-cycle N]`: Yosys
 * synthesis reports (src/synth); with `--compare`, both designs side by side with ratios (`--param`
 * sets the first design's parameters, `--compare-param` the other's). MACs per cycle come from the
 * flag or else from the design file's `macsPerCycle(params)`; they are used on targets with a delay
 * figure (asic, xilinx).
 */
import { writeUserFile, checkUserFileDir } from '../../util/safe-fs.ts';
import { parseCommand, printDiagnostics, UsageError, type Printer } from '../command-line.ts';
import { rtlSource } from '../rtl-source.ts';
import { synthesize, formatReport, compareReports, formatComparison, SYNTH_TARGETS, type SynthTarget, type SynthReport } from '../../synth/index.ts';

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
      'macs-per-cycle': { type: 'string' },
      'compare-macs-per-cycle': { type: 'string' },
    },
    1,
  );
  const target = (values.target as string | undefined) ?? 'generic';
  if (!SYNTH_TARGETS.includes(target as SynthTarget)) throw new UsageError(`--target must be one of ${SYNTH_TARGETS.join(', ')}`);
  if (values.json !== undefined) checkUserFileDir(values.json as string, '--json file');
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
      return await synthesize({
        files: src.rtl.files,
        top: src.rtl.top,
        target: target as SynthTarget,
        liberty: values.liberty as string | undefined,
        dsp: target === 'xilinx' || target === 'ice40' ? !values['no-dsp'] : undefined,
        macsPerCycle: macs ?? declared,
      });
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
    if (values.json) writeUserFile(values.json as string, JSON.stringify({ a, b, rows }, null, 2) + '\n', '--json file');
  } else {
    p.out(formatReport(a) + '\n');
    if (values.json) writeUserFile(values.json as string, JSON.stringify(a, null, 2) + '\n', '--json file');
  }
  return 0;
}
