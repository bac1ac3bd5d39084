/**
 * MixPE W4A16 product unit (specs/mixpe.md §4.1–4.2): FP16/BF16 activation × low-bit weight by
 * shift-and-add on the significand, exponent passed through; bit-equal to level b
 * `macProductFp` (src/pe/mixpe/golden-mac.ts).
 *
 * Contract: combinational. `S = M · |Q| = Σ_i |Q|_i · (M << i)` (AND-gated, hard-wired shifts,
 * balanced adder tree; no multiplier), `E` passes through, sign = activation sign XOR weight
 * sign. Special values per §4.2 (NaN, Inf × 0 → NaN, Inf × Q → ±Inf; S = 0 and neg = 0 for
 * NaN, S = 0 for Inf, exactly as the golden model reports them). With `normalize`, also the
 * lossless normalization `shift = msb(S) − manBits`, `E_p = E + shift` (0 when S = 0).
 *
 * [project choice] Signed weights: the hardware takes the weight magnitude |Q| first (a
 * `weightBits`-bit negate) and runs the unsigned shift-and-add on it. The golden model forms
 * the signed sum with the top partial product subtracted and then takes the magnitude; since
 * M ≥ 0, |M·Q| = M·|Q| bit for bit, and negating the 4-bit weight is far cheaper than negating
 * the 15-bit significand product.
 */
import { userError } from '../../diag/error.ts';
import { module, type ModuleBuilder, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux, sum } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { activationFormat, mixpeWidths, validateMixpeParams, type MixpeParams } from './params.ts';
import { decodeFloat } from '../../lib/fp/decode.ts';
import { leadingOne } from '../../lib/fp/leading-one.ts';
import { signedWidth } from './params.ts';
import { weightType } from './rtl-pe-interface.ts';

/** The product as the PE datapath carries it. All signals unsigned unless noted. */
export interface FpProductSignals {
  /** `M · |Q|`, `sigW` bits; 0 for NaN/Inf products. */
  readonly S: Signal;
  /** Activation exponent `E` (field, 1 for field 0), `expBits` bits. */
  readonly E: Signal;
  /** Product sign (0 for NaN). */
  readonly neg: Signal;
  /** The product is NaN (NaN activation, or Inf × 0). */
  readonly nan: Signal;
  /** The product is ±Inf (sign `neg`). */
  readonly inf: Signal;
}

/**
 * Shift-and-add product logic: `x` activation code, `q` weight (`weightBits`, signed per `p`).
 * `zeroFolded` (unsigned weights, array option `zeroPoint: 'COLUMN_EDGE'`): `q` is instead the
 * difference Q − z in sign-magnitude form, `{sign, |Q − z|}` (uint(weightBits + 1); |Q − z| ≤
 * 2^weightBits − 1; the column edge negates once for all its PEs), and every non-finite
 * activation makes the product NaN: level b's
 * u = P_g − z·R_g is NaN whenever the group holds an Inf or NaN activation (R_g is then
 * non-finite, z·R_g is NaN for z = 0 and ±Inf otherwise, and P_g − z·R_g is Inf − Inf or NaN).
 */
export function fpProductLogic(x: Signal, q: Signal, p: MixpeParams, zeroFolded = false): FpProductSignals {
  const f = activationFormat(p);
  const w = mixpeWidths(p);
  const d = decodeFloat(x.m, x, f);
  // Weight magnitude and sign.
  const qneg = p.weightSigned || zeroFolded ? q.msb() : null;
  const qmag = zeroFolded ? q.slice(p.weightBits - 1, 0) : qneg ? mux(qneg, q.neg().slice(p.weightBits - 1, 0), q.asUnsigned()) : q.asUnsigned();
  const qZero = q.asUnsigned().orReduce().not();
  // Σ_i |Q|_i · (M << i): each partial product is M on hard-wired shifted wires, AND-gated by one weight bit.
  const partials: Signal[] = [];
  for (let i = 0; i < p.weightBits; i++) partials.push(mux(qmag.bit(i), d.M.shl(i), 0));
  const S = sum(partials).trunc(w.sigW); // M·|Q| < 2^sigW (params: sigW = bitLength(M_max · max|Q|))
  const nan = zeroFolded ? d.special : d.nan.or(d.inf.and(qZero));
  const sx = qneg ? d.sign.xor(qneg) : d.sign;
  return {
    S: mux(d.special, 0, S),
    E: d.E,
    neg: sx.and(nan.not()),
    nan,
    inf: zeroFolded ? m0(x) : d.inf.and(qZero.not()),
  };
}

