/**
 * Parameter values: `--param k=v` strings parsed and checked against a design's parameter
 * metadata (read by design-params.ts, cached by design-meta.ts), merged over the defaults; and the
 * `gen --list-params` listing. No TypeScript compiler here: this runs on every `gen`.
 */
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


/** A hint that fits the value given to a numeric parameter that a generator refused. */
export function rangeHint(name: string, value: ParamValue, original: string | undefined): string {
  if (typeof value !== 'number') return original ?? `check the value of ${name}`;
  if (!Number.isInteger(value)) return `${name} counts whole units: ${value} is not an integer${original ? `; ${original}` : ''}`;
  if (value === 0) return `${name} must be at least 1${original ? `; ${original}` : ''}`;
  if (value < 0) return `${name} cannot be negative (${value})${original ? `; ${original}` : ''}`;
  if (value >= 1e6) return `${value} is far beyond what can be elaborated${original ? `; ${original}` : ''}`;
  return original ?? `check the value of ${name}`;
}

/**
 * Relocate a generator's refusal of a parameter value (an error without a location in the design
 * file whose message names one of its parameters) to that parameter's declaration, with a hint
 * that fits the value and says where the value came from (`--param` or the default).
 */
export function locateParamError(diags: readonly Diagnostic[], file: string, infos: readonly ParamInfo[], values: Readonly<Record<string, ParamValue>>, given: readonly string[]): Diagnostic[] | undefined {
  let changed = false;
  const out = diags.map((d) => {
    if (d.severity !== 'error' || (d.loc && d.loc.file === file)) return d;
    const info = infos.find((i) => new RegExp(`(^|[^\\w])${i.name}([^\\w]|$)`).test(d.message));
    if (!info || values[info.name] === undefined) return d;
    changed = true;
    const arg = [...given].reverse().find((a) => a.startsWith(`${info.name}=`));
    const from = arg ? `from --param ${arg}` : `the design's default`;
    return { ...d, loc: info.loc, hint: `${rangeHint(info.name, values[info.name]!, d.hint)} (${from})` };
  });
  return changed ? out : undefined;
}
