/**
 * TPE weight-stationary systolic array (specs/tpe.md §4.2), k × n PEs, in the baseline form
 * (multiplier + CPA on the partial sum in every PE) or the OPT1 form (the partial sum flows south
 * in carry-save form, one CPA per column at the south edge). One transaction is a GEMM tile
 * C = A·B with A m×k, B k×n: m input beats (a row of A each; B on the first beat, held in the PEs),
 * m output beats (a row of C each), one row per cycle, latency k + n cycles. `lowbit-hdl gen
 * examples/tpe-systolic-ws.ts --list-params` lists the parameters; `cosim` checks it bit for bit
 * against the exact GEMM with bubbles and backpressure.
 */
import { defineDesign } from 'lowbit-hdl';
import { tpeCosimSpec, tpeSystolicWs, tpeWithDefaults, type TpeForm, type TpeRecoder, type TpeSignExt } from 'lowbit-hdl/pe';

export interface Params {
  /** baseline (multiplier + CPA in every PE) or opt (OPT1: carry-save partial sums, edge CPA). */
  form: TpeForm;
  /** Rows of A and C: input (and output) beats per transaction (1 … 256). */
  m: number;
  /** PE rows = reduction length (1 … 256). */
  k: number;
  /** PE columns = columns of B and C (1 … 256). */
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
  /** Carry-propagate adder (in the PE for baseline, at the south edge for opt): plus, ripple, kogge-stone, brent-kung, sklansky. */
  edgeCpa: 'plus' | 'ripple' | 'kogge-stone' | 'brent-kung' | 'sklansky';
}

const full = (p: Params) => tpeWithDefaults('systolic-ws', p.form, { ...p });

export default defineDesign<Params>({
  name: 'tpe_systolic_ws',
  defaults: {
    form: 'baseline', m: 4, k: 3, n: 3, W: 8, aSigned: true, bSigned: true, accW: 0,
    recoder: 'default', tree: 'dadda', compress42: false, signExt: 'full', edgeCpa: 'plus',
  },
  build: (p) => tpeSystolicWs(full(p)),
  cosim: (p) => tpeCosimSpec(full(p)),
  macsPerCycle: (p) => p.k * p.n,
});
