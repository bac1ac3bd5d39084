/**
 * The BitMoD transaction shape shared by level a, level b, the vectors and the RTL harness: one
 * output = a dot product of `K` activations with `K` weights in `K/G` groups, each group carrying
 * its datatype id and unsigned scale `Δ`, plus the channel scale `s_ch` and the SV register.
 *
 * Contract: `checkDotInput` validates shape and ranges against the parameters (same message for
 * every model); codes are bit patterns given as `number`, never used for arithmetic.
 */
import { userError } from '../../diag/error.ts';
import { classify } from '../../golden/float/decode.ts';
import { FP16 } from '../../golden/float/format.ts';
import { activationFormat, isInt, weightCodeBits, type BitmodParams, type BitmodWeightType } from './params.ts';

/** One group of G weights. */
export interface BitmodGroupInput {
  /** Datatype id 0 … 3 (mixtures: ER_POS, ER_NEG, EA_POS, EA_NEG); ignored (must be 0 … 3) for INT. */
  readonly dtId: number;
  /** Unsigned group scale `Δ`, 0 … 2^scaleBits − 1. */
  readonly delta: number;
  /** G weight codes (`weightCodeBits(wtype)` bits each), in k order. */
  readonly codes: readonly number[];
}

/** One output's transaction. */
export interface BitmodDotInput {
  /** Weight type of this transaction; must be one of `p.weightTypes`. */
  readonly wtype: BitmodWeightType;
  /** Activation codes (FP16 or BF16 bit patterns), one per weight, k order. */
  readonly acts: readonly number[];
  /** The groups, 1 … K/G of them; `acts.length = groups.length · G`. */
  readonly groups: readonly BitmodGroupInput[];
  /** FP16 code of the channel scale `s_ch` (finite). */
  readonly sch: number;
  /**
   * SV register: the signed special value of datatype id 0 … 3 (mixtures only). Default the
   * spec's values (§2.2): FP4 [10, −10, 16, −16], FP3 [3, −3, 6, −6].
   */
  readonly sv?: readonly number[];
}

export const DEFAULT_SV: Readonly<Record<'FP4' | 'FP3', readonly number[]>> = {
  FP4: [10, -10, 16, -16],
  FP3: [3, -3, 6, -6],
};

/** The SV register contents of a transaction (explicit or default). */
export function svOf(input: BitmodDotInput): readonly number[] {
  if (input.sv) return input.sv;
  return input.wtype === 'FP4' || input.wtype === 'FP3' ? DEFAULT_SV[input.wtype] : [];
}


/** Reject a malformed transaction (shape, code ranges, Inf/NaN under ASSUME_FINITE, non-finite `s_ch`). */
export function checkDotInput(p: BitmodParams, input: BitmodDotInput): void {
  if (!p.weightTypes.includes(input.wtype)) {
    throw userError(`BitMoD transaction weight type ${input.wtype} is not in this build`, `the build supports ${p.weightTypes.join(', ')}`);
  }
  const n = input.groups.length;
  if (n < 1 || n > p.K / p.G) throw userError(`BitMoD transaction has ${n} groups`, `use 1 … K/G = ${p.K / p.G}`);
  if (input.acts.length !== n * p.G) {
    throw userError(`BitMoD transaction has ${input.acts.length} activations for ${n} groups of G = ${p.G}`);
  }
  const f = activationFormat(p);
  const cb = weightCodeBits(input.wtype);
  input.groups.forEach((g, i) => {
    if (!isInt(g.dtId) || g.dtId < 0 || g.dtId > 3) throw userError(`BitMoD group ${i}: datatype id ${String(g.dtId)} is out of range`, 'use 0 … 3');
    if (!isInt(g.delta) || g.delta < 0 || g.delta >= 2 ** p.scaleBits) {
      throw userError(`BitMoD group ${i}: Δ = ${String(g.delta)} does not fit in scaleBits = ${p.scaleBits}`);
    }
    if (g.codes.length !== p.G) throw userError(`BitMoD group ${i} has ${g.codes.length} codes, not G = ${p.G}`);
    for (const c of g.codes) if (!isInt(c) || c < 0 || c >= 2 ** cb) throw userError(`BitMoD group ${i}: ${input.wtype} code ${String(c)} does not fit in ${cb} bits`);
  });
  for (const a of input.acts) {
    if (!isInt(a) || a < 0 || a >= 2 ** (1 + f.expBits + f.manBits)) throw userError(`BitMoD activation code ${String(a)} is not a ${f.name} code`);
    if (p.specialPolicy === 'ASSUME_FINITE') {
      const k = classify(a, f);
      if (k === 'inf' || k === 'nan') throw userError(`BitMoD activation 0x${a.toString(16)} is ${k} under specialPolicy ASSUME_FINITE`, 'use PROPAGATE or finite activations');
    }
  }
  if (!isInt(input.sch) || input.sch < 0 || input.sch > 0xffff) throw userError(`BitMoD s_ch ${String(input.sch)} is not an FP16 code`);
  const k = classify(input.sch, FP16);
  if (k === 'inf' || k === 'nan') throw userError(`BitMoD s_ch 0x${input.sch.toString(16)} is ${k}`, 'the channel scale must be finite');
  const sv = svOf(input);
  if ((input.wtype === 'FP4' || input.wtype === 'FP3') && sv.length !== 4) throw userError(`BitMoD SV register has ${sv.length} entries, not 4`);
}
