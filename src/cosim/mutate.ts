/**
 * Mutation testing of the cosim setup: derive deterministic single-edit mutants from the `assign`
 * right-hand sides of a Verilog file and check that cosimulation kills each one (reports a
 * mismatch, a hang or an extra beat). Mutants keep every width unchanged so they stay lint-clean:
 *   operator      + <-> -, & <-> |, < <-> <=, > <-> >=
 *   constant      a value literal off by one (+1, or -1 when +1 would not fit its width)
 *   operand-swap  L - R -> (R - L), and the same for < <= > >=
 *   drop-bit      x[m:l] -> {x[m:l+1], 1'b0}; a constant bit-select inside a concatenation -> 1'b0
 * Constants inside selects and replication counts are left alone (they change shapes, not values).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LowbitError, userError } from '../diag/error.ts';
import { Prng } from '../util/prng.ts';
import { BuildRejected, hashParts } from './build-cache.ts';
import { defaultBuildDir } from './paths.ts';
import { proveEquivalent } from './equivalence.ts';
import { runCosim, type CosimOptions } from './run-cosim.ts';
import type { CosimResult } from './types.ts';
import { type Expr, findAssigns, parseExpr, tokenize } from './verilog-parser.ts';

export type MutantKind = 'operator' | 'constant' | 'operand-swap' | 'drop-bit';
export const MUTANT_KINDS: readonly MutantKind[] = ['operator', 'constant', 'operand-swap', 'drop-bit'];

export interface Mutant {
  /** "m1", "m2", ... in source order. */
  readonly id: string;
  readonly kind: MutantKind;
  /** 1-based line and column of the edit in the original file. */
  readonly line: number;
  readonly column: number;
  readonly original: string;
  readonly replacement: string;
  /** e.g. "line 7: 'a + b' -> 'a - b' (operator)". */
  readonly description: string;
  /** The whole mutated file. */
  readonly text: string;
}

export interface MutantOptions {
  /** How many mutants (default: all candidates). Picked round-robin over kinds, seeded within a kind. */
  readonly count?: number;
  readonly seed?: number;
  readonly kinds?: readonly MutantKind[];
}

