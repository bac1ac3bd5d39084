/**
 * A design's timing, as its datasheet and manifest state it, from its own declarations: the
 * elaborated top (clock, reset, port protocols, the combinational paths between ports) and the
 * cosim spec's protocol (comb / pipelined with a latency / valid-ready stream with beats in → out).
 * Everything here is derived; nothing is guessed: what the declarations do not say (the latency
 * of a stream, for example) is stated as unknown with the reason.
 */
import type { IrDesign, IrModule } from '../ir/types.ts';
import type { CosimSpec } from '../dsl/design.ts';
import { checkCombLoops, type CombDeps } from '../passes/check-comb-loops.ts';

/** One valid/ready pair and the data ports whose transfer it guards. */
export interface Handshake {
  readonly direction: 'input' | 'output';
  readonly valid: string;
  /** The ready port of the pair (absent: the stream cannot be stalled). */
  readonly ready: string | null;
  readonly guards: readonly string[];
}

export interface DesignTiming {
  /** `comb`, `pipelined` or `stream` from the cosim spec; `clocked`/`combinational` without one. */
  readonly protocol: string;
  /** Cycles from a transaction's (last) input to its (first) output; null when not fixed. */
  readonly latency: number | null;
  /** Cycles between the starts of consecutive transactions at full rate; null when not fixed. */
  readonly initiationInterval: number | null;
  /** Transactions per cycle at full rate, as text (e.g. "1 per cycle", "1 per 4 cycles"). */
  readonly throughput: string;
  readonly beats: { readonly in: number; readonly out: number };
  readonly handshakes: readonly Handshake[];
  /** Whether the input-side ready depends combinationally on the output-side ready (null: no such pair). */
  readonly readyDependsOnDownstreamReady: boolean | null;
  /** Inputs read once per transaction (cosim spec `sampled`): port → when. */
  readonly sampledOnce: Readonly<Record<string, string>>;
  readonly reset: { readonly port: string; readonly activeLow: boolean; readonly style: string; readonly cycles: number } | null;
  /** The Timing section of the datasheet (Markdown). */
  readonly text: string;
}

/** Every module's input→output combinational port dependencies, leaves first. */
export function combDeps(design: IrDesign): Map<string, CombDeps> {
  const byName = new Map<string, CombDeps>();
  for (const mod of design.modules) {
    const child = mod.instances.map((i) => byName.get(i.module));
    byName.set(mod.name, checkCombLoops(mod, child, []));
  }
  return byName;
}

const emitted = (mod: IrModule, port: string): string => {
  const p = mod.ports.find((q) => q.name === port);
  return p ? (mod.signals[p.signal]!.name ?? port) : port;
};

