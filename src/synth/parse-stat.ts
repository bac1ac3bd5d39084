/**
 * Read Yosys outputs into numbers: `stat -json` (cells, `-tech cmos` transistors, `-liberty`
 * area), the `ltp` text report (depth), the text `stat -liberty` sequential-area line, and log
 * warnings. Tolerant of layout details; a missing required field is an internal error.
 */
import type { CellCounts } from './report.ts';

/** What one `stat -json` run says about the (flattened) design. */
export interface StatSummary {
  readonly cells: CellCounts;
  /** `stat -tech cmos` only. `exact` is false when Yosys printed `N+` (some cells uncosted). */
  readonly transistors: { readonly count: number; readonly exact: boolean } | null;
  /** `stat -liberty` only. */
  readonly area: number | null;
}

/**
 * Cell types that are bookkeeping, not hardware, left out of every count: `$scopeinfo` records the
 * hierarchy `flatten` removed (Yosys 0.38 and later make one per flattened instance; 0.23 none),
 * so counts agree across Yosys versions and liberty `unmapped` lists only real cells.
 */
export const NON_HARDWARE_CELLS: ReadonlySet<string> = new Set(['$scopeinfo']);

type StatBlock = {
  num_cells?: number;
  num_cells_by_type?: Record<string, number>;
  estimated_num_transistors?: string | number;
  area?: number;
};

/**
 * Yosys 0.23 prints the submodule hierarchy of a design three or more levels deep into the
 * `design` block of `stat -json` as bare `name   count` lines (not JSON); drop them.
 */
export function withoutHierarchyLines(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s+[A-Za-z_\\$][^\s"]*\s+\d+\s*$/.test(l))
    .join('\n');
}

/**
 * Parse `stat -json`. Uses the `design` block (whole hierarchy) when present, else the top
 * module's block (`\top`), else the only module.
 */
export function parseStatJson(text: string, top: string): StatSummary {
  let doc: { design?: StatBlock; modules?: Record<string, StatBlock> };
  try {
    doc = JSON.parse(withoutHierarchyLines(text));
  } catch (e) {
    throw new Error(`cannot parse Yosys 'stat -json' output: ${(e as Error).message}`);
  }
  const modules = doc.modules ?? {};
  const block =
    doc.design ?? modules[`\\${top}`] ?? (Object.keys(modules).length === 1 ? Object.values(modules)[0] : undefined);
  if (!block || block.num_cells === undefined) throw new Error(`Yosys 'stat -json' output has no cell counts for '${top}'`);
  const byType: Record<string, number> = {};
  let bookkeeping = 0;
  for (const type of Object.keys(block.num_cells_by_type ?? {}).sort()) {
    const n = block.num_cells_by_type![type];
    if (NON_HARDWARE_CELLS.has(type)) bookkeeping += n;
    else byType[type] = n;
  }
  let transistors: StatSummary['transistors'] = null;
  if (block.estimated_num_transistors !== undefined) {
    const raw = String(block.estimated_num_transistors).trim();
    const m = /^(\d+)(\+?)$/.exec(raw);
    if (!m) throw new Error(`unrecognised transistor estimate '${raw}'`);
    transistors = { count: Number(m[1]), exact: m[2] === '' };
  }
  const area = typeof block.area === 'number' ? block.area : null;
  return { cells: { total: block.num_cells - bookkeeping, byType }, transistors, area };
}

/** `ltp` result: the longest path length over modules (null if none printed) and whether loops were met. */
export function parseLtp(text: string): { levels: number | null; loops: boolean } {
  let levels: number | null = null;
  for (const m of text.matchAll(/Longest topological path in .*?\(length=(\d+)\)/g)) {
    levels = Math.max(levels ?? 0, Number(m[1]));
  }
  return { levels, loops: /Detected loop/.test(text) };
}

/**
 * Chip area from text `stat -liberty`: `Chip area for module '\top': 24162.000000` (Yosys 0.23 and
 * later; 0.23's `stat -json` has no `area` field) or `Chip area for top module '\top': ...`
 * (hierarchical designs). The top module's figure when present, else the only one; null if none.
 */
export function parseChipArea(text: string, top: string): number | null {
  const found = [...text.matchAll(/Chip area for (top )?module '\\?([^']*)':\s*([0-9.eE+-]+)/g)].map((m) => ({
    top: m[1] !== undefined,
    name: m[2],
    area: Number(m[3]),
  }));
  const pick = found.find((f) => f.top) ?? found.find((f) => f.name === top) ?? (found.length === 1 ? found[0] : undefined);
  return pick === undefined ? null : pick.area;
}

/**
 * `of which used for sequential elements: 48.000000` from text `stat -liberty` (Yosys 0.55; 0.23
 * prints none): the line under the hierarchy total (`Chip area for top module`) when there is one.
 */
export function parseSequentialArea(text: string): number | null {
  const total = text.indexOf('Chip area for top module');
  const m = /of which used for sequential elements:\s*([0-9.eE+-]+)/.exec(total < 0 ? text : text.slice(total));
  return m ? Number(m[1]) : null;
}

/** Unique `Warning:` messages of a log, in first-seen order, minus `ltp` loop notices. */
export function extractWarnings(log: string, limit: number = 50): string[] {
  const seen = new Set<string>();
  for (const m of log.matchAll(/^Warning: (.*)$/gm)) {
    const w = m[1].trim();
    if (!w.startsWith('Detected loop at')) seen.add(w);
  }
  const all = [...seen];
  return all.length <= limit ? all : [...all.slice(0, limit), `... and ${all.length - limit} more warnings`];
}

/**
 * ABC's `stime` summary line(s), `... Area = 17300.00 ( 99.3 %)   Delay =  1950.79 ps ...`: the
 * largest delay in picoseconds, or null when ABC printed none (a design without logic).
 */
export function parseAbcDelay(text: string): number | null {
  let delay: number | null = null;
  for (const m of text.matchAll(/\bDelay\s*=\s*([0-9.eE+-]+)\s*ps\b/g)) delay = Math.max(delay ?? 0, Number(m[1]));
  return delay;
}

/**
 * ABC's delay per module of a hierarchical (`per-module`) mapping: Yosys's `abc` pass maps each
 * module on its own and logs `Extracting gate netlist of module `\name'` before each ABC run; the
 * `stime` delay that follows belongs to that module. Modules without logic (no delay line) are
 * absent. Keys in log order.
 */
export function parseAbcDelayByModule(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  const heads = [...text.matchAll(/Extracting gate netlist of module `\\?([^']+)'/g)];
  heads.forEach((h, i) => {
    const chunk = text.slice(h.index!, i + 1 < heads.length ? heads[i + 1].index : text.length);
    const d = parseAbcDelay(chunk);
    if (d !== null) out[h[1]] = Math.max(out[h[1]] ?? 0, d);
  });
  return out;
}

/**
 * Yosys `sta`: `Latest arrival time in 'top' is 2196:` (picoseconds for the bundled FPGA models)
 * and the cell types it warned have no timing arcs. `arrival` is null when no path was found.
 */
export function parseSta(text: string): { arrival: number | null; untimed: string[] } {
  let arrival: number | null = null;
  for (const m of text.matchAll(/Latest arrival time in '.*?' is ([0-9.eE+-]+)/g)) arrival = Math.max(arrival ?? 0, Number(m[1]));
  const untimed = [...new Set([...text.matchAll(/Module '([^']+)' has no timing arcs/g)].map((m) => m[1].replace(/^\\/, '')))].sort();
  return { arrival, untimed };
}
