/**
 * MixPE W4A16 processing element and row-sum unit (specs/mixpe.md §4–§6): an FP16/BF16
 * activation × low-bit weight MAC by significand shift-and-add (rtl-fp-product.ts) feeding a
 * group accumulator that clears at every group boundary, bit-equal to level b `groupSum` /
 * `rowSum` (src/pe/mixpe/golden-group.ts) for the same `MixpeParams`.
 *
 * Contract: `mixpeFpPe(p)` and `mixpeFpRowSum(p)` validate `p` with `validateMixpeParams`
 * (same refusals as the golden model) and build one clocked module each. Accumulation modes:
 * `EXACT_WIDE` (Kulisch register, exact) and `FP32_RNE` (FP16 activations: an FP32 register,
 * one TIES_EVEN rounding per addition, k ascending; see rtl-fp-add.ts); `BLOCK_ALIGN` is
 * rejected with a LowbitError.
 *
 * Interface (both modules; synchronous active-high `rst` resets `out_valid` only):
 *
 * | port | dir | type | meaning |
 * |---|---|---|---|
 * | `clk` | in | 1 | clock, rising edge |
 * | `rst` | in | 1 | synchronous reset, active high |
 * | `in_valid` | in | uint(1) | a MAC (k step) happens this cycle |
 * | `in_first` | in | uint(1) | with in_valid: first k of a group — the accumulator restarts from 0 |
 * | `in_last` | in | uint(1) | with in_valid: last k of a group — `out_valid` rises next cycle |
 * | `a` | in | uint(16) | activation code (FP16 or BF16 per `p.activation`) |
 * | `q` | in | uint(b) / sint(b) | weight (PE only), `weightBits`, signed when `weightSigned` |
 * | `out_valid` | out | uint(1) | high for one cycle after an `in_last` beat: the group result is on the outputs |
 * | `pg` / `rg` | out | sint(accW) | EXACT_WIDE: the exact group sum as an integer, value `pg · 2^lsbExp` (`lsbExp` = −24 FP16, −133 BF16) |
 * | `*_nan`, `*_pinf`, `*_ninf` | out | uint(1) | EXACT_WIDE: IEEE special state of the sum (at most one set; then the integer holds the finite terms' sum) |
 * | `pg` / `rg` | out | uint(32) | FP32_RNE: the FP32 code of the group sum (specials encoded in it, canonical NaN 0x7FC00000) |
 *
 * Timing: one MAC per cycle, no stalls; the sum of a group whose last beat arrives in cycle t
 * is on the outputs during cycle t+1 only (the next group's first beat may arrive in cycle t+1
 * and overwrites the register at the end of it). There is no output register: the consumer
 * (array edge) captures on `out_valid`.
 */
import { userError } from '../../diag/error.ts';
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { bitLength } from '../../golden/float/dyadic.ts';
import { maxFiniteExpField, totalBits } from '../../golden/float/format.ts';
import { activationFormat, maxAbsWeight, mixpeWidths, validateMixpeParams, type MixpeParams } from './params.ts';
import { fp32Accumulator } from './rtl-fp-add.ts';
import { decodeFp } from './rtl-fp-decode.ts';
import { kulischAccumulator, type GroupControl, type KulischTerm } from './rtl-fp-kulisch.ts';
import { fpConfigTag, mixpeFpProduct, weightType } from './rtl-fp-product.ts';

/** How the array reads a PE's (or row-sum unit's) group result. */
export interface FpGroupResultFormat {
  /** `FIXED`: `pg` is sint(width), value `pg · 2^lsbExp`, plus three flag ports. `FP32`: `pg` is an FP32 code. */
  readonly kind: 'FIXED' | 'FP32';
  /** Width of the `pg` / `rg` port in bits. */
  readonly width: number;
  /** FIXED: exponent of the LSB (quantumExp of the activation format); FP32: null. */
  readonly lsbExp: number | null;
}

function checkFpParams(p: MixpeParams, what: string): void {
  validateMixpeParams(p);
  if (p.activation === 'INT8') {
    throw userError(`${what} needs FP16 or BF16 activations, got activation = INT8`, 'use the integer W4A8 PE (rtl-pe-int.ts) for INT8 activations');
  }
  if (p.accMode === 'BLOCK_ALIGN') {
    throw userError(`${what}: accMode BLOCK_ALIGN is not implemented in RTL`, 'use accMode EXACT_WIDE (default) or FP32_RNE');
  }
  if (p.accMode === 'FP32_RNE' && p.activation !== 'FP16') {
    throw userError(
      `${what}: accMode FP32_RNE is implemented for FP16 activations only, got ${p.activation}`,
      'BF16 products reach FP32 subnormals and overflow, which the FP32 adder does not implement; use EXACT_WIDE',
    );
  }
}

