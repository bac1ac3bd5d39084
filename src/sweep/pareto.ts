/**
 * Pareto fronts of sweep results over a pair of metrics. Every metric is minimized (area, cells,
 * depth, LUTs, transistors, wall time) except frequencies (names containing `fmax`), which are
 * maximized. A point is on the front when no other point is at least as good on both metrics
 * and strictly better on one. Only `ok` points with both values take part.
 */
import type { StoredPoint } from './store.ts';

export type Direction = 'min' | 'max';

export function direction(metric: string): Direction {
  return /fmax/i.test(metric) ? 'max' : 'min';
}

/** Pairs plotted when none are chosen: the usual area-versus-speed pairs that the data has. */
export const DEFAULT_PAIRS: readonly (readonly [string, string])[] = [
  ['cmos.transistors', 'cmos.depth'],
  ['generic.cells', 'generic.depth'],
  ['xilinx.lut', 'xilinx.depth'],
  ['ice40.lut', 'ice40.depth'],
  ['pnr.lc', 'pnr.fmaxMHz'],
];

export function defaultPairs(columns: readonly string[]): [string, string][] {
  const have = new Set(columns);
  const pairs = DEFAULT_PAIRS.filter(([a, b]) => have.has(a) && have.has(b)).map(([a, b]) => [a, b] as [string, string]);
  if (pairs.length === 0 && columns.length >= 2) pairs.push([columns[0]!, columns[1]!]);
  return pairs;
}

/** The points that take part in a pair (ok, both values present). */
export function plottable(points: readonly StoredPoint[], x: string, y: string): StoredPoint[] {
  return points.filter((p) => p.status === 'ok' && typeof p.values[x] === 'number' && typeof p.values[y] === 'number');
}

/** Keys of the Pareto-optimal points of `points` over (x, y). */
export function paretoKeys(points: readonly StoredPoint[], x: string, y: string): Set<string> {
  const pts = plottable(points, x, y);
  const sx = direction(x) === 'min' ? 1 : -1;
  const sy = direction(y) === 'min' ? 1 : -1;
  const front = new Set<string>();
  for (const p of pts) {
    const [px, py] = [sx * p.values[x]!, sy * p.values[y]!];
    const dominated = pts.some((q) => {
      const [qx, qy] = [sx * q.values[x]!, sy * q.values[y]!];
      return qx <= px && qy <= py && (qx < px || qy < py);
    });
    if (!dominated) front.add(p.key);
  }
  return front;
}
