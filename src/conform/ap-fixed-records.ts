/**
 * The shared ap_fixed conformance-vector schema (shared/conformance/ap_fixed/README.md):
 * JSONL parsing with `file:line` diagnostics, typed records, and grouping of cast vectors by
 * (source format, destination format) for batch runs (golden model or generated RTL).
 * Input: JSONL text. Output: validated records with BigInt bit patterns.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LowbitError, userError } from '../diag/error.ts';
import { type FixedFormat, type OMode, type QMode, checkFixedFormat, formatName, O_MODES, Q_MODES } from '../golden/fixed/format.ts';

/** The vector file shipped with the specs; `LOWBIT_AP_FIXED_VECTORS` overrides it. */
export const DEFAULT_AP_FIXED_VECTORS =
  process.env.LOWBIT_AP_FIXED_VECTORS ??
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/conformance/ap_fixed/vectors.jsonl');

/** The reference deviations the vector file tags (README "Optional field quirk"). */
export type QuirkKind = 'sat_sym_1bit' | 'wrap_sm_rounding_carry' | 'cmp_mixed_sign_promotion';
export const QUIRK_KINDS: readonly QuirkKind[] = ['sat_sym_1bit', 'wrap_sm_rounding_carry', 'cmp_mixed_sign_promotion'];

/** A value: its format (modes only where the schema gives them) and its w-bit pattern. */
export interface Operand {
  readonly fmt: FixedFormat;
  /** Unsigned w-bit pattern, 0 <= raw < 2^w. */
  readonly raw: bigint;
}

interface RecordBase {
  /** 1-based line in the source file. */
  readonly line: number;
  readonly quirk?: QuirkKind;
}

export interface CastRecord extends RecordBase {
  readonly op: 'cast';
  readonly src: Operand;
  /** Destination format with q/o/n. */
  readonly dst: FixedFormat;
  readonly raw: bigint;
}

export interface ArithRecord extends RecordBase {
  readonly op: 'add' | 'sub' | 'mul';
  readonly a: Operand;
  readonly b: Operand;
  /** Full-precision result as the reference types it. */
  readonly res: Operand;
  readonly dst: FixedFormat;
  /** `res` converted to `dst`. */
  readonly raw: bigint;
}

export interface ShiftRecord extends RecordBase {
  readonly op: 'shl' | 'shr';
  readonly a: Operand;
  readonly sh: number;
  readonly raw: bigint;
}

export interface CmpRecord extends RecordBase {
  readonly op: 'cmp';
  readonly a: Operand;
  readonly b: Operand;
  readonly lt: boolean;
  readonly le: boolean;
  readonly gt: boolean;
  readonly ge: boolean;
  readonly eq: boolean;
  readonly ne: boolean;
}

export type ApFixedRecord = CastRecord | ArithRecord | ShiftRecord | CmpRecord;

/** Parse JSONL text; `file` is only used in diagnostics. Blank lines are skipped. */
export function parseApFixedVectors(text: string, file = '<vectors>'): ApFixedRecord[] {
  const out: ApFixedRecord[] = [];
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!.trim();
    if (line === '') continue;
    out.push(parseRecordLine(line, file, k + 1));
  }
  return out;
}

export function readApFixedVectors(path: string = DEFAULT_AP_FIXED_VECTORS): ApFixedRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw userError(`cannot read ap_fixed vectors '${path}': ${(e as Error).message}`, 'set LOWBIT_AP_FIXED_VECTORS');
  }
  return parseApFixedVectors(text, path);
}

/** Parse one JSONL line; every schema violation becomes a LowbitError at `file:line`. */
export function parseRecordLine(text: string, file: string, line: number): ApFixedRecord {
  const loc = { file, line, col: 1 };
  const fail = (msg: string): never => {
    throw userError(`malformed ap_fixed vector: ${msg}`, undefined, loc);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(`invalid JSON (${(e as Error).message})`);
  }
  const r = asObject(json, 'record', fail);
  const quirk = r.quirk === undefined ? undefined : oneOf(r.quirk, QUIRK_KINDS, 'quirk', fail);
  const base = quirk === undefined ? { line } : { line, quirk };
  try {
    switch (r.op) {
      case 'cast': {
        const src = operand(r.src, 'src', false, fail);
        return { op: 'cast', ...base, src, dst: destination(r.dst, 'dst', fail), raw: pattern(r.raw, 'raw', fail) };
      }
      case 'add':
      case 'sub':
      case 'mul': {
        const a = operand(r.a, 'a', false, fail);
        const b = operand(r.b, 'b', false, fail);
        const res = operand(r.res, 'res', false, fail);
        return { op: r.op, ...base, a, b, res, dst: destination(r.dst, 'dst', fail), raw: pattern(r.raw, 'raw', fail) };
      }
      case 'shl':
      case 'shr': {
        const a = operand(r.a, 'a', true, fail);
        if (typeof r.sh !== 'number' || !Number.isSafeInteger(r.sh)) fail("'sh' must be an integer");
        return { op: r.op, ...base, a, sh: r.sh as number, raw: pattern(r.raw, 'raw', fail) };
      }
      case 'cmp': {
        const a = operand(r.a, 'a', false, fail);
        const b = operand(r.b, 'b', false, fail);
        const flag = (k: string): boolean => (typeof r[k] === 'boolean' ? (r[k] as boolean) : fail(`'${k}' must be a boolean`));
        return { op: 'cmp', ...base, a, b, lt: flag('lt'), le: flag('le'), gt: flag('gt'), ge: flag('ge'), eq: flag('eq'), ne: flag('ne') };
      }
      default:
        return fail(`unknown op ${JSON.stringify(r.op)} (expected cast, add, sub, mul, shl, shr or cmp)`);
    }
  } catch (e) {
    // A format rejected by checkFixedFormat: re-throw at this line.
    if (e instanceof LowbitError && e.diagnostics[0]?.loc === undefined) fail(e.diagnostics[0]!.message);
    throw e;
  }
}

