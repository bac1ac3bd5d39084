/**
 * Plain-text tables with aligned columns (two spaces between columns, a dashed rule under the
 * header), and the number formatting shared by report and comparison tables.
 */

export type Align = 'left' | 'right';

/** Render rows under a header; every row must have one cell per header column. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  for (const r of rows) {
    if (r.length !== header.length) throw new Error(`table row has ${r.length} cells, header has ${header.length}`);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (align[i] === 'right' ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Integers as-is; fractions to at most 3 decimals (areas); null as `-`. */
export function formatNumber(v: number | null): string {
  if (v === null) return '-';
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(3).replace(/\.?0+$/, '');
}

/** Ratios always with 3 decimals (`0.125`, `2.000`); null as `-`. */
export function formatRatio(r: number | null): string {
  return r === null ? '-' : r.toFixed(3);
}
