/**
 * TPE array parameters (specs/tpe.md §7), their defaults, the one validation shared by the array
 * generators and the golden models (rule R5), and the derived figures both need (GEMM shape of a
 * transaction, exact minimum accumulator width, digit count, output signedness).
 *
 * Contract: `tpeParams(overrides)` fills defaults and validates; `checkTpeParams(p)` returns the
 * first `Problem` (a message naming the parameter, its valid range and the value given) or
 * undefined. The generator raises it at the user's call site, the golden model unlocated, so both
 * print the same message. Imports no DSL: golden files import this.
 */
import { userError, type SourceLoc } from '../../diag/error.ts';
import { CPA_KINDS, SCHEDULES, type CpaKind, type Problem, type Schedule } from '../../lib/arith/check.ts';

export const TPE_ARCHS = ['systolic-os', 'systolic-ws', 'cube', 'mul-tree', 'column'] as const;
/**
 * The five architectures of tpe.md §4. Each maps the transaction GEMM `C[m×n] = A[m×k]·B[k×n]`
 * onto its array: `systolic-os` m×n PEs (k streamed), `systolic-ws` k×n PEs (m streamed),
 * `cube` n×n×n (m = k = n), `mul-tree` k lanes × n tiles (m streamed), `column` n PEs sharing one
 * activation vector (m = 1, k streamed).
 */
export type TpeArch = (typeof TPE_ARCHS)[number];

export const TPE_FORMS = ['baseline', 'opt'] as const;
/**
 * `baseline`: a multiplier and an adder per MAC, carry-propagate adder in the loop. `opt`: the
 * bit-weight-transformed form — OPT1 (systolic, cube), OPT2 (mul-tree), OPT3/OPT4 (column).
 */
export type TpeForm = (typeof TPE_FORMS)[number];

export const TPE_RECODERS = ['default', 'booth', 'ent'] as const;
/** `default`: the form's own (none for baseline, Booth for OPT1, EN-T for OPT2–OPT4). */
export type TpeRecoder = (typeof TPE_RECODERS)[number];

export const TPE_SIGN_EXT = ['full', 'eliminated'] as const;
export type TpeSignExt = (typeof TPE_SIGN_EXT)[number];

/** One TPE array configuration; the generator and the golden model read this same object. */
export interface TpeParams {
  readonly arch: TpeArch;
  readonly form: TpeForm;
  /** GEMM rows of A / C per transaction (1 … 256; cube: = k = n; column: 1). */
  readonly m: number;
  /** Reduction length per transaction (1 … 256; mul-tree lanes: 2 … 256; cube: = m = n). */
  readonly k: number;
  /** GEMM columns of B / C per transaction (1 … 256). */
  readonly n: number;
  /** Operand width W of A and B: even, 2 … 16 (default 8). */
  readonly W: number;
  /** A (activations) two's complement (default true) or unsigned. */
  readonly aSigned: boolean;
  /** B (weights) two's complement (default true) or unsigned. */
  readonly bSigned: boolean;
  /** Result width; 0 (default) = the exact minimum `tpeMinAccW(p)`; else ≥ that minimum, ≤ 128. */
  readonly accW: number;
  /** Partial-product recoder, see `TpeRecoder`. */
  readonly recoder: TpeRecoder;
  /** Compressor-tree schedule (opt forms): Dadda (default) or Wallace. */
  readonly tree: Schedule;
  /** Use 4:2 compressors in the trees (default false: 3:2 and 2:2 only). */
  readonly compress42: boolean;
  /** Sign extension of negative partial products: full (default) or eliminated (constant row). */
  readonly signExt: TpeSignExt;
  /** Carry-propagate adder at the array edge (opt) or in the loop (baseline); default `plus`. */
  readonly edgeCpa: CpaKind;
  /** Column: activations per encoder block, 1 … 16 (default 4). */
  readonly block: number;
  /** Mul-tree: pipeline stages, 1 … 16 (default 7, as in the repository). */
  readonly stages: number;
}

