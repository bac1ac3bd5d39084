/**
 * Target normalization: validate a CosimTarget once and fill in every default, so backends and
 * templates never re-derive them. Input: a user CosimTarget. Output: a ResolvedTarget with
 * absolute files, clock/reset/handshake names, beat counts and word layouts.
 */
import path from 'node:path';
import { userError } from '../diag/error.ts';
import { type BeatLayout, beatLayout } from './layout.ts';
import type { CosimTarget, HandshakeNames, Protocol } from './types.ts';

export const DEFAULT_HANDSHAKE: HandshakeNames = {
  inValid: 'in_valid',
  inReady: 'in_ready',
  outValid: 'out_valid',
  outReady: 'out_ready',
};

/** Default number of reset cycles when `reset.cycles` is omitted. */
export const DEFAULT_RESET_CYCLES = 2;

export interface ResolvedTarget {
  readonly source: CosimTarget;
  readonly top: string;
  readonly files: readonly string[];
  readonly protocol: Protocol;
  /** Clock port, undefined for comb. */
  readonly clock?: string;
  readonly reset?: { readonly name: string; readonly activeLow: boolean; readonly cycles: number };
  /** Handshake names, stream only. */
  readonly handshake?: HandshakeNames;
  /** Input layout: input ports x beats.in. */
  readonly inLayout: BeatLayout;
  /** Output layout: output ports x beats.out. */
  readonly outLayout: BeatLayout;
  /** Reset cycles actually simulated (0 without reset or for comb). */
  readonly resetCycles: number;
}

/** Validate and complete `t`; throws LowbitError naming the offending field. */
export function resolveTarget(t: CosimTarget): ResolvedTarget {
  const where = `cosim target '${t.top}'`;
  if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(t.top)) throw userError(`${where}: top is not a Verilog identifier`);
  if (t.files.length === 0) throw userError(`${where}: no Verilog files`);
  for (const f of t.files) {
    if (!path.isAbsolute(f)) throw userError(`${where}: file '${f}' is not an absolute path`);
  }
  const p = t.protocol;
  if (p.kind === 'pipelined' && (!Number.isInteger(p.latency) || p.latency < 0)) {
    throw userError(`${where}: pipelined latency must be an integer >= 0, got ${p.latency}`);
  }
  if (t.beats && p.kind !== 'stream') throw userError(`${where}: beats are only meaningful for the stream protocol`);
  const beatsIn = t.beats?.in ?? 1;
  const beatsOut = t.beats?.out ?? 1;
  const clocked = p.kind !== 'comb';
  const clock = clocked ? (t.clock ?? 'clk') : undefined;
  const reset = clocked && t.reset
    ? { name: t.reset.name, activeLow: t.reset.activeLow, cycles: t.reset.cycles ?? DEFAULT_RESET_CYCLES }
    : undefined;
  if (reset && (!Number.isInteger(reset.cycles) || reset.cycles < 1)) {
    throw userError(`${where}: reset cycles must be an integer >= 1, got ${reset.cycles}`);
  }
  const handshake = p.kind === 'stream' ? { ...DEFAULT_HANDSHAKE, ...t.handshake } : undefined;
  const inLayout = beatLayout(t.inputs, beatsIn);
  const outLayout = beatLayout(t.outputs, beatsOut);
  if (t.outputs.length === 0) throw userError(`${where}: no output ports to compare`);
  const names = [
    ...t.inputs.map((x) => x.name),
    ...t.outputs.map((x) => x.name),
    ...(clock ? [clock] : []),
    ...(reset ? [reset.name] : []),
    ...(handshake ? Object.values(handshake) : []),
  ];
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw userError(`${where}: port name '${dup}' is used twice`);
  for (const n of names) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(n) || n.includes('__')) {
      throw userError(`${where}: port name '${n}' is not a simple Verilog identifier`);
    }
  }
  return {
    source: t,
    top: t.top,
    files: t.files,
    protocol: p,
    clock,
    reset,
    handshake,
    inLayout,
    outLayout,
    resetCycles: reset ? reset.cycles : 0,
  };
}
