/**
 * What `gen` needs from a design file's TypeScript before running it — its syntax errors and its
 * parameter metadata (design-params.ts) — cached by content hash. Reading the parameters means
 * type-checking the design with ts-morph (the TypeScript compiler), by far the slowest part of a
 * small `gen`; a second `gen` of an unchanged file reads one JSON file instead and never loads
 * ts-morph. The key covers the lowbit-hdl version, the file's path and text, and the text of every
 * file it imports by relative path (transitively), so a changed `Params` type in a helper file is
 * seen. The cache lives beside the build cache (`.lowbit-hdl/build/meta/`, see cosim/paths.ts);
 * it is optional: an unwritable cache only costs time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { makeDirs } from '../util/safe-fs.ts';
import { dirname, join, resolve } from 'node:path';
import { VERSION } from './version.ts';
import { defaultBuildDir } from '../cosim/paths.ts';
import type { Diagnostic } from '../diag/error.ts';
import type { ParamInfo } from './param-values.ts';

export interface DesignMeta {
  readonly syntax: readonly Diagnostic[];
  readonly params: readonly ParamInfo[];
}

const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Hash of the design file and its relative imports (transitively). */
export function metaKey(file: string): string {
  const h = createHash('sha256').update(`lowbit-hdl ${VERSION}\n`);
  const seen = new Set<string>();
  const todo = [resolve(file)];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      h.update(`${f}\n<missing>\n`);
      continue;
    }
    h.update(`${f}\n${text.length}\n${text}\n`);
    for (const m of text.matchAll(IMPORT)) {
      const spec = resolve(dirname(f), m[1]!);
      const candidates = [spec, spec.replace(/\.js$/, '.ts'), `${spec}.ts`];
      const found = candidates.find((c) => existsSync(c) && /\.[cm]?tsx?$/.test(c));
      if (found) todo.push(found);
    }
  }
  return h.digest('hex');
}

export async function designMeta(file: string, cacheDir: string = join(defaultBuildDir(), 'meta')): Promise<DesignMeta> {
  const key = metaKey(file);
  const path = join(cacheDir, `${key}.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as DesignMeta;
  } catch {
    /* not cached yet */
  }
  const { syntaxErrors } = await import('./design-syntax.ts');
  const syntax = await syntaxErrors(file);
  const params = syntax.length > 0 ? [] : (await import('./design-params.ts')).readParamInfo(file);
  const meta: DesignMeta = { syntax, params };
  if (syntax.length === 0) {
    try {
      makeDirs(cacheDir, 'the parameter cache', 'optional'); // not mkdirSync(recursive): it spins forever under /proc
      const tmp = `${path}.${process.pid}`;
      writeFileSync(tmp, JSON.stringify(meta));
      renameSync(tmp, path);
    } catch {
      /* the cache is optional */
    }
  }
  return meta;
}
