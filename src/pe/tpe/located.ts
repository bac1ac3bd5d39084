/**
 * The user's call site of a TPE generator: the first stack frame outside the DSL, src/lib and this
 * folder, so a parameter error points at the design file's line that built the array.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureLoc } from '../../dsl/source-loc.ts';
import type { SourceLoc } from '../../diag/error.ts';

const TPE_DIR = dirname(fileURLToPath(import.meta.url)) + '/';

export function tpeCallerLoc(): SourceLoc | undefined {
  return captureLoc([TPE_DIR]);
}
