/**
 * `--metrics LIST`: which measurements each sweep point gets, and the tool versions they depend
 * on (part of every point's store key, so a tool upgrade reruns the points it affects).
 *
 *   lint               Verilator -Wall, Icarus, Yosys over the point's RTL (`lint.ok` 1/0)
 *   cosim[:N]          cosim against the golden model on both simulators, N random vectors
 *                      (the vector budget, default 1000) plus the spec's corners
 *   synth:T            Yosys report, T = generic | cmos | xilinx | ice40
 *   synth:asic         timing-aware liberty flow (`synth --target asic`): liberty area, critical-
 *                      path delay and, when the design declares `macsPerCycle`, throughput and
 *                      throughput / (area x delay); the liberty comes from the sweep's
 *                      `--liberty FILE`, else DEFAULT_LIBERTY when installed
 *   pnr:ice40[:DEV]    Yosys synth_ice40 + nextpnr-ice40 on DEV = up5k (default) | hx8k
 *
 * The liberty file's content hash is one of the "tool versions" (`liberty`), so editing or
 * swapping the library reruns the `synth:asic` points; the metric id stays `synth:asic`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { execa } from 'execa';
import { SYNTH_TARGETS, type SynthTarget } from '../synth/index.ts';
import { probeNative, probeWasm, isAvailable, describeEngine } from '../synth/yosys-engine.ts';
import { ICE40_DEVICES, type Ice40Device } from '../synth/pnr-ice40.ts';
import { VERSION } from '../cli/version.ts';
import { SweepUsageError } from './grid.ts';
import { sha256 } from './point-key.ts';

export type MetricSpec =
  | { readonly kind: 'lint' }
  | { readonly kind: 'cosim'; readonly vectors: number }
  | { readonly kind: 'synth'; readonly target: Exclude<SynthTarget, 'asic'> }
  /**
   * `synth:asic`: `liberty` is an absolute path; `libertySha256` its content hash at planning
   * time (a point whose worker sees other content there fails instead of measuring another library).
   */
  | { readonly kind: 'asic'; readonly liberty: string; readonly libertySha256: string }
  | { readonly kind: 'pnr'; readonly device: Ice40Device };

export const DEFAULT_COSIM_VECTORS = 1000;

/** `synth:asic` liberty when no `--liberty` is given: OSU 0.18 um cells (Debian package qflow-tech-osu018). */
export const DEFAULT_LIBERTY = '/usr/share/qflow/tech/osu018/osu018_stdcells.lib';

export interface MetricOptions {
  /** `--liberty FILE` (for `synth:asic`; relative to the working directory). */
  readonly liberty?: string;
  /** Liberty used when `liberty` is absent, if the file exists (tests override it). */
  readonly defaultLiberty?: string;
}

/** Canonical text of one metric (`cosim:1000`, `pnr:ice40:up5k`): the store key uses it. */
export function metricId(m: MetricSpec): string {
  switch (m.kind) {
    case 'lint':
      return 'lint';
    case 'cosim':
      return `cosim:${m.vectors}`;
    case 'synth':
      return `synth:${m.target}`;
    case 'asic':
      return 'synth:asic';
    case 'pnr':
      return `pnr:ice40:${m.device}`;
  }
}

