/**
 * Elaboration parameters of a design file, read from its TypeScript types with ts-morph: the type
 * argument of `defineDesign<P>(...)` (or an exported `Params` type). Each property gives a name, a
 * kind (number, boolean, string, or an enum of literals), its doc comment and its line. `--param
 * k=v` values are parsed and checked against these kinds; defaults come from the design object.
 */
import { Project, Node, SyntaxKind, type Type, type Symbol as MorphSymbol } from 'ts-morph';
import { userError, LowbitError, type Diagnostic, type SourceLoc } from '../diag/error.ts';
import type { ParamValue } from '../dsl/design.ts';

export interface ParamInfo {
  readonly name: string;
  readonly kind: 'number' | 'boolean' | 'string' | 'enum';
  /** Allowed values of an enum (string or number literals). */
  readonly values?: readonly ParamValue[];
  readonly doc: string;
  readonly optional: boolean;
  readonly loc: SourceLoc;
  readonly typeText: string;
}

export function readParamInfo(file: string): ParamInfo[] {
  const project = new Project({
    compilerOptions: { module: 199 /* NodeNext */, moduleResolution: 99 /* NodeNext */, allowImportingTsExtensions: true, noEmit: true, strict: true, skipLibCheck: true },
    skipAddingFilesFromTsConfig: true,
  });
  const sf = project.addSourceFileAtPath(file);
  project.resolveSourceFileDependencies();
  let typeNode: Node | undefined;
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getExpression().getText().endsWith('defineDesign') && call.getTypeArguments().length > 0) {
      typeNode = call.getTypeArguments()[0];
      break;
    }
  }
  typeNode ??= sf.getInterface('Params') ?? sf.getTypeAlias('Params');
  if (!typeNode) return [];
  const type = typeNode.getType();
  return type.getProperties().map((p) => describe(p, typeNode!, file));
}

function describe(p: MorphSymbol, at: Node, file: string): ParamInfo {
  const decl = p.getValueDeclaration() ?? p.getDeclarations()[0];
  const t = p.getTypeAtLocation(at).getNonNullableType();
  const docs = decl && Node.isJSDocable(decl) ? decl.getJsDocs().map((d) => d.getDescription().trim()).join(' ') : '';
  const line = decl ? decl.getStartLineNumber() : 1;
  const col = decl ? decl.getStart() - decl.getStartLinePos() + 1 : 1;
  const optional = p.isOptional();
  const base = { name: p.getName(), doc: docs.replace(/\s+/g, ' '), optional, loc: { file: decl?.getSourceFile().getFilePath() ?? file, line, col }, typeText: t.getText(at) };
  const literals = literalValues(t);
  if (literals) return { ...base, kind: 'enum', values: literals };
  if (t.isBoolean()) return { ...base, kind: 'boolean' };
  if (t.isNumber()) return { ...base, kind: 'number' };
  return { ...base, kind: 'string' };
}

function literalValues(t: Type): ParamValue[] | undefined {
  const parts = t.isUnion() ? t.getUnionTypes() : [t];
  if (t.isBoolean() || parts.some((u) => !(u.isStringLiteral() || u.isNumberLiteral()))) return undefined;
  return parts.map((u) => u.getLiteralValue() as ParamValue);
}

/** Parse `k=v` strings against the design's parameters; merge over the defaults. */
export function resolveParams(file: string, defaults: Readonly<Record<string, unknown>>, args: readonly string[], infos: readonly ParamInfo[] | undefined): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = { ...(defaults as Record<string, ParamValue>) };
  const diags: Diagnostic[] = [];
  const byName = new Map((infos ?? []).map((i) => [i.name, i]));
  const given = new Map<string, string>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) {
      diags.push({ severity: 'error', message: `--param '${arg}' is not of the form name=value`, hint: 'e.g. --param rows=8' });
      continue;
    }
    const name = arg.slice(0, eq);
    const text = arg.slice(eq + 1);
    const earlier = given.get(name);
    if (earlier !== undefined) {
      diags.push({ severity: 'error', message: `--param ${name} is given twice (--param ${earlier}, then --param ${arg})`, hint: 'give each parameter once' });
      continue;
    }
    given.set(name, arg);
    const info = byName.get(name);
    if (infos && !info) {
      diags.push({ severity: 'error', message: `unknown parameter '${name}'`, hint: `the design's parameters are: ${infos.map((i) => i.name).join(', ') || '(none)'}`, loc: { file, line: 1, col: 1 } });
      continue;
    }
    const kind = info?.kind ?? kindOf(defaults[name]);
    const parsed = parseValue(text, kind, info?.values);
    if (parsed === undefined) {
      const want = kind === 'enum' ? `one of ${info!.values!.map((v) => JSON.stringify(v)).join(', ')}` : `a ${kind}`;
      diags.push({ severity: 'error', message: `--param ${name}=${text}: expected ${want}`, hint: info?.doc || undefined, loc: info?.loc });
      continue;
    }
    out[name] = parsed;
  }
  for (const info of infos ?? []) {
    if (out[info.name] === undefined && !info.optional) {
      diags.push({ severity: 'error', message: `missing --param ${info.name} (${info.typeText}): the design gives it no default`, hint: info.doc || `pass --param ${info.name}=<value>`, loc: info.loc });
    }
  }
  if (diags.length > 0) throw new LowbitError(diags);
  return out;
}

function kindOf(v: unknown): ParamInfo['kind'] {
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
}

function parseValue(text: string, kind: ParamInfo['kind'], values?: readonly ParamValue[]): ParamValue | undefined {
  switch (kind) {
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'enum':
      return values!.find((v) => String(v) === text);
    default:
      return text;
  }
}

/** Human-readable listing for `gen --list-params`. */
export function formatParamList(infos: readonly ParamInfo[], defaults: Readonly<Record<string, unknown>>): string {
  if (infos.length === 0) return 'This design declares no parameters.\n';
  const rows = infos.map((i) => ({
    name: i.name,
    type: i.kind === 'enum' ? i.values!.map((v) => JSON.stringify(v)).join(' | ') : i.kind,
    def: defaults[i.name] === undefined ? (i.optional ? '(optional)' : '(required)') : JSON.stringify(defaults[i.name]),
    doc: i.doc,
  }));
  const w = (k: 'name' | 'type' | 'def'): number => Math.max({ name: 4, type: 4, def: 7 }[k], ...rows.map((r) => r[k].length)); // header widths
  const [wn, wt, wd] = [w('name'), w('type'), w('def')];
  const line = (a: string, b: string, c: string, d: string): string => `${a.padEnd(wn)}  ${b.padEnd(wt)}  ${c.padEnd(wd)}  ${d}`.trimEnd();
  return [line('name', 'type', 'default', 'description'), ...rows.map((r) => line(r.name, r.type, r.def, r.doc))].join('\n') + '\n';
}

export { userError };
