/**
 * `lowbit-hdl equiv <design.ts> [--param k=v]... --against k=v [--against k=v]... [--depth N]
 *   [--beats B] [--ignore-output NAME]... [--cex FILE] [--json FILE]`: prove with Yosys SAT that the design at `--param` and
 * the same design with the `--against` parameters changed (e.g. `--param form=baseline --against
 * form=opt`) produce the same output beats for every input sequence of N cycles from reset
 * (src/cosim/transaction-equiv.ts: a transaction-level miter, so forms of different latency
 * compare). Exit 0 when equivalent; 1 with the counterexample as cosim vectors (JSONL, replay with
 * `cosim --vector-file FILE`) when not. `--ignore-output` leaves a data output out of the
 * comparison (e.g. the TPE column's `cycles`, which differs between forms by design).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { checkUserFileDir, writeUserFile } from '../../util/safe-fs.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommand, printDiagnostics, UsageError, type Printer } from '../command-line.ts';
import { generateTo } from '../generate.ts';
import { cosimSpecOf, cosimTarget } from '../design-cosim.ts';
import { readRtlDir } from '../../lint/lint-rtl.ts';
import { proveTransactionEquivalence, type EquivSide } from '../../cosim/transaction-equiv.ts';

export async function equivCommand(args: readonly string[], p: Printer): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      param: { type: 'string', multiple: true },
      against: { type: 'string', multiple: true },
      depth: { type: 'string' },
      beats: { type: 'string' },
      'ignore-output': { type: 'string', multiple: true },
      cex: { type: 'string' },
      json: { type: 'string' },
    },
    1,
  );
  const against = (values.against as string[] | undefined) ?? [];
  if (against.length === 0) throw new UsageError('--against k=v is required (the parameters that differ in the second design)');
  const num = (name: string): number | undefined => {
    const raw = values[name] as string | undefined;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got '${raw}'`);
    return n;
  };
  const depth = num('depth');
  const slots = num('beats');
  const base = (values.param as string[] | undefined) ?? [];
  if (values.json !== undefined) checkUserFileDir(values.json as string, '--json file');
  if (values.cex !== undefined) checkUserFileDir(values.cex as string, '--cex file');
  const tmp = mkdtempSync(join(tmpdir(), 'lowbit-equiv-'));
  try {
    const side = async (params: string[], tag: string): Promise<EquivSide> => {
      const g = await generateTo(positionals[0]!, { outDir: join(tmp, tag), params });
      printDiagnostics(g.warnings, p);
      const rtl = readRtlDir(g.outDir);
      return { files: rtl.files, target: cosimTarget(g.ir, rtl.files, cosimSpecOf(g.design, g.params, g.file)) };
    };
    const a = await side(base, 'a');
    // The second design: the first one's parameters with the --against ones replacing them.
    const key = (kv: string): string => kv.split('=')[0]!.trim();
    const changed = new Set(against.map(key));
    const second = [...base.filter((kv) => !changed.has(key(kv))), ...against];
    const b = await side(second, 'b');
    const ignore = (values['ignore-output'] as string[] | undefined) ?? [];
    const r = await proveTransactionEquivalence(a, b, { depth, slots, ignore });
    const what = `${a.target.top} [${base.join(' ') || 'defaults'}] vs ${b.target.top} [${second.join(' ')}]`;
    if (values.json) writeUserFile(values.json as string, JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n', '--json file');
    if (r.status === 'equivalent') {
      const except = ignore.length ? ` (outputs ${ignore.join(', ')} not compared)` : '';
      p.out(`equivalent: ${what}\n  no input sequence of ${r.depth} cycles from reset makes the first ${r.slots} output beats differ${except} (Yosys SAT, ${(r.elapsedMs / 1000).toFixed(1)} s)\n`);
      return 0;
    }
    const cex = r.counterexample!;
    p.out(`DIFFERENT: ${what}\n  output beats differ at cycle ${cex.frame}; input transactions of the counterexample (cosim vectors, JSONL):\n${cex.jsonl}\n`);
    if (values.cex) {
      writeUserFile(values.cex as string, cex.jsonl + '\n', '--cex file');
      p.out(`  written to ${values.cex as string}; replay: lowbit-hdl cosim ${positionals[0]!} --vector-file ${values.cex as string} ...\n`);
    }
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
