/**
 * Bench section (issue 12 item 5): each TPE architecture in baseline and transformed form side by
 * side under the measurement method of tpe.md §5 (`synth --target asic` with the osu018 liberty:
 * delay-oriented ABC mapping) — generic cells, FFs, CMOS transistors, liberty area, critical-path
 * delay, throughput / (area × delay) and the transformed/baseline ratio — against the paper's
 * ratios and the published RTL's figures (tpe.md §5, measured with the same flow).
 * Paper sizes, INT8 signed (`TPE_BENCH_SMALL=1` runs 4×4-class sizes for a quick check;
 * `TPE_BENCH_ONLY=column,systolic-os` restricts the architectures, `TPE_BENCH_FORMS=baseline`
 * one form, `TPE_BENCH_COLUMN_K=8` sets the column's activations per transaction, default 32;
 * `TPE_BENCH_SIZE='{"k":8,"n":8}'` overrides the size of every selected row, e.g. a mul-tree K8×N8
 * between the small and the paper size). Every line is printed as soon as its synthesis
 * finishes, so a run cut short still leaves its finished rows.
 *
 * Flow (the same for both forms of a row, so the ratio is fair): `TPE_BENCH_ENGINE` = `wasm`
 * (default: the bundled Yosys 0.55) | `native` (a system `yosys`, about 5× faster; Debian's 0.23
 * maps the baseline's `acc + a * b` PE much slower than 0.55 — OS PE 3449 against 2484 ps — while
 * the transformed PEs, explicit gates, map the same, so 0.23 inflates the ratios) | `auto`;
 * `TPE_BENCH_HIERARCHY` = `flat` (the method of tpe.md §5 as written) | `per-module` (each
 * distinct module synthesized and mapped once and multiplied by its instance count: the default
 * at paper sizes, where a flat WS 16×16 runs for hours on this machine). Per-module areas are the
 * hierarchy totals; the delay is the largest module delay, printed per module (PE vs array top
 * with its edge CPAs and control). It equals the flat delay when every path across a module
 * boundary is registered on one side; each per-module row says whether that holds (the synth
 * report's boundary-path check, src/synth/boundary-paths.ts, docs/synth.md): exact for WS, Cube,
 * the mul-tree at its default 7 stages and the column cores (both boundaries), a lower bound for
 * the OS array and the column tops. What it cannot see is the buffer tree of the stall enable broadcast to
 * every PE. `TPE_BENCH_SMALL=1` with both modes checks the agreement at small size.
 *
 * The column's throughput is data dependent: it is measured at three activation distributions
 * (dense = uniform INT8, N(0, 50) and N(0, 20) rounded to INT8 and clamped, seeded): the cycles of
 * each transaction are counted by the RTL itself (Verilator cosim of the paper-size column, which
 * checks its `cycles` port against the golden prediction `tpeColumnCycles`), and cycles per MAC =
 * cycles / k. MACs per cycle of the column = n · k / cycles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elaborate, type ModuleDef } from '../../src/index.ts';
import { synthesize, type SynthHierarchy, type SynthReport } from '../../src/synth/index.ts';
import type { YosysEngineChoice } from '../../src/synth/yosys-engine.ts';
import { writeDesignRtl } from '../../src/emit/write-output.ts';
import { cosimDesign } from '../../src/cli/design-cosim.ts';
import { Prng } from '../../src/util/prng.ts';
import { tpeColumn, tpeColumnCore, tpeColumnCycles, tpeCosimSpec, tpeCube, tpeInputBeats, tpeMulTree, tpeParams, tpeSystolicOs, tpeSystolicWs, type TpeArch, type TpeColumnBoundary, type TpeForm, type TpeParams } from '../../src/pe/index.ts';

const OSU018 = '/usr/share/qflow/tech/osu018/osu018_stdcells.lib';
const small = process.env.TPE_BENCH_SMALL === '1';
const only = process.env.TPE_BENCH_ONLY?.split(',').map((s) => s.trim());
const forms = (process.env.TPE_BENCH_FORMS?.split(',').map((s) => s.trim()) ?? ['baseline', 'opt']) as TpeForm[];
const engine: YosysEngineChoice = (process.env.TPE_BENCH_ENGINE as YosysEngineChoice | undefined) ?? 'wasm';
const hierarchy: SynthHierarchy = (process.env.TPE_BENCH_HIERARCHY as SynthHierarchy | undefined) ?? (small ? 'flat' : 'per-module');
/** Activations per column transaction at paper size (N = 32 PEs, accW 26 as in tpe.md §5); k is not in the spec. */
const columnK = Number(process.env.TPE_BENCH_COLUMN_K ?? 32);
/** Size overrides for every selected row (JSON of TpeParams fields); not comparable with the published RTL. */
const sizeOverride = process.env.TPE_BENCH_SIZE ? (JSON.parse(process.env.TPE_BENCH_SIZE) as Partial<TpeParams>) : null;

