/**
 * Safe, atomic output. `planOutput` (output-guard.ts) first decides whether the target may be
 * written at all (absent, empty, or a previous lowbit-hdl output with no user files; anything
 * else only with `force`). The files are then written to a temporary sibling directory
 * `.<name>.tmp-<pid>`; only when every file is written is the previous output moved aside
 * (`.<name>.old-<pid>`) and the new one renamed into place, two consecutive renames. A failure at
 * any earlier point leaves the previous output untouched and no temporary directory behind.
 *
 * A process killed between the two renames leaves the complete previous output under
 * `.<name>.old-<pid>`; the next write to the same target (or `recoverOutput`) renames it back
 * before doing anything else, so a previous output is never lost. Temporary directories of dead
 * processes are removed the same way.
 */
import { mkdirSync, writeFileSync, renameSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import type { IrDesign } from '../ir/types.ts';
import { emitDesign } from './emit-design.ts';
import { planOutput, type GuardOptions } from './output-guard.ts';
import { makeDirs, fsUserError } from '../util/safe-fs.ts';

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/**
 * Undo what a killed writer left next to `target`: a previous output moved aside but not yet
 * replaced is renamed back (when `target` is absent), other leftovers of dead processes are removed.
 */
export function recoverOutput(target: string): void {
  const parent = dirname(target);
  const name = basename(target);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  const re = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old)-(\\d+)$`);
  for (const e of entries) {
    const m = re.exec(e);
    if (!m || (Number(m[2]) !== process.pid && alive(Number(m[2])))) continue;
    const path = join(parent, e);
    if (m[1] === 'old' && !existsSync(target)) renameSync(path, target);
    else rmSync(path, { recursive: true, force: true });
  }
}

export interface WriteOutputOptions extends GuardOptions {}

/** Write `files` (flat name → contents) as the directory `target`, safely and atomically. */
export function writeOutputDir(target: string, files: ReadonlyMap<string, string>, opts: WriteOutputOptions = {}): void {
  const shown = opts.shownAs ?? target;
  if (target.trim() !== '') recoverOutput(target);
  const plan = planOutput(target, opts);
  const parent = dirname(plan.target);
  const name = basename(plan.target);
  makeDirs(parent, 'output directory', 'choose a directory you can write to with -o', shown);
  const tmp = join(parent, `.${name}.tmp-${process.pid}`);
  const old = join(parent, `.${name}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp);
  } catch (e) {
    throw fsUserError(e, 'create output directory', shown, 'choose a directory you can write to with -o');
  }
  try {
    for (const [file, text] of files) writeFileSync(join(tmp, file), text);
    if (plan.state === 'absent' || plan.state === 'empty') {
      // rename(2) replaces an empty directory atomically.
      renameSync(tmp, plan.target);
    } else {
      renameSync(plan.target, old);
      renameSync(tmp, plan.target);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(plan.target) && existsSync(old)) renameSync(old, plan.target);
    throw fsUserError(e, 'write output directory', shown, 'nothing was changed; choose a directory you can write to with -o');
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
