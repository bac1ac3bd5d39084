/**
 * `lowbit-hdl sweep <design.ts> --grid name=v1,v2,… [--grid …] [--where EXPR] --metrics LIST
 *   [--jobs N] [--store FILE] [--retry-failed] [--report DIR [--pareto X:Y]...]`: run every grid
 * point (src/sweep) into the results store, skipping points already there, then optionally write
 * the HTML report of this sweep's points. Ctrl-C stops cleanly (exit 130); rerun to resume.
 * `lowbit-hdl sweep export [--store FILE] --csv|--json [-o FILE]`: the store as a table.
 * `lowbit-hdl sweep report [--store FILE] --report DIR [--pareto X:Y]...`: the report of the whole store.
 * `--queue redis://HOST:PORT` runs the points on `lowbit-hdl worker`s through BullMQ instead of the
 * local pool (src/sweep/queue.ts); the store stays with this coordinator.
 * Exit 0 when every point is ok or invalid, 1 when some failed, 2 on usage errors.
 */
import { writeUserFile, checkUserFileDir } from '../../util/safe-fs.ts';
import { parseCommand, UsageError, type Printer } from '../command-line.ts';
import { SweepUsageError } from '../../sweep/grid.ts';
import { planSweep } from '../../sweep/plan.ts';
import { SweepStore } from '../../sweep/store.ts';
import { defaultJobs, localEngine, type SweepEngine } from '../../sweep/local-engine.ts';
import { executeSweep } from '../../sweep/run-sweep.ts';
import { toCsv, toJson } from '../../sweep/export.ts';
import { writeReport } from '../../sweep/report.ts';
import { checkRedis, parseRedisUrl, queueEngine } from '../../sweep/queue.ts';
import type { StoredPoint } from '../../sweep/store.ts';

export const DEFAULT_STORE = 'lowbit-sweep.db';

async function usage<T>(f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof SweepUsageError) throw new UsageError(e.message);
    throw e;
  }
}

function exportCommand(args: readonly string[], p: Printer): number {
  const { values } = parseCommand(args, { store: { type: 'string' }, csv: { type: 'boolean' }, json: { type: 'boolean' }, out: { type: 'string', short: 'o' } }, 0);
  if (Boolean(values.csv) === Boolean(values.json)) throw new UsageError('sweep export takes exactly one of --csv, --json');
  if (values.out !== undefined) checkUserFileDir(values.out as string, '-o file');
  const store = SweepStore.open((values.store as string | undefined) ?? DEFAULT_STORE, { readonly: true });
  try {
    const points = store.all();
    const text = values.csv ? toCsv(points) : toJson(points);
    if (values.out) writeUserFile(values.out as string, text, '-o file');
    else p.out(text);
  } finally {
    store.close();
  }
  return 0;
}

function parsePairs(list: string[] | undefined): [string, string][] | undefined {
  if (!list) return undefined;
  return list.map((s) => {
    const m = /^([^:\s]+):([^:\s]+)$/.exec(s);
    if (!m) throw new UsageError(`--pareto '${s}': expected X:Y, two metric names such as cmos.transistors:cmos.depth`);
    return [m[1]!, m[2]!];
  });
}

async function report(dir: string, points: readonly StoredPoint[], pairs: [string, string][] | undefined, title: string, p: Printer): Promise<void> {
  const r = await writeReport(dir, points, { pairs, title });
  p.err(`report: ${r.index} (${r.charts.map((c) => `${c.y} against ${c.x}: ${c.pareto.length} Pareto of ${c.points}`).join('; ') || 'no metric pair to plot'})\n`);
}

async function reportCommand(args: readonly string[], p: Printer): Promise<number> {
  const { values } = parseCommand(args, { store: { type: 'string' }, report: { type: 'string' }, pareto: { type: 'string', multiple: true } }, 0);
  if (!values.report) throw new UsageError('sweep report needs --report DIR');
  const pairs = parsePairs(values.pareto as string[] | undefined);
  const store = SweepStore.open((values.store as string | undefined) ?? DEFAULT_STORE, { readonly: true });
  try {
    await report(values.report as string, store.all(), pairs, `lowbit-hdl sweep: ${store.file}`, p);
  } finally {
    store.close();
  }
  return 0;
}

export async function sweepCommand(args: readonly string[], p: Printer): Promise<number> {
  if (args[0] === 'export') return exportCommand(args.slice(1), p);
  if (args[0] === 'report') return reportCommand(args.slice(1), p);
  const { values, positionals } = parseCommand(
    args,
    {
      grid: { type: 'string', multiple: true },
      where: { type: 'string' },
      metrics: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      store: { type: 'string' },
      'retry-failed': { type: 'boolean' },
      report: { type: 'string' },
      pareto: { type: 'string', multiple: true },
      queue: { type: 'string' },
    },
    1,
  );
  const queue = values.queue === undefined ? undefined : await usage(() => parseRedisUrl(values.queue as string));
  if (queue && values.jobs !== undefined) throw new UsageError('--jobs applies to the local pool; with --queue, start more workers');
  const pairs = parsePairs(values.pareto as string[] | undefined);
  if (pairs && !values.report) throw new UsageError('--pareto applies to --report');
  if (!values.metrics) throw new UsageError('sweep needs --metrics (e.g. --metrics lint,synth:generic)');
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs takes a positive integer');
  const plan = await usage(() =>
    planSweep({ design: positionals[0]!, grid: (values.grid as string[] | undefined) ?? [], where: values.where as string | undefined, metrics: values.metrics as string }),
  );
  const storeFile = (values.store as string | undefined) ?? DEFAULT_STORE;
  // Reach Redis before touching the store: an unreachable queue changes nothing on disk.
  if (queue) await checkRedis(queue);
  const store = SweepStore.open(storeFile);
  let engine: SweepEngine | undefined;
  const stop = new AbortController();
  const onSigint = (): void => {
    if (!stop.signal.aborted) p.err('\ninterrupted: stopping the running points (results so far are in the store)\n');
    stop.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    p.err(`sweep ${plan.design}: ${plan.points.length} point(s)${plan.excluded ? ` (${plan.excluded} excluded by --where)` : ''}, metrics ${plan.metricIds.join(', ')}, store ${storeFile}\n`);
    engine = queue ? await queueEngine(queue, plan) : localEngine(jobs);
    if (queue) p.err(`queue ${queue.url}: points go to 'lowbit-hdl worker --queue ${queue.url}' processes\n`);
    const outcome = await executeSweep(plan, store, engine, { retryFailed: Boolean(values['retry-failed']), signal: stop.signal, write: p.err, tty: process.stderr.isTTY === true });
    const c = outcome.counts;
    const summary = `${c.ok} ok, ${c.invalid} invalid, ${c.failed} failed, ${c.skipped} skipped (already in the store)`;
    if (outcome.interrupted) {
      p.err(`interrupted after ${c.ok + c.invalid + c.failed} new point(s): ${summary}; run the same command again to resume\n`);
      return 130;
    }
    p.out(`${plan.points.length} point(s): ${summary}\n`);
    if (values.report) await report(values.report as string, store.all(outcome.keys), pairs, `lowbit-hdl sweep: ${plan.design}`, p);
    return c.failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    await engine?.close();
    store.close();
  }
}
