/**
 * FP16 weight dequantizer of the conventional baseline: `w = RNE16(s · (Q − z))` per weight,
 * before the FP16 multiply (specs/mixpe.md §2.1 weight format; golden.ts `dequantWeightFp16`).
 *
 * Contract: combinational module. `Q − z` (or a signed Q, z = 0) becomes sign and magnitude; the
 * magnitude multiplies the scale significand exactly (`weightBits` × 11-bit multiplier); the
 * exact value `±|Q − z|·M_s · 2^(E_s − 25)` is rounded once to FP16 (TIES_EVEN, IEEE overflow)
 * by the shared rounding unit of src/lib/fp/round.ts. Specials: NaN scale, or Inf
 * scale with Q = z → NaN; Inf scale → ±Inf; an exact zero → +0.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { cat, mux } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { FP16 } from '../../golden/float/format.ts';
import { validateMixpeParams, type MixpeParams } from './params.ts';
import { decodeFloat } from '../../lib/fp/decode.ts';
import { fpRoundUnit } from '../../lib/fp/round.ts';
import { weightType } from './rtl-pe-interface.ts';

export function fp16DequantUnit(p: MixpeParams): ModuleDef {
  validateMixpeParams(p);
  const b = p.weightBits;
  const magW = FP16.manBits + 1 + b;
  const expW = 6; // E − 25 ∈ [−24, 6]
  const round = fpRoundUnit({ magW, expW, format: FP16, round: 'TIES_EVEN', overflow: 'IEEE', name: `baseline_fp16_round_m${magW}` });
  return module(
    `baseline_fp16_dequant_w${b}${p.weightSigned ? 's' : 'u'}`,
    (m) => {
      const q = m.input('q', weightType(p), { doc: `weight, ${p.weightSigned ? 'INT' : 'UINT'}${b}` });
      const zIn = p.weightSigned ? null : m.input('z', uint(b), { doc: 'zero point' });
      const s = m.input('s', uint(16), { doc: 'group scale, FP16 code' });
      const d = zIn ? q.sub(zIn) : q; // Q − z, signed
      const dneg = d.msb();
      const dmag = mux(dneg, d.neg().slice(b - 1, 0), d.asUnsigned().slice(b - 1, 0)).named('dmag'); // |Q − z| < 2^b
      const sd = decodeFloat(m, s, FP16);
      const mag = sd.M.mul(dmag).named('dq_mag'); // the dequantization multiplier
      const exp = sd.E.sub(FP16.bias + FP16.manBits).resize(expW);
      const neg = sd.sign.xor(dneg);
      const dZero = dmag.orReduce().not();
      const nan = sd.nan.or(sd.inf.and(dZero));
      const inf = sd.inf.and(nan.not());
      const sp = cat(nan.or(inf.and(neg)), nan.or(inf.and(neg.not())));
      const r = m.instance('u_round', round, { mag, exp, neg, sp });
      m.output('w', r.code!, { doc: 'dequantized weight, FP16 code' });
    },
    { clock: null, doc: `FP16 weight dequantizer RNE16(s*(Q - z)), ${p.weightSigned ? 'INT' : 'UINT'}${b} weights` },
  );
}
