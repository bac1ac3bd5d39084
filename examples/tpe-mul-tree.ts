/**
 * TPE multiplier-adder tree (specs/tpe.md §4.4), k lanes × n tiles, weight-stationary, in the
 * baseline form (k multipliers + adder tree per tile) or the OPT2 form (EN-T encoded once at the
 * edge, same-bit-weight sums across lanes, one shift-add per dot product). One transaction is a
 * GEMM tile C = A·B with A m×k, B k×n: m input beats (a row of A each; B on the first beat), m
 * output beats (a row of C each), one row per cycle. `lowbit-hdl gen examples/tpe-mul-tree.ts
 * --list-params` lists the parameters; `cosim` checks it bit for bit against the exact GEMM.
 */
import { defineDesign } from 'lowbit-hdl';
import { tpeCosimSpec, tpeMulTree, tpeWithDefaults, type TpeForm, type TpeRecoder, type TpeSignExt } from 'lowbit-hdl/pe';

export interface Params {
  /** baseline (multipliers + adder tree) or opt (OPT2: shared EN-T encoders, bit-weight sums). */
  form: TpeForm;
  /** Rows of A and C: input (and output) beats per transaction (1 … 256). */
  m: number;
  /** Lanes = reduction length (2 … 256). */
  k: number;
  /** Tiles = columns of B and C (1 … 256). */
  n: number;
  /** Operand width, even, 2 … 16. */
  W: number;
  /** A is two's complement (else unsigned). */
  aSigned: boolean;
  /** B is two's complement (else unsigned). */
  bSigned: boolean;
  /** Result width; 0 = the exact minimum 2W + ceil(log2 k) (+1 for mixed signedness). */
  accW: number;
  /** Partial-product recoder: default (none for baseline, Booth for opt), booth, ent. */
  recoder: TpeRecoder;
  /** Compressor-tree schedule of the opt form: dadda or wallace. */
  tree: 'dadda' | 'wallace';
  /** Use 4:2 compressors in the opt form's trees. */
  compress42: boolean;
  /** Sign extension of negative partial products: full or eliminated. */
  signExt: TpeSignExt;
  /** Carry-propagate adder: plus, ripple, kogge-stone, brent-kung, sklansky. */
  edgeCpa: 'plus' | 'ripple' | 'kogge-stone' | 'brent-kung' | 'sklansky';
  /** Pipeline stages (latency in cycles), 1 … 16; the repository uses about 7. */
  stages: number;
}

const full = (p: Params) => tpeWithDefaults('mul-tree', p.form, { ...p });

export default defineDesign<Params>({
  name: 'tpe_mul_tree',
  defaults: {
    form: 'baseline', m: 4, k: 4, n: 3, stages: 3, W: 8, aSigned: true, bSigned: true, accW: 0,
    recoder: 'default', tree: 'dadda', compress42: false, signExt: 'full', edgeCpa: 'plus',
  },
  build: (p) => tpeMulTree(full(p)),
  cosim: (p) => tpeCosimSpec(full(p)),
  macsPerCycle: (p) => p.k * p.n,
});
