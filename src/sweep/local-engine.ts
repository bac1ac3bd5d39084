/**
 * The default engine: a piscina pool of worker threads on this machine, one sweep point per
 * thread at a time (`--jobs N`, default the number of cores). Yosys (WASM), the simulators and
 * nextpnr run inside or below each thread, so N threads keep N cores busy. `abort` ends the
 * running points by terminating their threads; nothing of theirs reaches the store.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { PointResult, PointTask } from './run-point.ts';

export interface SweepEngine {
  /** Parallel points this engine runs at once (for the ETA). */
  readonly slots: number;
  run(task: PointTask, key: string, signal: AbortSignal): Promise<PointResult & { worker: string }>;
  /** Called once the result of `key` is in the store (the queue engine then drops the job). */
  done?(key: string): Promise<void>;
  close(): Promise<void>;
}

export function defaultJobs(): number {
  return availableParallelism();
}

export function localEngine(jobs: number): SweepEngine {
  const pool = new Piscina({
    filename: new URL('./pool-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: jobs,
    // One point per thread: points are CPU-bound, queuing inside a thread would only add latency.
    concurrentTasksPerWorker: 1,
    idleTimeout: 30_000,
  });
  return {
    slots: jobs,
    async run(task, _key, signal) {
      const r = (await pool.run(task, { signal })) as PointResult;
      return { ...r, worker: 'local' };
    },
    async close() {
      await pool.destroy();
    },
  };
}
