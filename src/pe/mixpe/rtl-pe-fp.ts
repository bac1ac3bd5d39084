/**
 * MixPE W4A16 processing element and row-sum unit (specs/mixpe.md §4–§6): an FP16/BF16
 * activation × low-bit weight MAC by significand shift-and-add (rtl-fp-product.ts) feeding a
 * group accumulator that restarts at every group boundary, bit-equal to level b `groupSum` /
 * `rowSum` (src/pe/mixpe/golden-group.ts) for the same `MixpeParams`.
 *
 * Contract: `mixpeFpPe(p)` / `mixpeFpRowSum(p)` validate `p` with `validateMixpeParams` (the
 * golden model's refusals) and build one clocked module; `fpPe(p)` wraps the PE for the array
 * (`MixpePeGenerator` of rtl-pe-interface.ts). Accumulation modes: `EXACT_WIDE` (Kulisch
 * register, exact), `BLOCK_ALIGN` (block floating point, src/lib/fp/block-acc.ts: `pg` and its
 * ceiling `pg_e`) and `FP32_RNE` (an FP32 register, one TIES_EVEN rounding per addition, k
 * ascending; FP16: src/lib/fp/fp32-add.ts; BF16, whose products reach FP32 subnormals and
 * overflow: one IEEE addition in a 9-bit-exponent view and the shared round unit).
 *
 * Ports (the PE contract of rtl-pe-interface.ts; the row-sum unit has no `q` and names its
 * outputs `rg`, `rg_sp`):
 *
 * | port | dir | type | meaning |
 * |---|---|---|---|
 * | `clk` | in | 1 | clock, rising edge |
 * | `rst` | in | 1 | synchronous, active high: clears the accumulator |
 * | `x` | in | uint(16) | activation code (FP16 or BF16 per `p.activation`) |
 * | `q` | in | uint(b) / sint(b) | weight, `weightBits`, signed when `weightSigned` |
 * | `en` | in | uint(1) | a beat (k step) is accepted this cycle |
 * | `last` | in | uint(1) | with `en`: the beat is the last of its group |
 * | `pg` | out | sint(accW) | EXACT_WIDE: accumulator + this beat's product, value `pg · 2^lsbExp` (lsbExp −24 FP16, −133 BF16) |
 * | `pg_sp` | out | uint(2) | EXACT_WIDE: special flag of `pg`: 0 finite, 1 +Inf, 2 −Inf, 3 NaN (then `pg` holds the finite terms' sum) |
 * | `pg` | out | sint(accW) | BLOCK_ALIGN: block accumulator after this beat, value `pg · 2^(top − sigW − guardBits)` |
 * | `pg_e` | out | uint(groupTopWidth) | BLOCK_ALIGN: ceiling, top = pg_e + 1 − bias − manBits (0: empty) |
 * | `pg` | out | uint(32) | FP32_RNE: FP32 code of RNE32(accumulator + product) (no `pg_sp`; canonical NaN 0x7FC00000) |
 *
 * Timing: latency 0 — during the cycle in which `en && last` is high, `pg`/`pg_sp` are the
 * complete group sum (combinational from the accumulator register and the current beat); the
 * register then restarts at 0 for the next group, so beats may arrive back to back, one per cycle.
 */
import { userError } from '../../diag/error.ts';
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint, type HwType } from '../../dsl/types.ts';
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { FP32, floatFormat, type FloatFormat } from '../../golden/float/format.ts';
import { alignedAdd, roundExact } from '../../lib/fp/ieee-op.ts';
import { leadingOne } from '../../lib/fp/leading-one.ts';
import { bAnd, bNot, lazyClass } from '../../lib/fp/special.ts';
import { bitLength } from '../../golden/float/dyadic.ts';
import { maxFiniteExpField, totalBits } from '../../golden/float/format.ts';
import { activationFormat, maxAbsWeight, mixpeWidths, validateMixpeParams, type MixpeParams } from './params.ts';
import { checkFp32TermRange, fp32Accumulator, kulischTermAsFp32 } from '../../lib/fp/fp32-add.ts';
import { decodeFloat } from '../../lib/fp/decode.ts';
import { kulischAccumulator, termSpecial, type GroupControl, type KulischTerm } from '../../lib/fp/kulisch.ts';
import { blockAddLogic } from '../../lib/fp/block-acc.ts';
import { fpConfigTag, mixpeFpProduct } from './rtl-fp-product.ts';
import { groupTopWidth, weightType, type MixpePe } from './rtl-pe-interface.ts';

