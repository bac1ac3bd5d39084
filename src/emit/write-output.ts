/**
 * Atomic output: files are written to a temporary sibling directory, then renamed over the
 * target. An error before the rename leaves the previous output untouched; no partial directory
 * is ever visible under the target name.
 */
import { mkdirSync, writeFileSync, renameSync, rmSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type { IrDesign } from '../ir/types.ts';
import { emitDesign } from './emit-design.ts';

export function writeOutputDir(target: string, files: ReadonlyMap<string, string>): void {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(target)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp);
    for (const [name, text] of files) writeFileSync(join(tmp, name), text);
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * Emit `design` into `dir` (atomically, as `gen` does) and return its Verilog files in file-list
 * order: the one-call path from an elaborated design to simulator or synthesis inputs.
 */
export function writeDesignRtl(design: IrDesign, dir: string, version = 'test'): string[] {
  const files = emitDesign(design, { version });
  writeOutputDir(dir, files);
  return [...files.keys()].filter((f) => f.endsWith('.v')).map((f) => join(dir, f));
}
