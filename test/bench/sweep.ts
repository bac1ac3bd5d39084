/**
 * Bench section: `lowbit-hdl sweep` on the local pool, synthesis-bound points (pipelined
 * multiply-add, width 12 … 27, synth:cmos — Yosys dominates each point, about 1–3 s each; narrower
 * points of ~0.6 s measure the pool threads' one-time start-up more than the per-point cost).
 *   1. Points per minute with 1 and 2 pool workers (fresh stores); target: 2 workers >= 1.8x on 2 cores.
 *   2. Overhead per point of the 1-worker sweep over a bare generate + write RTL + synthesize of the
 *      same points in one process (parameter types from the design-meta cache); target <= 10 %.
 *   3. The machine's own ceiling, side by side: the same bare loop in one process, then in two
 *      processes at once (no pool, nothing shared). A 2-worker speedup can only be judged against
 *      what two independent processes get on these cores.
 *   4. Both targets decomposed from inside the same runs, which the machine's noise cannot split:
 *      - overhead: the sweep's wall time outside its points (planning, dispatch, thread start, store
 *        writes) over the time inside them, plus the per-point bookkeeping a bare loop does not do
 *        (design and RTL hashes, temp directory), timed directly;
 *      - speedup = 2 x pool occupancy (share of the wall time both slots are inside a point) x
 *        per-point slowdown when both cores are busy (mean point time alone / paired). The first
 *        factor is the pool's; the second is the machine's.
 * Standalone: `npx tsx test/bench/sweep.ts` (run.ts runs it as one section).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { rtlHash, sha256 } from '../../src/sweep/point-key.ts';
import type { SweepEngine } from '../../src/sweep/local-engine.ts';

const DESIGN = new URL('../../examples/pipelined-madd.ts', import.meta.url).pathname;
const FIRST = Number(process.env.SWEEP_BENCH_FIRST ?? 12);
const LAST = Number(process.env.SWEEP_BENCH_LAST ?? 27);
const GRID = [`width=${FIRST}..${LAST}`];
const ROUNDS = Number(process.env.SWEEP_BENCH_ROUNDS ?? 3);
const METRICS = 'synth:cmos';

interface SweepRun {
  /** Wall time of executeSweep (planning excluded, thread start included). */
  readonly ms: number;
  readonly points: number;
  /** Sum of the points' own wall times, measured inside the pool threads (runPoint's wallMs). */
  readonly inPointsMs: number;
  /** Per point in completion order: its own wall time and when its result reached the sweep (ms after start). */
  readonly trace: readonly { readonly wallMs: number; readonly atMs: number }[];
  /** CPU time (user + system) of the whole process over the run, all threads. */
  readonly cpuMs: number;
}

/** The local engine, recording each point's own wall time as the pool thread measured it. */
function recording(engine: SweepEngine, t0: () => number, trace: { wallMs: number; atMs: number }[]): SweepEngine {
  return { ...engine, run: async (task, key, signal) => {
    const r = await engine.run(task, key, signal);
    trace.push({ wallMs: r.wallMs, atMs: performance.now() - t0() });
    return r;
  } };
}

async function sweepMs(jobs: number, dir: string): Promise<SweepRun> {
  const plan = await planSweep({ design: DESIGN, grid: GRID, metrics: METRICS });
  const store = SweepStore.open(join(dir, `s${jobs}.db`));
  const trace: { wallMs: number; atMs: number }[] = [];
  const engine = localEngine(jobs);
  try {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await executeSweep(plan, store, recording(engine, () => t0, trace));
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (out.counts.ok !== plan.points.length) throw new Error(`bench sweep: ${JSON.stringify(out.counts)}`);
    return { ms, points: plan.points.length, inPointsMs: trace.reduce((a, p) => a + p.wallMs, 0), trace, cpuMs: (c.user + c.system) / 1000 };
  } finally {
    await engine.close();
    store.close();
  }
}

