/**
 * Human report of a cosim result: one summary line per simulator, then the first mismatches with
 * inputs, expected and actual values in decimal and hex and the cycle, and as the very last line
 * exactly `N passed, M failed` (the closing line CI tooling reads).
 */
import { hexOf } from './layout.ts';
import type { CosimResult, Mismatch, PortSpec } from './types.ts';

export interface ReportOptions {
  /** Mismatches printed per simulator (default 5). */
  readonly maxShown?: number;
}

export function formatCosimReport(r: CosimResult, opts: ReportOptions = {}): string {
  const shown = opts.maxShown ?? 5;
  const lines: string[] = [];
  lines.push(`cosim ${r.top} [${r.protocol}] ${r.vectors} vectors (${r.vectorsDescription})`);
  for (const run of r.runs) {
    const build = run.compiled ? `built in ${secs(run.buildMs)}` : 'cached build';
    lines.push(
      `  ${run.sim}: ${run.passed + run.failed} checked, ${run.failed} mismatching; ${run.cycles} cycles; ${build}, ran in ${secs(run.runMs)}`,
    );
    for (const n of run.notes) lines.push(`    note: ${n}`);
    if (run.wavesFile) lines.push(`    waves: ${run.wavesFile}`);
  }
  for (const run of r.runs) {
    run.mismatches.slice(0, shown).forEach((m, i) => {
      lines.push(...formatMismatch(m, i + 1, run.failed, r.inputs, r.outputs));
    });
    if (run.failed > Math.min(shown, run.mismatches.length)) {
      lines.push(`  ... ${run.failed - Math.min(shown, run.mismatches.length)} more mismatching on ${run.sim}`);
    }
  }
  lines.push(`${r.passed} passed, ${r.failed} failed`);
  return lines.join('\n');
}

/** One mismatch as an indented block. */
export function formatMismatch(
  m: Mismatch,
  ordinal: number,
  total: number,
  inputs: readonly PortSpec[],
  outputs: readonly PortSpec[],
): string[] {
  const head = `mismatch ${ordinal} of ${total} on ${m.sim}: transaction ${m.index}, cycle ${m.cycle}${m.note ? ` (${m.note})` : ''}`;
  return [
    head,
    ...beatsLines('inputs  ', inputs, m.inputs),
    ...beatsLines('expected', outputs, m.expected),
    ...beatsLines('actual  ', outputs, m.actual, m.expected),
  ];
}

function beatsLines(label: string, ports: readonly PortSpec[], beats: bigint[][], compareTo?: bigint[][]): string[] {
  if (beats.length === 0) return [`  ${label}`];
  return beats.map((beat, b) => {
    const prefix = beats.length > 1 ? `beat ${b}: ` : '';
    const vals = ports.map((p, i) => {
      const differs = compareTo !== undefined && compareTo[b]?.[i] !== beat[i];
      return `${p.name} = ${beat[i]} (${hexOf(p, beat[i])})${differs ? ' *' : ''}`;
    });
    return `  ${b === 0 ? label : ' '.repeat(label.length)} ${prefix}${vals.join(', ')}`;
  });
}

function secs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