interface Edit {
  readonly kind: MutantKind;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** All candidate edits, or a deterministic selection of `count`, as mutants in source order. */
export function generateMutants(verilog: string, opts: MutantOptions = {}): Mutant[] {
  const kinds = opts.kinds ?? MUTANT_KINDS;
  const edits: Edit[] = [];
  for (const a of findAssigns(verilog)) {
    let e: Expr;
    try {
      e = parseExpr(tokenize(verilog, a.rhsStart, a.rhsEnd));
    } catch {
      continue; // Outside the supported expression subset: no mutants from this statement.
    }
    collect(verilog, e, false, edits);
  }
  const wanted = edits.filter((e) => kinds.includes(e.kind));
  const picked = opts.count === undefined || opts.count >= wanted.length ? wanted : pick(wanted, opts.count, opts.seed ?? 1, kinds);
  picked.sort((x, y) => x.start - y.start || MUTANT_KINDS.indexOf(x.kind) - MUTANT_KINDS.indexOf(y.kind));
  return picked.map((e, i) => {
    const before = verilog.slice(0, e.start);
    const line = before.split('\n').length;
    const column = e.start - before.lastIndexOf('\n');
    const original = verilog.slice(e.start, e.end);
    return {
      id: `m${i + 1}`,
      kind: e.kind,
      line,
      column,
      original,
      replacement: e.replacement,
      description: `line ${line}: '${original}' -> '${e.replacement}' (${e.kind})`,
      text: before + e.replacement + verilog.slice(e.end),
    };
  });
}

const OP_SWAP: Record<string, string> = { '+': '-', '-': '+', '&': '|', '|': '&', '<': '<=', '<=': '<', '>': '>=', '>=': '>' };
const NON_COMMUTATIVE = new Set(['-', '<', '<=', '>', '>=']);

function collect(src: string, e: Expr, inIndex: boolean, out: Edit[]): void {
  const text = (x: Expr): string => src.slice(x.start, x.end);
  switch (e.kind) {
    case 'num': {
      const r = inIndex ? undefined : offByOne(e.text);
      if (r !== undefined) out.push({ kind: 'constant', start: e.start, end: e.end, replacement: r });
      return;
    }
    case 'id':
      return;
    case 'select': {
      const { msb, lsb } = e;
      if (lsb && !e.indexed && msb.kind === 'num' && lsb.kind === 'num' && /^\d+$/.test(msb.text) && /^\d+$/.test(lsb.text)) {
        const m = Number(msb.text);
        const l = Number(lsb.text);
        if (m > l) out.push({ kind: 'drop-bit', start: e.start, end: e.end, replacement: `{${text(e.base)}[${m}:${l + 1}], 1'b0}` });
      }
      collect(src, e.base, inIndex, out);
      collect(src, msb, true, out);
      if (lsb) collect(src, lsb, true, out);
      return;
    }
    case 'unary':
      collect(src, e.operand, inIndex, out);
      return;
    case 'binary': {
      const swapOp = OP_SWAP[e.op];
      if (swapOp) out.push({ kind: 'operator', start: e.opStart, end: e.opStart + e.op.length, replacement: swapOp });
      if (NON_COMMUTATIVE.has(e.op) && text(e.left) !== text(e.right)) {
        out.push({ kind: 'operand-swap', start: e.start, end: e.end, replacement: `(${text(e.right)} ${e.op} ${text(e.left)})` });
      }
      collect(src, e.left, inIndex, out);
      collect(src, e.right, inIndex, out);
      return;
    }
    case 'ternary':
      for (const x of [e.cond, e.then, e.else]) collect(src, x, inIndex, out);
      return;
    case 'concat':
      for (const item of e.items) {
        if (item.kind === 'select' && !item.lsb && item.msb.kind === 'num') {
          out.push({ kind: 'drop-bit', start: item.start, end: item.end, replacement: "1'b0" });
        }
        collect(src, item, inIndex, out);
      }
      return;
    case 'repl':
      collect(src, e.count, true, out);
      for (const item of e.items) collect(src, item, inIndex, out);
      return;
    case 'call':
      for (const x of e.args) collect(src, x, inIndex, out);
      return;
    case 'paren':
      collect(src, e.inner, inIndex, out);
      return;
  }
}

/** The literal with its value moved by one, same width and signedness; undefined for x/z digits. */
function offByOne(lit: string): string | undefined {
  const m = /^(\d[\d_]*)?\s*'([sS]?)([bBoOdDhH])\s*([0-9a-fA-F_]+)$/.exec(lit);
  if (!m) {
    if (!/^\d[\d_]*$/.test(lit)) return undefined;
    return String(BigInt(lit.replace(/_/g, '')) + 1n);
  }
  const width = m[1] ? Number(m[1].replace(/_/g, '')) : 32;
  const radix = { b: 2, o: 8, d: 10, h: 16 }[m[3].toLowerCase() as 'b' | 'o' | 'd' | 'h'];
  let v = 0n;
  for (const ch of m[4].replace(/_/g, '').toLowerCase()) v = v * BigInt(radix) + BigInt(parseInt(ch, 16));
  const max = (1n << BigInt(width)) - 1n;
  const next = v + 1n <= max ? v + 1n : v - 1n;
  return `${m[1] ? m[1].replace(/_/g, '') : ''}'${m[2]}h${next.toString(16)}`;
}

function pick(edits: readonly Edit[], count: number, seed: number, kinds: readonly MutantKind[]): Edit[] {
  const prng = new Prng(seed);
  const pools = kinds.map((k) => {
    const pool = edits.filter((e) => e.kind === k);
    for (let i = pool.length - 1; i > 0; i--) {
      const j = prng.below(i + 1);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool;
  });
  const out: Edit[] = [];
  for (let round = 0; out.length < count; round++) {
    for (const pool of pools) if (round < pool.length && out.length < count) out.push(pool[round]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/**
 * killed: cosim failed (or the cycle-level timing changed); equivalent: survived, but Yosys proves
 * its outputs identical to the original's in every reachable state, so no vector could kill it;
 * unproven: survived cosim in a module the prover does not attempt (a multiplier: SAT does not
 * finish), so it is neither shown equivalent nor shown weak; survived: the prover tried and could
 * not show equivalence; invalid: the mutant did not build (lint).
 */
export type MutantStatus = 'killed' | 'equivalent' | 'unproven' | 'survived' | 'invalid';

export interface MutantResult {
  readonly mutant: Mutant;
  /** killed: cosim failed; survived: cosim passed; invalid: the mutant did not build (lint). */
  readonly status: MutantStatus;
  /** Failing transactions (0 for hangs and invalid mutants). */
  readonly failed: number;
  /** One line: first mismatch, hang/extra message, or the build error. */
  readonly reason: string;
}

export interface MutationReport {
  readonly file: string;
  readonly results: readonly MutantResult[];
  readonly killed: number;
  readonly equivalent: number;
  readonly unproven: number;
  readonly survived: number;
  readonly invalid: number;
}

export interface MutationOptions extends CosimOptions {
  /** Target file to mutate (default: target.files[0]). */
  readonly file?: string;
  /** Mutants to run (default: generateMutants(file text, mutantOptions)). */
  readonly mutants?: readonly Mutant[];
  readonly mutantOptions?: MutantOptions;
}

/**
 * Cosimulate the original target (it must pass), then each mutant with the same vectors and seed.
 * Mutant sources go to <buildDir>/mutants/ and are removed afterwards; their builds stay cached.
 */
export async function runMutants(opts: MutationOptions): Promise<MutationReport> {
  const file = opts.file ?? opts.target.files[0];
  if (!opts.target.files.includes(file)) throw userError(`mutation: '${file}' is not one of the target's files`);
  const source = readFileSync(file, 'utf8');
  const mutants = opts.mutants ?? generateMutants(source, opts.mutantOptions);
  const base = await runCosim({ ...opts, maxMismatches: 1 });
  if (base.failed > 0) throw userError(`mutation: the unmutated '${opts.target.top}' already fails cosim (${base.failed} mismatches)`);
  const dir = path.join(opts.buildDir ?? defaultBuildDir(), 'mutants', `${opts.target.top}-${process.pid}-${Date.now().toString(36)}`);
  const results: MutantResult[] = [];
  try {
    for (const m of mutants) {
      const mdir = path.join(dir, `${m.id}-${hashParts([m.text]).slice(0, 8)}`);
      mkdirSync(mdir, { recursive: true });
      const mfile = path.join(mdir, path.basename(file));
      writeFileSync(mfile, m.text);
      const target = { ...opts.target, files: opts.target.files.map((f) => (f === file ? mfile : f)) };
      let r = await judge(m, () => runCosim({ ...opts, target, maxMismatches: 1 }), base);
      if (r.status === 'survived') {
        const eq = await proveEquivalent(opts.target.files, opts.target.top, { file, text: m.text });
        if (eq === 'equivalent') r = { ...r, status: 'equivalent', reason: `${r.reason}; Yosys proves the outputs identical` };
        if (eq === 'not-attempted') r = { ...r, status: 'unproven', reason: `${r.reason}; equivalence not attempted (module has a wide multiplier)` };
      }
      results.push(r);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const count = (s: MutantStatus): number => results.filter((r) => r.status === s).length;
  return { file, results, killed: count('killed'), equivalent: count('equivalent'), unproven: count('unproven'), survived: count('survived'), invalid: count('invalid') };
}

async function judge(mutant: Mutant, run: () => ReturnType<typeof runCosim>, base: CosimResult): Promise<MutantResult> {
  try {
    const r = await run();
    if (r.failed === 0) {
      // Same transactions, but a different cycle count: the mutant changed observable timing
      // (throughput, latency or handshakes), which a cycle-accurate comparison rejects.
      const timing = r.runs.find((x) => base.runs.find((b) => b.sim === x.sim)?.cycles !== x.cycles);
      if (timing) {
        const was = base.runs.find((b) => b.sim === timing.sim)!.cycles;
        return { mutant, status: 'killed', failed: 0, reason: `timing changed on ${timing.sim}: ${timing.cycles} cycles instead of ${was}` };
      }
      return { mutant, status: 'survived', failed: 0, reason: `${r.passed} checks passed` };
    }
    const m = r.mismatches[0];
    return {
      mutant,
      status: 'killed',
      failed: r.failed,
      reason: `${r.failed} mismatching; first: transaction ${m.index} on ${m.sim}, expected ${m.expected.flat().join(',')}, got ${m.actual.flat().join(',')}`,
    };
  } catch (e) {
    if (e instanceof BuildRejected) return { mutant, status: 'invalid', failed: 0, reason: e.message.split('\n').slice(0, 2).join(' ') };
    if (e instanceof LowbitError) return { mutant, status: 'killed', failed: 0, reason: e.message.split('\n')[0] };
    throw e;
  }
}

/** Text summary: one line per mutant, then `K killed, S survived, I invalid`. */
export function formatMutationReport(r: MutationReport): string {
  const lines = [`mutation of ${r.file}: ${r.results.length} mutants`];
  for (const x of r.results) lines.push(`  ${x.mutant.id} ${x.status.padEnd(8)} ${x.mutant.description} -- ${x.reason}`);
  lines.push(`${r.killed} killed, ${r.equivalent} equivalent, ${r.unproven} unproven, ${r.survived} survived, ${r.invalid} invalid`);
  return lines.join('\n');
}
