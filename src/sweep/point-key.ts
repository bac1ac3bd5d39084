/**
 * Identity of a sweep point in the store: sha256 over canonical JSON of (design file content
 * hash, parameters, metric set, tool versions). Canonical = object keys sorted, no whitespace,
 * so the same point always gets the same key on any machine.
 */
import { createHash } from 'node:crypto';
import type { ParamValue } from '../dsl/design.ts';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export interface PointIdentity {
  readonly designHash: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Sorted metric ids (metricId). */
  readonly metrics: readonly string[];
  readonly tools: Readonly<Record<string, string>>;
}

export function pointKey(id: PointIdentity): string {
  return sha256(canonicalJson({ design: id.designHash, params: id.params, metrics: id.metrics, tools: id.tools }));
}

/** sha256 of an RTL file set: names and contents in name order. */
export function rtlHash(files: ReadonlyMap<string, string>): string {
  const h = createHash('sha256');
  for (const name of [...files.keys()].sort()) h.update(`${name}\0${files.get(name)!}\0`);
  return h.digest('hex');
}
