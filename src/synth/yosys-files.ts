/**
 * The file set a Yosys run sees: input files by relative POSIX path, the reserved `.lowbit/`
 * folder holding the script and log, and the rule for which files count as outputs.
 * Shared by the WASM (virtual filesystem) and native (temp directory) runners.
 */
import { userError } from '../diag/error.ts';

/** Input files by relative POSIX path (`src/top.v`); text or bytes. */
export type YosysFiles = Readonly<Record<string, string | Uint8Array>>;

/** Reserved folder for the runner's own files; inputs may not use it. */
export const RUNNER_DIR = '.lowbit';
export const SCRIPT_PATH = `${RUNNER_DIR}/script.ys`;
export const LOG_PATH = `${RUNNER_DIR}/yosys.log`;

/** Yosys command line shared by both runners: quiet console, full log to a file, script file. */
export const YOSYS_ARGS: readonly string[] = ['-q', '-l', LOG_PATH, '-s', SCRIPT_PATH];

/** Reject absolute paths, `..`, empty segments and the reserved folder (they would escape or clash). */
export function checkRelativePath(path: string): void {
  const segs = path.split('/');
  const bad =
    path.length === 0 ||
    path.startsWith('/') ||
    path.includes('\\') ||
    segs.some((s) => s === '' || s === '.' || s === '..') ||
    segs[0] === RUNNER_DIR;
  if (bad) throw userError(`invalid Yosys input path '${path}'`, `use a relative POSIX path outside '${RUNNER_DIR}/'`);
}

/** The inputs plus the script, ready to place in a filesystem. */
export function withScript(script: string, files: YosysFiles): Map<string, string | Uint8Array> {
  const all = new Map<string, string | Uint8Array>();
  for (const [path, content] of Object.entries(files)) {
    checkRelativePath(path);
    all.set(path, content);
  }
  for (const path of all.keys()) {
    const segs = path.split('/');
    for (let i = 1; i < segs.length; i++) {
      const dir = segs.slice(0, i).join('/');
      if (all.has(dir)) throw userError(`Yosys input '${dir}' is both a file and the folder of '${path}'`);
    }
  }
  all.set(SCRIPT_PATH, script.endsWith('\n') ? script : `${script}\n`);
  return all;
}

/** Outputs are files the run created that are neither inputs nor the runner's own. */
export function isOutputPath(path: string, inputs: YosysFiles): boolean {
  return !Object.hasOwn(inputs, path) && !path.startsWith(`${RUNNER_DIR}/`);
}

export function asText(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : new TextDecoder().decode(content);
}