/** A constant 0 bit in the module of `x`. */
function m0(x: Signal): Signal {
  return x.m.constant(0, uint(1));
}

export interface FpProductOptions {
  /** Also output the normalization `shift` and `ep` (test and characterization builds). Default false. */
  readonly normalize?: boolean;
  /** Module name; default `mixpe_fp_mul_<act>_w<b><u|s|z>[_norm]`. */
  readonly name?: string;
  /** `q` is the folded weight Q − z, sign-magnitude uint(weightBits + 1) (see `fpProductLogic`). Default false. */
  readonly zeroFolded?: boolean;
}

/** Name stem of a product configuration, e.g. `fp16_w4u`. */
export function fpConfigTag(p: MixpeParams): string {
  return `${p.activation.toLowerCase()}_w${p.weightBits}${p.weightSigned ? 's' : 'u'}`;
}

/**
 * The product unit as a combinational module. Ports: `x` (activation code), `q` (weight) in;
 * `s` (uint sigW), `e` (uint expBits), `neg`, `nan`, `inf` out; with `normalize` also
 * `shift` (sint) and `ep` (sint, productExp width).
 */
export function mixpeFpProduct(p: MixpeParams, opts: FpProductOptions = {}): ModuleDef {
  validateMixpeParams(p);
  if (p.activation === 'INT8') throw userError('MixPE FP product unit needs FP16 or BF16 activations, got activation = INT8', 'the W4A8 product is rtl-pe-int.ts');
  const f = activationFormat(p);
  const w = mixpeWidths(p);
  const zf = !!opts.zeroFolded;
  if (zf && p.weightSigned) throw userError('MixPE FP product unit: zeroFolded needs unsigned weights (signed weights have no zero point)');
  const name = opts.name ?? `mixpe_fp_mul_${fpConfigTag(p)}${zf ? 'z' : ''}${opts.normalize ? '_norm' : ''}`;
  return module(
    name,
    (m: ModuleBuilder) => {
      const x = m.input('x', uint(1 + f.expBits + f.manBits), { doc: `activation, ${f.name} code` });
      const q = zf
        ? m.input('q', uint(p.weightBits + 1), { doc: 'folded weight Q - z, sign-magnitude {sign, |Q - z|}' })
        : m.input('q', weightType(p), { doc: `weight, ${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits}` });
      const r = fpProductLogic(x, q, p, zf);
      m.output('s', r.S, { doc: 'product significand M·|Q| (0 for NaN/Inf)' });
      m.output('e', r.E, { doc: 'activation exponent field passed through (1 for subnormals)' });
      m.output('neg', r.neg, { doc: 'product sign' });
      m.output('nan', r.nan, { doc: 'product is NaN' });
      m.output('inf', r.inf, { doc: 'product is ±Inf' });
      if (opts.normalize) {
        const lo = leadingOne(r.S);
        const shiftW = signedWidth({ lo: BigInt(-f.manBits), hi: BigInt(w.sigW - 1 - f.manBits) });
        const shift = mux(lo.any, lo.pos.sub(f.manBits).resize(shiftW), 0);
        m.output('shift', shift.named('norm_shift'), { doc: 'normalization shift msb(S) − manBits (0 when S = 0)' });
        const ep = mux(lo.any, r.E.add(shift).resize(w.productExp!.width), 0);
        m.output('ep', ep, { doc: 'normalized exponent E + shift (0 when S = 0)' });
      }
    },
    {
      clock: null,
      doc: `MixPE ${f.name} × ${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits} shift-and-add product`,
      params: { activation: p.activation, weightBits: p.weightBits, weightSigned: p.weightSigned, normalize: !!opts.normalize, ...(zf ? { zeroFolded: true } : {}) },
    },
  );
}
