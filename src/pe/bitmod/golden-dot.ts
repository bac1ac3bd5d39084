/**
 * BitMoD level b, one output (specs/bitmod.md §6.5): the groups (golden-group), then the
 * cross-group accumulation (`EXACT_WIDE`: exact wide fixed point; `FP32_RNE`: each group result
 * rounded to FP32 and added in FP32 in group order), the per-channel scale `s_ch` multiplied
 * exactly, and one `TIES_EVEN` rounding into the output format (IEEE overflow → ±Inf).
 *
 * Contract: reads the same `BitmodParams` as the generator; returns every register image, the
 * exact pre-rounding value and the analytic bound of `|value − level a|` it accumulated (rule R3).
 */
import { addD, bitLength, mulD, DYADIC_ZERO, type Dyadic } from '../../golden/float/dyadic.ts';
import { fpAdd, fpRound } from '../../golden/float/arith.ts';
import { decode } from '../../golden/float/decode.ts';
import { encodeValue, roundingErrorBound } from '../../golden/float/encode.ts';
import { FP16, FP32 } from '../../golden/float/format.ts';
import { NAN, POS_ZERO, finiteFromDyadic, inf, toDyadic, type FloatValue } from '../../golden/float/value.ts';
import { checkDotInput, svOf, type BitmodDotInput } from './golden-inputs.ts';
import { bitmodGroup, type GroupResult } from './golden-group.ts';
import { svEntry } from './golden-terms.ts';
import { bitmodWidths, cyclesPerGroup, maxTermExp, outputFloatFormat, type BitmodParams } from './params.ts';

export interface BitmodDotResult {
  readonly groups: readonly GroupResult[];
  /** EXACT_WIDE register image (units `2^−unitShift`) after the last group; null for FP32_RNE. */
  readonly wide: bigint | null;
  /** FP32_RNE accumulator after the last group; null for EXACT_WIDE. */
  readonly fp32: FloatValue | null;
  /** `s_ch · accumulated sum`, exact (or the group specials' IEEE result). */
  readonly value: FloatValue;
  /** Bound on `|value − level a|` for finite results. */
  readonly bound: Dyadic;
  /** Output code and its value. */
  readonly code: bigint;
  readonly out: FloatValue;
  /** MAC cycles of the transaction (Σ G/L·T; the last dequantization adds scaleBits). */
  readonly macCycles: number;
}

function groupValue(g: GroupResult, unitShift: number): Dyadic {
  return { mant: g.out, exp: g.outE - unitShift };
}

/** Level b for one transaction. */
export function bitmodDot(p: BitmodParams, input: BitmodDotInput): BitmodDotResult {
  checkDotInput(p, input);
  const w = bitmodWidths(p);
  const maxExp = Math.max(...p.weightTypes.map(maxTermExp));
  const sv = svOf(input).map((v) => svEntry(v, maxExp));
  const groups = input.groups.map((g, gi) =>
    bitmodGroup(p, input.wtype, g.dtId, g.codes, input.acts.slice(gi * p.G, (gi + 1) * p.G), sv, g.delta),
  );
  const sch = decode(input.sch, FP16);
  const schD = toDyadic(sch);
  const schAbs: Dyadic = { mant: schD.mant < 0n ? -schD.mant : schD.mant, exp: schD.exp };
  let bound: Dyadic = DYADIC_ZERO;
  groups.forEach((g, i) => {
    bound = addD(bound, mulD(g.bound, { mant: BigInt(input.groups[i]!.delta), exp: 0 }));
  });
  let wide: bigint | null = null;
  let fp32: FloatValue | null = null;
  let sum: FloatValue;
  if (p.crossGroupAcc === 'EXACT_WIDE') {
    wide = 0n;
    for (const g of groups) {
      wide += g.out << BigInt(g.outE);
      if (bitLength(wide) > w.wideW - 1) throw new RangeError(`bitmodDot: wide sum overflows wideW = ${w.wideW}`);
    }
    sum = finiteFromDyadic({ mant: wide, exp: -w.unitShift });
  } else {
    let acc: FloatValue = POS_ZERO;
    groups.forEach((g, i) => {
      const v = finiteFromDyadic(groupValue(g, w.unitShift));
      const r = fpRound(v, FP32);
      if (!r.overflow) bound = addD(bound, roundingErrorBound(v, FP32, 'TIES_EVEN'));
      if (i === 0) acc = r.value;
      else {
        const s = fpAdd(acc, r.value, FP32);
        if (s.exact.kind === 'finite' && !s.overflow) bound = addD(bound, roundingErrorBound(s.exact, FP32, 'TIES_EVEN'));
        acc = s.value;
      }
    });
    fp32 = acc;
    sum = acc;
  }
  bound = mulD(bound, schAbs);
  // Specials: combine the groups' sticky flags (PROPAGATE), then apply s_ch as IEEE would.
  // FP32_RNE: +Inf + −Inf of two overflowed groups is an IEEE NaN (fpAdd).
  const nan = groups.some((g) => g.special.nan) || sum.kind === 'nan';
  // An FP32_RNE overflow (possible with BF16 activations) is an IEEE ±Inf like any other.
  const fpOver = sum.kind === 'inf' ? sum : null;
  const posInf = groups.some((g) => g.special.posInf) || (fpOver !== null && !fpOver.neg);
  const negInf = groups.some((g) => g.special.negInf) || (fpOver !== null && fpOver.neg);
  let value: FloatValue;
  if (nan || (posInf && negInf)) value = NAN;
  else if (posInf || negInf) value = schD.mant === 0n ? NAN : inf(negInf !== schD.mant < 0n);
  else value = finiteFromDyadic(mulD(toDyadic(sum), schD));
  const e = encodeValue(value, outputFloatFormat(p), { round: 'TIES_EVEN', overflow: 'IEEE' });
  const macCycles = input.groups.length * cyclesPerGroup(p, input.wtype);
  return { groups, wide, fp32, value, bound, code: e.code, out: e.value, macCycles };
}

/** Result of checking level b against level a (rule R3). */
export interface BoundCheck {
  readonly ok: boolean;
  /** `|b − a|` for finite results (0 for matching specials). */
  readonly diff: Dyadic;
  readonly bound: Dyadic;
}

/**
 * `|b.value − a| ≤ b.bound` for finite values; specials must agree (same kind, same Inf sign).
 * `bound` may be overridden (the injected-error test shrinks it).
 */
export function checkBound(b: Pick<BitmodDotResult, 'value' | 'bound'>, a: FloatValue, bound: Dyadic = b.bound): BoundCheck {
  const bv = b.value;
  if (bv.kind !== 'finite' || a.kind !== 'finite') {
    const same = bv.kind === a.kind && (bv.kind !== 'inf' || bv.neg === (a as typeof bv).neg);
    return { ok: same, diff: DYADIC_ZERO, bound };
  }
  const d = addD(toDyadic(bv), { mant: -toDyadic(a).mant, exp: toDyadic(a).exp });
  const diff: Dyadic = { mant: d.mant < 0n ? -d.mant : d.mant, exp: d.exp };
  const slack = addD(bound, { mant: -diff.mant, exp: diff.exp });
  return { ok: slack.mant >= 0n, diff, bound };
}
