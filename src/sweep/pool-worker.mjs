// A local-pool thread (piscina): registers tsx so the TypeScript engine and the user's design
// file load with no build step, then runs one sweep point per task (run-point.ts).
import { register } from 'tsx/esm/api';

process.setSourceMapsEnabled(true);
register();
const { runPoint } = await import('./run-point.ts');

export default function run(task) {
  return runPoint(task);
}
