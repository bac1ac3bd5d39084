/**
 * May `gen` write its output to this path? The rule that keeps a user's files safe:
 *
 *  - an absent path is created (with its missing parents);
 *  - an empty directory is used;
 *  - a previous lowbit-hdl output — a directory whose `manifest.json` says `generator.name:
 *    "lowbit-hdl"` — is replaced, unless it holds files the manifest does not list (files the
 *    user added): those are named in the refusal;
 *  - anything else (a directory of other files, a regular file) is refused;
 *  - `force` replaces any directory except the file system root, the working directory or one of
 *    its ancestors, the home directory, and a directory holding the design file: replacing those
 *    would delete the user's project, so they are refused even with `--force`.
 *
 * A refusal is a `LowbitError` (exit 1) without a source location; an empty path is a usage error.
 * Every file system error (no permission, a parent that is a file, a path under /proc) becomes a
 * one-line message naming the path, never an exception with a stack.
 */
import { statSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { resolve, dirname, sep, relative } from 'node:path';
import { homedir } from 'node:os';
import { userError } from '../diag/error.ts';
import { fsErrorText, fsUserError } from '../util/safe-fs.ts';

/** The file name `gen` recognizes a previous output by. */
export const MANIFEST = 'manifest.json';

export interface OutputPlan {
  /** Absolute target path. */
  readonly target: string;
  /** What is at the target now. */
  readonly state: 'absent' | 'empty' | 'previous-output' | 'forced';
  /** The nearest existing ancestor (where missing directories start), for `absent`. */
  readonly existingAncestor: string;
}

export interface GuardOptions {
  readonly force?: boolean;
  /** Files that must never be inside the replaced directory (the design file). */
  readonly protect?: readonly string[];
  /** How the path was given, for messages (default: the path itself). */
  readonly shownAs?: string;
}

export { fsErrorText, fsUserError };

function statOrUndefined(path: string, shown: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw userError(`cannot write output to '${shown}': ${fsErrorText(code)}`, 'choose a directory path whose parents are directories');
    throw fsUserError(e, 'inspect output directory', shown, 'choose another directory with -o');
  }
}

/** `a` is `b` or contains it. */
function contains(a: string, b: string): boolean {
  const r = relative(a, b);
  return r === '' || (!r.startsWith('..') && !r.startsWith(sep) && r !== '..');
}

/** The names a previous output's manifest lists (plus the manifest), or undefined if it is not one. */
export function previousOutputFiles(dir: string): Set<string> | undefined {
  let text: string;
  try {
    text = readFileSync(resolve(dir, MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const m = JSON.parse(text) as { generator?: { name?: unknown }; files?: { file?: unknown }[] };
    if (m?.generator?.name !== 'lowbit-hdl' || !Array.isArray(m.files)) return undefined;
    return new Set([MANIFEST, ...m.files.map((f) => f.file).filter((f): f is string => typeof f === 'string')]);
  } catch {
    return undefined;
  }
}

/** Decide whether `path` may receive a new output; throw a user error explaining why not. */
export function planOutput(path: string, opts: GuardOptions = {}): OutputPlan {
  const shown = opts.shownAs ?? path;
  if (path.trim() === '') throw userError('the output directory is an empty string', 'give -o a directory path, e.g. -o rtl-out/my_top');
  const target = resolve(path);
  const dangerous = (): string | undefined => {
    if (dirname(target) === target) return 'it is the root of the file system';
    if (contains(target, process.cwd())) return target === process.cwd() ? 'it is the working directory' : 'it contains the working directory';
    if (target === resolve(homedir())) return 'it is your home directory';
    const p = (opts.protect ?? []).find((f) => contains(target, resolve(f)));
    if (p) return `it contains the design file ${p}`;
    return undefined;
  };
  const st = statOrUndefined(target, shown);
  if (!st) {
    // Find where the missing part starts; that ancestor must be a directory.
    let a = dirname(target);
    for (;;) {
      const s = statOrUndefined(a, shown);
      if (s) {
        if (!s.isDirectory()) throw userError(`cannot create output directory '${shown}': '${a}' is a file, not a directory`, 'choose a path under a directory');
        break;
      }
      a = dirname(a);
    }
    return { target, state: 'absent', existingAncestor: a };
  }
  if (!st.isDirectory()) throw userError(`output path '${shown}' is a file, not a directory`, 'give -o a directory (gen writes several files); it was left untouched');
  const danger = dangerous();
  if (danger) throw userError(`refusing to write output into '${shown}': ${danger}`, 'give -o a new or empty directory, e.g. -o rtl-out/my_top (not even --force replaces this one)');
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch (e) {
    throw fsUserError(e, 'read output directory', shown, 'choose another directory with -o');
  }
  if (entries.length === 0) return { target, state: 'empty', existingAncestor: target };
  if (opts.force) return { target, state: 'forced', existingAncestor: target };
  const listed = previousOutputFiles(target);
  if (!listed) {
    throw userError(
      `output directory '${shown}' is not empty and is not a previous lowbit-hdl output (it has no lowbit-hdl ${MANIFEST}); it holds ${describeEntries(entries)}`,
      'nothing was changed; give -o a new or empty directory, or pass --force to replace it and everything in it',
    );
  }
  const extra = entries.filter((e) => !listed.has(e)).sort();
  if (extra.length > 0) {
    throw userError(
      `output directory '${shown}' is a previous lowbit-hdl output but also holds ${extra.length === 1 ? 'a file' : 'files'} it did not write: ${extra.slice(0, 10).join(', ')}${extra.length > 10 ? `, … (${extra.length} in all)` : ''}`,
      'nothing was changed; move those files out of it, or pass --force to replace the directory and delete them',
    );
  }
  return { target, state: 'previous-output', existingAncestor: target };
}

function describeEntries(entries: readonly string[]): string {
  const shown = [...entries].sort().slice(0, 5).join(', ');
  return `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} (${shown}${entries.length > 5 ? ', …' : ''})`;
}
