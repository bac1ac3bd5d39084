/**
 * BitMoD (HPCA 2025, arXiv 2411.11745): a 4×4 output-stationary array of bit-serial PEs with
 * 4 lanes each, FP4 mixture weights (each group of G = 128 picks ER_POS / ER_NEG / EA_POS / EA_NEG
 * by its 2-bit datatype id), FP16 activations, a bit-serial dequantizer per PE overlapping the next
 * group, exact cross-group accumulation and one TIES_EVEN rounding to FP16 after s_ch.
 *
 * One cosim transaction is one GEMM tile: K/L input beats (beat: L activations per row, L weight
 * codes per column, and per column the group's datatype id, Δ and s_ch) → one output beat with
 * all rows × cols results. The golden model is level b (src/pe/bitmod/golden-dot.ts).
 * Quantize a weight matrix for it with `lowbit-hdl quantize bitmod W.npy --bits 4 --lanes 4`.
 */
import { defineDesign } from 'lowbit-hdl';
import { bitmodArray, bitmodArrayCosimSpec, bitmodParams, type BitmodWeightType } from 'lowbit-hdl/pe';

export interface Params {
  /** PE rows: activation vectors processed in parallel (1 … 64). */
  rows: number;
  /** PE columns: output channels processed in parallel (1 … 64). */
  cols: number;
  /** Lanes per PE (dot-product width), 2 … 16. */
  L: number;
  /** Group size: weights per datatype id and group scale Δ (32 … 256, a multiple of L). */
  G: number;
  /** Reduction length per tile, a multiple of G. */
  K: number;
  /** Weight types the PE supports, comma-separated: FP4, FP3, INT8, INT6, INT4, INT3. */
  weightTypes: string;
  /** Activation format: FP16 or BF16. */
  activation: 'FP16' | 'BF16';
  /** Alignment guard bits gb (0 … 8). */
  gb: number;
  /** Group-accumulator mantissa width accW (15 … 24). */
  accW: number;
  /** Unsigned group-scale bits (4 … 8): one dequantization cycle per bit. */
  scaleBits: number;
  /** Lanes without a term (man = 0) stay out of the max exponent (true) or take part (false, as the prototype). */
  excludeInactiveLanes: boolean;
  /** Inf/NaN activations: PROPAGATE (IEEE results) or ASSUME_FINITE (no special logic). */
  specialPolicy: 'PROPAGATE' | 'ASSUME_FINITE';
  /** Output element format. */
  outputFormat: 'FP16' | 'FP32';
}

const toBitmod = (p: Params) =>
  bitmodParams({
    rows: p.rows,
    cols: p.cols,
    L: p.L,
    G: p.G,
    K: p.K,
    weightTypes: p.weightTypes.split(',').map((s) => s.trim()) as BitmodWeightType[],
    activation: p.activation,
    gb: p.gb,
    accW: p.accW,
    scaleBits: p.scaleBits,
    excludeInactiveLanes: p.excludeInactiveLanes,
    specialPolicy: p.specialPolicy,
    outputFormat: p.outputFormat,
  });

export default defineDesign<Params>({
  name: 'bitmod',
  defaults: {
    rows: 4,
    cols: 4,
    L: 4,
    G: 128,
    K: 256,
    weightTypes: 'FP4',
    activation: 'FP16',
    gb: 3,
    accW: 15,
    scaleBits: 8,
    excludeInactiveLanes: true,
    specialPolicy: 'PROPAGATE',
    outputFormat: 'FP16',
  },
  build: (p) => bitmodArray(toBitmod(p), { name: 'bitmod' }),
  cosim: (p) => bitmodArrayCosimSpec(toBitmod(p), { tiles: 4 }),
});
