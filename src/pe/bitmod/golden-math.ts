/**
 * BitMoD level a (rule R3): the exact dequantized dot product, written from the spec's formula
 * `y = s_ch · Σ_g Δ_g · Σ_i q_i · a_i` (§4 step 3) with the IEEE meaning of specials (§6.3),
 * rounded once into the output format with `TIES_EVEN` (§6.5).
 *
 * Contract: shares no code with level b. Grid values come from the spec's code tables
 * (`decodeWeight`), activations from the generic float decoder; every intermediate is exact.
 */
import { addD, mulD, DYADIC_ZERO, type Dyadic } from '../../golden/float/dyadic.ts';
import { decode } from '../../golden/float/decode.ts';
import { encodeValue } from '../../golden/float/encode.ts';
import { FP16 } from '../../golden/float/format.ts';
import { NAN, finiteFromDyadic, inf, toDyadic, type FloatValue } from '../../golden/float/value.ts';
import { decodeWeight } from './datatypes.ts';
import { checkDotInput, svOf, type BitmodDotInput } from './golden-inputs.ts';
import { activationFormat, outputFloatFormat, type BitmodParams } from './params.ts';

/** Level-a result: the exact value and its one rounding into the output format. */
export interface BitmodExact {
  /** Exact `s_ch · Σ Δ·q·a` (finite dyadic, or the IEEE special of the exact dot product). */
  readonly value: FloatValue;
  /** Output code after `TIES_EVEN` rounding (IEEE overflow → ±Inf). */
  readonly code: bigint;
  /** The value of `code`. */
  readonly out: FloatValue;
}

/** The exact IEEE value of the dequantized dot product (before output rounding). */
export function bitmodDotValue(p: BitmodParams, input: BitmodDotInput): FloatValue {
  checkDotInput(p, input);
  const f = activationFormat(p);
  const sv = svOf(input);
  const sch = toDyadic(decode(input.sch, FP16));
  let sum: Dyadic = DYADIC_ZERO;
  let nan = false;
  let posInf = false;
  let negInf = false;
  input.groups.forEach((g, gi) => {
    g.codes.forEach((code, i) => {
      const q = decodeWeight(input.wtype, g.dtId, code, sv);
      const w: Dyadic = mulD({ mant: BigInt(q) * BigInt(g.delta), exp: 0 }, sch); // q · Δ · s_ch
      const a = decode(input.acts[gi * p.G + i]!, f);
      if (a.kind === 'nan') nan = true;
      else if (a.kind === 'inf') {
        if (w.mant === 0n) nan = true; // Inf · 0
        else if (a.neg !== w.mant < 0n) negInf = true;
        else posInf = true;
      } else sum = addD(sum, mulD(w, toDyadic(a)));
    });
  });
  if (nan || (posInf && negInf)) return NAN;
  if (posInf || negInf) return inf(negInf);
  return finiteFromDyadic(sum);
}

/** Level a: exact value and its rounded output. */
export function bitmodDotExact(p: BitmodParams, input: BitmodDotInput): BitmodExact {
  const value = bitmodDotValue(p, input);
  const e = encodeValue(value, outputFloatFormat(p), { round: 'TIES_EVEN', overflow: 'IEEE' });
  return { value, code: e.code, out: e.value };
}
