/**
 * Build the Yosys script for one target from `templates/synth/<target>.ys.hbs` (partials
 * `_read`, `_liberty`; rendered by the one template loader, src/util/templates.ts). All decisions
 * (flags, which cells cut depth paths, file names) are made here; templates only substitute.
 * Input: validated names and working-filesystem paths. Output: script text + output file names.
 */
import { renderTemplate } from '../util/templates.ts';
import { SEQUENTIAL_CELL_PATTERNS } from './cell-classes.ts';
import type { SynthTarget } from './report.ts';

/** Files the scripts write, in Yosys's working directory. */
export const FLOW_OUTPUTS = {
  stat: 'stat.json',
  ltp: 'ltp.txt',
  libertyJson: 'liberty-stat.json',
  libertyText: 'liberty-stat.txt',
  /** `asic`: `stat -json -tech cmos` of the CMOS branch. */
  cmos: 'cmos-stat.json',
  /** `xilinx`: the `sta` report. */
  sta: 'sta.txt',
} as const;

/**
 * The delay-oriented ABC script of the measurement method (specs/tpe.md section 5): structural
 * hashing, choice computation, delay mapping, then buffering and gate sizing; `stime -p` prints
 * the critical path delay with the liberty's timing. Commas stand for spaces (Yosys `abc -script +`).
 */
/** `asic`: log lines around the delay-oriented `abc -liberty` run, so its `stime` line is found in the log. */
export const ABC_LOG_MARKERS = { begin: 'lowbit-hdl: delay mapping begin', end: 'lowbit-hdl: delay mapping end' } as const;

/** The part of a Yosys log between the `asic` flow's ABC markers ('' if absent). */
export function abcDelayLog(log: string): string {
  const i = log.indexOf(ABC_LOG_MARKERS.begin);
  const j = log.indexOf(ABC_LOG_MARKERS.end, i);
  return i < 0 || j < 0 ? '' : log.slice(i, j);
}

export const ABC_DELAY_SCRIPT = '+strash;dch,-f;map;topo;buffer;upsize;dnsize;stime,-p';

export interface FlowInput {
  readonly target: SynthTarget;
  readonly top: string;
  /** Source paths in the working filesystem, in read order. */
  readonly sources: readonly string[];
  /** Liberty path in the working filesystem, or null. */
  readonly liberty: string | null;
  /** FPGA: use DSP blocks. */
  readonly dsp: boolean;
  /** Xilinx family. */
  readonly family: string;
  /** ASIC targets: `synth -flatten` (else each module is synthesized and mapped once, hierarchy kept). */
  readonly flatten: boolean;
}

/** Render the script. Every field the templates use is present (strict mode). */
export function buildScript(input: FlowInput): string {
  const cut = input.target === 'xilinx' || input.target === 'ice40' ? SEQUENTIAL_CELL_PATTERNS[input.target] : [];
  return renderTemplate(`synth/${input.target}.ys.hbs`, {
    top: input.top,
    sources: input.sources.map((path) => ({ path, sv: /\.sv$/i.test(path) })),
    liberty: input.liberty ?? false,
    dsp: input.dsp,
    nodsp: !input.dsp,
    family: input.family,
    flatten: input.flatten,
    delayScript: ABC_DELAY_SCRIPT,
    abcBegin: ABC_LOG_MARKERS.begin,
    abcEnd: ABC_LOG_MARKERS.end,
    cut,
    out: FLOW_OUTPUTS,
  });
}
