/**
 * `lowbit-hdl synth <design.ts|DIR> [--target t] [--liberty FILE] [--no-dsp] [--compare OTHER] [--json FILE]
 *   [--param k=v]... [--compare-param k=v]...`: Yosys synthesis reports (src/synth); with `--compare`,
 * both designs side by side with ratios (`--param` sets the first design's parameters,
 * `--compare-param` the other's).
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
    },
    1,
  );
  const target = (values.target as string | undefined) ?? 'generic';
  if (!SYNTH_TARGETS.includes(target as SynthTarget)) throw new UsageError(`--target must be one of ${SYNTH_TARGETS.join(', ')}`);
  if (values.json !== undefined) checkUserFileDir(values.json as string, '--json file');
  const run = async (arg: string, params: string[] | undefined): Promise<SynthReport> => {
    const src = await rtlSource(arg, params);
    try {
      if (src.generated) printDiagnostics(src.generated.warnings, p);
      return await synthesize({
        files: src.rtl.files,
        top: src.rtl.top,
        target: target as SynthTarget,
        liberty: values.liberty as string | undefined,
        dsp: target === 'xilinx' || target === 'ice40' ? !values['no-dsp'] : undefined,
      });
    } finally {
      src.dispose();
    }
  };
  const a = await run(positionals[0]!, values.param as string[] | undefined);
  if (values.compare) {
    const b = await run(values.compare as string, values['compare-param'] as string[] | undefined);
    const rows = compareReports(a, b);
    p.out(formatComparison(rows, [a.top, b.top]) + '\n');
    if (values.json) writeUserFile(values.json as string, JSON.stringify({ a, b, rows }, null, 2) + '\n', '--json file');
  } else {
    p.out(formatReport(a) + '\n');
    if (values.json) writeUserFile(values.json as string, JSON.stringify(a, null, 2) + '\n', '--json file');
  }
  return 0;
}