export const TPE_DEFAULTS: Omit<TpeParams, 'arch' | 'form' | 'm' | 'k' | 'n'> = {
  W: 8,
  aSigned: true,
  bSigned: true,
  accW: 0,
  recoder: 'default',
  tree: 'dadda',
  compress42: false,
  signExt: 'full',
  edgeCpa: 'plus',
  block: 4,
  stages: 7,
};

/** Paper sizes (tpe.md §7 defaults) as GEMM shapes per transaction. */
export const TPE_PAPER_SIZES: Readonly<Record<TpeArch, { m: number; k: number; n: number }>> = {
  'systolic-os': { m: 16, k: 16, n: 16 },
  'systolic-ws': { m: 16, k: 16, n: 16 },
  cube: { m: 8, k: 8, n: 8 },
  'mul-tree': { m: 16, k: 16, n: 16 },
  column: { m: 1, k: 32, n: 32 },
};

const MAX_DIM = 256;

function intIn(v: number, lo: number, hi: number): boolean {
  return Number.isInteger(v) && v >= lo && v <= hi;
}

function bad(arch: string, param: string, range: string, got: unknown, hint?: string): Problem {
  return { message: `tpe ${arch}: parameter ${param} must be ${range}, got ${String(got)}`, hint: hint ?? `valid: ${range}` };
}

/** ceil(log2 x) for an integer x ≥ 1. */
export function ceilLog2(x: number): number {
  let c = 0;
  while (2 ** c < x) c++;
  return c;
}

/**
 * Exact minimum result width (tpe.md §2): `2W + ceil(log2 k)`, plus 1 when exactly one operand is
 * unsigned and the other signed. Every |C| then fits without wrapping.
 */
export function tpeMinAccW(p: Pick<TpeParams, 'W' | 'k' | 'aSigned' | 'bSigned'>): number {
  return 2 * p.W + ceilLog2(p.k) + (p.aSigned !== p.bSigned ? 1 : 0);
}

/** The result width in effect: `accW`, or the minimum when accW = 0. */
export function tpeAccW(p: TpeParams): number {
  return p.accW === 0 ? tpeMinAccW(p) : p.accW;
}

/** C is signed unless both operands are unsigned. */
export function tpeResultSigned(p: Pick<TpeParams, 'aSigned' | 'bSigned'>): boolean {
  return p.aSigned || p.bSigned;
}

/** The recoder the form uses: null for baseline (a plain multiplier). */
export function tpeRecoderInUse(p: Pick<TpeParams, 'arch' | 'form' | 'recoder'>): 'booth' | 'ent' | null {
  if (p.form === 'baseline') return null;
  if (p.recoder !== 'default') return p.recoder;
  return p.arch === 'systolic-os' || p.arch === 'systolic-ws' || p.arch === 'cube' ? 'booth' : 'ent';
}

/** Radix-4 digits of a W-bit activation: W/2 (signed) or W/2 + 1 (unsigned, its 0 sign bit). */
export function tpeDigits(p: Pick<TpeParams, 'W' | 'aSigned'>): number {
  return Math.ceil((p.aSigned ? p.W : p.W + 1) / 2);
}

/** Valid recoders per form (tpe.md §7: "a recoder the form does not use" is an error). */
export function tpeValidRecoders(p: Pick<TpeParams, 'arch' | 'form'>): readonly TpeRecoder[] {
  if (p.form === 'baseline') return ['default'];
  // The column's sparse encoder skips EN-T zero digits (OPT3/OPT4): EN-T only.
  if (p.arch === 'column') return ['default', 'ent'];
  return ['default', 'booth', 'ent'];
}

