/**
 * A sweep point as a BullMQ job: the design file's content (so a worker on another machine with
 * the project installed can run it), its path relative to the coordinator's working directory,
 * its hash, the parameters and the metrics. `runJob` puts the design where its relative imports
 * resolve as on the coordinator and runs the point.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ParamValue } from '../dsl/design.ts';
import type { MetricSpec } from './metrics.ts';
import { sha256 } from './point-key.ts';
import { runPoint, type PointResult } from './run-point.ts';

export const JOB_SCHEMA = 1;

export interface PointJob {
  readonly v: typeof JOB_SCHEMA;
  readonly designRel: string;
  readonly designContent: string;
  readonly designHash: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly metrics: readonly MetricSpec[];
}

export type JobResult = PointResult & { readonly worker: string };

export function workerId(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * The design file a worker runs: the file at `designRel` under `root` when its content matches;
 * else a copy beside where that file would be (`.lowbit-sweep-<hash>-<name>`, so relative imports
 * still resolve), or under `root/.lowbit-sweep/<hash>/` when that directory does not exist or the
 * path leaves `root`. Content-addressed: an existing copy is reused.
 */
export function materializeDesign(job: Pick<PointJob, 'designRel' | 'designContent' | 'designHash'>, root: string = process.cwd()): string {
  if (sha256(job.designContent) !== job.designHash) throw new Error('job design content does not match its hash');
  const name = basename(job.designRel).replace(/[^A-Za-z0-9._-]/g, '_') || 'design.ts';
  const candidate = resolve(root, job.designRel);
  const inside = !isAbsolute(job.designRel) && !relative(root, candidate).startsWith('..');
  if (inside && existsSync(candidate) && sha256(readFileSync(candidate)) === job.designHash) return candidate;
  const dir = inside && existsSync(dirname(candidate)) ? dirname(candidate) : join(root, '.lowbit-sweep', job.designHash);
  const file = dir.endsWith(job.designHash) ? join(dir, name) : join(dir, `.lowbit-sweep-${job.designHash.slice(0, 16)}-${name}`);
  if (!existsSync(file) || sha256(readFileSync(file)) !== job.designHash) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, job.designContent);
    renameSync(tmp, file);
  }
  return file;
}

export async function runJob(job: PointJob, root: string = process.cwd()): Promise<JobResult> {
  if (job.v !== JOB_SCHEMA) throw new Error(`job schema ${String(job.v)} is not ${JOB_SCHEMA}: coordinator and worker run different lowbit-hdl versions`);
  const designFile = materializeDesign(job, root);
  const r = await runPoint({ designFile, designHash: job.designHash, params: job.params, metrics: job.metrics });
  return { ...r, worker: workerId() };
}
