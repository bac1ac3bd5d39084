/**
 * Execute a planned sweep on an engine (local pool or BullMQ queue) into a store: skip points
 * whose key is already stored (a failed one too, unless `retryFailed`), keep `engine.slots`
 * points in flight, write each result as it arrives, and report progress. Aborting the signal
 * (Ctrl-C) stops launching points, abandons the running ones (nothing of theirs is written) and
 * returns `interrupted`; the next run resumes from the store.
 */
import type { SweepEngine } from './local-engine.ts';
import type { SweepPlan, PlannedPoint } from './plan.ts';
import type { SweepStore } from './store.ts';
import { Progress, type ProgressCounts } from './progress.ts';
import type { PointTask } from './run-point.ts';

export interface ExecuteOptions {
  readonly retryFailed?: boolean;
  readonly signal?: AbortSignal;
  /** Progress output (stderr in the CLI) and whether it is a terminal. */
  readonly write?: (s: string) => void;
  readonly tty?: boolean;
}

export interface SweepOutcome {
  readonly counts: ProgressCounts;
  readonly interrupted: boolean;
  /** Keys of every planned point (for the report), grid order. */
  readonly keys: readonly string[];
}

export function pendingPoints(plan: SweepPlan, store: SweepStore, retryFailed: boolean): { todo: PlannedPoint[]; skipped: number } {
  const statuses = store.statuses(plan.points.map((p) => p.key));
  const todo = plan.points.filter((p) => {
    const s = statuses.get(p.key);
    return s === undefined || (retryFailed && s === 'failed');
  });
  return { todo, skipped: plan.points.length - todo.length };
}

export function taskOf(plan: SweepPlan, p: PlannedPoint): PointTask {
  return { designFile: plan.designFile, designHash: plan.designHash, params: p.params, metrics: plan.metrics };
}

export function pointLabel(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(' ') || '(defaults)';
}

export async function executeSweep(plan: SweepPlan, store: SweepStore, engine: SweepEngine, o: ExecuteOptions = {}): Promise<SweepOutcome> {
  const { todo, skipped } = pendingPoints(plan, store, o.retryFailed ?? false);
  // Results stored earlier may still have a finished job on a queue (a coordinator killed between
  // writing and acknowledging): acknowledge them now.
  if (engine.done) {
    const pending = new Set(todo.map((p) => p.key));
    for (const p of plan.points) if (!pending.has(p.key)) await engine.done(p.key);
  }
  const progress = new Progress(plan.points.length, skipped, o.write ?? (() => {}), o.tty ?? false);
  progress.start();
  const inner = new AbortController();
  const onAbort = (): void => inner.abort();
  o.signal?.addEventListener('abort', onAbort);
  if (o.signal?.aborted) inner.abort();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!inner.signal.aborted && next < todo.length) {
      const p = todo[next++]!;
      let r;
      try {
        r = await engine.run(taskOf(plan, p), p.key, inner.signal);
      } catch (e) {
        if (inner.signal.aborted) return;
        // The engine itself broke (a thread died, a job was given up): a failed row, not a crash.
        r = { status: 'failed' as const, message: `worker: ${e instanceof Error ? e.message : String(e)}`, values: {}, rtlSha256: '', wallMs: 0, worker: 'local' };
      }
      if (inner.signal.aborted) return;
      store.put({ key: p.key, design: plan.designRel, designHash: plan.designHash, params: p.params, metrics: plan.metricIds, tools: plan.tools, ...r });
      progress.add(r.status, pointLabel(p.params));
      await engine.done?.(p.key);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(engine.slots, todo.length)) }, lane));
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    progress.finish();
  }
  return { counts: progress.counts, interrupted: inner.signal.aborted && next <= todo.length && countDone(progress.counts) < plan.points.length, keys: plan.points.map((p) => p.key) };
}

function countDone(c: ProgressCounts): number {
  return c.skipped + c.ok + c.invalid + c.failed;
}
