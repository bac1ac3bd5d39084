/**
 * `Signal`: a typed value inside one module under construction. Operators are methods (TypeScript
 * has no operator overloading) and grow widths exactly, as the op table (`src/ir/op-table.ts`)
 * states and the kernel (`kernel.ts`) applies: `a.add(b)` is one bit wider than the wider operand,
 * `a.mul(b)` is `wa + wb` bits, mixed signedness widens the unsigned operand by one bit (ap_fixed's
 * rule). This file states no width rule of its own, except the constant-shift lowerings (to
 * `concat`/`slice`). Narrowing is only ever explicit: `resize`, `trunc`, `slice`.
 * Plain numbers/BigInts are accepted as operands and become the smallest constant that holds them.
 */
import type { SignalId, NodeKind } from '../ir/types.ts';
import { commonType } from '../ir/op-table.ts';
import { type HwType, typeForValue, typeText } from './types.ts';
import type { ModuleBuilder } from './module-builder.ts';
import { userError } from '../diag/error.ts';
import { captureLoc } from './source-loc.ts';
import { fixedAddSub, fixedMul, fixedNeg, alignForCompare, apShift, fixedCast } from './fixed.ts';

export type Operand = Signal | number | bigint;

/** sint(1): next to it, the op table's common type of an unsigned value is the lossless signed one. */
const SIGNED_BIT = { width: 1, signed: true } as const;

export class Signal {
  /** @internal */ readonly m: ModuleBuilder;
  /** @internal */ readonly id: SignalId;
  readonly type: HwType;

  /** @internal */
  constructor(m: ModuleBuilder, id: SignalId, type: HwType) {
    this.m = m;
    this.id = id;
    this.type = type;
  }

  get width(): number {
    return this.type.width;
  }
  get signed(): boolean {
    return this.type.signed;
  }
  /** The user-visible name, or null for an anonymous intermediate. */
  get name(): string | null {
    return this.m.ir.signals[this.id]!.name;
  }
  toString(): string {
    return `${this.name ?? '_t' + this.id}: ${typeText(this.type)}`;
  }

  // ---- arithmetic (exact growth) ----
  add(b: Operand): Signal {
    const y = this.m.operand(b, this);
    if (this.type.fixed || y.type.fixed) return fixedAddSub(this, y, 'add');
    return this.m.op('add', [this, y]);
  }
  sub(b: Operand): Signal {
    const y = this.m.operand(b, this);
    if (this.type.fixed || y.type.fixed) return fixedAddSub(this, y, 'sub');
    return this.m.op('sub', [this, y]);
  }
  mul(b: Operand): Signal {
    const y = this.m.operand(b, this);
    if (this.type.fixed || y.type.fixed) return fixedMul(this, y);
    return this.m.op('mul', [this, y]);
  }
  /** Exact negation: sint(w + 1). */
  neg(): Signal {
    if (this.type.fixed) return fixedNeg(this);
    return this.m.op('neg', [this]);
  }

  // ---- bitwise (operands extended to a common type) ----
  and(b: Operand): Signal {
    return this.bitwise('and', b);
  }
  or(b: Operand): Signal {
    return this.bitwise('or', b);
  }
  xor(b: Operand): Signal {
    return this.bitwise('xor', b);
  }
  not(): Signal {
    return this.m.foldNot(this) ?? this.m.node('not', [this], {}, this.type);
  }
  private bitwise(kind: NodeKind, b: Operand): Signal {
    const [x, y] = this.m.grow(kind, [this, this.m.operand(b, this)]);
    return this.m.foldBitwise(kind, x!, y!) ?? this.m.node(kind, [x!, y!]);
  }

  // ---- reductions ----
  andReduce(): Signal {
    return this.m.node('redand', [this]);
  }
  orReduce(): Signal {
    return this.m.node('redor', [this]);
  }
  xorReduce(): Signal {
    return this.m.node('redxor', [this]);
  }

  // ---- comparisons (exact, value-level: mixed signs compare correctly) ----
  eq(b: Operand): Signal {
    return this.compare('eq', b);
  }
  ne(b: Operand): Signal {
    return this.compare('ne', b);
  }
  lt(b: Operand): Signal {
    return this.compare('lt', b);
  }
  le(b: Operand): Signal {
    return this.compare('le', b);
  }
  gt(b: Operand): Signal {
    return this.compare('gt', b);
  }
  ge(b: Operand): Signal {
    return this.compare('ge', b);
  }
  private compare(kind: NodeKind, b: Operand): Signal {
    const b0 = this.m.operand(b, this);
    if (!this.type.fixed && !b0.type.fixed) return this.m.foldCompare(kind, this, b0) ?? this.m.op(kind, [this, b0]);
    const [x0, y0, fracBits] = alignForCompare(this, b0);
    return this.m.foldCompare(kind, x0, y0, { types: [this.type, b0.type], fracBits }) ?? this.m.op(kind, [x0, y0]);
  }