/** How a consumer reads the `pg` / `rg` port of `mixpeFpPe(p)` / `mixpeFpRowSum(p)`. */
export interface FpGroupResultFormat {
  /**
   * `FIXED`: sint(width), value `pg · 2^lsbExp`, with a `*_sp` flag port. `FP32`: an FP32 code.
   * `BLOCK`: sint(width) block accumulator with a `*_e` ceiling port and a `*_sp` flag port
   * (rtl-pe-interface.ts `pgForm = 'BLOCK'`).
   */
  readonly kind: 'FIXED' | 'FP32' | 'BLOCK';
  /** Width of the port in bits. */
  readonly width: number;
  /** FIXED: exponent of the LSB (quantumExp of the activation format); FP32, BLOCK: null. */
  readonly lsbExp: number | null;
}

function checkFpParams(p: MixpeParams, what: string): void {
  validateMixpeParams(p);
  if (p.activation === 'INT8') {
    throw userError(`${what} needs FP16 or BF16 activations, got activation = INT8`, 'use the integer W4A8 PE (rtl-pe-int.ts) for INT8 activations');
  }
}

/**
 * Wide FP32 view (9 exponent bits, the FP32 bias and significand): every FP32 code keeps its
 * field, and every exact BF16 × Q product (up to 2^132) is a finite member, so one same-format
 * addition (lib fp ieee-op.ts) followed by one rounding into FP32 is RNE32(acc + product).
 */
const FP32_WIDE = floatFormat('FP32W9', 9, 23, { bias: 127 });

/**
 * BF16 FP32_RNE accumulation: `RNE32(acc + S · 2^(E − 134))` for an exact product (S ≤ 24 bits).
 * The term is normalized into FP32_WIDE fields: field E + msb(S) − 7 with the leading one at bit
 * 23, or, below the normal range (E + msb(S) < 8), field 0 with S << (E + 15). Subnormal and
 * overflowing sums are rounded by the shared round unit (IEEE: Inf on overflow).
 */
function bf16Fp32Accumulator(m: ModuleBuilder, ctl: GroupControl, t: KulischTerm, f: FloatFormat): Signal {
  const sig = FP32_WIDE.manBits + 1;
  const acc = m.reg('acc', uint(32), { reset: 0, en: ctl.en });
  const a = decodeFloat(m, acc, FP32, 'acc');
  const lo = leadingOne(t.S);
  const ew = FP32_WIDE.expBits;
  const s24 = t.S.ext(sig);
  // Product value S · 2^(E − bias − man) (BF16: E − 134). Normal in the wide view when its field
  // E + msb(S) + k ≥ 1, k = 127 − bias − man (BF16: −7); else field 0 with S << (E + 149 − bias − man).
  const k = 127 - f.bias - f.manBits;
  const eSum = m.wire('t_esum', t.E.ext(ew).add(lo.pos).resize(ew).asUnsigned());
  const normal = m.wire('t_normal', lo.any.and(eSum.ge(1 - k)));
  const mNorm = s24.shl(m.constant(sig - 1, uint(5)).sub(lo.pos).trunc(5).asUnsigned()).trunc(sig).asUnsigned();
  // (Only read below the normal range, where E + msb(S) < 1 − k keeps the shift below 24.)
  const mSub = s24.shl(t.E.add(149 - f.bias - f.manBits).trunc(5).asUnsigned()).trunc(sig).asUnsigned();
  const termE = m.wire('t_e', mux(normal, eSum.add(k).trunc(ew).asUnsigned(), m.constant(1, uint(ew))));
  const termM = m.wire('t_m', mux(normal, mNorm, mSub));
  const termCls = lazyClass({ nan: () => t.nan, inf: () => t.inf, zero: () => bAnd(bNot(lo.any), bNot(t.nan), bNot(t.inf)), neg: () => t.neg });
  const aw = { E: a.E.ext(ew), M: a.M, sign: a.sign, cls: a.cls };
  const tw = { E: termE, M: termM, sign: t.neg, cls: termCls };
  const next = roundExact(m, 'acc_rnd', alignedAdd(m, 'fa', aw, tw, FP32_WIDE, false), FP32, 'TIES_EVEN', 'IEEE');
  acc.set(mux(ctl.last, m.constant(0, uint(32)), next));
  return next;
}

/** Result format of `mixpeFpPe(p)` / `mixpeFpRowSum(p)`. */
export function fpGroupResultFormat(p: MixpeParams): FpGroupResultFormat {
  checkFpParams(p, 'MixPE FP PE');
  if (p.accMode === 'FP32_RNE') return { kind: 'FP32', width: 32, lsbExp: null };
  if (p.accMode === 'BLOCK_ALIGN') return { kind: 'BLOCK', width: p.accW, lsbExp: null };
  return { kind: 'FIXED', width: p.accW, lsbExp: mixpeWidths(p).pg.lsbExp };
}

