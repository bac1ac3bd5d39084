/**
 * Filesystem anchors of the cosim engine: the package root (found from this file, not the cwd)
 * and the default build directory `sim/build/` (git-ignored). The harness templates are found by
 * the template loader (src/util/templates.ts).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository / package root (two levels above src/cosim). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Default root for cached builds, run files and waves. */
export const DEFAULT_BUILD_DIR = path.join(PACKAGE_ROOT, 'sim', 'build');
