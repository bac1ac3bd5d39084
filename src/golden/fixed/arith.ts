/**
 * Full-precision ap_fixed arithmetic (specs/fixed-point.md §3): the result type of `a*b`,
 * `a+b`, `a-b` is wide enough for the exact result; rounding/overflow happen only on a later
 * conversion (`castFixed`). Input: integers in operand LSB units. Output: exact result + type.
 */
import { type FixedFormat, checkFixedFormat, formatName, fracBits, intInRange } from './format.ts';

/** An integer in LSB units of `fmt` (value `int * 2^-F`). */
export interface FixedValue {
  readonly int: bigint;
  readonly fmt: FixedFormat;
}

export type ArithOp = 'add' | 'sub' | 'mul';

/** `a * b`: W = Wa + Wb, I = Ia + Ib, signed if either is. */
export function mulFormat(a: FixedFormat, b: FixedFormat): FixedFormat {
  return { w: a.w + b.w, i: a.i + b.i, signed: a.signed || b.signed };
}

/**
 * `a + b`: I = max(Ia + [Sb and not Sa], Ib + [Sa and not Sb]) + 1 (an unsigned operand
 * gains a bit when mixed with a signed one, plus one carry bit), F = max(Fa, Fb), W = I + F.
 */
export function addFormat(a: FixedFormat, b: FixedFormat): FixedFormat {
  const i = Math.max(a.i + (b.signed && !a.signed ? 1 : 0), b.i + (a.signed && !b.signed ? 1 : 0)) + 1;
  const f = Math.max(fracBits(a), fracBits(b));
  return { w: i + f, i, signed: a.signed || b.signed };
}

/** `a - b`: the widths of `a + b`, always signed (even unsigned - unsigned). */
export function subFormat(a: FixedFormat, b: FixedFormat): FixedFormat {
  return { ...addFormat(a, b), signed: true };
}

export function resultFormat(op: ArithOp, a: FixedFormat, b: FixedFormat): FixedFormat {
  return op === 'mul' ? mulFormat(a, b) : op === 'add' ? addFormat(a, b) : subFormat(a, b);
}

/**
 * The exact result of `a op b` in the result type of §3. The type is wide enough by
 * construction; an out-of-range result would be a bug here and throws.
 */
export function arithFixed(op: ArithOp, aInt: bigint, a: FixedFormat, bInt: bigint, b: FixedFormat): FixedValue {
  checkOperand(aInt, a);
  checkOperand(bInt, b);
  const fmt = resultFormat(op, a, b);
  let int: bigint;
  if (op === 'mul') {
    int = aInt * bInt; // F = Fa + Fb: no alignment needed
  } else {
    const f = fracBits(fmt);
    const x = aInt << BigInt(f - fracBits(a));
    const y = bInt << BigInt(f - fracBits(b));
    int = op === 'add' ? x + y : x - y;
  }
  if (!intInRange(int, fmt)) throw new Error(`internal: ${op} result ${int} does not fit ${formatName(fmt)}`);
  return { int, fmt };
}

export function addFixed(aInt: bigint, a: FixedFormat, bInt: bigint, b: FixedFormat): FixedValue {
  return arithFixed('add', aInt, a, bInt, b);
}

export function subFixed(aInt: bigint, a: FixedFormat, bInt: bigint, b: FixedFormat): FixedValue {
  return arithFixed('sub', aInt, a, bInt, b);
}

export function mulFixed(aInt: bigint, a: FixedFormat, bInt: bigint, b: FixedFormat): FixedValue {
  return arithFixed('mul', aInt, a, bInt, b);
}

function checkOperand(n: bigint, f: FixedFormat): void {
  checkFixedFormat(f);
  if (!intInRange(n, f)) throw new RangeError(`operand ${n} LSB is outside the range of ${formatName(f)}`);
}
