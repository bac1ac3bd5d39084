/**
 * Filesystem anchors of the cosim engine: the package root (found from this file, not the cwd)
 * and the build cache (the harness templates are found by the one template loader,
 * src/util/templates.ts). The build cache belongs to the user's project:
 * `$LOWBIT_HDL_CACHE` if set, else `.lowbit-hdl/build/` in the working directory — never inside
 * the installed package (a read-only or global install works; `npm ci` does not wipe it).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { makeDirs } from '../util/safe-fs.ts';

/** Repository / package root (two levels above src/cosim). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Environment variable that moves the build cache. */
export const CACHE_ENV = 'LOWBIT_HDL_CACHE';

/** Default root for cached builds and run files (read at each call: follows cwd and the env). */
export function defaultBuildDir(): string {
  const env = process.env[CACHE_ENV];
  return env && env.trim() !== '' ? path.resolve(env) : path.resolve('.lowbit-hdl', 'build');
}

/** Create the build cache root, or fail with one line saying how to move it. */
export function prepareBuildDir(root: string): void {
  makeDirs(root, 'the build cache', `set ${CACHE_ENV} to a directory you can write to`);
}
