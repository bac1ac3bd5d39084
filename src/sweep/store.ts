/**
 * The results store: one SQLite file (better-sqlite3, WAL journal) holding every finished sweep
 * point under its key (point-key.ts). Writes are idempotent: the first result for a key wins,
 * except that a `failed` row may be replaced by a later attempt (`--retry-failed`, or a job the
 * queue delivered twice). Every write is its own transaction, so a killed process leaves every
 * earlier row intact.
 *
 * A store carries its schema tag in table `meta`; a file with another tag (or not a store at all)
 * is refused before anything is written to it.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { userError } from '../diag/error.ts';
import type { ParamValue } from '../dsl/design.ts';
import type { PointResult, PointStatus } from './run-point.ts';

export const STORE_SCHEMA = 'lowbit-hdl.sweep-store/1';

export interface StoredPoint extends PointResult {
  readonly key: string;
  /** The design file as given on the command line. */
  readonly design: string;
  readonly designHash: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Metric ids, sorted. */
  readonly metrics: readonly string[];
  readonly tools: Readonly<Record<string, string>>;
  /** Which worker ran it: `local` or `<host>:<pid>` of a queue worker. */
  readonly worker: string;
  readonly finishedAt: string;
  /** How many results were written for this key (a retried failure counts twice). */
  readonly attempts: number;
}

interface Row {
  key: string;
  design: string;
  design_hash: string;
  params: string;
  metrics: string;
  tools: string;
  status: PointStatus;
  message: string;
  vals: string;
  rtl_sha256: string;
  wall_ms: number;
  worker: string;
  finished_at: string;
  attempts: number;
}

const CREATE = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS points (
  key TEXT PRIMARY KEY,
  design TEXT NOT NULL,
  design_hash TEXT NOT NULL,
  params TEXT NOT NULL,
  metrics TEXT NOT NULL,
  tools TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'invalid', 'failed')),
  message TEXT NOT NULL,
  vals TEXT NOT NULL,
  rtl_sha256 TEXT NOT NULL,
  wall_ms INTEGER NOT NULL,
  worker TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  attempts INTEGER NOT NULL
);`;

function fromRow(r: Row): StoredPoint {
  return {
    key: r.key,
    design: r.design,
    designHash: r.design_hash,
    params: JSON.parse(r.params) as Record<string, ParamValue>,
    metrics: r.metrics === '' ? [] : r.metrics.split(','),
    tools: JSON.parse(r.tools) as Record<string, string>,
    status: r.status,
    message: r.message,
    values: JSON.parse(r.vals) as Record<string, number>,
    rtlSha256: r.rtl_sha256,
    wallMs: r.wall_ms,
    worker: r.worker,
    finishedAt: r.finished_at,
    attempts: r.attempts,
  };
}

/** Check an existing file is a store of this schema without writing to it. */
function checkExisting(file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const hasMeta = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
    const tag = hasMeta ? (db.prepare(`SELECT value FROM meta WHERE name = 'schema'`).get() as { value: string } | undefined)?.value : undefined;
    if (tag !== STORE_SCHEMA) {
      throw userError(
        `store '${file}' ${tag ? `has schema '${tag}'` : 'is not a lowbit-hdl sweep store'}; this version reads '${STORE_SCHEMA}'`,
        'give another --store file (the existing one is left as it is)',
      );
    }
  } catch (e) {
    if (e instanceof Error && (e as { code?: string }).code?.startsWith('SQLITE_')) {
      throw userError(`store '${file}' cannot be read as SQLite: ${e.message}`, 'give another --store file (the existing one is left as it is)');
    }
    throw e;
  } finally {
    db?.close();
  }
}

export class SweepStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.db = db;
    this.insert = db.prepare(`
      INSERT INTO points (key, design, design_hash, params, metrics, tools, status, message, vals, rtl_sha256, wall_ms, worker, finished_at, attempts)
      VALUES (@key, @design, @design_hash, @params, @metrics, @tools, @status, @message, @vals, @rtl_sha256, @wall_ms, @worker, @finished_at, 1)
      ON CONFLICT (key) DO UPDATE SET
        status = excluded.status, message = excluded.message, vals = excluded.vals, rtl_sha256 = excluded.rtl_sha256,
        wall_ms = excluded.wall_ms, worker = excluded.worker, finished_at = excluded.finished_at, attempts = points.attempts + 1
      WHERE points.status = 'failed'`);
  }

  /** Open (or create) a store. `readonly` opens an existing one for export/report. */
  static open(file: string, opts: { readonly?: boolean } = {}): SweepStore {
    if (existsSync(file)) checkExisting(file);
    else if (opts.readonly) throw userError(`store '${file}' does not exist`, 'run a sweep with --store first');
    const db = new Database(file, { readonly: opts.readonly ?? false });
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.exec(CREATE);
      db.prepare(`INSERT OR IGNORE INTO meta (name, value) VALUES ('schema', ?)`).run(STORE_SCHEMA);
    }
    return new SweepStore(file, db);
  }

  /**
   * Write one result. Returns true if it became the stored result (new key, or replacing a
   * failure), false if the key already holds an ok/invalid result (a duplicate delivery).
   */
  put(p: Omit<StoredPoint, 'attempts' | 'finishedAt'> & { finishedAt?: string }): boolean {
    const r = this.insert.run({
      key: p.key,
      design: p.design,
      design_hash: p.designHash,
      params: JSON.stringify(p.params),
      metrics: p.metrics.join(','),
      tools: JSON.stringify(p.tools),
      status: p.status,
      message: p.message,
      vals: JSON.stringify(p.values),
      rtl_sha256: p.rtlSha256,
      wall_ms: p.wallMs,
      worker: p.worker,
      finished_at: p.finishedAt ?? new Date().toISOString(),
    });
    return r.changes > 0;
  }

  get(key: string): StoredPoint | undefined {
    const r = this.db.prepare(`SELECT * FROM points WHERE key = ?`).get(key) as Row | undefined;
    return r && fromRow(r);
  }

  /** Status per key for the given keys (absent keys are not in the map). */
  statuses(keys: readonly string[]): Map<string, PointStatus> {
    const out = new Map<string, PointStatus>();
    const q = this.db.prepare(`SELECT status FROM points WHERE key = ?`);
    for (const k of keys) {
      const r = q.get(k) as { status: PointStatus } | undefined;
      if (r) out.set(k, r.status);
    }
    return out;
  }

  /** Every row, in finishing order (or only `keys`, in that order). */
  all(keys?: readonly string[]): StoredPoint[] {
    if (!keys) return (this.db.prepare(`SELECT * FROM points ORDER BY finished_at, key`).all() as Row[]).map(fromRow);
    return keys.map((k) => this.get(k)).filter((p): p is StoredPoint => p !== undefined);
  }

  count(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM points`).get() as { n: number }).n;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