type Fail = (msg: string) => never;

function asObject(v: unknown, what: string, fail: Fail): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`${what} must be a JSON object`);
  return v as Record<string, unknown>;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], what: string, fail: Fail): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) fail(`'${what}' must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
  return v as T;
}

function format(v: unknown, what: string, withModes: boolean, fail: Fail): FixedFormat {
  const o = asObject(v, `'${what}'`, fail);
  const int = (k: string): number => {
    const x = o[k];
    if (typeof x !== 'number' || !Number.isSafeInteger(x)) fail(`'${what}.${k}' must be an integer`);
    return x as number;
  };
  if (typeof o.s !== 'boolean') fail(`'${what}.s' must be a boolean`);
  const base = { w: int('w'), i: int('i'), signed: o.s as boolean };
  if (!withModes) return checkFixedFormat(base);
  const q: QMode = oneOf(o.q, Q_MODES, `${what}.q`, fail);
  const om: OMode = oneOf(o.o, O_MODES, `${what}.o`, fail);
  return checkFixedFormat({ ...base, q, o: om, n: int('n') });
}

function destination(v: unknown, what: string, fail: Fail): FixedFormat {
  return format(v, what, true, fail);
}

function operand(v: unknown, what: string, withModes: boolean, fail: Fail): Operand {
  const fmt = format(v, what, withModes, fail);
  const raw = pattern((v as Record<string, unknown>).raw, `${what}.raw`, fail);
  if (raw >> BigInt(fmt.w) !== 0n) fail(`'${what}.raw' = ${raw} does not fit in ${fmt.w} bits`);
  return { fmt, raw };
}

function pattern(v: unknown, what: string, fail: Fail): bigint {
  if (typeof v !== 'string' || !/^\d+$/.test(v)) fail(`'${what}' must be a decimal string of an unsigned bit pattern`);
  return BigInt(v as string);
}

/** One conversion to check: a `cast` record, or the cast step of an add/sub/mul record. */
export interface CastVector {
  readonly line: number;
  readonly op: ApFixedRecord['op'];
  readonly quirk?: QuirkKind;
  /** Source pattern (the full-precision result for add/sub/mul). */
  readonly srcRaw: bigint;
  /** Expected destination pattern. */
  readonly raw: bigint;
}

/** All conversions from one source format into one destination format (with its modes). */
export interface CastGroup {
  /** Stable key, e.g. `ap_fixed<7,1> -> ap_fixed<5,3,AP_RND_CONV,AP_SAT_SYM,0>`. */
  readonly key: string;
  readonly src: FixedFormat;
  readonly dst: FixedFormat;
  readonly vectors: CastVector[];
}

export interface GroupOptions {
  /** Also include the cast step of add/sub/mul records (source = `res`). Default false. */
  readonly includeArith?: boolean;
}

/** Group conversions by (source format, destination format), in order of first appearance. */
export function groupCastVectors(records: readonly ApFixedRecord[], opts: GroupOptions = {}): CastGroup[] {
  const groups = new Map<string, CastGroup>();
  for (const r of records) {
    let src: Operand;
    if (r.op === 'cast') src = r.src;
    else if (opts.includeArith && (r.op === 'add' || r.op === 'sub' || r.op === 'mul')) src = r.res;
    else continue;
    const srcFmt: FixedFormat = { w: src.fmt.w, i: src.fmt.i, signed: src.fmt.signed };
    const key = `${formatName(srcFmt)} -> ${formatName(r.dst, true)}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, src: srcFmt, dst: r.dst, vectors: [] };
      groups.set(key, g);
    }
    const v: CastVector = { line: r.line, op: r.op, srcRaw: src.raw, raw: r.raw };
    g.vectors.push(r.quirk ? { ...v, quirk: r.quirk } : v);
  }
  return [...groups.values()];
}
