/**
 * `lowbit-hdl conform ap_fixed <vectors.jsonl> [--rtl] [--hls-compat]`: check the ap_fixed golden
 * model (and with --rtl the generated cast RTL) against a conformance vector file.
 */
import { parseCommand, UsageError, type Printer } from '../command-line.ts';
import { checkApFixedFile, formatApFixedReport } from '../../conform/ap-fixed.ts';
import { conformRtl } from '../../conform/ap-fixed-rtl.ts';

export async function conformCommand(args: readonly string[], p: Printer): Promise<number> {
  const { values, positionals } = parseCommand(args, { rtl: { type: 'boolean' }, 'hls-compat': { type: 'boolean' }, sim: { type: 'string' } }, 2);
  const [suite, file] = positionals as [string, string];
  if (suite !== 'ap_fixed') throw new UsageError(`unknown conformance suite '${suite}' (known: ap_fixed)`);
  const hlsCompat = Boolean(values['hls-compat']);
  const golden = checkApFixedFile(file, { hlsCompat });
  p.out('golden model:\n' + formatApFixedReport(golden) + '\n');
  let ok = golden.failed === 0;
  if (values.rtl) {
    const rtl = await conformRtl(file, { sim: (values.sim as 'verilator' | 'icarus' | 'both' | undefined) ?? 'verilator' });
    p.out('generated RTL:\n' + rtl.text + '\n');
    ok &&= rtl.failed === 0;
  }
  return ok ? 0 : 1;
}
