/**
 * Content-addressed build cache. A build directory is named by a hash of everything that affects
 * the binary (RTL text, rendered harness, template, tool versions, flags); it is built in a private
 * temp directory and published with an atomic rename, so concurrent runs never see half a build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LowbitError } from '../diag/error.ts';

/** sha256 over length-prefixed parts (so ['ab','c'] and ['a','bc'] differ), hex. */
export function hashParts(parts: readonly (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    const b = typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
    h.update(`${b.length}:`);
    h.update(b);
  }
  return h.digest('hex');
}

/** Contents of each file, in order, as hash parts (path excluded: moving a tree keeps the cache). */
export function fileParts(files: readonly string[]): Buffer[] {
  return files.map((f) => readFileSync(f));
}

/** Marker file written last into a complete build directory. */
export const DONE_MARKER = 'build-ok.json';

/** True when `dir` holds a complete build. */
export function isBuilt(dir: string): boolean {
  return existsSync(path.join(dir, DONE_MARKER));
}

/** A fresh private staging directory next to `finalDir`. */
export function stagingDir(finalDir: string): string {
  const dir = `${finalDir}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Move a finished staging directory into place. If another process published the same build
 * first, the staging copy is discarded (both are equivalent by construction).
 */
export function publish(staging: string, finalDir: string): void {
  try {
    renameSync(staging, finalDir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && isBuilt(finalDir)) {
      rmSync(staging, { recursive: true, force: true });
      return;
    }
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      // A stale incomplete directory (a crashed build): replace it.
      rmSync(finalDir, { recursive: true, force: true });
      renameSync(staging, finalDir);
      return;
    }
    throw e;
  }
}

/** A tool refused the design (Verilator lint/elaboration error, iverilog error): a user error. */
export class BuildRejected extends LowbitError {
  constructor(message: string, hint?: string) {
    super({ severity: 'error', message, hint });
    this.name = 'BuildRejected';
  }
}
