/**
 * Run one sweep point: generate the design with the point's parameters, hash the RTL, and run
 * each metric. Never throws for the user's content: a parameter set the generator rejects is
 * `invalid` (with its diagnostics), a tool that fails or a check that finds a fault is `failed`
 * (with the tool's message); metrics measured before a failure are kept.
 *
 * Called in pool threads (pool-worker.mjs), by BullMQ workers and directly by tests.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic } from '../diag/error.ts';
import { isLowbitError } from '../cli/load-design.ts';
import { generate, type Generated } from '../cli/generate.ts';
import { writeOutputDir } from '../emit/write-output.ts';
import { topModule } from '../emit/emit-design.ts';
import { readRtlDir, lintAll } from '../lint/lint-rtl.ts';
import { cosimDesign, cosimSpecOf } from '../cli/design-cosim.ts';
import { synthesize, type SynthReport } from '../synth/index.ts';
import { placeAndRouteIce40 } from '../synth/pnr-ice40.ts';
import type { ParamValue } from '../dsl/design.ts';
import { rtlHash, sha256 } from './point-key.ts';
import type { MetricSpec } from './metrics.ts';

export type PointStatus = 'ok' | 'invalid' | 'failed';

export interface PointTask {
  /** Absolute path of the design file (its content hashes to `designHash`). */
  readonly designFile: string;
  readonly designHash: string;
  /** The grid values of this point (defaults are not repeated). */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly metrics: readonly MetricSpec[];
}

export interface PointResult {
  readonly status: PointStatus;
  /** Why a point is invalid or failed ('' when ok). */
  readonly message: string;
  /** Flat numeric metrics, e.g. `generic.cells`, `cmos.transistors`, `pnr.fmaxMHz`. */
  readonly values: Readonly<Record<string, number>>;
  /** sha256 of the generated RTL (names and contents); '' when generation failed. */
  readonly rtlSha256: string;
  readonly wallMs: number;
}

const MAX_MESSAGE = 4000;

function messageOf(e: unknown): string {
  const text = isLowbitError(e) ? e.diagnostics.map((d) => formatDiagnostic(d)).join('\n') : e instanceof Error ? e.message : String(e);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

function synthValues(r: SynthReport): Record<string, number> {
  const t = r.target;
  const v: Record<string, number> = { [`${t}.cells`]: r.cells.total, [`${t}.ff`]: r.ff };
  if (r.depth) v[`${t}.depth`] = r.depth.levels;
  if (r.cmos) v[`${t}.transistors`] = r.cmos.transistors;
  if (r.fpga) Object.assign(v, { [`${t}.lut`]: r.fpga.lut.total, [`${t}.carry`]: r.fpga.carry, [`${t}.dsp`]: r.fpga.dsp });
  return v;
}

async function measure(m: MetricSpec, g: Generated, files: string[], top: string, values: Record<string, number>): Promise<string | null> {
  switch (m.kind) {
    case 'lint': {
      const rs = await lintAll({ dir: '', top, files });
      values['lint.ok'] = rs.every((r) => r.ok) ? 1 : 0;
      const bad = rs.filter((r) => !r.ok);
      return bad.length ? `lint: ${bad.map((r) => `${r.tool}: ${r.output.trim().split('\n').slice(0, 5).join(' | ')}`).join('; ')}` : null;
    }
    case 'cosim': {
      const spec = cosimSpecOf(g.design, g.params, g.file);
      const r = await cosimDesign(g.ir, files, spec, { sim: 'both', count: m.vectors });
      values['cosim.vectors'] = r.vectors;
      values['cosim.failed'] = r.failed;
      return r.failed ? `cosim: ${r.failed} of ${r.passed + r.failed} transactions mismatched (${r.vectorsDescription})` : null;
    }
    case 'synth': {
      const r = await synthesize({ files, top, target: m.target });
      Object.assign(values, synthValues(r));
      return null;
    }
    case 'pnr': {
      const r = await placeAndRouteIce40({ files, top, device: m.device, clock: topModule(g.ir).clock?.name });
      values['pnr.lc'] = r.lc.used;
      values['pnr.lcPercent'] = r.lc.available ? Math.round((10000 * r.lc.used) / r.lc.available) / 100 : 0;
      values['pnr.dsp'] = r.dsp.used;
      if (r.fmaxMHz !== null) values['pnr.fmaxMHz'] = r.fmaxMHz;
      return null;
    }
  }
}

export async function runPoint(task: PointTask): Promise<PointResult> {
  const t0 = performance.now();
  const done = (status: PointStatus, message: string, values: Record<string, number>, rtlSha256: string): PointResult => ({ status, message, values, rtlSha256, wallMs: Math.round(performance.now() - t0) });
  // The key names the design's content: a file edited since the sweep was planned would be
  // measured under the wrong key.
  let content: Buffer;
  try {
    content = readFileSync(task.designFile);
  } catch (e) {
    return done('failed', `design file: ${messageOf(e)}`, {}, '');
  }
  if (sha256(content) !== task.designHash) return done('failed', `design file '${task.designFile}' changed after the sweep was planned; run the sweep again`, {}, '');
  let g: Generated;
  try {
    const params = Object.entries(task.params).map(([k, v]) => `${k}=${String(v)}`);
    g = await generate(task.designFile, { params }); // parameter types: cached by content (design-meta.ts)
  } catch (e) {
    if (!isLowbitError(e)) return done('failed', `generator: ${messageOf(e)}`, {}, '');
    return done('invalid', messageOf(e), {}, '');
  }
  const sha = rtlHash(g.files);
  const values: Record<string, number> = {};
  const tmp = mkdtempSync(join(tmpdir(), 'lowbit-sweep-'));
  try {
    writeOutputDir(join(tmp, 'rtl'), g.files);
    const rtl = readRtlDir(join(tmp, 'rtl'));
    for (const m of task.metrics) {
      let problem: string | null;
      try {
        problem = await measure(m, g, rtl.files, rtl.top, values);
      } catch (e) {
        problem = `${m.kind}: ${messageOf(e)}`;
      }
      if (problem) return done('failed', problem, values, sha);
    }
    return done('ok', '', values, sha);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
