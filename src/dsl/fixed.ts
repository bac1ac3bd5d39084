/**
 * Fixed-point arithmetic in the DSL with HLS `ap_fixed` semantics (spec fixed-point.md).
 *
 * A fixed-point signal is an integer bit vector plus a binary point: value = int(bits) * 2^-F with
 * F = w - i. Integer signals are fixed-point with i = w. Arithmetic is full precision, giving the
 * result formats ap_fixed computes (§3): mul <W1+W2, I1+I2>; add/sub align binary points and grow
 * one integer bit (an unsigned operand mixed with a signed one counts one integer bit wider; sub is
 * always signed). Quantization and overflow happen only in `cast` (§4): round with the target's Q
 * mode on the dropped bits, then handle overflow of the *rounded* integer with O and N. The hardware
 * is plain integer logic built with the DSL, so the emitted Verilog has no special cases.
 */
import type { Signal } from './signal.ts';
import { type HwType, type FixedSpec, fixed as fixedType, rangeOf } from './types.ts';

/** `sel ? a : b` and concatenation, straight from the kernel (the user-facing ones are in ops.ts). */
const mux = (sel: Signal, a: Signal, b: Signal): Signal => sel.m.muxOf(sel, a, b);
const cat = (...parts: Signal[]): Signal => parts[0]!.m.catOf(parts);

export interface FixedFormat {
  readonly w: number;
  readonly i: number;
  readonly signed: boolean;
  /** Fractional bits, w - i (may be negative or exceed w). */
  readonly f: number;
}

export function formatOf(t: HwType): FixedFormat {
  const i = t.fixed ? t.fixed.i : t.width;
  return { w: t.width, i, signed: t.signed, f: t.width - i };
}

export function isFixed(s: Signal): boolean {
  return s.type.fixed !== undefined;
}

/** Give `s` (an integer result) the binary point of format `i` integer bits, default modes. */
function withPoint(s: Signal, i: number): Signal {
  return s.m.retype(s, fixedType(s.width, i, { signed: s.signed }));
}

/** Shift left by k bits as an integer (exact), keeping the value's binary point meaning aside. */
function align(s: Signal, k: number): Signal {
  const raw = s.type.fixed ? s.m.retype(s, { width: s.width, signed: s.signed }) : s;
  return k === 0 ? raw : raw.shl(k);
}

/** ap_fixed `a + b` / `a - b`: full precision, result format per §3. */
export function fixedAddSub(a: Signal, b: Signal, op: 'add' | 'sub'): Signal {
  const fa = formatOf(a.type);
  const fb = formatOf(b.type);
  const f = Math.max(fa.f, fb.f);
  const x = align(a, f - fa.f);
  const y = align(b, f - fb.f);
  const r = op === 'add' ? x.add(y) : x.sub(y);
  // The integer op grew to max(aligned widths, mixed-sign widening) + 1 = I + F of the ap rule.
  return withPoint(r, r.width - f);
}

/** ap_fixed `a * b`: <W1 + W2, I1 + I2>, signed if either is. */
export function fixedMul(a: Signal, b: Signal): Signal {
  const fa = formatOf(a.type);
  const fb = formatOf(b.type);
  const r = align(a, 0).mul(align(b, 0));
  return withPoint(r, fa.i + fb.i);
}

/** Exact negation: <W + 1, I + 1>, signed. */
export function fixedNeg(a: Signal): Signal {
  const fa = formatOf(a.type);
  return withPoint(align(a, 0).neg(), fa.i + 1);
}

/** Align both operands to one binary point for a value comparison. */
export function alignForCompare(a: Signal, b: Signal): [Signal, Signal, number] {
  const fa = formatOf(a.type);
  const fb = formatOf(b.type);
  const f = Math.max(fa.f, fb.f);
  return [align(a, f - fa.f), align(b, f - fb.f), f];
}

/**
 * ap_fixed shift `a << k` / `a >> k` (k >= 0 constant): the bit pattern moves, the format stays
 * (bits shifted out are lost, no rounding, no saturation; `>>` is arithmetic when signed).
 */
export function apShift(a: Signal, k: number, dir: 'shl' | 'shr'): Signal {
  const raw = align(a, 0);
  const w = a.width;
  let bits: Signal;
  if (k === 0) bits = raw;
  else if (dir === 'shl') bits = k >= w ? a.m.constant(0, { width: w, signed: a.signed }) : raw.trunc(w - k).shl(k);
  else bits = raw.shr(k).resize(w);
  return a.m.retype(bits.signed === a.signed ? bits : a.signed ? bits.asSigned() : bits.asUnsigned(), a.type);
}

/** Bit j of the infinite two's-complement extension of `s` (as uint(1)). */
function bitOf(s: Signal, j: number): Signal {
  if (j < s.width) return s.bit(j);
  return s.signed ? s.msb() : s.m.constant(0, { width: 1, signed: false });
}

