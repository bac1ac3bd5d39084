/**
 * The module graph of a TypeScript source tree, for the architecture tests.
 *
 * Nodes are files (paths relative to the tree root, `/`-separated). An edge `a → b` means that
 * loading `a` loads `b`: a static `import … from`, `export … from` or side-effect `import '…'`,
 * or a dynamic `import('…')` with a literal specifier, whose relative specifier resolves to a file
 * of the tree. Type-only imports are NOT edges: `import type`, `export type … from`, and an
 * `import { type A, type B }` whose bindings are all types are erased by the compiler (this
 * project does not set `verbatimModuleSyntax`), so they load nothing and cannot carry code or
 * create a load-order cycle. Package specifiers (`handlebars`, `node:fs`) are not nodes.
 *
 * Everything works on an in-memory map `path → text`, so the rules can be unit-tested on a
 * small planted graph (test/architecture/imports.test.ts) as well as run over `src/`.
 */
import ts from 'typescript';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/** `path → files it loads` (sorted, deduplicated). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Every `.ts` file under `root`, as `relative path → text`. */
export function readTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) out.set(relative(root, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return out;
}

/** The specifiers of the runtime imports of one file (static, re-export, side-effect, dynamic literal). */
export function runtimeSpecifiers(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const c = n.importClause;
      const typeOnly =
        c !== undefined &&
        (c.isTypeOnly ||
          (c.name === undefined &&
            c.namedBindings !== undefined &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push(n.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const typeOnly =
        n.isTypeOnly ||
        (n.exportClause !== undefined && ts.isNamedExports(n.exportClause) && n.exportClause.elements.length > 0 && n.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(n.moduleSpecifier.text);
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) {
      out.push(n.arguments[0].text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Resolve a relative specifier of `from` against the file set (exact `.ts` path, or `dir/index.ts`). */
function resolveSpecifier(from: string, spec: string, files: ReadonlyMap<string, string>): string | null {
  if (!spec.startsWith('.')) return null;
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  for (const cand of [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}/index.ts`]) if (files.has(cand)) return cand;
  return null;
}

/** The runtime import graph of a file set. A relative specifier that resolves to no file is an error. */
export function buildGraph(files: ReadonlyMap<string, string>): ImportGraph {
  const g = new Map<string, string[]>();
  for (const [path, text] of files) {
    const deps = new Set<string>();
    for (const spec of runtimeSpecifiers(path, text)) {
      const r = resolveSpecifier(path, spec, files);
      if (r !== null) deps.add(r);
      else if (spec.startsWith('.')) throw new Error(`${path}: import '${spec}' resolves to no file`);
    }
    g.set(path, [...deps].sort());
  }
  return g;
}

/**
 * Files reachable from `start` (excluding `start` unless it lies on a cycle), each with one
 * shortest import chain from `start` (breadth-first, so the chain in a failure message is short).
 */
export function reachable(g: ImportGraph, start: string): Map<string, string[]> {
  const chain = new Map<string, string[]>();
  const queue: string[][] = [[start]];
  while (queue.length > 0) {
    const path = queue.shift()!;
    for (const d of g.get(path[path.length - 1]!) ?? []) {
      if (chain.has(d)) continue;
      const p = [...path, d];
      chain.set(d, p);
      queue.push(p);
    }
  }
  return chain;
}

/** A layer rule: no file matching `from` may reach (transitively) a file matching `to`. */
export interface ReachRule {
  readonly from: (path: string) => boolean;
  readonly to: (path: string, from: string) => boolean;
  /** Follow imports transitively (default) or look at direct imports only. */
  readonly direct?: boolean;
}

/** One line per offending pair: the import chain `a → … → b`, sorted. */
export function violations(g: ImportGraph, rule: ReachRule): string[] {
  const out: string[] = [];
  for (const f of [...g.keys()].sort()) {
    if (!rule.from(f)) continue;
    const hits = rule.direct
      ? (g.get(f) ?? []).map((d) => [d, [f, d]] as const)
      : [...reachable(g, f)];
    for (const [d, chain] of hits) if (d !== f && rule.to(d, f)) out.push(chain.join(' → '));
  }
  return out.sort();
}

/**
 * The import cycles: every strongly connected component with more than one file, or a file that
 * imports itself (Tarjan). Each component is listed sorted, components sorted by their first file.
 */
export function cycles(g: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (g.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of [...g.keys()].sort()) if (!index.has(v)) strong(v);
  return out.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}
