/**
 * Many vector files through one built binary: write packed vector files, and run a Verilator
 * harness over several IN/OUT pairs in a single process (each pair is an independent simulation on
 * a fresh model). Pairs with runCosim, whose builds are cached: a second runCosim on unchanged RTL
 * costs only its start-up (hashing, a cache lookup and one process), see the throughput bench.
 */
import { feed, fileSink } from './feed.ts';
import { interpretHarness } from './harness-result.ts';
import type { ResolvedTarget } from './target.ts';
import { runProcess } from './tools.ts';
import type { VectorSet } from './vectors.ts';
import { type HarnessArgs, type SimBuild, verilatorArgs } from './verilator.ts';

/** Write `vs` as a packed vector file (header + input beats) for target `t`. */
export async function writeVectorFile(t: ResolvedTarget, vs: VectorSet, file: string): Promise<void> {
  const sink = fileSink(file);
  try {
    await feed(t, vs, [sink]);
  } finally {
    await sink.close();
  }
}

const DEFAULT_ARGS: HarnessArgs = { seed: 1, hangCycles: 10_000, drainCycles: 16, bubble: 0, stall: 0 };

/**
 * Run a Verilator build over `pairs` in one process. Returns the simulated cycles of each pair;
 * outputs land in each `out` (and `out.cycles` for stream). Throws HarnessFailure on a hang.
 */
export async function runBuiltVerilator(
  build: SimBuild,
  pairs: readonly { in: string; out: string }[],
  args: Partial<HarnessArgs> = {},
): Promise<number[]> {
  if (build.sim !== 'verilator') throw new Error('runBuiltVerilator needs a Verilator build');
  const r = await runProcess(build.artifact, verilatorArgs({ ...DEFAULT_ARGS, ...args }, pairs));
  interpretHarness('verilator', r);
  return [...r.stdout.matchAll(/^COSIM-DONE cycles=(\d+)$/gm)].map((m) => Number(m[1]));
}
