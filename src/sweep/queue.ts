/**
 * Scale-out on BullMQ/Redis. The coordinator (`sweep --queue redis://HOST:PORT`) adds one job
 * per pending point with the point's store key as job id — so a restarted coordinator re-adding
 * the same points creates no duplicates — and waits for each to finish; results come back as job
 * return values and are written to the coordinator's store (idempotently, then the job is
 * removed). A job that already finished while no coordinator was waiting is collected from its
 * return value on the next start. Workers (`lowbit-hdl worker --queue …`, any number, on any
 * machine with the project installed) run jobs in BullMQ sandboxed worker threads; a worker
 * killed mid-job stops renewing its lock, and BullMQ's stalled-job check on any other worker
 * moves the job back to the queue (at-least-once delivery; the store keeps one row per key).
 */
import { Redis } from 'ioredis';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { userError } from '../diag/error.ts';
import { SweepUsageError } from './grid.ts';
import type { SweepEngine } from './local-engine.ts';
import type { SweepPlan } from './plan.ts';
import type { PointTask } from './run-point.ts';
import { JOB_SCHEMA, workerId, type JobResult, type PointJob } from './queue-job.ts';

export const QUEUE_NAME = 'lowbit-hdl-sweep';

export interface RedisAddress {
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

/** Parse `redis://HOST:PORT` (port default 6379). Anything else is a usage error. */
export function parseRedisUrl(url: string): RedisAddress {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SweepUsageError(`--queue '${url}': expected redis://HOST:PORT`);
  }
  if (u.protocol !== 'redis:' || !u.hostname || (u.pathname !== '' && u.pathname !== '/')) throw new SweepUsageError(`--queue '${url}': expected redis://HOST:PORT`);
  const port = u.port === '' ? 6379 : Number(u.port);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port, url };
}

/** Fail fast with a clear error when Redis does not answer (BullMQ itself would retry forever). */
export async function checkRedis(addr: RedisAddress, timeoutMs = 5000): Promise<void> {
  const probe = new Redis({ host: addr.host, port: addr.port, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let cause: Error | undefined;
  probe.on('error', (e: Error) => (cause ??= e));
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    // The socket error (ECONNREFUSED, ENOTFOUND, ETIMEDOUT) says more than ioredis's "Connection is closed".
    throw userError(`cannot reach Redis at ${addr.url}: ${(cause ?? (e as Error)).message}`, 'start redis-server there (docs/sweep.md) or fix --queue');
  } finally {
    probe.disconnect();
  }
}

function connection(addr: RedisAddress): { host: string; port: number; maxRetriesPerRequest: null } {
  return { host: addr.host, port: addr.port, maxRetriesPerRequest: null };
}

function jobOf(plan: SweepPlan, task: PointTask): PointJob {
  return { v: JOB_SCHEMA, designRel: plan.designRel, designContent: plan.designContent, designHash: plan.designHash, params: task.params, metrics: task.metrics };
}

/** The coordinator's engine: every pending point on the queue at once, results as jobs finish. */
export async function queueEngine(addr: RedisAddress, plan: SweepPlan): Promise<SweepEngine> {
  await checkRedis(addr);
  const queue = new Queue<PointJob, JobResult>(QUEUE_NAME, { connection: connection(addr) });
  const events = new QueueEvents(QUEUE_NAME, { connection: connection(addr) });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  return {
    slots: Number.POSITIVE_INFINITY,
    async run(task, key, signal) {
      let job: Job<PointJob, JobResult> | undefined = await queue.getJob(key);
      const state = job ? await job.getState() : 'unknown';
      if (job && state === 'completed') return job.returnvalue;
      if (job && state === 'failed') await job.retry('failed');
      // removeOnFail false: a failed job stays visible (its reason becomes the failed row).
      if (!job || state === 'unknown') job = await queue.add('point', jobOf(plan, task), { jobId: key, removeOnComplete: false, removeOnFail: false });
      const finished = job.waitUntilFinished(events);
      finished.catch(() => {}); // handled below, or abandoned on abort
      const aborted = new Promise<never>((_, reject) => {
        if (signal.aborted) reject(new Error('aborted'));
        signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      });
      aborted.catch(() => {});
      return await Promise.race([finished, aborted]);
    },
    async done(key) {
      await queue.remove(key).catch(() => 0);
    },
    async close() {
      await events.close();
      await queue.close();
    },
  };
}

export interface WorkerOptions {
  /** Jobs this worker runs at once (default 1: one point per core is the caller's choice). */
  readonly concurrency?: number;
  /** BullMQ lock duration in ms (default 30 000): how soon a killed worker's job runs again elsewhere. */
  readonly lockDurationMs?: number;
  readonly log?: (s: string) => void;
}

/** Start a worker; resolves once it is connected. `close()` finishes the running jobs first. */
export async function startWorker(addr: RedisAddress, o: WorkerOptions = {}): Promise<{ id: string; close: () => Promise<void> }> {
  await checkRedis(addr);
  const lock = o.lockDurationMs ?? 30_000;
  const w = new Worker<PointJob, JobResult>(QUEUE_NAME, new URL('./queue-processor.mjs', import.meta.url), {
    connection: connection(addr),
    concurrency: o.concurrency ?? 1,
    useWorkerThreads: true,
    lockDuration: lock,
    stalledInterval: Math.max(1000, Math.round(lock / 2)),
    maxStalledCount: 10,
  });
  const label = (job: Job<PointJob>): string => Object.entries(job.data.params).map(([k, v]) => `${k}=${String(v)}`).join(' ') || '(defaults)';
  w.on('active', (job) => o.log?.(`running ${job.id} ${label(job)}\n`));
  w.on('completed', (job, r) => o.log?.(`finished ${job.id} ${label(job)}: ${r.status}\n`));
  w.on('failed', (job, e) => o.log?.(`job ${job?.id ?? '?'} failed: ${e.message}\n`));
  w.on('error', (e) => o.log?.(`worker error: ${e.message}\n`));
  await w.waitUntilReady();
  return { id: workerId(), close: () => w.close() };
}