  // ---- shifts ----
  /**
   * Left shift. By a constant k: exact, `w + k` bits. By an unsigned signal s of ws bits: exact,
   * `w + 2^ws - 1` bits.
   */
  shl(amount: number | Signal): Signal {
    if (typeof amount === 'number') {
      checkShift(amount);
      if (amount === 0) return this;
      const zeros = this.m.constant(0n, { width: amount, signed: false });
      const bits = this.m.node('concat', [this, zeros]);
      return this.signed ? bits.asSigned() : bits;
    }
    this.m.own(amount);
    if (amount.signed) throw userError('shift amount must be unsigned', 'use .asUnsigned() or a uint signal', captureLoc());
    if (amount.width > 16) throw userError(`variable shift amount of ${amount.width} bits is too wide`, 'limit it with .trunc(n) first', captureLoc());
    return this.m.op('shl', [this, amount]);
  }
  /**
   * Right shift, floor division by 2^k (arithmetic for signed, logical for unsigned). By a
   * constant k: the result drops the k shifted-out bits, `max(w - k, 1)` bits. By a signal: `w` bits.
   */
  shr(amount: number | Signal): Signal {
    if (typeof amount === 'number') {
      checkShift(amount);
      if (amount === 0) return this;
      if (amount >= this.width) {
        return this.signed ? this.m.sliceOf(this, this.width - 1, 1, true) : this.m.constant(0n, { width: 1, signed: false });
      }
      return this.m.sliceOf(this, amount, this.width - amount, this.signed);
    }
    this.m.own(amount);
    if (amount.signed) throw userError('shift amount must be unsigned', 'use .asUnsigned() or a uint signal', captureLoc());
    return this.m.node('shr', [this, amount], {}, this.type);
  }

  // ---- fixed point (ap_fixed semantics; integers are fixed point with i = w) ----
  /**
   * Convert to `t` the way an ap_fixed assignment does: round the dropped fractional bits with
   * t's quantization mode, then handle overflow of the rounded value with t's overflow mode and
   * saturation bits. Works from and to integer types too (an integer is <w, w>).
   */
  cast(t: HwType): Signal {
    return fixedCast(this, t);
  }
  /** ap_fixed `<<` by a constant: the bits move, the format stays (no saturation, no growth). */
  apShl(k: number): Signal {
    checkShift(k);
    return apShift(this, k, 'shl');
  }
  /** ap_fixed `>>` by a constant: the bits move, the format stays (arithmetic when signed, no rounding). */
  apShr(k: number): Signal {
    checkShift(k);
    return apShift(this, k, 'shr');
  }
  /** The same bits read with another binary point (or as an integer): `t` must have this width and signedness. */
  withType(t: HwType): Signal {
    if (t.width !== this.width || t.signed !== this.signed) {
      throw userError(`withType: ${typeText(t)} does not have the width and signedness of ${typeText(this.type)}`, 'use cast() to convert values', captureLoc());
    }
    return this.m.retype(this, t);
  }

  // ---- bit manipulation ----
  /** Bits hi..lo (inclusive), as uint(hi - lo + 1). */
  slice(hi: number, lo: number): Signal {
    if (!Number.isInteger(hi) || !Number.isInteger(lo) || lo < 0 || hi < lo || hi >= this.width) {
      throw userError(`slice [${hi}:${lo}] is outside ${typeText(this.type)}`, `valid bits are ${this.width - 1}..0`, captureLoc());
    }
    return this.m.sliceOf(this, lo, hi - lo + 1, false);
  }
  /** Bit i as uint(1). */
  bit(i: number): Signal {
    return this.slice(i, i);
  }
  /** The most significant bit (the sign bit of a signed value). */
  msb(): Signal {
    return this.bit(this.width - 1);
  }

  // ---- width and signedness changes (all explicit) ----
  /** Widen to `width` bits by sign/zero extension; refuses to narrow. */
  ext(width: number): Signal {
    if (width < this.width) {
      throw userError(`ext(${width}) would narrow ${typeText(this.type)}`, 'use .resize() or .trunc() to drop bits explicitly', captureLoc());
    }
    return this.m.extendTo(this, { width, signed: this.signed });
  }
  /** Keep the low `width` bits (explicit truncation, wraps); refuses to widen. */
  trunc(width: number): Signal {
    if (width > this.width) {
      throw userError(`trunc(${width}) would widen ${typeText(this.type)}`, 'use .ext() to widen', captureLoc());
    }
    if (width === this.width) return this;
    return this.m.sliceOf(this, 0, width, this.signed);
  }
  /** Explicit resize to `width` bits, same signedness: extends, or truncates (two's-complement wrap). */
  resize(width: number): Signal {
    return width >= this.width ? this.ext(width) : this.trunc(width);
  }
  /** Same bits read as signed. */
  asSigned(): Signal {
    return this.signed ? this : this.m.node('reinterpret', [this], {}, { width: this.width, signed: true });
  }
  /** Same bits read as unsigned. */
  asUnsigned(): Signal {
    return !this.signed ? this : this.m.node('reinterpret', [this], {}, { width: this.width, signed: false });
  }
  /** Lossless conversion to signed: uint(w) -> sint(w + 1); a signed value is returned as is. */
  toSigned(): Signal {
    return this.signed ? this : this.m.extendTo(this, commonType([this.type, SIGNED_BIT]));
  }
  /** Convert to another integer type of at least the value's range (lossless, else an error). */
  as(t: HwType): Signal {
    return this.m.extendTo(this, t);
  }
  /** Give this intermediate a readable name in the emitted Verilog. */
  named(name: string): Signal {
    return this.m.wire(name, this);
  }
}

function checkShift(k: number): void {
  if (!Number.isInteger(k) || k < 0) throw userError(`shift amount must be a non-negative integer, got ${k}`, undefined, captureLoc());
}

/** The smallest constant type for a JS number/BigInt operand, matching the other operand's signedness. */
export function literalType(v: bigint, like?: Signal): HwType {
  return typeForValue(v, v < 0n || (like?.signed ?? false));
}