function asicMetric(o: MetricOptions): MetricSpec {
  const fallback = o.defaultLiberty ?? DEFAULT_LIBERTY;
  if (o.liberty === undefined && !existsSync(fallback)) {
    throw new SweepUsageError(
      `--metrics: 'synth:asic' needs a liberty file: pass --liberty FILE (the default ${fallback}, from the Debian package qflow-tech-osu018, is not installed)`,
    );
  }
  const liberty = resolve(o.liberty ?? fallback);
  let content: Buffer;
  try {
    content = readFileSync(liberty);
  } catch (e) {
    throw new SweepUsageError(`--liberty: cannot read '${o.liberty ?? fallback}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { kind: 'asic', liberty, libertySha256: sha256(content) };
}

function parseOne(text: string, o: MetricOptions): MetricSpec {
  const parts = text.split(':');
  const bad = (why: string): never => {
    throw new SweepUsageError(`--metrics: '${text}' ${why} (metrics: lint, cosim[:N], ${SYNTH_TARGETS.map((t) => `synth:${t}`).join(', ')}, pnr:ice40[:${ICE40_DEVICES.join('|')}])`);
  };
  switch (parts[0]) {
    case 'lint':
      return parts.length === 1 ? { kind: 'lint' } : bad('takes no argument');
    case 'cosim': {
      if (parts.length > 2) bad('takes one vector budget');
      const n = parts.length === 2 ? Number(parts[1]) : DEFAULT_COSIM_VECTORS;
      if (!Number.isInteger(n) || n < 0 || parts[1] === '') bad('needs a non-negative integer vector budget');
      return { kind: 'cosim', vectors: n };
    }
    case 'synth':
      if (parts.length !== 2 || !SYNTH_TARGETS.includes(parts[1] as SynthTarget)) bad('names no synthesis target');
      if (parts[1] === 'asic') return asicMetric(o);
      return { kind: 'synth', target: parts[1] as Exclude<SynthTarget, 'asic'> };
    case 'pnr': {
      if (parts[1] !== 'ice40' || parts.length > 3) bad('names no place-and-route flow');
      const device = (parts[2] ?? 'up5k') as Ice40Device;
      if (!ICE40_DEVICES.includes(device)) bad(`names an unknown iCE40 device '${parts[2]}'`);
      return { kind: 'pnr', device };
    }
    default:
      return bad('is not a metric');
  }
}

/**
 * Parse `lint,cosim:500,synth:generic`; order-free and de-duplicated (sorted by id). A `--liberty`
 * without `synth:asic` is a usage error (it would silently measure nothing).
 */
export function parseMetrics(list: string, o: MetricOptions = {}): MetricSpec[] {
  const items = list.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new SweepUsageError(`--metrics: empty entry in '${list}'`);
  const byId = new Map<string, MetricSpec>();
  for (const m of items.map((t) => parseOne(t, o))) byId.set(metricId(m), m);
  if (o.liberty !== undefined && !byId.has('synth:asic')) throw new SweepUsageError('--liberty applies to the synth:asic metric, which --metrics does not list');
  return [...byId.keys()].sort().map((k) => byId.get(k)!);
}

async function firstLine(cmd: string, args: string[]): Promise<string> {
  const r = await execa(cmd, args, { reject: false, all: true, stdin: 'ignore', timeout: 20_000 });
  return r.exitCode === 0 ? ((r.all ?? '').split('\n').find((l) => l.trim() !== '') ?? '').trim() : 'absent';
}

/**
 * Versions of every tool the metric set runs (plus this generator), as a sorted record. Tools a
 * metric set does not use are left out, so e.g. a Verilator upgrade does not rerun synth-only sweeps.
 */
export async function toolVersions(metrics: readonly MetricSpec[]): Promise<Record<string, string>> {
  const v: Record<string, string> = { 'lowbit-hdl': VERSION, node: process.version };
  const kinds = new Set(metrics.map((m) => m.kind));
  if (kinds.has('lint') || kinds.has('cosim')) {
    v.verilator = await firstLine('verilator', ['--version']);
    v.iverilog = await firstLine('iverilog', ['-V']);
  }
  if (kinds.has('lint') || kinds.has('synth') || kinds.has('asic') || kinds.has('pnr')) {
    const [wasm, native] = await Promise.all([probeWasm(), probeNative()]);
    v['yosys-wasm'] = isAvailable(wasm) ? describeEngine(wasm) : 'absent';
    v['yosys-native'] = isAvailable(native) ? describeEngine(native) : 'absent';
  }
  if (kinds.has('pnr')) v['nextpnr-ice40'] = await firstLine('nextpnr-ice40', ['--version']);
  for (const m of metrics) if (m.kind === 'asic') v.liberty = `${basename(m.liberty)} sha256:${m.libertySha256}`;
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
}
