/**
 * runCosim: the whole cosimulation of one target. Resolve the target, build (or fetch from cache)
 * the Verilator harness and/or Icarus testbench, stream packed vectors through them while the
 * golden model computes expected outputs, compare in TypeScript in transaction order, and attach
 * the first mismatches with their cycles (and a VCD when `waves` is on).
 */
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { LowbitError, userError } from '../diag/error.ts';
import { Tally, compareChunk } from './compare.ts';
import { expectedEngine, type ExpectedEngine } from './expected.ts';
import { CHUNK_TXNS, feed, fifoSink, fileSink, type Sink } from './feed.ts';
import { HarnessFailure, type HarnessOutcome, interpretHarness } from './harness-result.ts';
import { buildIcarus, icarusArgs } from './icarus.ts';
import { defaultBuildDir, prepareBuildDir } from './paths.ts';
import { makeDirs } from '../util/safe-fs.ts';
import { type ResolvedTarget, resolveTarget } from './target.ts';
import { makeFifo, runProcess, type ProcessResult } from './tools.ts';
import type {
  Backpressure,
  CosimResult,
  CosimTarget,
  GoldenBatch,
  GoldenModel,
  Mismatch,
  SimChoice,
  SimName,
  SimRun,
  VectorOptions,
} from './types.ts';
import { explicitVectors, generateVectors, type VectorSet } from './vectors.ts';
import { buildVerilator, type HarnessArgs, type SimBuild, verilatorArgs } from './verilator.ts';
import { cyclesPath } from './wire.ts';

/** Waveform options; `waves: true` means all defaults. */
export interface WavesOptions {
  /** Directory for VCD files (default <buildDir>/waves); files are `<top>-<sim>.vcd`. */
  readonly dir?: string;
  /** Runs of at most this many cycles are dumped whole (default 20 000). */
  readonly fullMaxCycles?: number;
  /** Otherwise dump this many cycles before the first mismatch / hang, and 10 after (default 200). */
  readonly window?: number;
}

export interface CosimOptions {
  readonly target: CosimTarget;
  /** Exact reference model (always required: reports and batch self-checks use it). */
  readonly golden: GoldenModel;
  /** Optional Number-column fast path; see GoldenBatch. */
  readonly goldenBatch?: GoldenBatch;
  /** Explicit vectors (a VectorSet, e.g. from loadVectorFile, or BigInt transactions). */
  readonly vectors?: VectorSet | readonly (readonly (readonly bigint[])[])[];
  /** Generation options when `vectors` is absent. */
  readonly vectorOptions?: VectorOptions;
  /** Default 'verilator'. */
  readonly sim?: SimChoice;
  /** Seeds vector generation (unless vectorOptions.seed) and stream backpressure. Default 1. */
  readonly seed?: number;
  readonly waves?: boolean | WavesOptions;
  /** Mismatches kept per simulator (all are counted). Default 10. */
  readonly maxMismatches?: number;
  /** Root for cached builds and temporary run files (default .lowbit-hdl/build in the working directory, see paths.ts). */
  readonly buildDir?: string;
  /** stream: cycles without an output beat before a run is declared hung (default 10 000). */
  readonly hangCycles?: number;
  /** stream: idle cycles after the last expected beat during which none may appear (default 16). */
  readonly drainCycles?: number;
  /** stream: random input bubbles and output stalls (default 0.25 each). */
  readonly backpressure?: Backpressure;
  /** Extra Verilator flags (cache key). */
  readonly verilatorFlags?: readonly string[];
}

export const COSIM_DEFAULTS = {
  sim: 'verilator' as SimChoice,
  seed: 1,
  maxMismatches: 10,
  hangCycles: 10_000,
  drainCycles: 16,
  backpressure: { bubble: 0.25, stall: 0.25 } as Backpressure,
  wavesFullMaxCycles: 20_000,
  wavesWindow: 200,
};

