// BullMQ sandboxed processor (a worker thread of `lowbit-hdl worker`): registers tsx and runs
// one sweep point per job, so a long Yosys run never blocks the lock renewals of the main thread.
import { register } from 'tsx/esm/api';

process.setSourceMapsEnabled(true);
register();
const { runJob } = await import('./queue-job.ts');

export default function process_(job) {
  return runJob(job.data);
}
