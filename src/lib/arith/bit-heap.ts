/**
 * A bit heap: columns of weighted bits (column j weighs 2^j) plus one constant, all summed modulo
 * 2^width (tpe.md §3.3). Rows (signals) are added with their sign handled one of two ways:
 *   full        — the sign bit is copied into every column up to width − 1 (tpe.md default);
 *   eliminated  — the sign bit is inverted in place and −2^(msb column) joins the constant
 *                 (the constant-correction trick: x = Σ_{i<S−1} x_i 2^i + (1 − x_{S−1}) 2^{S−1} − 2^{S−1}).
 * Subtraction (`negate`) is the bitwise inverse plus a hot one in the row's least significant column,
 * so no carry chain is built; a run-time `negate` bit XORs the row and is itself the hot one.
 * Reduce a heap to (sum, carry) with `compressHeap` (compress.ts).
 */
import type { Signal } from '../../dsl/signal.ts';
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { uint } from '../../dsl/types.ts';
import { checkWidth } from './check.ts';
import { fail } from './located.ts';

export type SignExtension = 'full' | 'eliminated';

export interface HeapOptions {
  /** Default sign handling of signed rows (default 'full'). */
  readonly signExtension?: SignExtension;
}

export interface RowOptions {
  /** Column of the row's bit 0 (default 0): the row is added times 2^shift. */
  readonly shift?: number;
  /** Subtract the row: `true` always, a uint(1) signal at run time (default: add). */
  readonly negate?: Signal | boolean;
  /** Override the heap's sign handling for this row. */
  readonly signExtension?: SignExtension;
}

export class BitHeap {
  /** Bits per column, uint(1) signals, column 0 first. */
  readonly columns: Signal[][];
  /** Constant part of the heap, 0 … 2^width − 1. */
  constant = 0n;
  readonly signExtension: SignExtension;

  /** @internal Use `bitHeap(m, width)`. */
  constructor(
    readonly m: ModuleBuilder,
    readonly width: number,
    opts: HeapOptions,
  ) {
    this.columns = Array.from({ length: width }, () => []);
    this.signExtension = opts.signExtension ?? 'full';
  }

  /** Number of variable bits in the heap. */
  get bitCount(): number {
    return this.columns.reduce((n, c) => n + c.length, 0);
  }

  /** Column heights, constant bits included (one per set constant bit). */
  heights(): number[] {
    return this.columns.map((c, j) => c.length + Number((this.constant >> BigInt(j)) & 1n));
  }

  /** Add one bit (uint(1)) at column `col` (bits at or above `width` vanish modulo 2^width). */
  addBit(col: number, bit: Signal): void {
    if (bit.width !== 1) throw new Error(`internal: addBit needs a 1-bit signal, got ${bit.width} bits`);
    if (col < this.width) this.columns[col]!.push(bit.asUnsigned());
  }

  /** Add the constant `value · 2^shift` (any integer; reduced modulo 2^width). */
  addConstant(value: bigint, shift = 0): void {
    this.constant = BigInt.asUintN(this.width, this.constant + (value << BigInt(shift)));
  }

  /** Add (or subtract) the value of `row` (its signedness decides its sign) times 2^shift. */
  addRow(row: Signal, opts: RowOptions = {}): void {
    const shift = opts.shift ?? 0;
    const ext = opts.signExtension ?? this.signExtension;
    let x = row;
    let neg: Signal | undefined;
    if (opts.negate === true) neg = this.m.constant(1, uint(1));
    else if (opts.negate) neg = opts.negate;
    if (neg && !x.signed) x = x.toSigned(); // ~x needs a sign bit: uint(w) -> sint(w + 1)
    const bits: Signal[] = [];
    for (let i = 0; i < x.width; i++) bits.push(neg ? (opts.negate === true ? x.bit(i).not() : x.bit(i).xor(neg)) : x.bit(i));
    const top = x.signed ? x.width - 1 : x.width;
    for (let i = 0; i < top; i++) this.addBit(shift + i, bits[i]!);
    if (x.signed) {
      const col = shift + top;
      if (ext === 'full') for (let j = col; j < this.width; j++) this.addBit(j, bits[top]!);
      else if (col < this.width) {
        this.addBit(col, bits[top]!.not());
        this.addConstant(-1n, col);
      }
    }
    if (neg) {
      if (opts.negate === true) this.addConstant(1n, shift);
      else this.addBit(shift, neg);
    }
  }
}

/** An empty heap of `width` columns in module `m` (width ≥ 1). */
export function bitHeap(m: ModuleBuilder, width: number, opts: HeapOptions = {}): BitHeap {
  fail(checkWidth('bitHeap', 'width', width));
  return new BitHeap(m, width, opts);
}