/** OR of bits 0 .. hi of the infinite extension of `s` (hi >= 0). */
function orBits(s: Signal, hi: number): Signal {
  const inWord = s.slice(Math.min(hi, s.width - 1), 0).orReduce();
  return hi >= s.width && s.signed ? inWord.or(s.msb()) : inWord;
}

/** Quantize (§4.2): the exact integer n of `x` in units of 2^-dstF, rounded with mode q. */
function quantize(x: Signal, fx: FixedFormat, dstF: number, q: FixedSpec['q']): Signal {
  const shift = fx.f - dstF;
  if (shift <= 0) return x.shl(-shift);
  const t = x.shr(shift); // floor
  if (q === 'AP_TRN') return t;
  const m = x.m;
  const qb = bitOf(x, shift - 1);
  const r = shift >= 2 ? orBits(x, shift - 2) : m.constant(0, { width: 1, signed: false });
  const s = x.signed ? x.msb() : m.constant(0, { width: 1, signed: false });
  let inc: Signal;
  switch (q) {
    case 'AP_RND': inc = qb; break;
    case 'AP_RND_ZERO': inc = qb.and(s.or(r)); break;
    case 'AP_RND_MIN_INF': inc = qb.and(r); break;
    case 'AP_RND_INF': inc = qb.and(s.not().or(r)); break;
    case 'AP_RND_CONV': inc = qb.and(t.bit(0).or(r)); break;
    case 'AP_TRN_ZERO': inc = s.and(qb.or(r)); break;
  }
  return t.add(inc);
}

/** Overflow handling (§4.3) of the rounded integer n into `w` bits; returns the raw uint(w) bits. */
function overflow(n: Signal, w: number, signed: boolean, o: FixedSpec['o'], nSat: number): Signal {
  const m = n.m;
  const { min, max } = rangeOf({ width: w, signed });
  const over = n.gt(max);
  const under = n.lt(min);
  const out = over.or(under);
  const low = n.width >= w ? n.slice(w - 1, 0) : n.ext(w).asUnsigned();
  const pattern = (v: bigint): Signal => m.constant(BigInt.asUintN(w, v), { width: w, signed: false });
  const sign = n.signed ? n.msb() : m.constant(0, { width: 1, signed: false });
  switch (o) {
    case 'AP_SAT':
      return mux(over, pattern(max), mux(under, pattern(min), low));
    case 'AP_SAT_ZERO':
      return mux(out, pattern(0n), low);
    case 'AP_SAT_SYM':
      if (!signed) return mux(over, pattern(max), mux(under, pattern(min), low));
      return mux(over, pattern(max), mux(under.or(n.eq(min)), pattern(-max), low));
    case 'AP_WRAP':
      if (nSat === 0) return low;
      return mux(out, saturateTop(low, w, nSat, signed ? sign : null), low);
    case 'AP_WRAP_SM': {
      let inv: Signal;
      if (nSat === 0) inv = bitOf(n, w).ne(bitOf(n, w - 1));
      else if (nSat === 1) inv = sign.ne(bitOf(n, w - 1));
      else inv = bitOf(n, w - nSat).eq(sign);
      const flipped = mux(inv, low.not(), low);
      return mux(out, nSat >= 2 ? saturateTop(flipped, w, nSat, sign) : flipped, low);
    }
  }
}

/**
 * Force the top `nSat` bits: signed (sign given): bit w-1 := sign, bits w-nSat .. w-2 := ~sign;
 * unsigned (sign null): all top nSat bits := 1. The low w - nSat bits are kept.
 */
function saturateTop(bits: Signal, w: number, nSat: number, sign: Signal | null): Signal {
  const m = bits.m;
  const parts: Signal[] = [];
  if (sign) {
    parts.push(sign);
    for (let k = 1; k < nSat; k++) parts.push(sign.not());
  } else {
    parts.push(m.constant((1n << BigInt(nSat)) - 1n, { width: nSat, signed: false }));
  }
  if (nSat < w) parts.push(bits.slice(w - nSat - 1, 0));
  return cat(...parts);
}

/** ap_fixed conversion of `x` to `dst` (a fixed type, or an integer type = fixed with i = w). */
export function fixedCast(x: Signal, dst: HwType): Signal {
  const spec = dst.fixed ?? { i: dst.width, q: 'AP_TRN' as const, o: 'AP_WRAP' as const, n: 0 };
  const fd = dst.width - spec.i;
  const raw = x.type.fixed ? x.m.retype(x, { width: x.width, signed: x.signed }) : x;
  const n = quantize(raw, formatOf(x.type), fd, spec.q);
  const bits = overflow(n, dst.width, dst.signed, spec.o, spec.n);
  return x.m.retype(dst.signed ? bits.asSigned() : bits, dst);
}