export async function runCosim(opts: CosimOptions): Promise<CosimResult> {
  const t = resolveTarget(opts.target);
  const seed = opts.seed ?? COSIM_DEFAULTS.seed;
  const vs = vectorSetOf(t, opts, seed);
  const engine = expectedEngine(t.inLayout, t.outLayout, opts.golden, opts.goldenBatch);
  const choice = opts.sim ?? COSIM_DEFAULTS.sim;
  const sims: SimName[] = choice === 'both' ? ['verilator', 'icarus'] : [choice];
  const root = opts.buildDir ?? defaultBuildDir();
  prepareBuildDir(root);
  const waves = opts.waves ? (opts.waves === true ? {} : opts.waves) : undefined;
  const builds = await Promise.all(
    sims.map((s) =>
      s === 'verilator'
        ? buildVerilator(t, { buildDir: root, trace: waves !== undefined, flags: opts.verilatorFlags })
        : buildIcarus(t, { buildDir: root }),
    ),
  );
  const args = harnessArgs(t, opts, seed);
  mkdirSync(path.join(root, 'runs'), { recursive: true });
  const runDir = mkdtempSync(path.join(root, 'runs', `${t.top}-`));
  const wavesDir = waves ? (waves.dir ?? path.join(root, 'waves')) : '';
  if (waves) makeDirs(wavesDir, 'the waves directory', 'give --waves-dir a directory you can write to');
  const vcdFile = (sim: SimName): string => path.join(wavesDir, `${t.top}-${sim}.vcd`);
  const fullWaves = waves !== undefined && estimateCycles(t, vs.count) <= (waves.fullMaxCycles ?? COSIM_DEFAULTS.wavesFullMaxCycles);
  const window = waves?.window ?? COSIM_DEFAULTS.wavesWindow;
  const ctx: RunContext = { t, vs, runDir, args, fullWaves, vcdFile };
  try {
    const started = performance.now();
    const { expected, outcomes } = await simulate(ctx, builds, engine).catch(async (e: unknown) => {
      if (e instanceof HarnessFailure && waves) {
        const b = builds.find((x) => x.sim === e.sim)!;
        const file = fullWaves ? vcdFile(e.sim) : await rerunWithWaves(ctx, b, Math.max(0, e.cycle - window), e.cycle);
        throw failureError(t, e, args, file);
      }
      throw e instanceof HarnessFailure ? failureError(t, e, args) : e;
    });
    const runs: SimRun[] = [];
    for (const b of builds) {
      const o = outcomes.get(b.sim)!;
      const tally = compareOutput(ctx, b.sim, expected, o, opts.maxMismatches ?? COSIM_DEFAULTS.maxMismatches);
      const mismatches = tally.failures.map((f): Mismatch => ({
        sim: b.sim,
        index: f.index,
        cycle: f.x && o.xBeats.size > 0 ? xCycle(t, o, f.index) : cycleOf(ctx, b.sim, f.index, f.beat),
        inputs: vs.transaction(f.index),
        expected: f.expected,
        actual: f.actual,
        ...(f.x ? { note: 'output has X/Z bits (read as 0)' } : {}),
      }));
      let wavesFile: string | undefined;
      if (waves) {
        if (fullWaves) wavesFile = vcdFile(b.sim);
        else if (mismatches.length > 0) {
          const c = mismatches[0].cycle;
          wavesFile = await rerunWithWaves(ctx, b, Math.max(0, c - window), c + 10);
        }
      }
      const notes: string[] = [];
      if (o.xCount > o.xBeats.size) {
        notes.push(`${o.xCount} output beats had X/Z bits; only the first ${o.xBeats.size} are counted as failures`);
      }
      runs.push({
        sim: b.sim,
        passed: tally.passed,
        failed: tally.failed,
        mismatches,
        compiled: b.compiled,
        buildMs: b.buildMs,
        runMs: performance.now() - started,
        cycles: o.cycles,
        buildDir: b.dir,
        notes,
        ...(wavesFile ? { wavesFile } : {}),
      });
    }
    return {
      top: t.top,
      protocol: t.protocol.kind,
      vectors: vs.count,
      vectorsDescription: vs.description,
      passed: runs.reduce((a, r) => a + r.passed, 0),
      failed: runs.reduce((a, r) => a + r.failed, 0),
      mismatches: runs.flatMap((r) => r.mismatches),
      runs,
      inputs: t.source.inputs,
      outputs: t.source.outputs,
    };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

interface RunContext {
  readonly t: ResolvedTarget;
  readonly vs: VectorSet;
  readonly runDir: string;
  readonly args: HarnessArgs;
  readonly fullWaves: boolean;
  readonly vcdFile: (sim: SimName) => string;
}

const outPath = (ctx: RunContext, sim: SimName): string => path.join(ctx.runDir, `${sim}.out`);

/**
 * Feed every simulator from one pass over the vectors: Verilator reads a named pipe while it runs,
 * Icarus reads a regular file once it is complete.
 */
async function simulate(
  ctx: RunContext,
  builds: readonly SimBuild[],
  engine: ExpectedEngine,
): Promise<{ expected: Uint32Array[]; outcomes: Map<SimName, HarnessOutcome> }> {
  const { t, runDir, args } = ctx;
  const vb = builds.find((b) => b.sim === 'verilator');
  const ib = builds.find((b) => b.sim === 'icarus');
  const full = (sim: SimName): HarnessArgs =>
    ctx.fullWaves ? { ...args, vcd: { file: ctx.vcdFile(sim), from: 0, to: Number.MAX_SAFE_INTEGER } } : args;
  const sinks: Sink[] = [];
  let vProc: Promise<ProcessResult> | undefined;
  const icarusIn = path.join(runDir, 'vectors.bin');
  if (vb) {
    const fifo = path.join(runDir, 'vectors.fifo');
    await makeFifo(fifo);
    vProc = runProcess(vb.artifact, verilatorArgs(full('verilator'), [{ in: fifo, out: outPath(ctx, 'verilator') }]));
    const s = await fifoSink(fifo, vProc);
    if (s) sinks.push(s);
  }
  if (ib) sinks.push(fileSink(icarusIn));
  let expected: Uint32Array[] = [];
  let fed = false;
  try {
    expected = await feed(t, ctx.vs, sinks, engine);
    fed = true;
  } catch (e) {
    // A broken pipe means the harness stopped early: its own exit status explains why.
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') {
      await Promise.all(sinks.map((s) => s.close().catch(() => undefined)));
      await vProc?.catch(() => undefined); // EOF on the pipe makes the harness exit
      throw e;
    }
  } finally {
    await Promise.all(sinks.map((s) => s.close().catch(() => undefined)));
  }
  const outcomes = new Map<SimName, HarnessOutcome>();
  const iProc =
    ib && fed
      ? runProcess('vvp', icarusArgs(ib, full('icarus'), { in: icarusIn, out: outPath(ctx, 'icarus'), cycles: cyclesPath(outPath(ctx, 'icarus')) }))
      : undefined;
  // Wait for both before interpreting, so no simulator outlives the run directory.
  const [vr, ir] = await Promise.all([vProc, iProc]);
  if (vr) outcomes.set('verilator', interpretHarness('verilator', vr));
  if (ir) outcomes.set('icarus', interpretHarness('icarus', ir));
  // The harness ends once it has seen every expected output beat; a DUT that produced them before
  // consuming all input (extra or early beats) leaves vectors unread: a design failure, not a crash.
  if (!fed) throw userError(`cosim: '${ctx.t.top}' produced all expected output beats before consuming every input beat`, 'the design emits too many or too early output beats');
  return { expected, outcomes };
}

/** Compare a simulator's output file chunk by chunk against the expected words. */
function compareOutput(ctx: RunContext, sim: SimName, expected: readonly Uint32Array[], o: HarnessOutcome, max: number): Tally {
  const layout = ctx.t.outLayout;
  const file = outPath(ctx, sim);
  const want = ctx.vs.count * layout.wordsPerTxn * 4;
  const size = existsSync(file) ? statSync(file).size : -1;
  if (size !== want) throw new Error(`cosim: ${sim} wrote ${size} output bytes, expected ${want}`);
  const xTxns = new Set([...o.xBeats.keys()].map((beat) => Math.floor(beat / layout.beats)));
  const tally = new Tally(max);
  const fd = openSync(file, 'r');
  try {
    const buf = new Uint32Array(CHUNK_TXNS * layout.wordsPerTxn);
    const bytes = Buffer.from(buf.buffer);
    expected.forEach((exp, k) => {
      const n = exp.length / layout.wordsPerTxn;
      let got = 0;
      while (got < exp.byteLength) got += readSync(fd, bytes, got, exp.byteLength - got, null);
      compareChunk(layout, exp, buf, n, k * CHUNK_TXNS, tally, xTxns);
    });
  } finally {
    closeSync(fd);
  }
  return tally;
}

/** Cycle at which the first wrong output beat of transaction `index` was sampled. */
function cycleOf(ctx: RunContext, sim: SimName, index: number, beat: number): number {
  const p = ctx.t.protocol;
  if (p.kind === 'comb') return index;
  if (p.kind === 'pipelined') return ctx.t.resetCycles + index + p.latency;
  const fd = openSync(cyclesPath(outPath(ctx, sim)), 'r');
  try {
    const b = Buffer.alloc(8);
    readSync(fd, b, 0, 8, (index * ctx.t.outLayout.beats + beat) * 8);
    return Number(b.readBigUInt64LE(0));
  } finally {
    closeSync(fd);
  }
}

function xCycle(t: ResolvedTarget, o: HarnessOutcome, index: number): number {
  for (let b = 0; b < t.outLayout.beats; b++) {
    const c = o.xBeats.get(index * t.outLayout.beats + b);
    if (c !== undefined) return c;
  }
  return -1;
}

/** Rerun one simulator with a VCD window [from, to]; returns the VCD path. */
async function rerunWithWaves(ctx: RunContext, b: SimBuild, from: number, to: number): Promise<string> {
  const input = path.join(ctx.runDir, 'waves-vectors.bin');
  if (!existsSync(input)) {
    const sink = fileSink(input);
    await feed(ctx.t, ctx.vs, [sink]);
    await sink.close();
  }
  const file = ctx.vcdFile(b.sim);
  const a: HarnessArgs = { ...ctx.args, vcd: { file, from, to } };
  const out = path.join(ctx.runDir, `waves-${b.sim}.out`);
  const r =
    b.sim === 'verilator'
      ? await runProcess(b.artifact, verilatorArgs(a, [{ in: input, out }]))
      : await runProcess('vvp', icarusArgs(b, a, { in: input, out, cycles: cyclesPath(out) }));
  try {
    interpretHarness(b.sim, r);
  } catch (e) {
    if (!(e instanceof HarnessFailure)) throw e;
  }
  return file;
}

function failureError(t: ResolvedTarget, e: HarnessFailure, a: HarnessArgs, vcd?: string): LowbitError {
  const f = e.fields;
  const waves = vcd ? `; waves: ${vcd}` : '';
  if (e.kind === 'hang') {
    const [outs, nOut] = (f.outputs ?? '0/0').split('/');
    const [ins, nIn] = (f.inputs ?? '0/0').split('/');
    const what = outs === '0' ? 'never produced an output beat' : `produced no output beat after cycle ${f.since}`;
    return userError(
      `cosim: '${t.top}' hung on ${e.sim} at cycle ${e.cycle}: ${what} for ${a.hangCycles} cycles ` +
        `(${outs} of ${nOut} output beats delivered, ${ins} of ${nIn} input beats accepted)${waves}`,
      `check ${t.handshake?.outValid ?? 'out_valid'}/${t.handshake?.inReady ?? 'in_ready'}, or raise hangCycles if the latency really is that long`,
    );
  }
  return userError(
    `cosim: '${t.top}' produced an extra output beat at cycle ${e.cycle} on ${e.sim}, after all ${f.outputs} expected beats${waves}`,
    'each transaction must produce exactly beats.out output beats',
  );
}

function vectorSetOf(t: ResolvedTarget, opts: CosimOptions, seed: number): VectorSet {
  const v = opts.vectors;
  if (v === undefined) return generateVectors(t.inLayout, opts.vectorOptions, seed);
  if (Array.isArray(v)) return explicitVectors(t.inLayout, v as readonly (readonly (readonly bigint[])[])[]);
  const vs = v as VectorSet;
  const same =
    vs.layout.beats === t.inLayout.beats &&
    vs.layout.slots.length === t.inLayout.slots.length &&
    vs.layout.slots.every((s, i) => s.port.width === t.inLayout.slots[i].port.width && s.port.name === t.inLayout.slots[i].port.name);
  if (!same) throw userError(`cosim: the vector set's ports/beats do not match target '${t.top}'`);
  return vs;
}

function harnessArgs(t: ResolvedTarget, opts: CosimOptions, seed: number): HarnessArgs {
  const bp = t.protocol.kind === 'stream' ? (opts.backpressure ?? COSIM_DEFAULTS.backpressure) : { bubble: 0, stall: 0 };
  const threshold = (p: number, name: string): number => {
    if (!(p >= 0 && p < 1)) throw userError(`cosim: backpressure ${name} must be in [0, 1), got ${p}`);
    return Math.round(p * 256);
  };
  const hangCycles = opts.hangCycles ?? COSIM_DEFAULTS.hangCycles;
  if (!Number.isInteger(hangCycles) || hangCycles < 1) throw userError(`cosim: hangCycles must be an integer >= 1`);
  return {
    seed,
    hangCycles,
    drainCycles: opts.drainCycles ?? COSIM_DEFAULTS.drainCycles,
    bubble: threshold(bp.bubble, 'bubble'),
    stall: threshold(bp.stall, 'stall'),
  };
}

/** Cycle count estimate used to decide between a whole-run VCD and a window. */
function estimateCycles(t: ResolvedTarget, count: number): number {
  const p = t.protocol;
  if (p.kind === 'comb') return count;
  if (p.kind === 'pipelined') return t.resetCycles + count + p.latency;
  return t.resetCycles + 4 * count * Math.max(t.inLayout.beats, t.outLayout.beats);
}
