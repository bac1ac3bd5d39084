/**
 * Bench section: `lowbit-hdl sweep` on the local pool, synthesis-bound points (pipelined
 * multiply-add, width 12 … 27, synth:cmos — Yosys dominates each point, about 1–3 s each; narrower
 * points of ~0.6 s measure the pool threads' one-time start-up more than the per-point cost).
 *   1. Points per minute with 1 and 2 pool workers (fresh stores); target: 2 workers >= 1.8x on 2 cores.
 *   2. Overhead per point of the 1-worker sweep over a bare generate + write RTL + synthesize of the
 *      same points in one process (parameter types from the design-meta cache); target <= 10 %.
 * Standalone: `npx tsx test/bench/sweep.ts` (run.ts runs it as one section).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSweep } from '../../src/sweep/plan.ts';
import { SweepStore } from '../../src/sweep/store.ts';
import { localEngine } from '../../src/sweep/local-engine.ts';
import { executeSweep } from '../../src/sweep/run-sweep.ts';
import { generate } from '../../src/cli/generate.ts';
import { writeOutputDir } from '../../src/emit/write-output.ts';
import { readRtlDir } from '../../src/lint/lint-rtl.ts';
import { synthesize } from '../../src/synth/index.ts';

const DESIGN = new URL('../../examples/pipelined-madd.ts', import.meta.url).pathname;
const FIRST = 12;
const LAST = 27;
const GRID = [`width=${FIRST}..${LAST}`];
const METRICS = 'synth:cmos';

async function sweepMs(jobs: number, dir: string): Promise<{ ms: number; points: number }> {
  const plan = await planSweep({ design: DESIGN, grid: GRID, metrics: METRICS });
  const store = SweepStore.open(join(dir, `s${jobs}.db`));
  const engine = localEngine(jobs);
  try {
    const t0 = performance.now();
    const out = await executeSweep(plan, store, engine);
    const ms = performance.now() - t0;
    if (out.counts.ok !== plan.points.length) throw new Error(`bench sweep: ${JSON.stringify(out.counts)}`);
    return { ms, points: plan.points.length };
  } finally {
    await engine.close();
    store.close();
  }
}

async function bareMs(dir: string, first = FIRST, last = LAST): Promise<number> {
  const t0 = performance.now();
  for (let w = first; w <= last; w++) {
    const g = await generate(DESIGN, { params: [`width=${w}`] });
    const out = join(dir, `bare-${w}`);
    writeOutputDir(out, g.files);
    const rtl = readRtlDir(out);
    await synthesize({ files: rtl.files, top: rtl.top, target: 'cmos' });
  }
  return performance.now() - t0;
}

const dir = mkdtempSync(join(tmpdir(), 'sweep-bench-'));
try {
  // Warm-up (module loading, WASM compile caches) so neither measurement pays it alone.
  await bareMs(dir, FIRST, FIRST);
  const bare = await bareMs(dir);
  const one = await sweepMs(1, dir);
  const two = await sweepMs(2, dir);
  const ppm = (r: { ms: number; points: number }): number => (r.points * 60_000) / r.ms;
  const speedup = ppm(two) / ppm(one);
  const overhead = (one.ms - bare) / bare;
  console.log(`points: ${one.points} (pipelined_madd width ${FIRST}..${LAST}, ${METRICS})`);
  console.log(`1 worker:  ${ppm(one).toFixed(1)} points/min  (${(one.ms / one.points).toFixed(0)} ms/point)`);
  console.log(`2 workers: ${ppm(two).toFixed(1)} points/min  (${(two.ms / two.points).toFixed(0)} ms/point)`);
  console.log(`speedup 2/1: ${speedup.toFixed(2)}x (target >= 1.8 on 2 idle cores) ${speedup >= 1.8 ? 'met' : 'MISSED'}`);
  console.log(`bare gen + synth: ${(bare / one.points).toFixed(0)} ms/point; sweep overhead ${(100 * overhead).toFixed(1)} % per point (target <= 10 %) ${overhead <= 0.1 ? 'met' : 'MISSED'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
