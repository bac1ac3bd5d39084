/**
 * `lowbit-hdl worker --queue redis://HOST:PORT [--concurrency N] [--lock-duration MS]`: take sweep
 * points from the BullMQ queue and run them (src/sweep/queue.ts) until SIGINT/SIGTERM, which
 * lets the running jobs finish and exits 0. Start it in the project directory (the design files'
 * relative imports resolve there); one per core, or `--concurrency N`.
 */
import { parseCommand, UsageError, type Printer } from '../command-line.ts';
import { SweepUsageError } from '../../sweep/grid.ts';
import { parseRedisUrl, startWorker, QUEUE_NAME } from '../../sweep/queue.ts';

export async function workerCommand(args: readonly string[], p: Printer): Promise<number> {
  const { values } = parseCommand(args, { queue: { type: 'string' }, concurrency: { type: 'string' }, 'lock-duration': { type: 'string' } }, 0);
  if (!values.queue) throw new UsageError('worker needs --queue redis://HOST:PORT');
  let addr;
  try {
    addr = parseRedisUrl(values.queue as string);
  } catch (e) {
    if (e instanceof SweepUsageError) throw new UsageError(e.message);
    throw e;
  }
  const concurrency = values.concurrency === undefined ? 1 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency takes a positive integer');
  const lock = values['lock-duration'] === undefined ? undefined : Number(values['lock-duration']);
  if (lock !== undefined && (!Number.isInteger(lock) || lock < 500)) throw new UsageError('--lock-duration takes milliseconds, at least 500');
  const w = await startWorker(addr, { concurrency, lockDurationMs: lock, log: p.out });
  p.out(`worker ${w.id} on ${addr.url}, queue ${QUEUE_NAME}, concurrency ${concurrency}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  p.out('worker stopping: finishing the running jobs\n');
  await w.close();
  return 0;
}
