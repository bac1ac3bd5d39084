/**
 * Bench section (issue 12 item 5): each TPE architecture in baseline and transformed form side by
 * side under the measurement method of tpe.md §5 (`synth --target asic` with the osu018 liberty:
 * delay-oriented ABC mapping) — generic cells, FFs, CMOS transistors, liberty area, critical-path
 * delay, throughput / (area × delay) and the transformed/baseline ratio — against the paper's
 * ratios and the published RTL's area × delay (tpe.md §5, measured with the same flow).
 * Paper sizes, INT8 signed (`TPE_BENCH_SMALL=1` runs 4×4-class sizes for a quick check).
 * Architectures whose transformed form is not built yet are listed as such.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elaborate, type ModuleDef } from '../../src/index.ts';
import { synthesize, type SynthReport } from '../../src/synth/index.ts';
import { writeDesignRtl } from '../../src/emit/write-output.ts';
import { tpeColumn, tpeCube, tpeMulTree, tpeParams, tpeSystolicOs, tpeSystolicWs, type TpeArch, type TpeForm, type TpeParams } from '../../src/pe/index.ts';

const OSU018 = '/usr/share/qflow/tech/osu018/osu018_stdcells.lib';
const small = process.env.TPE_BENCH_SMALL === '1';

interface Row {
  readonly arch: TpeArch;
  readonly size: Partial<TpeParams>;
  /** Paper's area-efficiency gain (tpe.md §1). */
  readonly paper: number;
  /** Published RTL's transformed area (µm²) × delay (ps), tpe.md §5. */
  readonly published: number | null;
  readonly build: ((p: TpeParams) => ModuleDef) | null;
  readonly macs: (p: TpeParams) => number;
  readonly optBuilt: boolean;
}

const ROWS: Row[] = [
  { arch: 'systolic-os', size: small ? { m: 4, k: 4, n: 4 } : { m: 16, k: 16, n: 16, accW: 32 }, paper: 1.27, published: 11.23e6 * 2458, build: tpeSystolicOs, macs: (p) => p.m * p.n, optBuilt: true },
  { arch: 'mul-tree', size: small ? { m: 4, k: 4, n: 4 } : { m: 16, k: 16, n: 16 }, paper: 1.56, published: 6.21e6 * 1615, build: tpeMulTree, macs: (p) => p.k * p.n, optBuilt: true },
  { arch: 'column', size: small ? { k: 8, n: 4 } : { k: 32, n: 32, accW: 26 }, paper: 1.44, published: 0.45e6 * 1324, build: tpeColumn, macs: (p) => (p.n * p.k) / (p.k + 1), optBuilt: false },
  { arch: 'systolic-ws', size: small ? { m: 4, k: 4, n: 4 } : { m: 16, k: 16, n: 16 }, paper: 1.27, published: 8.0e6 * 2294, build: tpeSystolicWs, macs: (p) => p.k * p.n, optBuilt: true },
  { arch: 'cube', size: small ? { m: 3, k: 3, n: 3 } : { m: 8, k: 8, n: 8 }, paper: 1.28, published: 14.9e6 * 2342, build: tpeCube, macs: (p) => p.n * p.n * p.n, optBuilt: true },
];

async function measure(row: Row, form: TpeForm, dir: string): Promise<SynthReport> {
  const p = tpeParams(row.arch, form, row.size);
  const { design } = elaborate(row.build!(p));
  const files = writeDesignRtl(design, join(dir, `${row.arch}-${form}`), 'bench');
  return synthesize({ files, top: design.top, target: 'asic', liberty: OSU018, macsPerCycle: row.macs(p) });
}

export async function tpeAreaTable(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tpe-bench-'));
  const out: string[] = [];
  const fmt = (r: SynthReport) =>
    `cells ${r.cells.total}, FF ${r.ff}, transistors ${r.cmos?.transistors ?? '-'}, area ${r.liberty!.area.toFixed(0)} um2, delay ${r.timing!.delayPs.toFixed(0)} ps, ` +
    `macs/cycle ${r.efficiency!.macsPerCycle.toFixed(2)}, ${r.efficiency!.gmacPerSPerMm2!.toFixed(1)} GMAC/s/mm2`;
  try {
    for (const row of ROWS) {
      if (!row.build) {
        out.push(`${row.arch}: not built yet (baseline and transformed forms missing)`);
        continue;
      }
      const base = await measure(row, 'baseline', dir);
      out.push(`${row.arch} ${JSON.stringify(row.size)} baseline:    ${fmt(base)}`);
      if (!row.optBuilt) {
        out.push(`${row.arch} transformed: not built yet (paper ratio ${row.paper})`);
        continue;
      }
      const opt = await measure(row, 'opt', dir);
      out.push(`${row.arch} ${JSON.stringify(row.size)} transformed: ${fmt(opt)}`);
      const ratio = opt.efficiency!.gmacPerSPerMm2! / base.efficiency!.gmacPerSPerMm2!;
      const ad = opt.liberty!.area * opt.timing!.delayPs;
      out.push(
        `  throughput/(area x delay) ratio ${ratio.toFixed(2)} (paper ${row.paper}: ${ratio >= row.paper ? 'met' : 'MISSED'}); ` +
          `area x delay ${(ad / 1e9).toFixed(2)}e9 vs published ${row.published !== null ? (row.published / 1e9).toFixed(2) + 'e9' : '-'}` +
          (small || row.published === null ? ' (not comparable at this size)' : `: ${ad <= row.published ? 'met' : 'MISSED'}`),
      );
    }
    return out.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await tpeAreaTable());
}
