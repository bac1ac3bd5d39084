/**
 * File system writes a user's paths go through: every failure is a one-line `LowbitError` naming
 * the path and what to do, never an exception with a stack. `makeDirs` creates missing
 * directories one level at a time (Node's `mkdirSync(…, { recursive: true })` spins forever on
 * paths under /proc).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { userError, type LowbitError } from '../diag/error.ts';

/** Words for a file system error code. */
export function fsErrorText(code: string | undefined, creating = false): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOTDIR':
      return 'a parent of it is a file, not a directory';
    case 'ENOENT':
      return creating ? 'the file system does not allow creating it there (ENOENT)' : 'it does not exist';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EEXIST':
      return 'it already exists';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ? `file system error ${code}` : 'file system error';
  }
}

/** A file system exception as a one-line user error: `cannot <doing> '<path>': <why> — <hint>`. */
export function fsUserError(e: unknown, doing: string, path: string, hint: string): LowbitError {
  const code = (e as { code?: string } | undefined)?.code;
  return userError(`cannot ${doing} '${path}': ${fsErrorText(code, /^(create|write)/.test(doing))}`, hint);
}

function isDir(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    return false;
  }
}

/** Create `dir` and its missing parents; `what` names it in errors ("output directory", "build cache"). */
export function makeDirs(dir: string, what: string, hint: string, shown: string = dir): void {
  const abs = resolve(dir);
  const missing: string[] = [];
  let a = abs;
  for (;;) {
    const d = isDir(a);
    if (d === true) break;
    if (d === false) throw userError(`cannot create ${what} '${shown}': '${a}' is not a directory`, hint);
    missing.unshift(a);
    if (dirname(a) === a) break;
    a = dirname(a);
  }
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw fsUserError(e, `create ${what}`, shown, hint);
    }
  }
}

/** Write a file the user named (`--json`, a report), creating its directory. */
export function writeUserFile(path: string, text: string, what: string): void {
  if (path.trim() === '') throw userError(`the ${what} path is an empty string`, 'give a file path');
  const hint = `choose a ${what} path you can write to`;
  makeDirs(dirname(resolve(path)), `the directory of ${what}`, hint, dirname(path) || '.');
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw fsUserError(e, `write ${what}`, path, hint);
  }
}

/**
 * Check, before a long run, that `path` can be written later: its directory exists (or can be
 * made) and `path` itself is not a directory. Throws the same one-line error `writeUserFile` would.
 */
export function checkUserFileDir(path: string, what: string): void {
  if (path.trim() === '') throw userError(`the ${what} path is an empty string`, 'give a file path');
  if (isDir(path) === true) throw userError(`cannot write ${what} '${path}': it is a directory`, `give a file path for the ${what}`);
  makeDirs(dirname(resolve(path)), `the directory of ${what}`, `choose a ${what} path you can write to`, dirname(path) || '.');
}
