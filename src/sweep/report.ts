/**
 * `--report DIR`: a static HTML page (`index.html`) plus one SVG per metric pair
 * (`pareto-<x>--<y>.svg`). Charts are Vega-Lite specs rendered to SVG on the server with Vega
 * (no script needed to view them); each chart is also inlined in the page. Pareto points are
 * drawn large and filled, the others small and hollow; every point carries an SVG `<title>`
 * (the browser's hover text) with `Pareto · ` or `dominated · `, its parameters and its
 * two values. The table lists every point (all statuses) and sorts on a click on its header.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { StoredPoint } from './store.ts';
import { paramColumns, valueColumns } from './export.ts';
import { defaultPairs, direction, paretoKeys, plottable } from './pareto.ts';
import { pointLabel } from './run-sweep.ts';

export interface ReportOptions {
  readonly title?: string;
  /** Metric pairs [x, y]; default: defaultPairs of the values present. */
  readonly pairs?: readonly (readonly [string, string])[];
}

export interface ReportChart {
  readonly x: string;
  readonly y: string;
  readonly file: string;
  readonly points: number;
  readonly pareto: readonly string[];
}

export interface WrittenReport {
  readonly index: string;
  readonly charts: readonly ReportChart[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function chartFile(x: string, y: string): string {
  return `pareto-${x}--${y}.svg`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Vega-Lite spec of one Pareto chart; `hover` is each point's hover text. */
function chartSpec(points: readonly StoredPoint[], x: string, y: string, front: Set<string>): vl.TopLevelSpec {
  const rows = plottable(points, x, y).map((p) => {
    const pareto = front.has(p.key);
    return { x: p.values[x], y: p.values[y], pareto: pareto ? 'Pareto' : 'dominated', hover: `${pareto ? 'Pareto' : 'dominated'} · ${pointLabel(p.params)} · ${x}=${p.values[x]} ${y}=${p.values[y]}` };
  });
  const axis = (m: string): string => `${m} (${direction(m) === 'min' ? 'lower' : 'higher'} is better)`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: 300,
    background: 'white',
    title: `${y} against ${x}`,
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: "datum.pareto === 'Pareto'" }, { window: [{ op: 'row_number', as: 'i' }], sort: [{ field: 'x' }] }],
        mark: { type: 'line', color: '#d62728', strokeDash: [4, 3], interpolate: 'step-after', aria: false },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, order: { field: 'x' } },
      },
      {
        mark: { type: 'point', filled: true, strokeWidth: 1.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: axis(x), scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: axis(y), scale: { zero: false } },
          stroke: { field: 'pareto', type: 'nominal', title: null, scale: { domain: ['Pareto', 'dominated'], range: ['#d62728', '#7f7f7f'] } },
          fill: { condition: { test: "datum.pareto === 'Pareto'", value: '#d62728' }, value: 'white' },
          size: { condition: { test: "datum.pareto === 'Pareto'", value: 140 }, value: 50 },
          description: { field: 'hover', type: 'nominal' },
        },
      },
    ],
  } as vl.TopLevelSpec;
}

/** Render a Vega-Lite spec to SVG, giving each point mark its hover text as an SVG <title>. */
export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // Vega writes the `description` channel as aria-label; a <title> child is what browsers show on hover.
  return svg.replace(/<path ([^>]*?)aria-label="((?:Pareto|dominated) · [^"]*)"([^>]*?)\/>/g, (_m, a: string, label: string, b: string) => `<path ${a}aria-label="${label}"${b}><title>${label}</title></path>`);
}

function cell(v: unknown): string {
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Math.round(v * 1000) / 1000);
  return v === undefined ? '' : esc(String(v));
}

const SORT_SCRIPT = `
document.querySelectorAll('table.points th').forEach((th, col) => th.addEventListener('click', () => {
  const body = th.closest('table').tBodies[0];
  const asc = th.dataset.sort !== 'asc';
  th.closest('tr').querySelectorAll('th').forEach((h) => delete h.dataset.sort);
  th.dataset.sort = asc ? 'asc' : 'desc';
  const key = (tr) => { const t = tr.cells[col].textContent; const n = Number(t); return t !== '' && !Number.isNaN(n) ? n : t; };
  const rows = [...body.rows].sort((a, b) => { const [x, y] = [key(a), key(b)]; const c = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === 'number' ? -1 : 1; return asc ? c : -c; });
  rows.forEach((r) => body.appendChild(r));
}));`;

export async function writeReport(dir: string, points: readonly StoredPoint[], o: ReportOptions = {}): Promise<WrittenReport> {
  mkdirSync(dir, { recursive: true });
  const pc = paramColumns(points);
  const vc = valueColumns(points);
  const pairs = o.pairs ?? defaultPairs(vc);
  const charts: ReportChart[] = [];
  const sections: string[] = [];
  for (const [x, y] of pairs) {
    const front = paretoKeys(points, x, y);
    const svg = await renderSvg(chartSpec(points, x, y, front));
    const file = chartFile(x, y);
    writeFileSync(join(dir, file), svg);
    const n = plottable(points, x, y).length;
    charts.push({ x, y, file, points: n, pareto: [...front] });
    sections.push(`<section class="chart" data-x="${esc(x)}" data-y="${esc(y)}" data-points="${n}" data-pareto="${front.size}"><h2>${esc(y)} against ${esc(x)}: ${front.size} Pareto point(s) of ${n}</h2>${svg}<p><a href="${esc(file)}">${esc(file)}</a></p></section>`);
  }
  const counts = { ok: 0, invalid: 0, failed: 0 };
  for (const p of points) counts[p.status]++;
  const head = ['status', ...pc, ...vc, 'message'];
  const rows = points.map((p) => `<tr class="${p.status}" data-key="${p.key}"><td>${p.status}</td>${pc.map((c) => `<td>${cell(p.params[c])}</td>`).join('')}${vc.map((c) => `<td>${cell(p.values[c])}</td>`).join('')}<td class="msg">${cell(p.message)}</td></tr>`);
  const title = o.title ?? 'lowbit-hdl sweep';
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
section.chart { display: inline-block; vertical-align: top; margin: 0 2em 2em 0; }
table.points { border-collapse: collapse; } table.points td, table.points th { border: 1px solid #ccc; padding: 2px 8px; text-align: right; }
table.points th { cursor: pointer; background: #f3f3f3; } th[data-sort="asc"]::after { content: " ▲"; } th[data-sort="desc"]::after { content: " ▼"; }
tr.invalid td { color: #888; } tr.failed td { color: #b00; } td.msg { text-align: left; max-width: 40em; white-space: pre-wrap; font-size: 12px; }
</style></head><body>
<h1>${esc(title)}</h1>
<p id="summary">${points.length} point(s): ${counts.ok} ok, ${counts.invalid} invalid, ${counts.failed} failed. Hover a point for its parameters; click a column to sort.</p>
${sections.join('\n')}
<table class="points"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<script>${SORT_SCRIPT}</script>
</body></html>
`;
  const index = join(dir, 'index.html');
  writeFileSync(index, html);
  return { index, charts };
}
