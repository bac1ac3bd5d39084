/**
 * Load a user's design file: check its TypeScript syntax (ts-morph, precise line/column), import
 * it through tsx (no build step), and return its default-exported design. Every failure becomes
 * a `LowbitError` located in the user's file: syntax errors, a missing default export, and
 * exceptions the design code throws while loading.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ts } from 'ts-morph';
import { LowbitError, userError, isLowbitError, type Diagnostic } from '../diag/error.ts';
import { isDesign, type Design } from '../dsl/design.ts';
import { locInFile } from '../dsl/source-loc.ts';

export function resolveDesignPath(path: string): string {
  const file = resolve(path);
  if (!existsSync(file)) throw userError(`design file '${path}' does not exist`, 'check the path');
  if (statSync(file).isDirectory()) throw userError(`'${path}' is a directory, not a design file`, 'give the design file itself, e.g. examples/mac-int8.ts');
  return file;
}

/** Syntax diagnostics only (fast: no type checking, no imports followed). */
export function syntaxErrors(file: string): Diagnostic[] {
  // A bare parse (no program, no imports followed): parse diagnostics are the syntax errors.
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const parseDiagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return parseDiagnostics.map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    return {
      severity: 'error' as const,
      message: `TypeScript syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
      loc: { file, line: pos.line + 1, col: pos.character + 1 },
    };
  });
}

export { isLowbitError };

/** Wrap an exception thrown by user code as a located error. */
export function asUserError(e: unknown, file: string, doing: string): LowbitError {
  if (isLowbitError(e)) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const loc = locInFile(e, file) ?? { file, line: 1, col: 1 };
  return new LowbitError({ severity: 'error', message: `the design threw while ${doing}: ${msg}`, hint: 'fix the exception at this line', loc });
}

export async function loadDesign(path: string): Promise<{ file: string; design: Design }> {
  const file = resolveDesignPath(path);
  const syntax = syntaxErrors(file);
  if (syntax.length > 0) throw new LowbitError(syntax);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    throw asUserError(e, file, 'loading');
  }
  if (!isDesign(mod.default)) {
    throw userError('the design file has no default export made with defineDesign()', 'end it with `export default defineDesign({ defaults, build })`', { file, line: 1, col: 1 });
  }
  return { file, design: mod.default };
}
