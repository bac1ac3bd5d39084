/**
 * Golden models of the arith blocks other than the recoders, from their definitions, in exact
 * BigInt arithmetic: the value of a bit heap, sums, products, leading-zero/one counts and shifts.
 * They share only parameter validation (check.ts) with the hardware, and import no generator code.
 */
import {
  checkCpaKind,
  checkFits,
  checkHeapBits,
  checkOperands,
  checkWidth,
  raise,
} from './check.ts';

/** One row of a heap: `value · 2^shift` (value signed or not, as a BigInt). */
export interface HeapRowGolden {
  readonly value: bigint;
  readonly shift?: number;
}

/** `Σ rows (mod 2^width)`: what `sum + carry` of a compressed heap equals (as 0 … 2^width − 1). */
export function heapSumGolden(rows: readonly HeapRowGolden[], width: number, constant = 0n): bigint {
  raise(checkWidth('bitHeap', 'width', width));
  raise(checkHeapBits(rows.length));
  let s = constant;
  for (const r of rows) s += r.value << BigInt(r.shift ?? 0);
  return BigInt.asUintN(width, s);
}

/** Exact `a + b + cin` (the CPA result, wide enough never to wrap). */
export function addGolden(kind: string, a: bigint, b: bigint, cin = 0n): bigint {
  raise(checkCpaKind(kind));
  return a + b + cin;
}

/** Exact product of a `wa`-bit and a `wb`-bit operand (signedness per operand). */
export function multiplyGolden(a: bigint, wa: number, aSigned: boolean, b: bigint, wb: number, bSigned: boolean): bigint {
  raise(checkWidth('multiply', 'operand width', wa));
  raise(checkWidth('multiply', 'operand width', wb));
  raise(checkFits('multiply', a, wa, aSigned));
  raise(checkFits('multiply', b, wb, bSigned));
  return a * b;
}

/** Exact sum of the operands. */
export function sumGolden(values: readonly bigint[]): bigint {
  raise(checkOperands('sum', values.length));
  return values.reduce((s, v) => s + v, 0n);
}

/** Length of the run of `bit` values from bit width − 1 of the `width`-bit unsigned `x` down. */
function leadingRun(block: string, x: bigint, width: number, bit: bigint): number {
  raise(checkWidth(block, 'width', width));
  raise(checkFits(block, x, width, false));
  let n = 0;
  for (let i = width - 1; i >= 0 && ((x >> BigInt(i)) & 1n) === bit; i--) n++;
  return n;
}

/** Number of leading zeros of the `width`-bit unsigned `x`, counted from bit width − 1 (width when x = 0). */
export function leadingZerosGolden(x: bigint, width: number): number {
  return leadingRun('leadingZeros', x, width, 0n);
}

/** Number of leading ones of the `width`-bit unsigned `x`. */
export function leadingOnesGolden(x: bigint, width: number): number {
  return leadingRun('leadingOnes', x, width, 1n);
}

export interface ShiftGolden {
  /** The shifted value (same width and signedness as the operand). */
  readonly value: bigint;
  /** Right shifts: 1 when a set bit was shifted out; left shift: 1 when a bit that differs from
   * zero left the top (the result lost value). */
  readonly sticky: bigint;
}

/** `x · 2^s` modulo 2^width (read back with x's signedness), and whether set bits left the top. */
export function shiftLeftGolden(x: bigint, width: number, signed: boolean, s: number): ShiftGolden {
  raise(checkWidth('shiftLeft', 'width', width));
  raise(checkFits('shiftLeft', x, width, signed));
  const full = BigInt.asUintN(width, x) << BigInt(s);
  const bits = BigInt.asUintN(width, full);
  return { value: signed ? BigInt.asIntN(width, bits) : bits, sticky: full >> BigInt(width) !== 0n ? 1n : 0n };
}

/** `floor(x / 2^s)` for unsigned x (logical) or signed x (arithmetic), and whether `x mod 2^s ≠ 0`. */
export function shiftRightGolden(x: bigint, width: number, signed: boolean, s: number): ShiftGolden {
  raise(checkWidth(signed ? 'shiftRightArith' : 'shiftRightLogical', 'width', width));
  raise(checkFits(signed ? 'shiftRightArith' : 'shiftRightLogical', x, width, signed));
  const value = x >> BigInt(s); // BigInt >> is floor division by 2^s for negative values too
  const sticky = (x & ((1n << BigInt(s)) - 1n)) !== 0n ? 1n : 0n;
  return { value, sticky };
}
