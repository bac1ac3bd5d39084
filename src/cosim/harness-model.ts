/**
 * View model for the harness templates (templates/cosim/*.hbs). Every number, name and flag a
 * template prints is computed here, so the templates stay logic-free (only `each`/`if`).
 * Input: a ResolvedTarget. Output: a HarnessView shared by the Verilator and Icarus templates.
 */
import type { BeatLayout } from './layout.ts';
import type { ResolvedTarget } from './target.ts';

/** Magic number opening a packed vector file: bytes "LBCV". */
export const VECTOR_MAGIC = 0x5643424c;
/** Version of the packed vector file format; bump when the header or layout changes. */
export const VECTOR_VERSION = 1;
/** Header size in 32-bit words (see wire.ts). */
export const HEADER_WORDS = 8;

/** One 32-bit slice of a port, for the Icarus testbench's part-select assignments. */
export interface SliceView {
  readonly index: number;
  /** Word index of this slice within the beat (port offset + index). */
  readonly word: number;
  readonly hi: number;
  readonly lo: number;
}

export interface PortView {
  readonly name: string;
  /** Testbench signal name (prefixed so it never clashes with testbench internals). */
  readonly sig: string;
  readonly width: number;
  readonly msb: number;
  /** Word offset within the beat. */
  readonly offset: number;
  readonly words: number;
  /** Index of the most-significant word (words - 1). */
  readonly lastWord: number;
  /** Mask of the valid bits of the most-significant word, as a C++ literal. */
  readonly lastMask: string;
  /** Verilator storage: <= 32 bits (CData/SData/IData), 33..64 (QData), > 64 (VlWide). */
  readonly narrow: boolean;
  readonly quad: boolean;
  readonly wide: boolean;
  readonly slices: readonly SliceView[];
}

export interface ConnectionView {
  readonly port: string;
  readonly signal: string;
  readonly comma: boolean;
}

export interface HarnessView {
  readonly top: string;
  readonly protocolName: string;
  readonly comb: boolean;
  readonly pipelined: boolean;
  readonly stream: boolean;
  readonly clocked: boolean;
  readonly latency: number;
  readonly trace: boolean;
  /** VECTOR_MAGIC as 8 hex digits (templates add 0x...u / 32'h). */
  readonly magicHex: string;
  readonly version: number;
  readonly headerWords: number;
  readonly inWords: number;
  readonly outWords: number;
  readonly beatsIn: number;
  readonly beatsOut: number;
  readonly clock: string;
  readonly hasReset: boolean;
  readonly resetName: string;
  readonly resetActive: number;
  readonly resetInactive: number;
  readonly resetCycles: number;
  readonly inValid: string;
  readonly inReady: string;
  readonly outValid: string;
  readonly outReady: string;
  readonly inputs: readonly PortView[];
  readonly outputs: readonly PortView[];
  readonly hasInputs: boolean;
  /** Icarus: DUT instance connections in order, `comma` on all but the last. */
  readonly connections: readonly ConnectionView[];
  /** Icarus: `$fwrite` format ("%u" per output port) and the matching argument list. */
  readonly outFormat: string;
  readonly outArgs: string;
}

export function harnessView(t: ResolvedTarget, trace: boolean): HarnessView {
  const inputs = portViews(t.inLayout);
  const outputs = portViews(t.outLayout);
  const hs = t.handshake;
  const p = t.protocol;
  const connections: { port: string; signal: string }[] = [];
  if (t.clock) connections.push({ port: t.clock, signal: 'tb_clk' });
  if (t.reset) connections.push({ port: t.reset.name, signal: 'tb_rst' });
  if (hs) {
    connections.push(
      { port: hs.inValid, signal: 'tb_in_valid' },
      { port: hs.inReady, signal: 'tb_in_ready' },
      { port: hs.outValid, signal: 'tb_out_valid' },
      { port: hs.outReady, signal: 'tb_out_ready' },
    );
  }
  for (const v of [...inputs, ...outputs]) connections.push({ port: v.name, signal: v.sig });
  return {
    top: t.top,
    protocolName: p.kind === 'pipelined' ? `pipelined, latency ${p.latency}` : p.kind,
    comb: p.kind === 'comb',
    pipelined: p.kind === 'pipelined',
    stream: p.kind === 'stream',
    clocked: p.kind !== 'comb',
    latency: p.kind === 'pipelined' ? p.latency : 0,
    trace,
    magicHex: VECTOR_MAGIC.toString(16).padStart(8, '0'),
    version: VECTOR_VERSION,
    headerWords: HEADER_WORDS,
    inWords: t.inLayout.wordsPerBeat,
    outWords: t.outLayout.wordsPerBeat,
    beatsIn: t.inLayout.beats,
    beatsOut: t.outLayout.beats,
    clock: t.clock ?? '',
    hasReset: t.reset !== undefined,
    resetName: t.reset?.name ?? '',
    resetActive: t.reset?.activeLow ? 0 : 1,
    resetInactive: t.reset?.activeLow ? 1 : 0,
    resetCycles: t.resetCycles,
    inValid: hs?.inValid ?? '',
    inReady: hs?.inReady ?? '',
    outValid: hs?.outValid ?? '',
    outReady: hs?.outReady ?? '',
    inputs,
    outputs,
    hasInputs: inputs.length > 0,
    connections: connections.map((c, i) => ({ ...c, comma: i < connections.length - 1 })),
    outFormat: outputs.map(() => '%u').join(''),
    outArgs: outputs.map((o) => o.sig).join(', '),
  };
}

function portViews(layout: BeatLayout): PortView[] {
  return layout.slots.map((s) => {
    const w = s.port.width;
    const slices: SliceView[] = [];
    for (let i = 0; i < s.words; i++) slices.push({ index: i, word: s.offset + i, lo: 32 * i, hi: Math.min(w, 32 * (i + 1)) - 1 });
    return {
      name: s.port.name,
      sig: `p_${s.port.name}`,
      width: w,
      msb: w - 1,
      offset: s.offset,
      words: s.words,
      lastWord: s.words - 1,
      lastMask: `0x${s.topMask.toString(16)}u`,
      narrow: w <= 32,
      quad: w > 32 && w <= 64,
      wide: w > 64,
      slices,
    };
  });
}
