// BullMQ sandboxed processor (a worker thread of `lowbit-hdl worker`): registers the design loader
// (tsx and the design hooks, ../cli/register-loader.mjs) and runs
// one sweep point per job, so a long Yosys run never blocks the lock renewals of the main thread.
import '../cli/register-loader.mjs';

const { runJob } = await import('./queue-job.ts');

export default function process_(job) {
  return runJob(job.data);
}
