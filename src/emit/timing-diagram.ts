/**
 * A WaveDrom timing diagram of one transaction (WaveJSON, https://wavedrom.com), drawn from the
 * design's derived timing (timing.ts), and its SVG rendering by the `wavedrom` package. Pure and
 * deterministic: same timing, same bytes.
 *
 *  - comb: inputs and outputs change together;
 *  - pipelined (latency L): inputs for one cycle, outputs L cycles later;
 *  - stream: the input beats under valid/ready, a gap (the latency is not fixed), the output beats
 *    under their valid/ready; sampled-once inputs shown valid on the first beat.
 */
import { createRequire } from 'node:module';
import type { IrDesign } from '../ir/types.ts';
import type { DesignTiming } from './timing.ts';

export interface WaveSignal {
  readonly name: string;
  readonly wave: string;
  readonly data?: readonly string[];
}
export interface WaveJson {
  readonly signal: readonly (WaveSignal | Record<string, never>)[];
  readonly head: { readonly text: string };
  readonly config: { readonly hscale: number };
}

export function timingDiagram(design: IrDesign, t: DesignTiming): WaveJson {
  const top = design.modules.find((m) => m.name === design.top)!;
  const emitted = (p: { signal: number; name: string }): string => top.signals[p.signal]!.name ?? p.name;
  const dataIn = top.ports.filter((p) => p.dir === 'input' && p.protocol === 'data').map(emitted);
  const dataOut = top.ports.filter((p) => p.dir === 'output' && p.protocol === 'data').map(emitted);
  const sampled = new Set(Object.keys(t.sampledOnce).map((n) => emitted(top.ports.find((p) => p.name === n) ?? { signal: -1, name: n })));
  const sig: WaveSignal[] = [];
  const clocked = top.clock !== null;
  const head = { text: `${design.top}: one transaction (${t.protocol})` };
  if (t.protocol === 'stream') {
    const bi = t.beats.in;
    const bo = t.beats.out;
    // Columns: idle, bi input beats, idle, a gap (the latency is not fixed), bo output beats, idle.
    const rest = (k: number): string => '.'.repeat(k);
    const quiet = '|' + rest(bo + 1);
    if (clocked) sig.push({ name: top.clock!.name, wave: 'p' + rest(bi + 1) + quiet });
    const hsIn = t.handshakes.find((h) => h.direction === 'input');
    const hsOut = t.handshakes.find((h) => h.direction === 'output');
    if (hsIn) sig.push({ name: hsIn.valid, wave: '01' + rest(bi - 1) + '0' + quiet });
    if (hsIn?.ready) sig.push({ name: hsIn.ready, wave: '1' + rest(bi + 1) + quiet });
    for (const d of dataIn) {
      if (sampled.has(d)) sig.push({ name: d, wave: 'x=x' + rest(bi - 1) + quiet, data: ['once'] });
      else sig.push({ name: d, wave: 'x' + '='.repeat(bi) + 'x' + quiet, data: Array.from({ length: bi }, (_, k) => `in${k}`) });
    }
    sig.push({} as WaveSignal);
    if (hsOut) sig.push({ name: hsOut.valid, wave: '0' + rest(bi + 1) + '|1' + rest(bo - 1) + '0' });
    if (hsOut?.ready) sig.push({ name: hsOut.ready, wave: '1' + rest(bi + 1) + quiet });
    for (const d of dataOut) sig.push({ name: d, wave: 'x' + rest(bi + 1) + '|' + '='.repeat(bo) + 'x', data: Array.from({ length: bo }, (_, k) => `out${k}`) });
  } else {
    const L = t.latency ?? 0;
    const n = L + 3;
    const at = (k: number): string => 'x'.repeat(k) + '=' + 'x'.repeat(n - k - 1);
    if (clocked) sig.push({ name: top.clock!.name, wave: 'p' + '.'.repeat(n - 1) });
    const ins = top.ports.filter((p) => p.dir === 'input' && (p.protocol === 'data' || p.protocol === 'valid')).map(emitted);
    const outs = top.ports.filter((p) => p.dir === 'output' && (p.protocol === 'data' || p.protocol === 'valid')).map(emitted);
    for (const d of ins) sig.push({ name: d, wave: at(1), data: ['T'] });
    sig.push({} as WaveSignal);
    for (const d of outs) sig.push({ name: d, wave: at(1 + L), data: [`f(T)`] });
  }
  return { signal: sig, head, config: { hscale: 1 } };
}

interface WaveDromApi {
  renderAny(index: number, source: unknown, skin: unknown): unknown;
  waveSkin: unknown;
  onml: { stringify(tree: unknown): string };
}

/** Render WaveJSON to a standalone SVG document (the renderer loads on first use). */
export function renderTimingSvg(w: WaveJson): string {
  const api = createRequire(import.meta.url)('wavedrom') as WaveDromApi;
  return api.onml.stringify(api.renderAny(0, w, api.waveSkin)) + '\n';
}
