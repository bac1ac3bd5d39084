/**
 * `--metrics LIST`: which measurements each sweep point gets, and the tool versions they depend
 * on (part of every point's store key, so a tool upgrade reruns the points it affects).
 *
 *   lint               Verilator -Wall, Icarus, Yosys over the point's RTL (`lint.ok` 1/0)
 *   cosim[:N]          cosim against the golden model on both simulators, N random vectors
 *                      (the vector budget, default 1000) plus the spec's corners
 *   synth:T            Yosys report, T = generic | cmos | xilinx | ice40
 *   pnr:ice40[:DEV]    Yosys synth_ice40 + nextpnr-ice40 on DEV = up5k (default) | hx8k
 *
 * `synth:asic` is refused: the timing-aware ASIC flow does not exist in this version.
 */
import { execa } from 'execa';
import { SYNTH_TARGETS, type SynthTarget } from '../synth/index.ts';
import { probeNative, probeWasm, isAvailable, describeEngine } from '../synth/yosys-engine.ts';
import { ICE40_DEVICES, type Ice40Device } from '../synth/pnr-ice40.ts';
import { VERSION } from '../cli/version.ts';
import { SweepUsageError } from './grid.ts';

export type MetricSpec =
  | { readonly kind: 'lint' }
  | { readonly kind: 'cosim'; readonly vectors: number }
  | { readonly kind: 'synth'; readonly target: SynthTarget }
  | { readonly kind: 'pnr'; readonly device: Ice40Device };

export const DEFAULT_COSIM_VECTORS = 1000;

/** Canonical text of one metric (`cosim:1000`, `pnr:ice40:up5k`): the store key uses it. */
export function metricId(m: MetricSpec): string {
  switch (m.kind) {
    case 'lint':
      return 'lint';
    case 'cosim':
      return `cosim:${m.vectors}`;
    case 'synth':
      return `synth:${m.target}`;
    case 'pnr':
      return `pnr:ice40:${m.device}`;
  }
}

function parseOne(text: string): MetricSpec {
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
      if (parts[1] === 'asic') bad('is not available: the timing-aware ASIC flow does not exist in this version');
      if (parts.length !== 2 || !SYNTH_TARGETS.includes(parts[1] as SynthTarget)) bad('names no synthesis target');
      return { kind: 'synth', target: parts[1] as SynthTarget };
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

/** Parse `lint,cosim:500,synth:generic`; order-free and de-duplicated (sorted by id). */
export function parseMetrics(list: string): MetricSpec[] {
  const items = list.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new SweepUsageError(`--metrics: empty entry in '${list}'`);
  const byId = new Map<string, MetricSpec>();
  for (const m of items.map(parseOne)) byId.set(metricId(m), m);
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
  if (kinds.has('lint') || kinds.has('synth') || kinds.has('pnr')) {
    const [wasm, native] = await Promise.all([probeWasm(), probeNative()]);
    v['yosys-wasm'] = isAvailable(wasm) ? describeEngine(wasm) : 'absent';
    v['yosys-native'] = isAvailable(native) ? describeEngine(native) : 'absent';
  }
  if (kinds.has('pnr')) v['nextpnr-ice40'] = await firstLine('nextpnr-ice40', ['--version']);
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
}