/** Result format of `mixpeFpPe(p)` / `mixpeFpRowSum(p)`. */
export function fpGroupResultFormat(p: MixpeParams): FpGroupResultFormat {
  checkFpParams(p, 'MixPE FP PE');
  if (p.accMode === 'FP32_RNE') return { kind: 'FP32', width: 32, lsbExp: null };
  return { kind: 'FIXED', width: p.accW, lsbExp: mixpeWidths(p).pg.lsbExp };
}

/** Width of `maxSig << (maxFiniteExpField − 1)`: every finite placed term fits. */
function placedWidth(maxSig: bigint, p: MixpeParams): number {
  return bitLength(maxSig << BigInt(maxFiniteExpField(activationFormat(p)) - 1));
}

/** Common ports; `body` builds the datapath from the control and the activation. */
function groupModule(
  name: string,
  doc: string,
  p: MixpeParams,
  withWeight: boolean,
  body: (ctl: GroupControl, a: Signal, q: Signal | null, out: string) => void,
  out: string,
): ModuleDef {
  const f = activationFormat(p);
  return module(
    name,
    (m) => {
      const valid = m.input('in_valid', uint(1), { doc: 'a k step happens this cycle' });
      const first = m.input('in_first', uint(1), { doc: 'first k of a group: restart the accumulator' });
      const last = m.input('in_last', uint(1), { doc: 'last k of a group: out_valid next cycle' });
      const a = m.input('a', uint(totalBits(f)), { doc: `activation, ${f.name} code` });
      const q = withWeight ? m.input('q', weightType(p), { doc: `weight, ${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits}` }) : null;
      body({ valid, first, last }, a, q, out);
    },
    { doc, params: { ...p } },
  );
}

function emitResult(ctl: GroupControl, term: KulischTerm, p: MixpeParams, maxSig: bigint, out: string): void {
  const m = ctl.valid.m;
  if (p.accMode === 'FP32_RNE') {
    const r = fp32Accumulator(m, ctl, term, activationFormat(p));
    m.output('out_valid', r.outValid, { doc: 'the group result is on the outputs this cycle' });
    m.output(out, r.acc, { doc: 'group sum, FP32 code' });
    return;
  }
  const s = kulischAccumulator(m, ctl, term, p.accW, placedWidth(maxSig, p));
  const lsb = mixpeWidths(p).pg.lsbExp!;
  m.output('out_valid', s.outValid, { doc: 'the group result is on the outputs this cycle' });
  m.output(out, s.acc, { doc: `exact group sum, value ${out} · 2^${lsb}` });
  m.output(`${out}_nan`, s.nan, { doc: 'group sum is NaN' });
  m.output(`${out}_pinf`, s.pinf, { doc: 'group sum is +Inf' });
  m.output(`${out}_ninf`, s.ninf, { doc: 'group sum is −Inf' });
}

/**
 * The W4A16 PE: P_g = Σ_{k∈g} a_k · Q_k over each group (one term per `in_valid` cycle).
 * Instantiates the product unit `mixpe_fp_mul_*` once.
 */
export function mixpeFpPe(p: MixpeParams): ModuleDef {
  checkFpParams(p, 'MixPE FP PE');
  const f = activationFormat(p);
  const maxSig = ((1n << BigInt(f.manBits + 1)) - 1n) * maxAbsWeight(p);
  const mode = p.accMode === 'FP32_RNE' ? 'fp32' : `acc${p.accW}`;
  return groupModule(
    `mixpe_fp_pe_${fpConfigTag(p)}_${mode}`,
    `MixPE W${p.weightBits}A16 PE: ${f.name} × ${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits} shift-and-add, ${p.accMode} group accumulator`,
    p,
    true,
    (ctl, a, q) => {
      const m = a.m;
      const pr = m.instance('u_mul', mixpeFpProduct(p), { a, q: q! });
      const term: KulischTerm = { S: pr.s!, E: pr.e!, neg: pr.neg!, nan: pr.nan!, inf: pr.inf! };
      emitResult(ctl, term, p, maxSig, 'pg');
    },
    'pg',
  );
}

/**
 * The row-edge R_g unit: R_g = Σ_{k∈g} a_k with the same accumulator mode and register width
 * as P_g (`accW`), computed once per (row, group) for the zero-point term z·R_g.
 */
export function mixpeFpRowSum(p: MixpeParams): ModuleDef {
  checkFpParams(p, 'MixPE FP row-sum unit');
  const f = activationFormat(p);
  const maxSig = (1n << BigInt(f.manBits + 1)) - 1n;
  const mode = p.accMode === 'FP32_RNE' ? 'fp32' : `acc${p.accW}`;
  return groupModule(
    `mixpe_fp_rowsum_${p.activation.toLowerCase()}_${mode}`,
    `MixPE R_g unit: sum of the group's ${f.name} activations, ${p.accMode}`,
    p,
    false,
    (ctl, a) => {
      const d = decodeFp(a, f);
      const term: KulischTerm = { S: mux(d.special, 0, d.M).named('row_sig'), E: d.E, neg: d.sign, nan: d.nan, inf: d.inf };
      emitResult(ctl, term, p, maxSig, 'rg');
    },
    'rg',
  );
}