/** The first problem with `p`, or undefined. Order: arch, form, shape, widths, options. */
export function checkTpeParams(p: TpeParams): Problem | undefined {
  const a = String(p.arch);
  if (!(TPE_ARCHS as readonly string[]).includes(p.arch)) return bad('array', 'arch', `one of ${TPE_ARCHS.join(', ')}`, p.arch);
  if (!(TPE_FORMS as readonly string[]).includes(p.form)) return bad(a, 'form', `one of ${TPE_FORMS.join(', ')}`, p.form);
  const minK = p.arch === 'mul-tree' ? 2 : 1;
  for (const [name, v, lo] of [['m', p.m, 1], ['k', p.k, minK], ['n', p.n, 1]] as const) {
    if (!intIn(v, lo, MAX_DIM)) {
      return bad(a, name, `an integer from ${lo} to ${MAX_DIM}`, v, lo === 2 ? 'an adder tree needs at least 2 lanes' : undefined);
    }
  }
  if (p.arch === 'cube' && !(p.m === p.k && p.k === p.n)) {
    return bad(a, 'm, k, n', 'equal (an N×N×N cube)', `${p.m}, ${p.k}, ${p.n}`);
  }
  if (p.arch === 'column' && p.m !== 1) return bad(a, 'm', '1 (the column shares one activation vector)', p.m);
  if (!intIn(p.W, 2, 16) || p.W % 2 !== 0) return bad(a, 'W', 'an even integer from 2 to 16', p.W);
  if (typeof p.aSigned !== 'boolean') return bad(a, 'aSigned', 'true or false', p.aSigned);
  if (typeof p.bSigned !== 'boolean') return bad(a, 'bSigned', 'true or false', p.bSigned);
  const min = tpeMinAccW(p);
  if (!(p.accW === 0 || intIn(p.accW, min, 128))) {
    return bad(a, 'accW', `0 (the minimum) or an integer from ${min} (the exact minimum 2W + ceil(log2 k)${p.aSigned !== p.bSigned ? ' + 1' : ''}) to 128`, p.accW);
  }
  const recoders = tpeValidRecoders(p);
  if (!recoders.includes(p.recoder)) {
    return bad(a, 'recoder', `one of ${recoders.join(', ')} for form ${p.form}`, p.recoder, p.form === 'baseline' ? 'the baseline uses a plain multiplier, no recoder' : undefined);
  }
  if (!(SCHEDULES as readonly string[]).includes(p.tree)) return bad(a, 'tree', `one of ${SCHEDULES.join(', ')}`, p.tree);
  if (typeof p.compress42 !== 'boolean') return bad(a, 'compress42', 'true or false', p.compress42);
  if (!(TPE_SIGN_EXT as readonly string[]).includes(p.signExt)) return bad(a, 'signExt', `one of ${TPE_SIGN_EXT.join(', ')}`, p.signExt);
  if (!(CPA_KINDS as readonly string[]).includes(p.edgeCpa)) return bad(a, 'edgeCpa', `one of ${CPA_KINDS.join(', ')}`, p.edgeCpa);
  if (!intIn(p.block, 1, 16)) return bad(a, 'block', 'an integer from 1 to 16', p.block);
  if (!intIn(p.stages, 1, 16)) return bad(a, 'stages', 'an integer from 1 to 16', p.stages);
  return undefined;
}

/** Throw the first problem of `p` as a LowbitError (located at `loc` when given). */
export function validateTpeParams(p: TpeParams, loc?: SourceLoc): TpeParams {
  const problem = checkTpeParams(p);
  if (problem) throw userError(problem.message, problem.hint, loc);
  return p;
}

/**
 * Defaults (the paper size of `arch`) filled in, not validated: for design files, whose generator
 * call then validates and reports a bad value at the design's line.
 */
export function tpeWithDefaults(arch: TpeArch, form: TpeForm, overrides: Partial<TpeParams> = {}): TpeParams {
  const size = TPE_PAPER_SIZES[arch] ?? { m: 1, k: 1, n: 1 };
  return { ...TPE_DEFAULTS, ...size, arch, form, ...overrides };
}

/** Defaults (the paper size of `arch`) filled in, then validated. */
export function tpeParams(arch: TpeArch, form: TpeForm, overrides: Partial<TpeParams> = {}, loc?: SourceLoc): TpeParams {
  return validateTpeParams(tpeWithDefaults(arch, form, overrides), loc);
}