/** Published RTL under the open flow (tpe.md §5): area µm² and delay ps of each form. */
interface Published {
  readonly base: { area: number; delay: number };
  readonly opt: { area: number; delay: number };
}

interface Row {
  readonly arch: TpeArch;
  readonly size: Partial<TpeParams>;
  /** Paper's area-efficiency gain (tpe.md §1). */
  readonly paper: number;
  readonly published: Published | null;
  readonly build: ((p: TpeParams) => ModuleDef) | null;
  readonly macs: (p: TpeParams) => number;
  /** Parameters of the transformed form only (a design choice of that form), printed with its line. */
  readonly optSize?: Partial<TpeParams>;
}

const ROWS: Row[] = [
  { arch: 'systolic-os', size: small ? { m: 4, k: 4, n: 4 } : { m: 16, k: 16, n: 16, accW: 32 }, paper: 1.27, published: { base: { area: 10.0e6, delay: 3936 }, opt: { area: 11.23e6, delay: 2458 } }, build: tpeSystolicOs, macs: (p) => p.m * p.n },
  { arch: 'mul-tree', size: small ? { m: 4, k: 4, n: 4 } : { m: 16, k: 16, n: 16 }, paper: 1.56, published: { base: { area: 6.63e6, delay: 2302 }, opt: { area: 6.21e6, delay: 1615 } }, build: tpeMulTree, macs: (p) => p.k * p.n, optSize: { signExt: 'eliminated' } },
  { arch: 'column', size: small ? { k: 8, n: 4 } : { k: columnK, n: 32, accW: 26 }, paper: 1.44, published: { base: { area: 1.07e6, delay: 3673 }, opt: { area: 0.45e6, delay: 1324 } }, build: tpeColumn, macs: (p) => (p.n * p.k) / tpeColumnCycles(Array(p.k).fill(0n), p) },
  { arch: 'systolic-ws', size: small ? { m: 4, k: 4, n: 4 } : { m: 16, k: 16, n: 16 }, paper: 1.27, published: { base: { area: 8.54e6, delay: 3321 }, opt: { area: 8.0e6, delay: 2294 } }, build: tpeSystolicWs, macs: (p) => p.k * p.n },
  { arch: 'cube', size: small ? { m: 3, k: 3, n: 3 } : { m: 8, k: 8, n: 8 }, paper: 1.28, published: { base: { area: 16.25e6, delay: 3265 }, opt: { area: 14.9e6, delay: 2342 } }, build: tpeCube, macs: (p) => p.n * p.n * p.n, optSize: { signExt: 'eliminated' } },
];

async function measure(row: Row, form: TpeForm, dir: string, macsPerCycle?: number): Promise<SynthReport> {
  const p = tpeParams(row.arch, form, { ...row.size, ...(form === 'opt' ? row.optSize : {}), ...sizeOverride });
  const { design } = elaborate(row.build!(p));
  const files = writeDesignRtl(design, join(dir, `${row.arch}-${form}`), 'bench');
  return synthesize({ files, top: design.top, target: 'asic', liberty: OSU018, macsPerCycle: macsPerCycle ?? row.macs(p), engine, hierarchy, design });
}