export function designTiming(design: IrDesign, spec?: CosimSpec): DesignTiming {
  const top = design.modules.find((m) => m.name === design.top)!;
  const name = (p: { name: string }): string => emitted(top, p.name);
  const find = (dir: 'input' | 'output', protocol: 'valid' | 'ready') => top.ports.find((p) => p.dir === dir && p.protocol === protocol);
  const inValid = find('input', 'valid');
  const inReady = find('output', 'ready');
  const outValid = find('output', 'valid');
  const outReady = find('input', 'ready');
  const dataIn = top.ports.filter((p) => p.dir === 'input' && p.protocol === 'data');
  const dataOut = top.ports.filter((p) => p.dir === 'output' && p.protocol === 'data');
  const sampledOnce = { ...(spec?.sampled ?? {}) };
  const handshakes: Handshake[] = [];
  if (inValid) handshakes.push({ direction: 'input', valid: name(inValid), ready: inReady ? name(inReady) : null, guards: dataIn.filter((p) => !(p.name in sampledOnce)).map(name) });
  if (outValid) handshakes.push({ direction: 'output', valid: name(outValid), ready: outReady ? name(outReady) : null, guards: dataOut.map(name) });
  let readyDep: boolean | null = null;
  if (inReady && outReady) readyDep = combDeps(design).get(top.name)?.get(inReady.name)?.has(outReady.name) ?? false;
  const resetPort = top.ports.find((p) => p.protocol === 'reset');
  const reset = top.reset && resetPort ? { port: name(resetPort), activeLow: top.reset.activeLow, style: top.reset.style, cycles: 2 } : null;
  const beats = spec?.beats ?? { in: 1, out: 1 };
  const kind = spec?.protocol.kind ?? (top.clock ? 'clocked' : 'combinational');
  let latency: number | null = null;
  let ii: number | null = null;
  let throughput = 'not declared (no cosim spec)';
  const lines: string[] = [];
  const clk = top.clock ? `\`${top.clock.name}\`` : '';
  if (kind === 'comb' || kind === 'combinational') {
    latency = 0;
    ii = top.clock ? 1 : null;
    throughput = 'combinational: outputs follow inputs after the logic settles';
    lines.push('Combinational: outputs depend only on the current inputs (latency 0, no clock).');
  } else if (kind === 'pipelined') {
    latency = (spec!.protocol as { latency: number }).latency;
    ii = 1;
    throughput = '1 transaction per cycle';
    lines.push(`Pipelined, clocked on the rising edge of ${clk}: a transaction enters every cycle (initiation interval 1) and its outputs are valid **${latency} cycle${latency === 1 ? '' : 's'}** later (latency ${latency}).`);
  } else if (kind === 'stream') {
    const atLeast = Math.max(beats.in, beats.out);
    throughput = `at most 1 transaction per ${atLeast} cycle${atLeast === 1 ? '' : 's'} (one beat per cycle per stream)`;
    lines.push(`Valid/ready stream, clocked on the rising edge of ${clk}: a beat transfers on a rising edge where valid and ready are both high. Latency is set by the handshakes, not fixed (the cosim spec declares a stream, not a latency); transactions complete in order.`);
    lines.push(`\nTransaction: **${beats.in} input beat${beats.in === 1 ? '' : 's'} → ${beats.out} output beat${beats.out === 1 ? '' : 's'}**; throughput ${throughput}.`);
  } else {
    throughput = 'not declared (no cosim spec)';
    lines.push(`Clocked on the rising edge of ${clk}. The design declares no cosim protocol, so its latency is not stated.`);
  }
  if (handshakes.length > 0 || readyDep !== null || reset || top.clock) lines.push('');
  for (const h of handshakes) {
    lines.push(`- \`${h.valid}\`${h.ready ? ` / \`${h.ready}\`` : ' (no ready: cannot be stalled)'} guard${h.ready ? '' : 's'} the ${h.direction} data ${h.guards.map((g) => `\`${g}\``).join(', ') || '(none)'}: held stable while valid is high and ready is low.`);
  }
  if (readyDep !== null) {
    lines.push(readyDep ? `- \`${name(inReady!)}\` depends **combinationally** on \`${name(outReady!)}\` (a path with no register): do not make \`${name(outReady!)}\` depend on \`${name(inReady!)}\`.` : `- \`${name(inReady!)}\` does not depend combinationally on \`${name(outReady!)}\` (registered).`);
  }
  for (const [port, when] of Object.entries(sampledOnce)) lines.push(`- \`${emitted(top, port)}\` is read once per transaction: ${when}.`);
  if (reset) lines.push(`- Reset: \`${reset.port}\` active ${reset.activeLow ? 'low' : 'high'}, ${reset.style === 'async' ? 'asynchronous' : 'synchronous'}; hold it for at least ${reset.cycles} rising edges of ${clk} before the first transaction.`);
  else if (top.clock) lines.push('- No reset port: registers start undefined; the outputs are valid once the pipeline has filled.');
  return { protocol: kind, latency, initiationInterval: ii, throughput, beats, handshakes, readyDependsOnDownstreamReady: readyDep, sampledOnce, reset, text: lines.join('\n') };
}
