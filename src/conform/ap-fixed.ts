/**
 * Golden-mode ap_fixed conformance: run every vector of the shared schema through the exact
 * golden model (src/golden/fixed) and report untagged vectors and each reference-quirk tag
 * separately. Input: records or a JSONL path. Output: a report and its text rendering.
 */
import { arithFixed, resultFormat } from '../golden/fixed/arith.ts';
import { castFixed, type CastOptions } from '../golden/fixed/cast.ts';
import { compareFixed, type CompareResult } from '../golden/fixed/compare.ts';
import { type FixedFormat, formatName, intToRaw, rawToInt } from '../golden/fixed/format.ts';
import { shlFixed, shrFixed } from '../golden/fixed/shift.ts';
import { toDecimalString } from '../golden/fixed/value.ts';
import {
  type ApFixedRecord,
  type Operand,
  type QuirkKind,
  DEFAULT_AP_FIXED_VECTORS,
  QUIRK_KINDS,
  readApFixedVectors,
} from './ap-fixed-records.ts';

export interface ConformOptions extends CastOptions {
  /** How many untagged failures to keep in `firstFailures` (default 10). */
  readonly maxFailures?: number;
}

export interface PassFail {
  passed: number;
  failed: number;
}

export interface ConformFailure {
  readonly line: number;
  readonly op: ApFixedRecord['op'];
  readonly quirk?: QuirkKind;
  /** The operation and its inputs, human-readable. */
  readonly what: string;
  readonly expected: string;
  readonly actual: string;
}

export interface ConformReport {
  readonly file?: string;
  readonly hlsCompat: boolean;
  /** Untagged vectors only (the pass criterion). */
  readonly passed: number;
  readonly failed: number;
  /** Tagged vectors, per quirk kind (every kind present, zero counts included). */
  readonly quirk: Record<QuirkKind, PassFail>;
  /** Untagged vectors per operation. */
  readonly byOp: Record<string, PassFail>;
  /** The first untagged failures, in file order. */
  readonly firstFailures: ConformFailure[];
}

/** The outcome of one record: `ok`, and both sides as text when they differ. */
export interface RecordOutcome {
  readonly ok: boolean;
  readonly what: string;
  readonly expected: string;
  readonly actual: string;
}

/** Check one record against the golden model. */
export function checkApFixedRecord(r: ApFixedRecord, opts: CastOptions = {}): RecordOutcome {
  switch (r.op) {
    case 'cast': {
      const got = castFixed(rawToInt(r.src.raw, r.src.fmt), r.src.fmt, r.dst, opts);
      const what = `cast ${show(r.src)} -> ${formatName(r.dst, true)}`;
      return outcome(what, showRaw(r.raw, r.dst), showRaw(intToRaw(got, r.dst), r.dst));
    }
    case 'add':
    case 'sub':
    case 'mul': {
      const what = `${r.op} ${show(r.a)}, ${show(r.b)} -> ${formatName(r.dst, true)}`;
      const fmt = resultFormat(r.op, r.a.fmt, r.b.fmt);
      if (!sameFormat(fmt, r.res.fmt)) {
        return outcome(what, `result type ${formatName(r.res.fmt)}`, `result type ${formatName(fmt)}`);
      }
      const exact = arithFixed(r.op, rawToInt(r.a.raw, r.a.fmt), r.a.fmt, rawToInt(r.b.raw, r.b.fmt), r.b.fmt);
      const resRaw = intToRaw(exact.int, fmt);
      if (resRaw !== r.res.raw) return outcome(what, `result ${showRaw(r.res.raw, fmt)}`, `result ${showRaw(resRaw, fmt)}`);
      const got = castFixed(exact.int, fmt, r.dst, opts);
      return outcome(what, showRaw(r.raw, r.dst), showRaw(intToRaw(got, r.dst), r.dst));
    }
    case 'shl':
    case 'shr': {
      const a = rawToInt(r.a.raw, r.a.fmt);
      const got = r.op === 'shl' ? shlFixed(a, r.a.fmt, r.sh) : shrFixed(a, r.a.fmt, r.sh);
      const what = `${show(r.a)} ${r.op === 'shl' ? '<<' : '>>'} ${r.sh}`;
      return outcome(what, showRaw(r.raw, r.a.fmt), showRaw(intToRaw(got, r.a.fmt), r.a.fmt));
    }
    case 'cmp': {
      const got = compareFixed(rawToInt(r.a.raw, r.a.fmt), r.a.fmt, rawToInt(r.b.raw, r.b.fmt), r.b.fmt, opts);
      return outcome(`cmp ${show(r.a)}, ${show(r.b)}`, showFlags(r), showFlags(got));
    }
  }
}

