/**
 * MixPE (arXiv 2411.16158): a W4A8 mixed-precision GEMM array. Shift-and-add PEs (no
 * multipliers) accumulate exact per-group integer dot products P_g; one dequantization unit per
 * column computes s_g · (P_g − z_g · R_g) once per group, accumulates exactly across groups and
 * rounds once to FP16 after the per-row activation scale s_x (docs/mixpe.md).
 *
 * One cosim transaction is one GEMM tile: K input beats (beat k: X[·][k] along the rows,
 * Q[k][·] down the columns; s_g, z_g on the last beat of each group; s_x on the last beat) give
 * `rows` output beats (beat m: Y[m][·]). The golden model is level b (golden-datapath.ts).
 */
import { defineDesign } from 'lowbit-hdl';
import { mixpeArray, mixpeArrayCosimSpec, mixpeParams, type MixpeOutputFormat, type MixpeScaleFormat, type MixpeWeightBits } from 'lowbit-hdl/pe';
import type { OverflowMode, RoundMode } from 'lowbit-hdl/golden';

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
  /** Group accumulator width in bits; at least 12 + ceil(log2 G) for 4-bit weights. */
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
}

const toMixpe = (p: Params) =>
  mixpeParams({
    rows: p.rows,
    cols: p.cols,
    G: p.G,
    K: p.K,
    weightBits: p.weightBits as MixpeWeightBits,
    weightSigned: p.weightSigned,
    accW: p.accW,
    scaleFormat: p.scaleFormat as MixpeScaleFormat,
    actScaleFormat: p.actScaleFormat as MixpeScaleFormat,
    outputFormat: p.outputFormat as MixpeOutputFormat,
    outputRound: p.outputRound as RoundMode,
    outputOverflow: p.outputOverflow as OverflowMode,
  });

export default defineDesign<Params>({
  name: 'mixpe',
  defaults: {
    rows: 16,
    cols: 16,
    G: 128,
    K: 256,
    weightBits: 4,
    weightSigned: false,
    accW: 20,
    scaleFormat: 'FP16',
    actScaleFormat: 'FP16',
    outputFormat: 'FP16',
    outputRound: 'TIES_EVEN',
    outputOverflow: 'IEEE',
  },
  build: (p) => mixpeArray(toMixpe(p), { name: 'mixpe' }),
  // Spec corners (max groups, zero points 0 and 15, ...) and realistic tiles run first, then
  // uniformly random beats (every scale code, Inf and NaN included).
  cosim: (p) => mixpeArrayCosimSpec(toMixpe(p), { random: 6, tiles: 3 }),
});
