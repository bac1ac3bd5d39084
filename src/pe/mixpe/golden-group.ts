/**
 * MixPE level b, stage 2: the group accumulators — P_g in each PE, R_g at each row edge
 * (specs/mixpe.md §3, §5, §6). The accumulator clears at every group boundary.
 *
 * Contract: `groupSum(xs, qs, p)` accumulates the G products of one (m, n, g) in k-ascending
 * order; `rowSum(xs, p)` accumulates the G activations of one (m, g). Both return the value the
 * register stands for, its register image (for cosim) and the rounding bound accumulated so far.
 * - INT8 activations, every mode: an exact `accW`-bit two's-complement integer (no truncation).
 * - FP, `EXACT_WIDE`: a Kulisch register in units of `2^quantumExp` (FP16: 2^−24); a product
 *   `±S · 2^(E − bias − manBits)` enters as `±S << (E − 1)`. Exact.
 * - FP, `BLOCK_ALIGN`: the block accumulator of golden-block.ts with term width `sigW`, guard
 *   bits `guardBits`, register width `accW`. Truncation points: "group re-align" and "group
 *   align" (both FLOOR).
 * - FP, `FP32_RNE`: an FP32 register starting at +0, `P ← RNE32(P + p_k)` for k ascending.
 *   Truncation point: "group FP32 add" (TIES_EVEN).
 * Special values (FP): in the fixed-point modes a flag beside the register follows IEEE addition
 * (NaN absorbs; +Inf and −Inf give NaN); non-finite products add 0 to the register itself.
 */
import { fpAdd } from '../../golden/float/arith.ts';
import { addD, bitLength, DYADIC_ZERO, type Dyadic } from '../../golden/float/dyadic.ts';
import { classify, significandOf } from '../../golden/float/decode.ts';
import { encodeValue, roundingErrorBound } from '../../golden/float/encode.ts';
import { FP32, quantumExp } from '../../golden/float/format.ts';
import { NAN, POS_ZERO, finiteFromDyadic, inf, type FloatValue } from '../../golden/float/value.ts';
import { BLOCK_EMPTY, blockAdd, normalizeTerm, type BlockConfig, type BlockState } from './golden-block.ts';
import { toBig, type Scalar } from './golden-inputs.ts';
import { macProductFp, macProductInt, type FpProduct } from './golden-mac.ts';
import { activationFormat, mixpeWidths, type MixpeParams } from './params.ts';

/** Non-finite state of a fixed-point register (IEEE semantics of the values it summed). */
export type SpecialFlag = 'NONE' | 'POS_INF' | 'NEG_INF' | 'NAN';

/** Register image of a group sum, per mode. */
export type GroupReg =
  /** INT8: the `accW`-bit integer. */
  | { readonly kind: 'INT'; readonly acc: bigint }
  /** FP `EXACT_WIDE`: Kulisch integer, value `acc · 2^lsbExp`. */
  | { readonly kind: 'FIXED'; readonly acc: bigint; readonly lsbExp: number; readonly special: SpecialFlag }
  /**
   * FP `BLOCK_ALIGN`: accumulator and running maximum normalized exponent `maxEp` (biased like
   * the activation, `E_p` of §4.1; null while every term was zero). Value `acc · 2^lsbExp`,
   * `lsbExp = maxEp − bias + 1 − sigW − guardBits`.
   */
  | {
      readonly kind: 'BLOCK';
      readonly acc: bigint;
      readonly maxEp: number | null;
      readonly lsbExp: number | null;
      readonly special: SpecialFlag;
    }
  /** FP `FP32_RNE`: the FP32 code. */
  | { readonly kind: 'FP32'; readonly code: bigint };

export interface GroupSum {
  /** The value the register stands for (Inf/NaN once a non-finite input arrived). */
  readonly value: FloatValue;
  /** Register image (for cosim of cycle-visible state). */
  readonly reg: GroupReg;
  /** Bound on |value − exact group sum| from this stage's roundings (0 when exact). */
  readonly err: Dyadic;
  /** Internal block state (BLOCK_ALIGN only), consumed by the epilogue. */
  readonly block?: BlockState;
}

/** IEEE addition of a special state and an incoming term kind. */
export function addSpecial(s: SpecialFlag, kind: 'finite' | 'inf' | 'nan', neg: boolean): SpecialFlag {
  if (s === 'NAN' || kind === 'nan') return 'NAN';
  if (kind === 'finite') return s;
  const t: SpecialFlag = neg ? 'NEG_INF' : 'POS_INF';
  if (s === 'NONE') return t;
  return s === t ? s : 'NAN';
}

export function specialValue(s: SpecialFlag): FloatValue | null {
  return s === 'NAN' ? NAN : s === 'POS_INF' ? inf(false) : s === 'NEG_INF' ? inf(true) : null;
}

function checkFits(v: bigint, width: number, what: string): void {
  const lim = 1n << BigInt(width - 1);
  if (v < -lim || v >= lim) throw new Error(`internal: ${what} = ${v} overflows its ${width}-bit register`);
}

/** Block geometry of the FP group accumulator. */
export function groupBlockConfig(p: MixpeParams): BlockConfig {
  return { tw: mixpeWidths(p).sigW, guard: p.guardBits, width: p.accW };
}

