/**
 * `sweep export`: the store as CSV or JSON. One row per point: design, key, every parameter
 * name that occurs (columns sorted; empty where a point does not set it), status, message, every
 * metric value name that occurs (sorted), rtl_sha256, wall_ms, worker, metric set and tools.
 */
import type { StoredPoint } from './store.ts';

export function paramColumns(points: readonly StoredPoint[]): string[] {
  return [...new Set(points.flatMap((p) => Object.keys(p.params)))].sort();
}

export function valueColumns(points: readonly StoredPoint[]): string[] {
  return [...new Set(points.flatMap((p) => Object.keys(p.values)))].sort();
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(points: readonly StoredPoint[]): string {
  const pc = paramColumns(points);
  const vc = valueColumns(points);
  const head = ['design', 'key', ...pc, 'status', 'message', ...vc, 'rtl_sha256', 'wall_ms', 'worker', 'metrics', 'tools'];
  const rows = points.map((p) => [p.design, p.key, ...pc.map((c) => p.params[c]), p.status, p.message, ...vc.map((c) => p.values[c]), p.rtlSha256, p.wallMs, p.worker, p.metrics.join(' '), JSON.stringify(p.tools)]);
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export function toJson(points: readonly StoredPoint[]): string {
  return JSON.stringify(points, null, 2) + '\n';
}
