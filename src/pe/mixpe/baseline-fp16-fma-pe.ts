/**
 * Conventional FP16 baseline PE (the paper simulator's "FP16" configuration, specs/mixpe.md §1):
 * an FP16 × FP16 full significand multiplier (11 × 11 bits) feeding an FP32 accumulator with one
 * TIES_EVEN rounding per step — the FP16-input / FP32-accumulate fused multiply-add; RTL twin
 * of golden.ts `fp16FmaGroupSum`.
 *
 * "Dequantize first" [project choice]: by default the weight arrives as an FP16 code already
 * dequantized, `w = RNE16(s_g · (Q − z))` (one dequantizer per column at the array edge, see
 * fp16-dequant.ts). With `dequantInPe` the PE takes `q`, `z`, `s` and dequantizes every weight
 * itself before the multiply (the worst case: one dequantizer per PE).
 *
 * Contract: the PE beat timing of src/pe/mixpe/rtl-pe-interface.ts (latency 0): ports `x`
 * (FP16 code), `w` (FP16 code) — or `q`, `z` (weight and zero point, `weightBits`) and `s`
 * (FP16 scale) — and `en`, `last` in; `pg` = RNE32(accumulator + x·w) out as an FP32 code (the
 * group result during the last beat; canonical NaN 0x7FC00000); the register restarts at +0
 * after `last`; `rst` clears it. The FP32 adder is src/lib/fp/fp32-add.ts (no subnormal or overflow path:
 * FP16 products are multiples of 2^−48 and `p.K` of them stay far below 2^128).
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { FP16, maxFiniteExpField } from '../../golden/float/format.ts';
import { validateMixpeParams, type MixpeParams } from './params.ts';
import { checkFp32TermRange, fp32Accumulator, type Fp32Term } from '../../lib/fp/fp32-add.ts';
import { decodeFloat } from '../../lib/fp/decode.ts';
import { weightType } from './rtl-pe-interface.ts';
import { fp16DequantUnit } from './baseline-fp16-dequant.ts';

export interface Fp16FmaOptions {
  /** Dequantize `s·(Q − z)` inside the PE (ports q, z, s instead of w). Default false. Signed weights have no `z`. */
  readonly dequantInPe?: boolean;
}

/** FP16 × FP16 → FP32 FMA baseline PE; reads `p.K` (longest accumulation) and, with `dequantInPe`, the weight format of `p`. */
export function fp16FmaBaselinePe(p: MixpeParams, opts: Fp16FmaOptions = {}): ModuleDef {
  validateMixpeParams(p);
  const mMax = (1n << BigInt(FP16.manBits + 1)) - 1n;
  const c = -2 * (FP16.bias + FP16.manBits); // x·w = Mx·Mw · 2^(Ex + Ew − 50)
  checkFp32TermRange({ c, xMin: 2, xMax: 2 * maxFiniteExpField(FP16), sMax: mMax * mMax, maxTerms: p.K }, 'FP16 FMA baseline');
  const dq = opts.dequantInPe ? fp16DequantUnit(p) : null;
  return module(
    `baseline_pe_fp16_fma${dq ? `_dq_w${p.weightBits}${p.weightSigned ? 's' : 'u'}` : ''}`,
    (m) => {
      const x = m.input('x', uint(16), { doc: 'activation, FP16 code' });
      let w;
      if (dq) {
        const q = m.input('q', weightType(p), { doc: `weight, ${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits}` });
        const z = p.weightSigned ? null : m.input('z', uint(p.weightBits), { doc: 'zero point' });
        const s = m.input('s', uint(16), { doc: 'group scale, FP16 code' });
        w = m.instance('u_dq', dq, z ? { q, z, s } : { q, s }).w!;
      } else {
        w = m.input('w', uint(16), { doc: 'dequantized weight, FP16 code' });
      }
      const en = m.input('en', uint(1), { doc: 'a beat is accepted this cycle' });
      const last = m.input('last', uint(1), { doc: 'with en: last beat of the group' });
      const a = decodeFloat(m, x, FP16);
      const b = decodeFloat(m, w, FP16);
      const aZero = a.M.orReduce().not();
      const bZero = b.M.orReduce().not();
      const nan = a.nan.or(b.nan).or(a.inf.and(bZero)).or(b.inf.and(aZero)).named('prod_nan');
      const term: Fp32Term = {
        S: mux(a.special.or(b.special), 0, a.M.mul(b.M)).named('prod_sig'), // the 11 × 11 multiplier
        X: a.E.add(b.E),
        neg: a.sign.xor(b.sign),
        nan,
        inf: a.inf.or(b.inf).and(nan.not()),
      };
      m.output('pg', fp32Accumulator(m, { en, last }, term, c).next, { doc: 'RNE32(acc + x*w), FP32 code (the group result while en && last)' });
    },
    { doc: `baseline FP16 x FP16 FMA PE, FP32 accumulator${dq ? ', weight dequantized in the PE' : ''}`, params: { K: p.K, dequantInPe: !!dq } },
  );
}
