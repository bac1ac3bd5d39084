/**
 * MixPE level b, stage 1: the per-MAC shift-and-add product (specs/mixpe.md §3, §4.1, §4.2).
 *
 * Contract: `shiftAddProduct` computes `a · Q` literally as the sum of AND-gated, hard-wired
 * shifted copies of `a` (the signed variant subtracts the top partial product); it never uses a
 * multiply. `macProductInt` is the W4A8 MAC; `macProductFp` is the W4A16 MAC with exponent
 * pass-through, the lossless normalization `E_p = E + msb(M·Q) − manBits`, and the special-value
 * policy of §4.2. Products are exact: this stage has no truncation point.
 */
import { bitLength } from '../../golden/float/dyadic.ts';
import { classify, significandOf } from '../../golden/float/decode.ts';
import { NAN, inf, type FloatValue } from '../../golden/float/value.ts';
import { toBig, type Scalar } from './golden-inputs.ts';
import { activationFormat, weightRange, type MixpeParams } from './params.ts';

/** The partial products and their sum. */
export interface ShiftAddResult {
  /** `partials[i] = q_i · (a << i)`, negated for the top bit of a signed weight. */
  readonly partials: readonly bigint[];
  /** `Σ partials` = `a · Q` exactly. */
  readonly product: bigint;
}

/**
 * `a · Q` for a `weightBits`-bit weight given as its integer value (two's complement when
 * `signed`). Bit i of the weight gates `a << i`; for a signed weight the partial product of the
 * top bit (weight −2^(b−1)) is subtracted.
 */
export function shiftAddProduct(a: bigint, q: bigint, weightBits: number, signed: boolean): ShiftAddResult {
  const b = BigInt(weightBits);
  const bits = q & ((1n << b) - 1n); // the weight's bit pattern
  const partials: bigint[] = [];
  let product = 0n;
  for (let i = 0; i < weightBits; i++) {
    const gate = (bits >> BigInt(i)) & 1n;
    let pp = gate === 1n ? a << BigInt(i) : 0n;
    if (signed && i === weightBits - 1) pp = -pp;
    partials.push(pp);
    product += pp;
  }
  return { partials, product };
}

function checkWeight(q: Scalar, p: MixpeParams): bigint {
  const v = toBig(q, 'Q');
  const r = weightRange(p);
  if (v < r.lo || v > r.hi) throw new RangeError(`MixPE weight ${v} is outside [${r.lo}, ${r.hi}]`);
  return v;
}

/** W4A8 MAC: `x_q · Q` for an INT8 activation (exact, 12 b signed for 4-bit weights). */
export function macProductInt(x: Scalar, q: Scalar, p: MixpeParams): bigint {
  const xv = toBig(x, 'x');
  if (xv < -128n || xv > 127n) throw new RangeError(`MixPE INT8 activation ${xv} is outside [-128, 127]`);
  return shiftAddProduct(xv, checkWeight(q, p), p.weightBits, p.weightSigned).product;
}

/**
 * The W4A16 product of one FP activation code and one weight, as the PE holds it.
 * Finite: value `(−1)^neg · S · 2^(E − bias − manBits)`, with `S = M · |Q|` (the significand
 * shift-and-add, `sigW` bits) and `E` the activation's exponent field passed through unchanged
 * (1 for subnormals). Normalized form (no rounding): `E_p = E + msb(S) − manBits`, significand
 * `S` with `msb(S) + 1` bits, i.e. value `(−1)^neg · (S / 2^msb(S)) · 2^(E_p − bias)`.
 */
export interface FpProduct {
  /** `finite`, or the §4.2 special result. */
  readonly kind: 'finite' | 'inf' | 'nan';
  /** Sign = activation sign XOR weight sign (also for ±0 and ±Inf). */
  readonly neg: boolean;
  /** Product significand `M · |Q|` (0 for a zero product; 0 when not finite). */
  readonly S: bigint;
  /** Activation exponent field passed through (subnormal and zero: 1). */
  readonly E: number;
  /** Normalization shift `msb(S) − manBits`: 0 … +4 for normal inputs and Q ≥ 1, down to −manBits for subnormals; null for S = 0. */
  readonly shift: number | null;
  /** Normalized biased exponent `E_p = E + shift`; null for S = 0. */
  readonly Ep: number | null;
  /** The exact product value. */
  readonly value: FloatValue;
}

/** W4A16 MAC (§4.1–4.2). The activation is a code of the `activation` format. */
export function macProductFp(code: Scalar, q: Scalar, p: MixpeParams): FpProduct {
  const f = activationFormat(p);
  const qv = checkWeight(q, p);
  const cls = classify(code, f);
  const { sign, M, E } = significandOf(code, f);
  if (cls === 'nan') return { kind: 'nan', neg: false, S: 0n, E, shift: null, Ep: null, value: NAN };
  // The significand shift-and-add; the signed weight's top partial product is subtracted.
  const signedSig = shiftAddProduct(cls === 'inf' ? 1n : M, qv, p.weightBits, p.weightSigned).product;
  const neg = (sign === 1) !== qv < 0n; // weight sign: Q < 0 (Q = 0 counts as +)
  if (cls === 'inf') {
    // Inf × 0 → NaN; Inf × Q → ±Inf with sign s XOR sign(Q).
    if (qv === 0n) return { kind: 'nan', neg: false, S: 0n, E, shift: null, Ep: null, value: NAN };
    return { kind: 'inf', neg, S: 0n, E, shift: null, Ep: null, value: inf(neg) };
  }
  const S = signedSig < 0n ? -signedSig : signedSig;
  const value: FloatValue = { kind: 'finite', neg, mag: S, exp: E - f.bias - f.manBits };
  if (S === 0n) return { kind: 'finite', neg, S, E, shift: null, Ep: null, value };
  const shift = bitLength(S) - 1 - f.manBits;
  return { kind: 'finite', neg, S, E, shift, Ep: E + shift, value };
}
