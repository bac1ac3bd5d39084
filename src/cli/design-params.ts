/**
 * Elaboration parameters of a design file, read from its TypeScript types with ts-morph: the type
 * argument of `defineDesign<P>(...)` (or an exported `Params` type). Each property gives a name, a
 * kind (number, boolean, string, or an enum of literals), its doc comment and its line. `--param
 * k=v` values are parsed and checked against these kinds; defaults come from the design object.
 */
import { Project, Node, SyntaxKind, type Type, type Symbol as MorphSymbol } from 'ts-morph';
import type { ParamValue } from '../dsl/design.ts';
import type { ParamInfo } from './param-values.ts';

export { resolveParams, formatParamList, type ParamInfo } from './param-values.ts';


/**
 * `lowbit-hdl` in the design resolves to the copy that is running: its TypeScript sources (the
 * `lowbit-hdl-source` export condition) when this module is itself TypeScript, else the compiled
 * package's declarations (dist/*.d.ts).
 */
const CONDITIONS = import.meta.url.endsWith('.ts') ? ['lowbit-hdl-source'] : [];

export function readParamInfo(file: string): ParamInfo[] {
  const project = new Project({
    compilerOptions: { module: 199 /* NodeNext */, moduleResolution: 99 /* NodeNext */, allowImportingTsExtensions: true, noEmit: true, strict: true, skipLibCheck: true, customConditions: CONDITIONS },
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
