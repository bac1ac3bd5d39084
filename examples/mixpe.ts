/**
 * MixPE (arXiv 2411.16158): a W4A8 (or, with `activation = FP16 | BF16`, W4A16) mixed-precision GEMM array. Shift-and-add PEs (no
 * multipliers) accumulate exact per-group integer dot products P_g; one dequantization unit per
 * column computes s_g · (P_g − z_g · R_g) once per group, accumulates exactly across groups and
 * rounds once to FP16 after the per-row activation scale s_x (docs/mixpe.md).
 *
 * One cosim transaction is one GEMM tile: K input beats (beat k: X[·][k] along the rows,
 * Q[k][·] down the columns; s_g, z_g on the last beat of each group; s_x on the last beat) give
 * `rows` output beats (beat m: Y[m][·]). The golden model is level b (golden-datapath.ts).
 */
import { defineDesign } from 'lowbit-hdl';
import {
  mixpeArray,
  mixpeArrayCosimSpec,
  mixpeBaselineArrayCosimSpec,
  mixpeFpArrayPe,
  mixpeParams,
  type MixpeActivation,
  type MixpeOutputFormat,
  type MixpeParams,
  type MixpeScaleFormat,
  type WeightBits,
} from 'lowbit-hdl/pe';

export interface Params {
  /** PE rows: activation rows processed in parallel (1 … 64, at most G). */
  rows: number;
  /** PE columns: output columns processed in parallel (1 … 64). */
  cols: number;
  /** Quantization group size along K (32 … 128): one scale and zero point per group and column. */
  G: number;
  /** Reduction length per tile: a multiple of G (sizes the exact output accumulator). */
  K: number;
  /** Weight bits: 4 (W4A8), 3 or 2. */
  weightBits: number;
  /** Signed two's-complement weights without zero point (true), or unsigned weights with a zero point (false). */
  weightSigned: boolean;
  /**
   * Activations: INT8 (W4A8, per-row scale s_x) or FP16 / BF16 (W4A16: significand
   * shift-and-add with exponent pass-through, exact Kulisch group sums).
   */
  activation: 'INT8' | 'FP16' | 'BF16';
  /**
   * Accumulation mode (spec §5): EXACT_WIDE (exact fixed point everywhere), BLOCK_ALIGN
   * (block floating point: FLOOR alignment with `guardBits` guard bits) or FP32_RNE (FP32
   * registers, TIES_EVEN after every operation, in the spec's order).
   */
  accMode: 'EXACT_WIDE' | 'BLOCK_ALIGN' | 'FP32_RNE';
  /**
   * Accumulation across groups: ACC_MODE (the accMode above) or FP32_RNE with accMode EXACT_WIDE
   * (exact group sums, then u, v = s_g · u and Y ← Y + v each rounded to FP32, as FP32 accumulators
   * would: a smaller epilogue; docs/mixpe.md).
   */
  crossGroupAcc: 'ACC_MODE' | 'FP32_RNE';
  /** BLOCK_ALIGN guard bits below the largest term (0 … 8). */
  guardBits: number;
  /** Group accumulator width in bits (0: the configuration's default, 20 for INT8, the exact minimum for FP16/BF16). */
  accW: number;
  /** Format of the per-(group, column) weight scale s_g. */
  scaleFormat: 'FP16' | 'BF16' | 'FP32';
  /** Format of the per-row activation scale s_x. */
  actScaleFormat: 'FP16' | 'BF16' | 'FP32';
  /** Output element format. */
  outputFormat: 'FP16' | 'FP32';
  /** Rounding of the one final output rounding. */
  outputRound: 'TIES_EVEN' | 'TIES_AWAY' | 'TIES_UP' | 'TIES_DOWN' | 'TIES_ZERO' | 'FLOOR' | 'TRUNC_ZERO' | 'CEIL';
  /** Output overflow: IEEE (±Inf) or SATURATE (±max finite). */
  outputOverflow: 'IEEE' | 'SATURATE';
  /**
   * Dequantization epilogues, each shared by up to floor(G / (rows · c)) adjacent columns (c = 1,
   * or the scale significand bits for BIT_SERIAL; 0: the fewest that keep up; cols: one per
   * column). Never changes a result.
   */
  epilogues: number;
  /**
   * Dequantization multiplier of each epilogue: SHARED_MULT (one INT × FP multiplier, a group
   * result per cycle) or BIT_SERIAL (one shift-and-add step per scale significand bit, overlapping
   * the next group; needs rows × (11 FP16, 8 BF16, 24 FP32) ≤ G). Never changes a result.
   */
  dequantUnit: 'SHARED_MULT' | 'BIT_SERIAL';
  /**
   * Where the zero point is applied (unsigned weights; never changes a result): ROW_SUM (per-row
   * R_g = Σ X and z·R_g in the epilogue; z on the last beat of a group) or COLUMN_EDGE (Q − z
   * once per column edge, PEs sum X·(Q − z), no R_g; FP16/BF16 activation and EXACT_WIDE only;
   * z on the FIRST beat of a group).
   */
  zeroPoint: 'ROW_SUM' | 'COLUMN_EDGE';
}