/** The R_g "product": the activation itself, in the same form as an FP product with Q = 1. */
export function rowTermFp(code: Scalar, p: MixpeParams): FpProduct {
  const f = activationFormat(p);
  const cls = classify(code, f);
  const { sign, M, E } = significandOf(code, f);
  const neg = sign === 1;
  if (cls === 'nan') return { kind: 'nan', neg: false, S: 0n, E, shift: null, Ep: null, value: NAN };
  if (cls === 'inf') return { kind: 'inf', neg, S: 0n, E, shift: null, Ep: null, value: inf(neg) };
  const value: FloatValue = { kind: 'finite', neg, mag: M, exp: E - f.bias - f.manBits };
  if (M === 0n) return { kind: 'finite', neg, S: 0n, E, shift: null, Ep: null, value };
  const shift = bitLength(M) - 1 - f.manBits;
  return { kind: 'finite', neg, S: M, E, shift, Ep: E + shift, value };
}

function accumulateInt(terms: readonly bigint[], p: MixpeParams): GroupSum {
  let acc = 0n;
  for (const t of terms) {
    acc += t;
    checkFits(acc, p.accW, 'INT8 group accumulator');
  }
  return { value: finiteFromDyadic({ mant: acc, exp: 0 }), reg: { kind: 'INT', acc }, err: DYADIC_ZERO };
}

function accumulateFp(terms: readonly FpProduct[], p: MixpeParams): GroupSum {
  const f = activationFormat(p);
  if (p.accMode === 'FP32_RNE') {
    let v: FloatValue = POS_ZERO;
    let err = DYADIC_ZERO;
    for (const t of terms) {
      const r = fpAdd(v, t.value, FP32);
      if (r.inexact && r.value.kind === 'finite') err = addD(err, roundingErrorBound(r.exact, FP32, 'TIES_EVEN'));
      v = r.value;
    }
    return { value: v, reg: { kind: 'FP32', code: encodeValue(v, FP32).code }, err };
  }
  let special: SpecialFlag = 'NONE';
  if (p.accMode === 'EXACT_WIDE') {
    const lsbExp = quantumExp(f);
    let acc = 0n;
    for (const t of terms) {
      special = addSpecial(special, t.kind, t.neg);
      if (t.kind !== 'finite' || t.S === 0n) continue;
      const placed = t.S << BigInt(t.E - 1); // the significand wired to bit E−1 of the Kulisch register
      acc += t.neg ? -placed : placed;
      checkFits(acc, p.accW, 'Kulisch group accumulator');
    }
    const value = specialValue(special) ?? finiteFromDyadic({ mant: acc, exp: lsbExp });
    return { value, reg: { kind: 'FIXED', acc, lsbExp, special }, err: DYADIC_ZERO };
  }
  // BLOCK_ALIGN
  const cfg = groupBlockConfig(p);
  let st: BlockState = BLOCK_EMPTY;
  for (const t of terms) {
    special = addSpecial(special, t.kind, t.neg);
    if (t.kind !== 'finite' || t.S === 0n) continue;
    st = blockAdd(st, normalizeTerm(t.neg, t.S, t.E - f.bias - f.manBits, cfg.tw), cfg);
  }
  const lsbExp = st.top === null ? null : st.top - cfg.tw - cfg.guard;
  const value = specialValue(special) ?? finiteFromDyadic(lsbExp === null ? DYADIC_ZERO : { mant: st.acc, exp: lsbExp });
  const maxEp = st.top === null ? null : st.top + f.bias - 1;
  return { value, reg: { kind: 'BLOCK', acc: st.acc, maxEp, lsbExp, special }, err: st.err, block: st };
}

/** P_g of one PE: Σ_{k∈g} x_k · Q_k in k-ascending order (`xs`, `qs` of length G). */
export function groupSum(xs: readonly Scalar[], qs: readonly Scalar[], p: MixpeParams): GroupSum {
  if (xs.length !== p.G || qs.length !== p.G) {
    throw new RangeError(`groupSum: a group has G = ${p.G} elements, got ${xs.length} activations and ${qs.length} weights`);
  }
  if (p.activation === 'INT8') return accumulateInt(xs.map((x, i) => macProductInt(x, qs[i]!, p)), p);
  return accumulateFp(xs.map((x, i) => macProductFp(x, qs[i]!, p)), p);
}

/** R_g of one row edge: Σ_{k∈g} x_k in k-ascending order, same accumulator mode as P_g. */
export function rowSum(xs: readonly Scalar[], p: MixpeParams): GroupSum {
  if (xs.length !== p.G) throw new RangeError(`rowSum: a group has G = ${p.G} activations, got ${xs.length}`);
  if (p.activation === 'INT8') {
    return accumulateInt(
      xs.map((x) => {
        const v = toBig(x, 'x');
        if (v < -128n || v > 127n) throw new RangeError(`MixPE INT8 activation ${v} is outside [-128, 127]`);
        return v;
      }),
      p,
    );
  }
  return accumulateFp(xs.map((x) => rowTermFp(x, p)), p);
}
