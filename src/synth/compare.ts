/**
 * Flatten a `SynthReport` into named numeric metrics, compare two reports row by row (ratio b/a),
 * and render either as an aligned plain-text table. Pure functions of the reports.
 */
import { formatNumber, formatRatio, formatTable } from './format-table.ts';
import type { SynthReport } from './report.ts';
import { formatBoundaryCheck } from './boundary-paths.ts';

/** One metric of one report. Names: summary names below, `cell:<type>` (ASIC targets), `lib:<type>` (liberty cells). */
export interface Metric {
  readonly name: string;
  readonly value: number;
}

/** `ratio` = b / a; null when either side lacks the metric or a is 0 (undefined ratio). */
export interface ComparisonRow {
  readonly metric: string;
  readonly a: number | null;
  readonly b: number | null;
  readonly ratio: number | null;
}

/** Order of summary metrics in tables; `cell:` then `lib:` rows follow, alphabetically. */
const SUMMARY_ORDER = [
  'cells', 'ff', 'depth', 'transistors', 'area', 'area.sequential',
  'delay.ps', 'area*delay', 'macs/cycle', 'gmac/s', 'gmac/s/mm2',
  'lut', 'lut1', 'lut2', 'lut3', 'lut4', 'lut5', 'lut6', 'carry', 'muxf', 'dsp', 'bram', 'lutram', 'srl',
];

function rank(name: string): [number, string] {
  const i = SUMMARY_ORDER.indexOf(name);
  if (i >= 0) return [i, ''];
  if (name.startsWith('cell:')) return [SUMMARY_ORDER.length, name];
  if (name.startsWith('lib:')) return [SUMMARY_ORDER.length + 1, name];
  return [SUMMARY_ORDER.length + 2, name];
}

function byRank(x: string, y: string): number {
  const [i, a] = rank(x);
  const [j, b] = rank(y);
  return i - j || (a < b ? -1 : a > b ? 1 : 0);
}

export function metricsOf(r: SynthReport): Metric[] {
  const m: Metric[] = [
    { name: 'cells', value: r.cells.total },
    { name: 'ff', value: r.ff },
  ];
  if (r.depth) m.push({ name: 'depth', value: r.depth.levels });
  if (r.cmos) m.push({ name: 'transistors', value: r.cmos.transistors });
  if (r.liberty) {
    m.push({ name: 'area', value: r.liberty.area });
    if (r.liberty.sequentialArea !== null) m.push({ name: 'area.sequential', value: r.liberty.sequentialArea });
    for (const [t, n] of Object.entries(r.liberty.cells.byType)) m.push({ name: `lib:${t}`, value: n });
  }
  if (r.timing) {
    m.push({ name: 'delay.ps', value: r.timing.delayPs });
    if (r.liberty) m.push({ name: 'area*delay', value: r.liberty.area * r.timing.delayPs });
  }
  if (r.efficiency) {
    m.push({ name: 'macs/cycle', value: r.efficiency.macsPerCycle }, { name: 'gmac/s', value: r.efficiency.gmacPerS });
    if (r.efficiency.gmacPerSPerMm2 !== null) m.push({ name: 'gmac/s/mm2', value: r.efficiency.gmacPerSPerMm2 });
  }
  if (r.fpga) {
    const f = r.fpga;
    m.push({ name: 'lut', value: f.lut.total });
    for (const [k, n] of Object.entries(f.lut.bySize)) m.push({ name: `lut${k}`, value: n });
    m.push(
      { name: 'carry', value: f.carry },
      { name: 'muxf', value: f.muxf },
      { name: 'dsp', value: f.dsp },
      { name: 'bram', value: f.bram },
      { name: 'lutram', value: f.lutram },
      { name: 'srl', value: f.srl },
    );
  } else {
    for (const [t, n] of Object.entries(r.cells.byType)) m.push({ name: `cell:${t}`, value: n });
  }
  return m.sort((x, y) => byRank(x.name, y.name));
}

export function compareReports(a: SynthReport, b: SynthReport): ComparisonRow[] {
  const ma = new Map(metricsOf(a).map((x) => [x.name, x.value]));
  const mb = new Map(metricsOf(b).map((x) => [x.name, x.value]));
  const names = [...new Set([...ma.keys(), ...mb.keys()])].sort(byRank);
  return names.map((metric) => {
    const va = ma.get(metric) ?? null;
    const vb = mb.get(metric) ?? null;
    return { metric, a: va, b: vb, ratio: va !== null && vb !== null && va !== 0 ? vb / va : null };
  });
}

/** Table `metric | <labelA> | <labelB> | b/a`. */
export function formatComparison(rows: readonly ComparisonRow[], labels: readonly [string, string] = ['a', 'b']): string {
  return formatTable(
    ['metric', labels[0], labels[1], `${labels[1]}/${labels[0]}`],
    rows.map((r) => [r.metric, formatNumber(r.a), formatNumber(r.b), formatRatio(r.ratio)]),
    ['left', 'right', 'right', 'right'],
  );
}

/**
 * The per-module validity verdict (`r.boundary`) as text lines: exact, or a lower bound with the
 * offending ports; a note that it was not checked when no design was given. Empty in flat mode.
 */
export function boundaryNotes(r: SynthReport): string[] {
  if (r.boundary) return formatBoundaryCheck(r.boundary);
  if (r.options.hierarchy === 'per-module') {
    return ['note: per-module delay not checked for combinational paths across module boundaries (Verilog input; give the design file to check)'];
  }
  return [];
}

/** One report as text: a title line, the metric table, then notes (inexact estimates, loops, warnings). */
export function formatReport(r: SynthReport): string {
  const title = `${r.top} — target ${r.target}${r.options.dsp === false ? ' (no DSP)' : ''} — Yosys ${r.tool.version} (${r.tool.engine}), ${(r.elapsedMs / 1000).toFixed(1)} s`;
  const table = formatTable(
    ['metric', 'value'],
    metricsOf(r).map((m) => [m.name, formatNumber(m.value)]),
    ['left', 'right'],
  );
  const notes: string[] = [];
  if (r.cmos && !r.cmos.exact) notes.push('note: transistor estimate is a lower bound (some cells have no CMOS cost)');
  if (r.timing && r.timing.untimedCells.length > 0) {
    notes.push(`note: delay is a lower bound: no timing arcs for ${r.timing.untimedCells.join(', ')} (counted as 0 ps)`);
  }
  if (r.timing?.source === 'abc-stime') notes.push('note: delay is ABC stime after delay mapping (liberty timing, no wires, no clock-to-Q/setup)');
  if (r.depth?.loops) notes.push('note: combinational loop detected; depth is not meaningful');
  if (r.liberty && Object.keys(r.liberty.unmapped).length > 0) {
    notes.push(`note: cells not mapped to the liberty library (no area): ${Object.keys(r.liberty.unmapped).join(', ')}`);
  }
  notes.push(...boundaryNotes(r));
  if (r.warnings.length > 0) notes.push(`${r.warnings.length} Yosys warning(s)`);
  return [title, '', table, ...(notes.length ? ['', ...notes] : [])].join('\n');
}
