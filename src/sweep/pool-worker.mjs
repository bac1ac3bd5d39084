// A local-pool thread (piscina): registers the design loader (tsx and the design hooks,
// ../cli/register-loader.mjs) so the user's design file loads with no build step, and, run from
// the sources, the TypeScript engine too; then runs one sweep point per task (run-point.ts).
import '../cli/register-loader.mjs';

const { runPoint } = await import('./run-point.ts');

export default function run(task) {
  return runPoint(task);
}
