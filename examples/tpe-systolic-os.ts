/**
 * TPE output-stationary systolic array (specs/tpe.md §4.1), m × n PEs, in the baseline form
 * (multiplier + CPA per MAC) or the OPT1 form (carry-save accumulation, CPA at the east edge).
 * One transaction is one GEMM tile C = A·B with A m×k, B k×n: k input beats (a column of A and a
 * row of B each), n output beats (a column of C each, east-most first). `lowbit-hdl gen
 * examples/tpe-systolic-os.ts --list-params` lists the parameters; `cosim` checks it bit for bit
 * against the exact GEMM with bubbles and backpressure.
 */
import { defineDesign } from 'lowbit-hdl';
import { tpeCosimSpec, tpeSystolicOs, tpeWithDefaults, type TpeForm, type TpeRecoder, type TpeSignExt } from 'lowbit-hdl/pe';

export interface Params {
  /** baseline (multiplier + CPA in the loop) or opt (OPT1: carry-save accumulator, edge CPA). */
  form: TpeForm;
  /** PE rows = rows of A and C (1 … 256). */
  m: number;
  /** Reduction length: input beats per transaction (1 … 256). */
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
  /** Carry-propagate adder: plus, ripple, kogge-stone, brent-kung, sklansky. */
  edgeCpa: 'plus' | 'ripple' | 'kogge-stone' | 'brent-kung' | 'sklansky';
}

const full = (p: Params) => tpeWithDefaults('systolic-os', p.form, { ...p });

export default defineDesign<Params>({
  name: 'tpe_systolic_os',
  defaults: {
    form: 'baseline', m: 4, k: 4, n: 4, W: 8, aSigned: true, bSigned: true, accW: 0,
    recoder: 'default', tree: 'dadda', compress42: false, signExt: 'full', edgeCpa: 'plus',
  },
  build: (p) => tpeSystolicOs(full(p)),
  cosim: (p) => tpeCosimSpec(full(p)),
  macsPerCycle: (p) => p.m * p.n,
});
