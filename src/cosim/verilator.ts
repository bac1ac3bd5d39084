/**
 * Verilator backend: render the C++ harness, build it against the DUT (cached by content hash),
 * and run the binary over packed vector files.
 *
 * Build = `verilator --cc --exe -O3 --top-module TOP --prefix Vdut [--trace] harness.cpp RTL...`
 * then `make -f Vdut.mk` (what `--build` does, split in two so the Verilator runtime objects
 * verilated.o / verilated_threads.o / verilated_vcd_c.o, ~70% of a small build, are compiled once
 * per tool version + flags and reused). Lint warnings stay fatal: no -Wno-fatal and no -Wno-* for
 * the DUT, because a warning is the emitter's bug. The harness is C++ only and needs no Verilator
 * warning flags; it compiles with the stock verilated.mk flags (OPT_FAST -Os, which measured as fast
 * as -O3 for harness loops).
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BuildRejected, DONE_MARKER, fileParts, hashParts, isBuilt, publish, stagingDir } from './build-cache.ts';
import { harnessView } from './harness-model.ts';
import { defaultBuildDir } from './paths.ts';
import { renderTemplate, templateText } from './render.ts';
import type { ResolvedTarget } from './target.ts';
import { runProcess, tailLines, toolVersion, versionCache } from './tools.ts';

/** Flags always passed to Verilator for the DUT (part of the cache key). */
export const VERILATOR_FLAGS: readonly string[] = ['-O3'];

export interface BuildOptions {
  /** Root of cached builds; default .lowbit-hdl/build (paths.ts defaultBuildDir). */
  readonly buildDir?: string;
  /** Build with --trace so runs can dump a VCD. */
  readonly trace?: boolean;
  /** Extra Verilator flags (e.g. ['-Wall'] for stricter lint); part of the cache key. */
  readonly flags?: readonly string[];
  /** Parallel make jobs (default 2: the machine has 2 cores). */
  readonly jobs?: number;
}

/** A built harness. `compiled` is false when it came from the cache (no compiler was run). */
export interface SimBuild {
  readonly sim: 'verilator' | 'icarus';
  readonly dir: string;
  /** Executable (Verilator) or compiled vvp image (Icarus). */
  readonly artifact: string;
  readonly hash: string;
  readonly compiled: boolean;
  readonly buildMs: number;
  readonly trace: boolean;
  readonly target: ResolvedTarget;
}

export async function buildVerilator(t: ResolvedTarget, opts: BuildOptions = {}): Promise<SimBuild> {
  const started = performance.now();
  const root = opts.buildDir ?? defaultBuildDir();
  const trace = opts.trace ?? false;
  const flags = [...VERILATOR_FLAGS, ...(opts.flags ?? []), ...(trace ? ['--trace'] : [])];
  const harness = renderTemplate('verilator-harness.cpp.hbs', harnessView(t, trace));
  const [version, cxx] = await Promise.all([toolVersion('verilator', '--version', versionCache(root)), toolVersion('g++', '--version', versionCache(root))]);
  const hash = hashParts([
    'lowbit-cosim-verilator-1',
    version,
    cxx,
    t.top,
    JSON.stringify(flags),
    templateText('verilator-harness.cpp.hbs'),
    harness,
    ...fileParts(t.files),
  ]);
  const dir = path.join(root, 'verilator', `${t.top}-${hash.slice(0, 16)}`);
  const artifact = path.join(dir, 'obj', 'cosim');
  const result = (compiled: boolean): SimBuild => ({
    sim: 'verilator',
    dir,
    artifact,
    hash,
    compiled,
    buildMs: performance.now() - started,
    trace,
    target: t,
  });
  if (isBuilt(dir)) return result(false);

  const staging = stagingDir(dir);
  writeFileSync(path.join(staging, 'harness.cpp'), harness);
  const gen = await runProcess(
    'verilator',
    ['--cc', '--exe', ...flags, '--top-module', t.top, '--prefix', 'Vdut', '-Mdir', 'obj', '-o', 'cosim', 'harness.cpp', ...t.files],
    { cwd: staging },
  );
  if (gen.code !== 0) {
    throw new BuildRejected(
      `verilator rejected '${t.top}':\n${tailLines(gen.stderr + gen.stdout)}`,
      'cosim treats Verilator lint warnings as errors (no -Wno-fatal): fix the RTL or its emitter',
    );
  }
  const obj = path.join(staging, 'obj');
  const runtime = runtimeObjects(obj);
  const rtDir = path.join(root, 'verilator-runtime', hashParts([version, cxx, JSON.stringify(flags)]).slice(0, 16));
  const haveRuntime = isBuilt(rtDir) && runtime.every((o) => existsSync(path.join(rtDir, o)));
  // Copied after Verilator wrote Vdut.mk, so make sees the objects as newer and skips them.
  if (haveRuntime) for (const o of runtime) copyFileSync(path.join(rtDir, o), path.join(obj, o));
  const make = await runProcess('make', ['-s', `-j${opts.jobs ?? 2}`, '-C', obj, '-f', 'Vdut.mk'], { cwd: staging });
  if (make.code !== 0) {
    throw new Error(`cosim: C++ build of the Verilator harness for '${t.top}' failed:\n${tailLines(make.stderr + make.stdout)}`);
  }
  if (!haveRuntime) {
    const rtStaging = stagingDir(rtDir);
    for (const o of runtime) copyFileSync(path.join(obj, o), path.join(rtStaging, o));
    writeFileSync(path.join(rtStaging, DONE_MARKER), JSON.stringify({ version, cxx, flags, runtime }, null, 2));
    publish(rtStaging, rtDir);
  }
  writeFileSync(
    path.join(staging, DONE_MARKER),
    JSON.stringify({ top: t.top, hash, version, cxx, flags, files: t.files, builtAt: new Date().toISOString() }, null, 2),
  );
  publish(staging, dir);
  return result(true);
}

/** Runtime library objects the generated makefile links (VM_GLOBAL_FAST/SLOW in Vdut_classes.mk). */
function runtimeObjects(obj: string): string[] {
  const mk = readFileSync(path.join(obj, 'Vdut_classes.mk'), 'utf8');
  const names: string[] = [];
  for (const v of ['VM_GLOBAL_FAST', 'VM_GLOBAL_SLOW']) {
    const m = new RegExp(`^${v} \\+?= \\\\\\n((?:\\t.*\\\\\\n)*)`, 'm').exec(mk);
    if (m) names.push(...m[1].split('\n').map((l) => l.replace(/\\$/, '').trim()).filter(Boolean));
  }
  return names.map((n) => `${n}.o`);
}

/** Runtime switches of one harness run (none of them affect the build). */
export interface HarnessArgs {
  readonly seed: number;
  readonly hangCycles: number;
  readonly drainCycles: number;
  /** Thresholds out of 256. */
  readonly bubble: number;
  readonly stall: number;
  readonly vcd?: { readonly file: string; readonly from: number; readonly to: number };
}

/** Command line for the Verilator binary over IN/OUT pairs. */
export function verilatorArgs(a: HarnessArgs, pairs: readonly { in: string; out: string }[]): string[] {
  const args = [
    '--seed', String(a.seed >>> 0),
    '--hang', String(a.hangCycles),
    '--drain', String(a.drainCycles),
    '--bubble', String(a.bubble),
    '--stall', String(a.stall),
  ];
  if (a.vcd) args.push('--vcd', a.vcd.file, '--vcd-from', String(a.vcd.from), '--vcd-to', String(a.vcd.to));
  for (const p of pairs) args.push(p.in, p.out);
  return args;
}