/** The `q` port of a group module: its type and doc (null: no weight, the R_g unit). */
interface WeightPort {
  readonly type: HwType;
  readonly doc: string;
}

/** Common ports; `term` builds the accumulated term from the activation (and weight). */
function groupModule(name: string, doc: string, p: MixpeParams, weight: WeightPort | null, maxSig: bigint, out: string, term: (x: Signal, q: Signal | null) => KulischTerm): ModuleDef {
  const f = activationFormat(p);
  return module(
    name,
    (m) => {
      const x = m.input('x', uint(totalBits(f)), { doc: `activation, ${f.name} code` });
      const q = weight ? m.input('q', weight.type, { doc: weight.doc }) : null;
      const en = m.input('en', uint(1), { doc: 'a beat is accepted this cycle' });
      const last = m.input('last', uint(1), { doc: 'with en: last beat of the group' });
      const ctl: GroupControl = { en, last };
      const t = term(x, q);
      if (p.accMode === 'FP32_RNE' && p.activation === 'BF16') {
        m.output(out, bf16Fp32Accumulator(m, ctl, t, f), { doc: 'group sum (complete while en && last), FP32 code' });
        return;
      }
      if (p.accMode === 'FP32_RNE') {
        const { term: t32, c } = kulischTermAsFp32(t, f);
        checkFp32TermRange({ c, xMin: 1, xMax: maxFiniteExpField(f), sMax: maxSig, maxTerms: p.G }, 'MixPE FP32_RNE group accumulator');
        m.output(out, fp32Accumulator(m, ctl, t32, c).next, { doc: 'group sum (complete while en && last), FP32 code' });
        return;
      }
      if (p.accMode === 'BLOCK_ALIGN') {
        // Block floating point (golden-block.ts): term ceiling E + msb(S) (lib fp block-acc.ts encoding).
        const topW = groupTopWidth(p);
        const acc = m.reg('acc', sint(p.accW), { reset: 0, en });
        const top = m.reg('acc_top', uint(topW), { reset: 0, en });
        const sp = m.reg('acc_sp', uint(2), { reset: 0, en });
        const nx = blockAddLogic(m, 'blk', { acc, top }, { mag: t.S, neg: t.neg, topBase: t.E.sub(1).trunc(t.E.width).asUnsigned() }, { tw: mixpeWidths(p).sigW, guard: p.guardBits, width: p.accW, topW });
        const nextSp = sp.or(termSpecial(t)).named('acc_next_sp');
        acc.set(mux(last, m.constant(0, sint(p.accW)), nx.acc));
        top.set(mux(last, m.constant(0, uint(topW)), nx.top));
        sp.set(mux(last, 0, nextSp));
        m.output(out, nx.acc, { doc: 'block-aligned group sum (complete while en && last)' });
        m.output(`${out}_e`, nx.top, { doc: 'block ceiling of the group sum: top = e + 1 - bias - manBits (0: empty)' });
        m.output(`${out}_sp`, nextSp, { doc: 'special flag: 0 finite, 1 +Inf, 2 -Inf, 3 NaN' });
        return;
      }
      // Every finite placed term S << (E − 1) fits maxSig << (maxFiniteExpField − 1).
      const placedW = bitLength(maxSig << BigInt(maxFiniteExpField(f) - 1));
      const s = kulischAccumulator(m, ctl, t, p.accW, placedW);
      m.output(out, s.next, { doc: `exact group sum (complete while en && last), value ${out} · 2^${mixpeWidths(p).pg.lsbExp}` });
      m.output(`${out}_sp`, s.nextSp, { doc: 'special flag: 0 finite, 1 +Inf, 2 -Inf, 3 NaN' });
    },
    { doc, params: { ...p } },
  );
}

function modeTag(p: MixpeParams): string {
  return p.accMode === 'FP32_RNE' ? 'fp32' : p.accMode === 'BLOCK_ALIGN' ? `blk${p.accW}_g${p.guardBits}` : `acc${p.accW}`;
}

/**
 * The W4A16 PE: P_g = Σ_{k∈g} x_k · Q_k, one beat per `en` cycle; instantiates the product unit
 * once. `zeroFolded` (unsigned weights, EXACT_WIDE only; array option `zeroPoint:
 * 'COLUMN_EDGE'`): the `q` port takes Q − z as sign-magnitude `{sign, |Q − z|}`
 * (uint(weightBits + 1)), and `pg` is u = P_g − z·R_g
 * itself, with level b's special rule (rtl-fp-product.ts `fpProductLogic`).
 */
