/**
 * Parameter validation shared by every arith block and its golden twin, so both reject a bad
 * parameter with the same message. Imports no DSL (golden files import this). Each check returns
 * a `Problem` (message + hint) or undefined; `raise(problem, loc)` turns it into the user error.
 * Hardware blocks pass the user's call site (src/lib/arith/located.ts); golden twins pass none.
 */
import { userError, type SourceLoc } from '../../diag/error.ts';

export interface Problem {
  readonly message: string;
  readonly hint?: string;
}

/** Throw `problem` as a LowbitError located at `loc` (when given). No-op for undefined. */
export function raise(problem: Problem | undefined, loc?: SourceLoc): void {
  if (problem) throw userError(problem.message, problem.hint, loc);
}

/** `width` must be an integer >= `min` (default 1). */
export function checkWidth(block: string, what: string, width: number, min = 1): Problem | undefined {
  if (Number.isInteger(width) && width >= min && width <= 65536) return undefined;
  return { message: `${block}: ${what} must be an integer from ${min} to 65536, got ${width}`, hint: `give ${block} at least ${min} bit${min === 1 ? '' : 's'}` };
}

/** Radix-4 recoders: operand width and the sign-padding rule (tpe.md §3.1–3.2, bitmod.md §5.1). */
export function checkRecode(block: 'booth' | 'ent', width: number, signed: boolean, signPad: boolean): Problem | undefined {
  const w = checkWidth(block === 'booth' ? 'boothRecode' : 'entRecode', 'operand width', width);
  if (w) return w;
  if (signed && width % 2 === 1 && !signPad) {
    const name = block === 'booth' ? 'radix-4 Booth' : 'EN-T';
    return { message: `${name} recoding of a ${width}-bit signed operand needs an even width`, hint: `pass { signPad: true } to sign-extend it to ${width + 1} bits, or widen it with .ext(${width + 1})` };
  }
  return undefined;
}

/**
 * Radix-4 digit count of a `width`-bit operand: the effective two's-complement width (one 0 sign bit
 * added to an unsigned operand) rounded up to even, halved. Call after checkRecode.
 */
export function recodeDigits(width: number, signed: boolean): number {
  return Math.ceil((signed ? width : width + 1) / 2);
}

/** A value must fit its declared operand type (golden twins take BigInts). */
export function checkFits(block: string, value: bigint, width: number, signed: boolean): Problem | undefined {
  const lo = signed ? -(1n << BigInt(width - 1)) : 0n;
  const hi = signed ? (1n << BigInt(width - 1)) - 1n : (1n << BigInt(width)) - 1n;
  if (value >= lo && value <= hi) return undefined;
  return { message: `${block}: value ${value} does not fit a ${signed ? 'signed' : 'unsigned'} ${width}-bit operand`, hint: `the range is ${lo}..${hi}` };
}

/** A bit heap (compressor-tree input) must hold at least one variable bit. */
export function checkHeapBits(bits: number): Problem | undefined {
  if (bits > 0) return undefined;
  return { message: 'bit heap has no bits', hint: 'add at least one signal row or bit before compressing it' };
}

export const CPA_KINDS = ['ripple', 'kogge-stone', 'brent-kung', 'sklansky', 'plus'] as const;
export type CpaKind = (typeof CPA_KINDS)[number];

export function checkCpaKind(kind: string): Problem | undefined {
  if ((CPA_KINDS as readonly string[]).includes(kind)) return undefined;
  return { message: `unknown carry-propagate adder '${kind}'`, hint: `use one of ${CPA_KINDS.join(', ')}` };
}

export const SCHEDULES = ['wallace', 'dadda'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export function checkSchedule(s: string): Problem | undefined {
  if ((SCHEDULES as readonly string[]).includes(s)) return undefined;
  return { message: `unknown compressor-tree schedule '${s}'`, hint: `use one of ${SCHEDULES.join(', ')}` };
}

export const RECODERS = ['array', 'booth', 'ent'] as const;
export type Recoder = (typeof RECODERS)[number];

export function checkRecoder(r: string): Problem | undefined {
  if ((RECODERS as readonly string[]).includes(r)) return undefined;
  return { message: `unknown partial-product recoder '${r}'`, hint: `use one of ${RECODERS.join(', ')}` };
}

/** A multi-operand sum needs at least one operand. */
export function checkOperands(block: string, count: number): Problem | undefined {
  if (count > 0) return undefined;
  return { message: `${block} needs at least one operand`, hint: 'pass a non-empty list of values' };
}

/** Shifters: the shift amount is an unsigned count. */
export function checkShiftAmount(block: string, signed: boolean): Problem | undefined {
  if (!signed) return undefined;
  return { message: `${block}: the shift amount must be unsigned`, hint: 'use .asUnsigned() or a uint signal' };
}
