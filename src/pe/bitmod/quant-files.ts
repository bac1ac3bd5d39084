/**
 * Files of a quantized BitMoD weight matrix: JSON, `$readmemh` images in the order the generated
 * array consumes them, a per-group report and a summary against INT4/INT3 at the same group size.
 *
 * Memory layout (one word per line, hex, no address markers), for output channels n = 0 … N−1 in
 * order, groups g = 0 … K/G − 1 in order, within a group weight slots j = 0 … G/L − 1:
 * - `weights.memh`: one word per (n, g, j) holding the L codes of lanes 0 … L−1, lane 0 in the
 *   least significant `codeBits` bits (the column's term generator reads one word per weight slot);
 * - `groups.memh`: one word per (n, g): `dtId << scaleBits | Δ` (datatype id in the top 2 bits);
 * - `sch.memh`: one FP16 code of `s_ch` per output channel n.
 * MSEs in the report are doubles (the decisions themselves are exact, quantizer-fast.ts).
 * An R×C array processes channels n in tiles of C columns: column c of tile t reads channel t·C + c.
 */
import { bitLength } from '../../golden/float/dyadic.ts';
import type { Rational } from '../../golden/rounding.ts';
import { MIXTURES, codeBits, isMixture } from './datatypes.ts';
import type { BitmodWeightType } from './params.ts';
import type { FastRow } from './quantizer-fast.ts';

/** Nearest double of an exact rational (for reports only; never fed back into a model). */
export function ratToDouble(r: Rational): number {
  if (r.num === 0n) return 0;
  const shift = Math.max(0, bitLength(r.num) - 60, bitLength(r.den) - 60);
  const s = BigInt(shift);
  return Number(r.num >> s) / Number(r.den >> s);
}

export interface QuantFilesInput {
  readonly wtype: BitmodWeightType;
  readonly G: number;
  readonly L: number;
  readonly scaleBits: number;
  readonly source: string;
  readonly dtype: string;
  readonly rows: readonly FastRow[];
  /** Baseline quantizations of the same matrix and G (e.g. INT4, INT3), for the summary. */
  readonly baselines: readonly { readonly name: string; readonly rows: readonly FastRow[] }[];
}

const hex = (v: number | bigint, digits: number): string => v.toString(16).padStart(digits, '0');

/** Mean over all groups of the deployed MSE (every group has G weights, so this is the matrix MSE). */
export function matrixMse(rows: readonly FastRow[]): number {
  let s = 0;
  let n = 0;
  for (const r of rows) for (const g of r.groups) {
    s += g.mse;
    n++;
  }
  return n === 0 ? 0 : s / n;
}

/** Mean selection MSE (with the unquantized group scale). */
export function matrixSelectionMse(rows: readonly FastRow[]): number {
  let s = 0;
  let n = 0;
  for (const r of rows) for (const g of r.groups) {
    s += g.candidateMse[g.dtId]!;
    n++;
  }
  return n === 0 ? 0 : s / n;
}

export function summaryTable(q: QuantFilesInput): string {
  const lines = ['| quantizer | G | MSE (group scale) | MSE (deployed, Δ·s_ch) |', '|---|---|---|---|'];
  const name = isMixture(q.wtype) ? `BitMoD ${q.wtype} mixture` : q.wtype;
  const fmt = (x: number) => x.toExponential(4);
  lines.push(`| ${name} | ${q.G} | ${fmt(matrixSelectionMse(q.rows))} | ${fmt(matrixMse(q.rows))} |`);
  for (const b of q.baselines) lines.push(`| ${b.name} | ${q.G} | ${fmt(matrixSelectionMse(b.rows))} | ${fmt(matrixMse(b.rows))} |`);
  if (isMixture(q.wtype)) {
    const counts = [0, 0, 0, 0];
    for (const r of q.rows) for (const g of r.groups) counts[g.dtId]!++;
    lines.push('', 'datatype use: ' + MIXTURES[q.wtype].map((dt, i) => `${dt} ${counts[i]}`).join(', '));
  }
  return lines.join('\n');
}

/** Every output file, name → text. */
export function quantFiles(q: QuantFilesInput): Map<string, string> {
  const cb = codeBits(q.wtype);
  const laneWord = Math.ceil((q.L * cb) / 4);
  const groupWord = Math.ceil((q.scaleBits + 2) / 4);
  const w: string[] = [];
  const grp: string[] = [];
  const sch: string[] = [];
  for (const r of q.rows) {
    sch.push(hex(r.schCode, 4));
    for (const g of r.groups) {
      grp.push(hex((g.dtId << q.scaleBits) | g.delta, groupWord));
      for (let j = 0; j < g.codes.length; j += q.L) {
        let word = 0n;
        for (let i = q.L - 1; i >= 0; i--) word = (word << BigInt(cb)) | BigInt(g.codes[j + i]!);
        w.push(hex(word, laneWord));
      }
    }
  }
  const cands = isMixture(q.wtype) ? MIXTURES[q.wtype] : [q.wtype];
  const report = [
    `# BitMoD quantization of ${q.source}`,
    '',
    summaryTable(q),
    '',
    '## Groups',
    '',
    `| row | group | datatype | Δ | MSE (deployed) | ${cands.map((c) => `MSE ${c}`).join(' | ')} |`,
    `|---|---|---|---|---|${cands.map(() => '---|').join('')}`,
  ];
  q.rows.forEach((r, n) =>
    r.groups.forEach((g, k) => {
      const mark = (i: number) => (i === g.dtId ? `**${g.candidateMse[i]!.toExponential(4)}**` : g.candidateMse[i]!.toExponential(4));
      report.push(`| ${n} | ${k} | ${g.dt} | ${g.delta} | ${g.mse.toExponential(4)} | ${cands.map((_, i) => mark(i)).join(' | ')} |`);
    }),
  );
  const json = {
    format: 'lowbit-hdl/bitmod-quant/1',
    source: q.source,
    dtype: q.dtype,
    weightType: q.wtype,
    G: q.G,
    lanes: q.L,
    scaleBits: q.scaleBits,
    rows: q.rows.length,
    cols: q.rows[0] ? q.rows[0].groups.length * q.G : 0,
    datatypes: cands,
    layout: 'weights.memh: per channel n, group g, slot j one word of L codes (lane 0 in the LSBs); groups.memh: dtId<<scaleBits|delta per (n, g); sch.memh: FP16 s_ch per n',
    channels: q.rows.map((r) => ({
      sch: `0x${hex(r.schCode, 4)}`,
      groups: r.groups.map((g) => ({ dtId: g.dtId, datatype: g.dt, delta: g.delta, codes: [...g.codes] })),
    })),
  };
  return new Map([
    ['quant.json', JSON.stringify(json) + '\n'],
    ['weights.memh', w.join('\n') + '\n'],
    ['groups.memh', grp.join('\n') + '\n'],
    ['sch.memh', sch.join('\n') + '\n'],
    ['report.md', report.join('\n') + '\n'],
  ]);
}