/** Bare generate + write + synthesize of each point in this process: ms per point, grid order. */
async function barePointsMs(dir: string, first = FIRST, last = LAST): Promise<number[]> {
  const ms: number[] = [];
  for (let w = first; w <= last; w++) {
    const t0 = performance.now();
    const g = await generate(DESIGN, { params: [`width=${w}`] });
    const out = join(dir, `bare-${w}`);
    writeOutputDir(out, g.files);
    const rtl = readRtlDir(out);
    await synthesize({ files: rtl.files, top: rtl.top, target: 'cmos' });
    ms.push(performance.now() - t0);
  }
  return ms;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

async function bareMs(dir: string, first = FIRST, last = LAST): Promise<number> {
  return sum(await barePointsMs(dir, first, last));
}

/**
 * What runPoint does per point that the bare loop does not: hash the design file and the RTL,
 * make and remove a temp directory (ms per point, mean over the grid).
 */
async function bookkeepingMs(dir: string): Promise<number> {
  const gens = [];
  for (let w = FIRST; w <= LAST; w++) gens.push(await generate(DESIGN, { params: [`width=${w}`] }));
  const t0 = performance.now();
  for (const g of gens) {
    sha256(readFileSync(DESIGN));
    rtlHash(g.files);
    rmSync(mkdtempSync(join(dir, 'bk-')), { recursive: true, force: true });
  }
  return (performance.now() - t0) / gens.length;
}

/** Wall time of the bare loop in a fresh child process (after a one-point warm-up there). */
async function bareChildMs(): Promise<number> {
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', self, '--bare-child'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return Number(stdout.trim().split('\n').pop());
}

if (process.argv.includes('--bare-child')) {
  const d = mkdtempSync(join(tmpdir(), 'sweep-bench-child-'));
  try {
    await bareMs(d, FIRST, FIRST);
    console.log(String(await bareMs(d)));
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'sweep-bench-'));
try {
  // Warm-up (module loading, WASM compile caches) so neither measurement pays it alone.
  await bareMs(dir, FIRST, FIRST);
  // Best of ROUNDS, interleaved: the machines are shared, and one slow spell must not land on one
  // measurement only.
  let bare = Infinity;
  let barePoints: number[] = [];
  let one: SweepRun | null = null;
  let two: SweepRun | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    const rdir = join(dir, `r${round}`);
    mkdirSync(rdir);
    const bp = await barePointsMs(rdir);
    if (sum(bp) < bare) [bare, barePoints] = [sum(bp), bp];
    const o = await sweepMs(1, rdir);
    if (!one || o.ms < one.ms) one = o;
    const t = await sweepMs(2, rdir);
    if (!two || t.ms < two.ms) two = t;
  }
  if (!one || !two) throw new Error('bench sweep: no rounds');
  const n = one.points;
  const ppm = (r: SweepRun): number => (r.points * 60_000) / r.ms;
  const speedup = ppm(two) / ppm(one);
  const overhead = (one.ms - bare) / bare;
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
  console.log(`points: ${n} (pipelined_madd width ${FIRST}..${LAST}, ${METRICS}); best of ${ROUNDS} interleaved rounds`);
  console.log(`1 worker:  ${ppm(one).toFixed(1)} points/min  (${(one.ms / n).toFixed(0)} ms/point; CPU ${(one.cpuMs / n).toFixed(0)} ms/point)`);
  console.log(`2 workers: ${ppm(two).toFixed(1)} points/min  (${(two.ms / n).toFixed(0)} ms/point; CPU ${(two.cpuMs / n).toFixed(0)} ms/point)`);
  console.log(`speedup 2/1: ${speedup.toFixed(2)}x (target >= 1.8 on 2 idle cores) ${speedup >= 1.8 ? 'met' : 'MISSED'}`);
  // Decomposition from inside the same runs (see the header).
  const occupancy = two.inPointsMs / (2 * two.ms) / (one.inPointsMs / one.ms);
  const slowdown = two.inPointsMs / one.inPointsMs;
  console.log(`  = 2 x pool occupancy ${pct(occupancy)} (2 workers' share of time inside points, relative to 1 worker's) / per-point slowdown ${slowdown.toFixed(3)}x when both cores are busy (mean point ${(one.inPointsMs / n).toFixed(0)} ms alone, ${(two.inPointsMs / n).toFixed(0)} ms paired)`);
  console.log(`  with the points' own speed held to 1 worker's, the pool gives ${(2 * occupancy).toFixed(2)}x`);
  console.log(`bare gen + synth: ${(bare / n).toFixed(0)} ms/point; sweep overhead against it ${pct(overhead)} per point (target <= 10 %) ${overhead <= 0.1 ? 'met' : 'MISSED'} (two runs on a shared machine: noise included)`);
  // From inside the best 1-worker run (one lane, so points run back to back in grid order):
  // the steady per-point cost is the gap between a point's result and the next point's result
  // beyond that next point's own time (dispatch, store write), plus the hashing and temp dirs
  // inside runPoint; the one-time start-up is the wait before the first point plus the first
  // point's extra time over its bare run (a fresh thread's module load and first Yosys run).
  const bk = await bookkeepingMs(dir);
  const tr = one.trace;
  const gaps = tr.slice(1).map((p, i) => p.atMs - tr[i]!.atMs - p.wallMs);
  const steady = sum(gaps) / gaps.length + bk;
  const pointWork = sum(tr.slice(1).map((p) => p.wallMs)) / gaps.length - bk;
  const startUp = tr[0]!.atMs - barePoints[0]!;
  console.log(`  from inside the 1-worker run: ${steady.toFixed(1)} ms per point between points (dispatch, store write: ${(sum(gaps) / gaps.length).toFixed(1)} ms; hashing and temp dirs: ${bk.toFixed(1)} ms) = ${pct(steady / pointWork)} of a point's own work (target <= 10 %) ${steady / pointWork <= 0.1 ? 'met' : 'MISSED'}`);
  console.log(`  one-time start-up per sweep (thread start, module load, first Yosys run): ${startUp.toFixed(0)} ms = ${pct(startUp / bare)} of this ${n}-point grid's bare time, ${pct(startUp / (bare / n) / 100)} of a 100-point grid's`);
  const alone = Math.min(await bareChildMs(), await bareChildMs());
  const pair = await Promise.all([bareChildMs(), bareChildMs()]);
  const ceiling = (2 * alone) / Math.max(...pair);
  console.log(`machine ceiling: the bare loop alone ${alone.toFixed(0)} ms, two at once ${pair.map((x) => x.toFixed(0)).join(' / ')} ms: ${ceiling.toFixed(2)}x for two independent processes; the 2-worker sweep reaches ${(100 * speedup / ceiling).toFixed(0)} % of it`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
