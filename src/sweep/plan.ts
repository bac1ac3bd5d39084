/**
 * Plan a sweep: read the design file (content hash, defaults, parameter types), parse the grid,
 * the `--where` filter and the metric set, measure the tool versions, and give every kept point
 * its store key. Nothing runs yet; every usage mistake is found here, before any work or write.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadDesign } from '../cli/load-design.ts';
import type { ParamInfo } from '../cli/design-params.ts';
import type { ParamValue } from '../dsl/design.ts';
import { gridPoints, parseGrid, type GridAxis, type GridPoint } from './grid.ts';
import { metricId, parseMetrics, toolVersions, type MetricSpec } from './metrics.ts';
import { pointKey, sha256 } from './point-key.ts';
import { parseWhere } from './where.ts';

export interface PlannedPoint {
  readonly key: string;
  readonly params: GridPoint;
}

export interface SweepPlan {
  /** The design file as given, and its absolute path. */
  readonly design: string;
  readonly designFile: string;
  /** The design file's path relative to the working directory (what queue workers look for). */
  readonly designRel: string;
  readonly designContent: string;
  readonly designHash: string;
  readonly defaults: Readonly<Record<string, ParamValue>>;
  readonly paramInfo: readonly ParamInfo[];
  readonly axes: readonly GridAxis[];
  readonly metrics: readonly MetricSpec[];
  readonly metricIds: readonly string[];
  readonly tools: Readonly<Record<string, string>>;
  /** Points that pass `--where`, grid order. */
  readonly points: readonly PlannedPoint[];
  /** Points `--where` removed. */
  readonly excluded: number;
}

export interface PlanOptions {
  readonly design: string;
  readonly grid: readonly string[];
  readonly where?: string;
  readonly metrics: string;
}

export async function planSweep(o: PlanOptions): Promise<SweepPlan> {
  const metrics = parseMetrics(o.metrics);
  const { file, design, params: paramInfo } = await loadDesign(o.design);
  const content = readFileSync(file, 'utf8');
  const designHash = sha256(content);
  const defaults = design.defaults as Record<string, ParamValue>;
  const axes = parseGrid(o.grid, paramInfo, defaults);
  const names = [...new Set([...paramInfo.map((i) => i.name), ...Object.keys(defaults)])];
  const where = o.where === undefined ? undefined : parseWhere(o.where, names);
  const metricIds = metrics.map(metricId);
  const tools = await toolVersions(metrics);
  const all = gridPoints(axes);
  const points: PlannedPoint[] = [];
  for (const params of all) {
    if (where && !where.test({ ...defaults, ...params })) continue;
    points.push({ key: pointKey({ designHash, params, metrics: metricIds, tools }), params });
  }
  return {
    design: o.design,
    designFile: file,
    designRel: relative(process.cwd(), file),
    designContent: content,
    designHash,
    defaults,
    paramInfo,
    axes,
    metrics,
    metricIds,
    tools,
    points,
    excluded: all.length - points.length,
  };
}