/** Run all records; untagged and tagged vectors are counted separately. */
export function checkApFixedRecords(records: readonly ApFixedRecord[], opts: ConformOptions = {}, file?: string): ConformReport {
  const maxFailures = opts.maxFailures ?? 10;
  const castOpts: CastOptions = { hlsCompat: opts.hlsCompat === true };
  const quirk = Object.fromEntries(QUIRK_KINDS.map((k) => [k, { passed: 0, failed: 0 }])) as Record<QuirkKind, PassFail>;
  const byOp: Record<string, PassFail> = {};
  const firstFailures: ConformFailure[] = [];
  let passed = 0;
  let failed = 0;
  for (const r of records) {
    const res = checkApFixedRecord(r, castOpts);
    const bucket = r.quirk ? quirk[r.quirk] : (byOp[r.op] ??= { passed: 0, failed: 0 });
    if (res.ok) bucket.passed++;
    else bucket.failed++;
    if (r.quirk) continue;
    if (res.ok) passed++;
    else {
      failed++;
      if (firstFailures.length < maxFailures) {
        firstFailures.push({ line: r.line, op: r.op, what: res.what, expected: res.expected, actual: res.actual });
      }
    }
  }
  return { ...(file === undefined ? {} : { file }), hlsCompat: castOpts.hlsCompat === true, passed, failed, quirk, byOp, firstFailures };
}

/** Read a JSONL file (default: the shared vectors) and check every record. */
export function checkApFixedFile(path: string = DEFAULT_AP_FIXED_VECTORS, opts: ConformOptions = {}): ConformReport {
  return checkApFixedRecords(readApFixedVectors(path), opts, path);
}

/**
 * Text report. The tagged vectors get their own line; the last line is always
 * `N passed, M failed` over the untagged vectors.
 */
export function formatApFixedReport(report: ConformReport): string {
  const lines: string[] = [];
  const mode = report.hlsCompat ? 'hlsCompat (reference quirks reproduced)' : 'documented semantics';
  lines.push(`ap_fixed conformance${report.file ? ` of ${report.file}` : ''}: golden model, ${mode}`);
  for (const [op, pf] of Object.entries(report.byOp)) {
    lines.push(`  ${op.padEnd(4)} ${pf.passed}/${pf.passed + pf.failed} passed`);
  }
  for (const f of report.firstFailures) {
    lines.push(`  FAIL line ${f.line}: ${f.what}: expected ${f.expected}, got ${f.actual}`);
  }
  if (report.failed > report.firstFailures.length) {
    lines.push(`  ... and ${report.failed - report.firstFailures.length} more failures`);
  }
  const tagged = QUIRK_KINDS.map((k) => `${k} ${report.quirk[k].passed}/${report.quirk[k].passed + report.quirk[k].failed}`);
  lines.push(`tagged (reference quirks, not counted below): ${tagged.join(', ')} passed`);
  lines.push(`${report.passed} passed, ${report.failed} failed`);
  return lines.join('\n');
}

function outcome(what: string, expected: string, actual: string): RecordOutcome {
  return { ok: expected === actual, what, expected, actual };
}

function sameFormat(a: FixedFormat, b: FixedFormat): boolean {
  return a.w === b.w && a.i === b.i && a.signed === b.signed;
}

function show(x: Operand): string {
  return `${formatName(x.fmt)}(${toDecimalString(rawToInt(x.raw, x.fmt), x.fmt)})`;
}

function showRaw(raw: bigint, f: FixedFormat): string {
  return `raw ${raw} (${toDecimalString(rawToInt(raw, f), f)})`;
}

function showFlags(c: CompareResult): string {
  return (['lt', 'le', 'gt', 'ge', 'eq', 'ne'] as const).map((k) => `${k}=${c[k] ? 1 : 0}`).join(' ');
}