/** Per-module delays, largest first (`per-module` only). */
const byModule = (r: SynthReport): string => {
  const m = r.timing?.byModule;
  if (!m) return '';
  const parts = Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`);
  const b = r.boundary;
  const verdict = !b ? '' : b.exact ? '; exact (no combinational path crosses a module boundary)' : `; LOWER BOUND: ${b.crossings.length} instance ports with logic on both sides (${[...new Set(b.crossings.map((c) => `${c.module}.${c.port}`))].slice(0, 6).join(', ')}${b.crossings.length > 6 ? ', ...' : ''})`;
  return ` [delay by module: ${parts.join(', ')}${verdict}]`;
};

const fmt = (r: SynthReport): string =>
  `cells ${r.cells.total}, FF ${r.ff}, transistors ${r.cmos?.transistors ?? '-'}, area ${r.liberty!.area.toFixed(0)} um2, delay ${r.timing!.delayPs.toFixed(0)} ps, ` +
  `macs/cycle ${r.efficiency!.macsPerCycle.toFixed(2)}, ${r.efficiency!.gmacPerSPerMm2!.toFixed(1)} GMAC/s/mm2; Yosys ${r.tool.version} ${r.tool.engine} ${r.options.hierarchy}, ${(r.elapsedMs / 1000).toFixed(0)} s${byModule(r)}`;

/** throughput / (area × delay) in GMAC/s/mm² at a clock of the critical-path delay. */
const eff = (r: SynthReport): number => r.efficiency!.gmacPerSPerMm2!;

function publishedLine(row: Row, base: SynthReport, opt: SynthReport): string {
  const pub = row.published;
  if (!pub || small || sizeOverride) return `  published RTL (tpe.md §5): ${pub ? 'not comparable at this size' : '-'}`;
  const ad = (x: { area: number; delay: number }) => x.area * x.delay;
  const ours = { base: base.liberty!.area * base.timing!.delayPs, opt: opt.liberty!.area * opt.timing!.delayPs };
  return (
    `  published RTL (tpe.md §5): baseline ${(pub.base.area / 1e6).toFixed(2)}M um2 @ ${pub.base.delay} ps, transformed ${(pub.opt.area / 1e6).toFixed(2)}M um2 @ ${pub.opt.delay} ps; ` +
    `area x delay ours/published: baseline ${(ours.base / ad(pub.base)).toFixed(2)}, transformed ${(ours.opt / ad(pub.opt)).toFixed(2)} ` +
    `(target transformed <= 1: ${ours.opt <= ad(pub.opt) ? 'met' : 'MISSED'})`
  );
}

/** Two markdown table rows (baseline, transformed) for the closing summary. */
function summaryLine(row: Row, base: SynthReport, opt: SynthReport, ratio: number): string {
  const pub = small || sizeOverride ? null : row.published;
  const cells = (r: SynthReport, form: 'base' | 'opt'): string => {
    const ad = pub ? ((r.liberty!.area * r.timing!.delayPs) / (pub[form].area * pub[form].delay)).toFixed(2) : '-';
    return `${r.cells.total} | ${r.ff} | ${r.cmos?.transistors ?? '-'} | ${(r.liberty!.area / 1e6).toFixed(3)} M | ${r.timing!.delayPs.toFixed(0)} | ${eff(r).toFixed(2)} | ${form === 'opt' ? `${ratio.toFixed(2)} (${row.paper})` : ''} | ${ad}`;
  };
  const name = `${row.arch} ${Object.entries({ ...row.size, ...sizeOverride }).map(([k, v]) => `${k}${v}`).join(' ')}`;
  return `| ${name} | baseline | ${cells(base, 'base')} |\n| ${name} | transformed | ${cells(opt, 'opt')} |`;
}

/** Seeded INT8 activations: dense (uniform) or N(0, sigma) rounded half away from zero, clamped. */
export function columnActivations(dist: 'dense' | number, k: number, count: number, seed: number): bigint[][] {
  const rng = new Prng(seed);
  const normal = (): number => {
    // Box–Muller from two uniforms in (0, 1]: bench data only, never a golden intermediate.
    const u = (rng.below(2 ** 31) + 1) / 2 ** 31;
    const v = rng.below(2 ** 31) / 2 ** 31;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: k }, () => {
      if (dist === 'dense') return BigInt(rng.int(-128, 127));
      const x = normal() * dist;
      const r = Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
      return BigInt(Math.max(-128, Math.min(127, r)));
    }),
  );
}

/**
 * Cycles per MAC of the opt column at a distribution, counted by the RTL: Verilator cosim of
 * `count` transactions (the harness checks every `cycles` output against tpeColumnCycles).
 */
async function columnCyclesPerMac(p: TpeParams, acts: bigint[][], dir: string): Promise<{ cyclesPerMac: number; checked: number }> {
  const rng = new Prng(99);
  const B = () => Array.from({ length: p.k }, () => Array.from({ length: p.n }, () => BigInt(rng.int(-128, 127))));
  const txns = acts.map((a) => tpeInputBeats([a], B(), p));
  const { design } = elaborate(tpeColumn(p));
  const files = writeDesignRtl(design, join(dir, 'column-cosim'), 'bench');
  const spec = { ...tpeCosimSpec(p), corners: txns, vectors: { count: 0, corners: false } };
  const r = await cosimDesign(design, files, spec, { sim: 'verilator' });
  if (r.failed !== 0) throw new Error(`column cosim at paper size: ${r.failed} mismatches`);
  const total = acts.reduce((s, a) => s + tpeColumnCycles(a, p), 0);
  return { cyclesPerMac: total / (acts.length * p.k), checked: r.passed };
}

/**
 * Hierarchy of the column cores: `flat` by default (the method of tpe.md §5 as written, as the
 * published column was measured; a core flattens in minutes), `TPE_BENCH_COLUMN_CORE_HIERARCHY`
 * overrides. Flat synthesis merges the PEs' identical copies of the broadcast issue registers and
 * so sees the broadcast's buffer tree, which per-module synthesis cannot. The tops (k × n weight
 * registers) use the bench's hierarchy.
 */
const columnCoreHierarchy = (process.env.TPE_BENCH_COLUMN_CORE_HIERARCHY as SynthHierarchy | undefined) ?? 'flat';

/**
 * Which opt core boundaries are measured (`TPE_BENCH_COLUMN_BOUNDARY` = `full` | `published` |
 * `both`, default both): `full` is tpeColumn's core with its fuse-shift-accumulate; `published` is
 * the same generator with `boundary: 'published'` (same PEs, encoder and sequencer, per-pass
 * carry-save pairs out, no Horner shift, no fuse), where the published column RTL ends — the
 * like-for-like counterpart of its 0.45 M µm² @ 1324 ps. The published-boundary core is measured in
 * the core hierarchy and, when that is flat, per module too (for comparison; seconds).
 */
const columnBoundaries: TpeColumnBoundary[] = ((b) => (b === 'full' || b === 'published' ? [b] : ['full', 'published']))(process.env.TPE_BENCH_COLUMN_BOUNDARY);

/** One column module synthesized: the core (full or published boundary) or the whole top. */
async function measureColumn(p: TpeParams, what: 'core' | 'top', dir: string, macsPerCycle: number, opts: { boundary?: TpeColumnBoundary; hierarchy?: SynthHierarchy } = {}): Promise<SynthReport> {
  const boundary = opts.boundary ?? 'full';
  const { design } = elaborate(what === 'core' ? tpeColumnCore(p, { boundary }) : tpeColumn(p));
  const h = opts.hierarchy ?? (what === 'core' ? columnCoreHierarchy : hierarchy);
  const files = writeDesignRtl(design, join(dir, `column-${what}-${p.form}-${p.signExt}-${boundary}-${h}`), 'bench');
  return synthesize({ files, top: design.top, target: 'asic', liberty: OSU018, macsPerCycle, engine, hierarchy: h, design });
}

/**
 * The column rows. Both forms are measured twice: the core (`tpeColumnCore`: PEs, sparse encoder,
 * sequencer and the fuse-shift-accumulate, operands read from buffers — the boundary of the
 * published column RTL, which also reads its operands from testbench buffers, plus the fuse it
 * omits) and the whole top (`tpeColumn`: the core plus the transaction buffers, k × n weight
 * registers and their read multiplexers, and the valid/ready shell). The opt core is measured with
 * full (default) and eliminated sign extension (`TPE_BENCH_COLUMN_SIGNEXT=full` skips the second),
 * each at the full boundary and at the published one (`columnBoundaries`,
 * `TPE_BENCH_COLUMN_BOUNDARY`); `TPE_BENCH_COLUMN_TOP=0` skips the tops. Cycles per MAC: RTL-counted (top cosim) per distribution;
 * the sign extension does not change the timing.
 */
async function columnRows(row: Row, dir: string, log: (s: string) => void, summary: string[]): Promise<void> {
  const size = { ...row.size, ...sizeOverride };
  const pb = tpeParams('column', 'baseline', size);
  const po = tpeParams('column', 'opt', size);
  const tag = JSON.stringify(size);
  const baseCpm = tpeColumnCycles(Array(pb.k).fill(0n), pb) / pb.k;
  const dists = ['dense', 50, 20] as const;
  const cpm = new Map<string, number>();
  for (const dist of dists) {
    const acts = columnActivations(dist, po.k, small ? 20 : 40, 12 + (dist === 'dense' ? 0 : dist));
    const { cyclesPerMac, checked } = await columnCyclesPerMac(po, acts, dir);
    cpm.set(String(dist), cyclesPerMac);
    log(`column ${tag} ${dist === 'dense' ? 'dense (uniform INT8)' : `N(0, ${dist})`}: ${cyclesPerMac.toFixed(3)} cycles per MAC (RTL-counted over ${acts.length} transactions, ${checked} beats checked); baseline ${baseCpm.toFixed(3)}, any data`);
  }
  const pubRatio: Record<string, string> = { dense: '1.65 at 4 cycles/MAC', '50': '2.54 at 2.6', '20': '3.22 at 2.05' };
  const compare = (what: string, base: SynthReport, opt: SynthReport, publishedToo: boolean): void => {
    const ratios: string[] = [];
    for (const dist of dists) {
      const c = cpm.get(String(dist))!;
      // throughput / (area × delay) of each form at its own cycles per MAC.
      const ratio = ((1 / c) / (opt.liberty!.area * opt.timing!.delayPs)) / ((1 / baseCpm) / (base.liberty!.area * base.timing!.delayPs));
      ratios.push(ratio.toFixed(2));
      log(`  ${what} ${dist === 'dense' ? 'dense' : `N(0, ${dist})`}: ratio ${ratio.toFixed(2)} (paper ${row.paper}: ${ratio >= row.paper ? 'met' : 'MISSED'}; published RTL ${pubRatio[String(dist)]})`);
    }
    if (publishedToo) log(publishedLine(row, base, opt));
    const pub = small || sizeOverride ? null : row.published;
    const ad = (r: SynthReport, f: 'base' | 'opt') => (pub ? ((r.liberty!.area * r.timing!.delayPs) / (pub[f].area * pub[f].delay)).toFixed(2) : '-');
    const cells = (r: SynthReport) => `${r.cells.total} | ${r.ff} | ${r.cmos?.transistors ?? '-'} | ${(r.liberty!.area / 1e6).toFixed(3)} M | ${r.timing!.delayPs.toFixed(0)}`;
    summary.push(`| column ${what} k${pb.k} n${pb.n} | baseline | ${cells(base)} | ${baseCpm.toFixed(2)} cyc/MAC | | ${publishedToo ? ad(base, 'base') : '-'} |`);
    summary.push(`| column ${what} k${pb.k} n${pb.n} | transformed | ${cells(opt)} | ${dists.map((d) => cpm.get(String(d))!.toFixed(2)).join(' / ')} cyc/MAC | ${ratios.join(' / ')} (${row.paper}) | ${publishedToo ? ad(opt, 'opt') : '-'} |`);
  };
  const baseCore = await measureColumn(pb, 'core', dir, pb.n / baseCpm);
  log(`column ${tag} baseline core:    ${fmt(baseCore)}`);
  const variants: TpeParams[] = [po];
  if (process.env.TPE_BENCH_COLUMN_SIGNEXT !== 'full') variants.push(tpeParams('column', 'opt', { ...size, signExt: 'eliminated' }));
  for (const v of variants) {
    if (columnBoundaries.includes('full')) {
      const optCore = await measureColumn(v, 'core', dir, v.n / cpm.get('dense')!);
      log(`column ${tag} transformed core (signExt ${v.signExt}): ${fmt(optCore)} (macs/cycle at dense data)`);
      compare(`core (signExt ${v.signExt})`, baseCore, optCore, true);
    }
    if (columnBoundaries.includes('published')) {
      const hs: SynthHierarchy[] = columnCoreHierarchy === 'flat' ? ['flat', 'per-module'] : [columnCoreHierarchy];
      for (const h of hs) {
        const pubCore = await measureColumn(v, 'core', dir, v.n / cpm.get('dense')!, { boundary: 'published', hierarchy: h });
        const what = `core at the published boundary, no fuse-shift-accumulate (signExt ${v.signExt}, ${h})`;
        log(`column ${tag} transformed ${what}: ${fmt(pubCore)} (macs/cycle at dense data)`);
        // Ratios only against the baseline core of the same hierarchy; the published line always.
        if (h === columnCoreHierarchy) compare(what, baseCore, pubCore, true);
        else log(publishedLine(row, baseCore, pubCore).replace('baseline', `baseline (${columnCoreHierarchy})`));
      }
    }
  }
  if (process.env.TPE_BENCH_COLUMN_TOP === '0') return;
  const baseTop = await measureColumn(pb, 'top', dir, pb.n / baseCpm);
  log(`column ${tag} baseline top:    ${fmt(baseTop)}`);
  const optTop = await measureColumn(po, 'top', dir, po.n / cpm.get('dense')!);
  log(`column ${tag} transformed top (signExt ${po.signExt}): ${fmt(optTop)} (macs/cycle at dense data)`);
  compare('top with buffers', baseTop, optTop, false);
}

export async function tpeAreaTable(log: (s: string) => void = () => {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tpe-bench-'));
  const out: string[] = [];
  const say = (s: string) => {
    out.push(s);
    log(s);
  };
  const summary: string[] = [];
  say(`flow: synth --target asic, osu018, engine ${engine}, hierarchy ${hierarchy}`);
  try {
    for (const row of ROWS) {
      if (only && !only.includes(row.arch)) continue;
      if (!row.build) {
        say(`${row.arch}: not built yet (baseline and transformed forms missing)`);
        continue;
      }
      if (row.arch === 'column') {
        await columnRows(row, dir, say, summary);
        continue;
      }
      const got: Partial<Record<TpeForm, SynthReport>> = {};
      const size = JSON.stringify({ ...row.size, ...sizeOverride });
      for (const form of forms) {
        got[form] = await measure(row, form, dir);
        // The transformed form's own parameters as in effect (TPE_BENCH_SIZE wins).
        const optOwn = row.optSize ? Object.fromEntries(Object.keys(row.optSize).map((k) => [k, { ...row.optSize, ...sizeOverride }[k as keyof TpeParams]])) : null;
        const optTag = optOwn ? ` ${JSON.stringify(optOwn)}` : '';
        say(`${row.arch} ${size} ${form === 'opt' ? `transformed${optTag}:` : 'baseline:   '} ${fmt(got[form]!)}`);
      }
      const { baseline: base, opt } = got;
      if (!base || !opt) continue;
      const ratio = eff(opt) / eff(base);
      say(`  throughput/(area x delay) ratio ${ratio.toFixed(2)} (paper ${row.paper}: ${ratio >= row.paper ? 'met' : 'MISSED'})`);
      say(publishedLine(row, base, opt));
      summary.push(summaryLine(row, base, opt, ratio));
    }
    if (summary.length > 0) {
      say('\n| architecture | form | cells | FF | transistors | area µm² | delay ps | GMAC/s/mm² | ratio (paper) | area×delay / published |');
      say('|---|---|---|---|---|---|---|---|---|---|');
      for (const l of summary) say(l);
    }
    return out.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await tpeAreaTable((s) => console.log(s));
}