export function mixpeFpPe(p: MixpeParams, opts: { readonly zeroFolded?: boolean } = {}): ModuleDef {
  checkFpParams(p, 'MixPE FP PE');
  const zf = !!opts.zeroFolded;
  if (zf && (p.weightSigned || p.accMode !== 'EXACT_WIDE')) {
    throw userError(
      `MixPE FP PE: a folded zero point needs unsigned weights and accMode EXACT_WIDE, got ${p.weightSigned ? 'signed weights' : `accMode ${p.accMode}`}`,
      'BLOCK_ALIGN and FP32_RNE round t = z·R_g and u = P_g − t separately (spec §5), so u cannot be accumulated directly',
    );
  }
  const f = activationFormat(p);
  const maxSig = ((1n << BigInt(f.manBits + 1)) - 1n) * maxAbsWeight(p); // |Q − z| ≤ max|Q| as well
  const mul = mixpeFpProduct(p, { zeroFolded: zf });
  return groupModule(
    `mixpe_fp_pe_${fpConfigTag(p)}${zf ? 'z' : ''}_${modeTag(p)}`,
    `MixPE W${p.weightBits}A16 PE: ${f.name} x ${zf ? `(Q - z), UINT${p.weightBits} Q` : `${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits}`} shift-and-add, ${p.accMode} group accumulator`,
    p,
    zf
      ? { type: uint(p.weightBits + 1), doc: 'folded weight Q - z, sign-magnitude {sign, |Q - z|}' }
      : { type: weightType(p), doc: `weight, ${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits}` },
    maxSig,
    'pg',
    (x, q) => {
      const pr = x.m.instance('u_mul', mul, { x, q: q! });
      return { S: pr.s!, E: pr.e!, neg: pr.neg!, nan: pr.nan!, inf: pr.inf! };
    },
  );
}

/**
 * The row-edge R_g unit: R_g = Σ_{k∈g} x_k with the same accumulator mode and register width
 * (`accW`) as P_g, computed once per (row, group) for the zero-point term z·R_g. Equal to the
 * PE with the weight tied to 1, without the shift-and-add.
 */
export function mixpeFpRowSum(p: MixpeParams): ModuleDef {
  checkFpParams(p, 'MixPE FP row-sum unit');
  const f = activationFormat(p);
  return groupModule(
    `mixpe_fp_rowsum_${p.activation.toLowerCase()}_${modeTag(p)}`,
    `MixPE R_g unit: sum of the group's ${f.name} activations, ${p.accMode}`,
    p,
    null,
    (1n << BigInt(f.manBits + 1)) - 1n,
    'rg',
    (x) => {
      const d = decodeFloat(x.m, x, f);
      return { S: mux(d.special, 0, d.M).named('row_sig'), E: d.E, neg: d.sign, nan: d.nan, inf: d.inf };
    },
  );
}

/**
 * The PE for the MixPE array (`MixpePeGenerator`): `EXACT_WIDE` carries P_g as the exact Kulisch
 * integer with its LSB exponent and special flag; `FP32_RNE` as the FP32 code of the
 * accumulator (`pgForm: 'FP32'`, rtl-pe-interface.ts).
 */
export function fpPe(p: MixpeParams): MixpePe {
  checkFpParams(p, 'MixPE FP PE');
  if (p.accMode === 'FP32_RNE') return { def: mixpeFpPe(p), act: uint(16), pgWidth: 32, pgLsbExp: 0, special: false, latency: 0, pgForm: 'FP32' };
  if (p.accMode === 'BLOCK_ALIGN') return { def: mixpeFpPe(p), act: uint(16), pgWidth: p.accW, pgLsbExp: 0, special: true, latency: 0, pgForm: 'BLOCK' };
  return { def: mixpeFpPe(p), act: uint(16), pgWidth: p.accW, pgLsbExp: mixpeWidths(p).pg.lsbExp!, special: true, latency: 0 };
}

/**
 * The zero-folded PE for the array option `zeroPoint: 'COLUMN_EDGE'` (unsigned weights,
 * EXACT_WIDE): `q` is Q − z from the column edge ({sign, |Q − z|}) and `pg` is u = Σ x·(Q − z), so the array
 * needs no R_g row edge and its epilogue no z·R_g (rtl-array.ts).
 */
export function fpPeZeroFolded(p: MixpeParams): MixpePe {
  return { def: mixpeFpPe(p, { zeroFolded: true }), act: uint(16), pgWidth: p.accW, pgLsbExp: mixpeWidths(p).pg.lsbExp!, special: true, latency: 0, weight: uint(p.weightBits + 1) };
}
