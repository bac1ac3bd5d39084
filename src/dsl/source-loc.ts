/**
 * Where in the user's TypeScript a DSL call was made. Capturing is cheap (raw V8 call sites, ~5 us);
 * mapping to the original TypeScript line/column goes through Node's source maps (tsx registers them)
 * and is cached per file. Frames inside the DSL itself are skipped, so the location is the user's.
 */
import { findSourceMap, type SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import type { SourceLoc } from '../diag/error.ts';

const DSL_DIR = dirname(fileURLToPath(import.meta.url));
const IR_DIR = DSL_DIR.replace(/dsl$/, 'ir');
/** The component library (src/lib) is DSL code too: its errors point at the user's call of a block. */
const LIB_DIR = DSL_DIR.replace(/dsl$/, 'lib');

let enabled = true;

/** Turn capture off (benchmarks of emission only) or on. */
export function setLocCapture(on: boolean): void {
  enabled = on;
}

const sourceMaps = new Map<string, SourceMap | null>();

function mapped(file: string, line: number, col: number): SourceLoc {
  let sm = sourceMaps.get(file);
  if (sm === undefined) {
    try {
      sm = findSourceMap(file) ?? null;
    } catch {
      sm = null;
    }
    sourceMaps.set(file, sm);
  }
  if (sm) {
    const e = sm.findEntry(line - 1, col - 1) as { originalLine?: number; originalColumn?: number };
    if (e && typeof e.originalLine === 'number') {
      return { file, line: e.originalLine + 1, col: (e.originalColumn ?? 0) + 1 };
    }
  }
  return { file, line, col };
}

function isInternal(file: string): boolean {
  return file.startsWith(DSL_DIR) || file.startsWith(IR_DIR) || file.startsWith(LIB_DIR) || file.includes('/node_modules/') || file.startsWith('node:');
}

/** The raw call sites above `below` (at most 16), with file URLs turned into paths. */
function callSites(below: Function): { file: string; line: number; col: number }[] {
  const prevPrepare = Error.prepareStackTrace;
  const prevLimit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_e, sites) => sites;
  Error.stackTraceLimit = 16;
  const holder: { stack?: unknown } = {};
  Error.captureStackTrace(holder, below);
  const sites = holder.stack as NodeJS.CallSite[];
  Error.prepareStackTrace = prevPrepare;
  Error.stackTraceLimit = prevLimit;
  const out: { file: string; line: number; col: number }[] = [];
  for (const site of sites) {
    const raw = site.getFileName();
    if (!raw) continue;
    out.push({ file: raw.startsWith('file://') ? fileURLToPath(raw) : raw, line: site.getLineNumber() ?? 0, col: site.getColumnNumber() ?? 0 });
  }
  return out;
}

/**
 * The first call-site outside the DSL, mapped to the user's TypeScript source. `alsoSkip`: more
 * directories whose frames are skipped (a PE family's generator files, so a parameter error points
 * at the user's call of the generator).
 */
export function captureLoc(alsoSkip: readonly string[] = []): SourceLoc | undefined {
  if (!enabled) return undefined;
  for (const { file, line, col } of callSites(captureLoc)) {
    if (isInternal(file) || alsoSkip.some((d) => file.startsWith(d))) continue;
    return mapped(file, line, col);
  }
  return undefined;
}

/** The package's own source root (src/), whose generic blocks may rely on folding on purpose. */
const SRC_DIR = dirname(DSL_DIR);

/**
 * Where the user wrote the DSL call in progress, or undefined when it was written inside the
 * package's own sources (src/lib, src/pe, …: generic blocks that rely on the DSL's folding for some
 * parameters) or when capture is off. Only the first frame outside src/dsl and src/ir counts.
 */
export function userWrittenLoc(): SourceLoc | undefined {
  if (!enabled) return undefined;
  for (const { file, line, col } of callSites(userWrittenLoc)) {
    if (file.startsWith(DSL_DIR) || file.startsWith(IR_DIR)) continue;
    if (file.startsWith(SRC_DIR + '/') || file.includes('/node_modules/') || file.startsWith('node:')) return undefined;
    return mapped(file, line, col);
  }
  return undefined;
}

/** Locate an Error thrown by user code: the first stack frame inside `file`. */
export function locInFile(error: unknown, file: string): SourceLoc | undefined {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  for (const line of stack.split('\n')) {
    const m = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!m) continue;
    const f = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    if (f === file) return { file, line: Number(m[2]), col: Number(m[3]) };
  }
  return undefined;
}
