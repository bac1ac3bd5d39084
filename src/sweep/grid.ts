/**
 * Sweep grids: `--grid name=v1,v2,…` (or an integer range `name=lo..hi`, `name=lo..hi:step`)
 * parsed against the design's parameters, and their cartesian product in a fixed order (the
 * first `--grid` varies slowest). Values are typed by the parameter's kind (number, boolean,
 * enum, string) exactly as `--param` is; an unknown name or a value of the wrong kind is a
 * usage error naming the flag.
 */
import type { ParamInfo } from '../cli/design-params.ts';
import type { ParamValue } from '../dsl/design.ts';

/** A bad `--grid`, `--where` or `--metrics` argument: the CLI prints it and exits 2. */
export class SweepUsageError extends Error {}

export interface GridAxis {
  readonly name: string;
  readonly values: readonly ParamValue[];
}

/** One point of the grid: parameter name → value, in axis order. */
export type GridPoint = Readonly<Record<string, ParamValue>>;

/** Largest grid accepted (a typo like `0..1000000` is an error, not hours of work). */
export const MAX_POINTS = 100_000;

function typed(text: string, info: ParamInfo | undefined, fallback: ParamValue | undefined, flag: string): ParamValue {
  const kind = info?.kind ?? (typeof fallback === 'number' ? 'number' : typeof fallback === 'boolean' ? 'boolean' : 'string');
  if (kind === 'enum') {
    const v = info!.values!.find((x) => String(x) === text);
    if (v === undefined) throw new SweepUsageError(`${flag}: '${text}' is not one of ${info!.values!.map((x) => JSON.stringify(x)).join(', ')}`);
    return v;
  }
  if (kind === 'number') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw new SweepUsageError(`${flag}: '${text}' is not a number`);
    return n;
  }
  if (kind === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new SweepUsageError(`${flag}: '${text}' is not true or false`);
    return text === 'true';
  }
  return text;
}

const RANGE = /^(-?\d+)\.\.(-?\d+)(?::(\d+))?$/;

/** Parse one `--grid` argument. `infos` are the design's declared parameters; `defaults` its defaults. */
export function parseGridArg(arg: string, infos: readonly ParamInfo[], defaults: Readonly<Record<string, unknown>>): GridAxis {
  const flag = `--grid ${arg}`;
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new SweepUsageError(`${flag}: expected name=v1,v2,… or name=lo..hi`);
  const name = arg.slice(0, eq).trim();
  const body = arg.slice(eq + 1);
  const info = infos.find((i) => i.name === name);
  const known = infos.length > 0 ? infos.map((i) => i.name) : Object.keys(defaults);
  if (!info && !(name in defaults)) throw new SweepUsageError(`${flag}: unknown parameter '${name}' (the design's parameters are: ${known.join(', ') || '(none)'})`);
  let texts: string[];
  const range = RANGE.exec(body.trim());
  if (range) {
    const [lo, hi, step] = [Number(range[1]), Number(range[2]), range[3] === undefined ? 1 : Number(range[3])];
    if (step <= 0 || hi < lo) throw new SweepUsageError(`${flag}: empty range (need lo <= hi and a positive step)`);
    if ((hi - lo) / step >= MAX_POINTS) throw new SweepUsageError(`${flag}: range has more than ${MAX_POINTS} values`);
    texts = [];
    for (let v = lo; v <= hi; v += step) texts.push(String(v));
  } else {
    texts = body.split(',').map((t) => t.trim());
    if (texts.some((t) => t === '')) throw new SweepUsageError(`${flag}: empty value in the list`);
  }
  const values: ParamValue[] = [];
  for (const t of texts) {
    const v = typed(t, info, defaults[name] as ParamValue | undefined, flag);
    if (!values.includes(v)) values.push(v);
  }
  return { name, values };
}

/** All `--grid` arguments; a parameter given twice is an error. */
export function parseGrid(args: readonly string[], infos: readonly ParamInfo[], defaults: Readonly<Record<string, unknown>>): GridAxis[] {
  const axes = args.map((a) => parseGridArg(a, infos, defaults));
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.name)) throw new SweepUsageError(`--grid: parameter '${a.name}' is given twice`);
    seen.add(a.name);
  }
  const n = axes.reduce((k, a) => k * a.values.length, 1);
  if (n > MAX_POINTS) throw new SweepUsageError(`--grid: ${n} points is more than ${MAX_POINTS}`);
  return axes;
}

/** Cartesian product, first axis slowest. No axes → one empty point (the defaults). */
export function gridPoints(axes: readonly GridAxis[]): GridPoint[] {
  let out: Record<string, ParamValue>[] = [{}];
  for (const axis of axes) {
    const next: Record<string, ParamValue>[] = [];
    for (const p of out) for (const v of axis.values) next.push({ ...p, [axis.name]: v });
    out = next;
  }
  return out;
}
