/**
 * Load a user's design file: check its TypeScript syntax (ts-morph, precise line/column), import
 * it through tsx (no build step), and return its default-exported design. Every failure becomes
 * a `LowbitError` located in the user's file: syntax errors, a missing default export, and
 * exceptions the design code throws while loading.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { LowbitError, userError, isLowbitError } from '../diag/error.ts';
import { designMeta } from './design-meta.ts';
import type { ParamInfo } from './param-values.ts';

import { isDesign, type Design } from '../dsl/design.ts';
import { locInFile } from '../dsl/source-loc.ts';

export function resolveDesignPath(path: string): string {
  const file = resolve(path);
  if (!existsSync(file)) throw userError(`design file '${path}' does not exist`, 'check the path');
  if (statSync(file).isDirectory()) throw userError(`'${path}' is a directory, not a design file`, 'give the design file itself, e.g. examples/mac-int8.ts');
  return file;
}

export { isLowbitError };

/** Wrap an exception thrown by user code as a located error. */
export function asUserError(e: unknown, file: string, doing: string): LowbitError {
  if (isLowbitError(e)) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const loc = locInFile(e, file) ?? { file, line: 1, col: 1 };
  return new LowbitError({ severity: 'error', message: `the design threw while ${doing}: ${msg}`, hint: 'fix the exception at this line', loc });
}

/**
 * An import that could not be resolved, located at its module specifier in the importing file
 * (the design file or one of the user's own modules), or undefined if `e` is something else.
 */
export async function missingImportError(e: unknown, designFile: string): Promise<LowbitError | undefined> {
  const err = e as { code?: string; message?: string } | undefined;
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || typeof err.message !== 'string') return undefined;
  const m = /^Cannot find (module|package) '([^']+)' imported from (.+)$/.exec(err.message.split('\n')[0]!.trim());
  if (!m) return undefined;
  const [, kind, missing, importerRaw] = m as unknown as [string, string, string, string];
  const { ts } = await import('ts-morph');
  const importer = importerRaw.startsWith('file:') ? fileURLToPath(importerRaw) : importerRaw;
  const file = existsSync(importer) ? importer : designFile;
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const matches = (spec: string): boolean => (kind === 'package' ? spec === missing || spec.startsWith(missing + '/') : resolve(dirname(file), spec) === missing || resolve(dirname(file), spec) === missing.replace(/\.[cm]?js$/, ''));
  let at: import('ts-morph').ts.Node | undefined;
  const visit = (n: import('ts-morph').ts.Node): void => {
    if (at) return;
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier) && matches(n.moduleSpecifier.text)) at = n.moduleSpecifier;
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0]) && matches(n.arguments[0].text)) at = n.arguments[0];
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  const pos = at ? sf.getLineAndCharacterOfPosition(at.getStart(sf)) : { line: 0, character: 0 };
  const spec = at && ts.isStringLiteral(at) ? at.text : missing;
  const message = kind === 'package' ? `cannot import '${spec}': package '${missing}' is not installed` : `cannot import '${spec}': no such file (${missing})`;
  const hint = kind === 'package' ? `install it (npm i ${missing}) or fix the name` : 'check the path; it is relative to this file';
  return userError(message, hint, { file, line: pos.line + 1, col: pos.character + 1 });
}

/** `import { x } from 'm'` where m has no export x: located at the imported name. */
export async function missingExportError(e: unknown, file: string): Promise<LowbitError | undefined> {
  const m = e instanceof SyntaxError ? /does not provide an export named '([^']+)'/.exec(e.message) : null;
  if (!m) return undefined;
  const { ts } = await import('ts-morph');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause?.namedBindings || !ts.isNamedImports(st.importClause.namedBindings)) continue;
    for (const el of st.importClause.namedBindings.elements) {
      if ((el.propertyName ?? el.name).text !== m[1]) continue;
      const pos = sf.getLineAndCharacterOfPosition(el.getStart(sf));
      const from = (st.moduleSpecifier as unknown as { text: string }).text;
      return userError(`'${from}' has no export named '${m[1]}'`, 'check the name (it is case-sensitive) and the module it is imported from', { file, line: pos.line + 1, col: pos.character + 1 });
    }
  }
  return undefined;
}

/**
 * Register tsx and the design hooks (register-loader.mjs) in this thread, once: the compiled CLI
 * does it only here, just before the first design file is imported; from the sources (bin.mjs)
 * they are registered already and this import is a no-op. The public entry (`lowbit-hdl`, which
 * nearly every design imports) is loaded first: once the hooks are registered, every module
 * still to load goes through them, a round trip to the hooks thread each.
 */
export async function registerDesignLoader(): Promise<void> {
  await import('../index.ts');
  await import(new URL('./register-loader.mjs', import.meta.url).href);
}

/**
 * Load a design file: syntax check (cached with its parameter metadata, design-meta.ts), import,
 * default export. Returns the parameter metadata too.
 */
export async function loadDesign(path: string): Promise<{ file: string; design: Design; params: readonly ParamInfo[] }> {
  const file = resolveDesignPath(path);
  const meta = await designMeta(file);
  if (meta.syntax.length > 0) throw new LowbitError([...meta.syntax]);
  await registerDesignLoader();
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    throw (await missingImportError(e, file)) ?? (await missingExportError(e, file)) ?? asUserError(e, file, 'loading');
  }
  if (!isDesign(mod.default)) {
    throw userError('the design file has no default export made with defineDesign()', 'end it with `export default defineDesign({ defaults, build })`', { file, line: 1, col: 1 });
  }
  return { file, design: mod.default, params: meta.params };
}
