/**
 * Icarus Verilog backend: render the Verilog testbench, compile it with the DUT
 * (`iverilog -g2005 -s lowbit_cosim_tb`, cached by content hash like the Verilator build) and run
 * `vvp -n` over a packed vector file. The testbench reads the file with $fread in blocks (binary,
 * no text conversion) and writes output beats with $fwrite("%u"), the same layout as Verilator.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BuildRejected, DONE_MARKER, fileParts, hashParts, isBuilt, publish, stagingDir } from './build-cache.ts';
import { harnessView } from './harness-model.ts';
import { defaultBuildDir } from './paths.ts';
import { renderTemplate, templateText } from './render.ts';
import type { ResolvedTarget } from './target.ts';
import { runProcess, tailLines, toolVersion, versionCache } from './tools.ts';
import type { BuildOptions, HarnessArgs, SimBuild } from './verilator.ts';

/** Flags always passed to iverilog (part of the cache key). */
export const IVERILOG_FLAGS: readonly string[] = ['-g2005'];

export async function buildIcarus(t: ResolvedTarget, opts: BuildOptions = {}): Promise<SimBuild> {
  const started = performance.now();
  const root = opts.buildDir ?? defaultBuildDir();
  const tb = renderTemplate('icarus-tb.v.hbs', harnessView(t, true));
  const version = await toolVersion('iverilog', '-V', versionCache(root));
  const flags = [...IVERILOG_FLAGS, ...(opts.flags ?? [])];
  const hash = hashParts([
    'lowbit-cosim-icarus-1',
    version,
    t.top,
    JSON.stringify(flags),
    templateText('icarus-tb.v.hbs'),
    tb,
    ...fileParts(t.files),
  ]);
  const dir = path.join(root, 'icarus', `${t.top}-${hash.slice(0, 16)}`);
  const artifact = path.join(dir, 'tb.vvp');
  const result = (compiled: boolean): SimBuild => ({
    sim: 'icarus',
    dir,
    artifact,
    hash,
    compiled,
    buildMs: performance.now() - started,
    trace: true,
    target: t,
  });
  if (isBuilt(dir)) return result(false);
  const staging = stagingDir(dir);
  writeFileSync(path.join(staging, 'tb.v'), tb);
  const r = await runProcess('iverilog', [...flags, '-s', 'lowbit_cosim_tb', '-o', 'tb.vvp', 'tb.v', ...t.files], {
    cwd: staging,
  });
  if (r.code !== 0) throw new BuildRejected(`iverilog rejected '${t.top}':\n${tailLines(r.stderr + r.stdout)}`);
  writeFileSync(
    path.join(staging, DONE_MARKER),
    JSON.stringify({ top: t.top, hash, version, flags, files: t.files, builtAt: new Date().toISOString() }, null, 2),
  );
  publish(staging, dir);
  return result(true);
}

/** vvp command line for one run (`cycles` is required by the stream protocol). */
export function icarusArgs(build: SimBuild, a: HarnessArgs, files: { in: string; out: string; cycles?: string }): string[] {
  const args = [
    '-n',
    build.artifact,
    `+in=${files.in}`,
    `+out=${files.out}`,
    `+seed=${a.seed >>> 0}`,
    `+hang=${a.hangCycles}`,
    `+drain=${a.drainCycles}`,
    `+bubble=${a.bubble}`,
    `+stall=${a.stall}`,
  ];
  if (files.cycles) args.push(`+cycles=${files.cycles}`);
  if (a.vcd) args.push(`+vcd=${a.vcd.file}`, `+vcd_from=${a.vcd.from}`, `+vcd_to=${a.vcd.to}`);
  return args;
}
