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
} as const;

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
    cut,
    out: FLOW_OUTPUTS,
  });
}