const toMixpe = (p: Params): MixpeParams =>
  mixpeParams({
    rows: p.rows,
    cols: p.cols,
    G: p.G,
    K: p.K,
    weightBits: p.weightBits as WeightBits,
    weightSigned: p.weightSigned,
    activation: p.activation as MixpeActivation,
    accMode: p.accMode as MixpeParams['accMode'],
    ...(p.crossGroupAcc === 'ACC_MODE' ? {} : { crossGroupAcc: p.crossGroupAcc }),
    guardBits: p.guardBits,
    ...(p.accW === 0 ? {} : { accW: p.accW }),
    scaleFormat: p.scaleFormat as MixpeScaleFormat,
    actScaleFormat: p.actScaleFormat as MixpeScaleFormat,
    outputFormat: p.outputFormat as MixpeOutputFormat,
    outputRound: p.outputRound as MixpeParams['outputRound'],
    outputOverflow: p.outputOverflow as MixpeParams['outputOverflow'],
    ...(p.epilogues === 0 ? {} : { epilogues: p.epilogues }),
    dequantUnit: p.dequantUnit as MixpeParams['dequantUnit'],
  });

/**
 * The array: shift-and-add INT8 PEs, or the FP16/BF16-activation PE for W4A16; with `zeroPoint =
 * COLUMN_EDGE` the generator's zero-folded FP PE (mixpeArray refuses the option outside FP16/BF16
 * activations, unsigned weights and EXACT_WIDE, with a message naming `zeroPoint`).
 */
const build = (m: MixpeParams, zeroPoint: Params['zeroPoint']) =>
  zeroPoint === 'COLUMN_EDGE'
    ? mixpeArray(m, { name: 'mixpe', zeroPoint })
    : mixpeArray(m, { name: 'mixpe', pe: m.activation === 'INT8' ? undefined : mixpeFpArrayPe });

export default defineDesign<Params>({
  name: 'mixpe',
  defaults: {
    rows: 16,
    cols: 16,
    G: 128,
    K: 256,
    weightBits: 4,
    weightSigned: false,
    activation: 'INT8',
    accMode: 'EXACT_WIDE',
    crossGroupAcc: 'ACC_MODE',
    guardBits: 3,
    accW: 0,
    scaleFormat: 'FP16',
    actScaleFormat: 'FP16',
    outputFormat: 'FP16',
    outputRound: 'TIES_EVEN',
    outputOverflow: 'IEEE',
    epilogues: 0,
    dequantUnit: 'SHARED_MULT',
    zeroPoint: 'ROW_SUM',
  },
  build: (p) => build(toMixpe(p), p.zeroPoint),
  // Spec corners (max groups, zero points 0 and 15, ...) and realistic tiles run first, then
  // uniformly random beats (every scale code, Inf and NaN included). COLUMN_EDGE samples z on the
  // first beat of a group, as the dequantize-first baseline does: its spec is the same level b
  // with the z slots of every group's first and last beat exchanged.
  cosim: (p) => (p.zeroPoint === 'COLUMN_EDGE' ? mixpeBaselineArrayCosimSpec : mixpeArrayCosimSpec)(toMixpe(p), { random: 6, tiles: 3 }),
});
