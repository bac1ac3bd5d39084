/**
 * TPE 3D-Cube (specs/tpe.md §4.3), n × n × n PEs computing one n × n × n GEMM per cycle, in the
 * baseline form (multiplier + CPA on the partial sum in every PE) or the OPT1 form (the partial
 * sum flows along the reduction axis in carry-save form, n × n CPAs at its edge). A hops along x,
 * B along z, the partial sum along y. One transaction: 1 input beat (A and B, n × n each,
 * row-major), 1 output beat (C row-major), latency 3n − 2 cycles. `lowbit-hdl gen
 * examples/tpe-cube.ts --list-params` lists the parameters; `cosim` checks it bit for bit against
 * the exact GEMM with bubbles and backpressure.
 */
import { defineDesign } from 'lowbit-hdl';
import { tpeCosimSpec, tpeCube, tpeWithDefaults, type TpeForm, type TpeRecoder, type TpeSignExt } from 'lowbit-hdl/pe';

export interface Params {
  /** baseline (multiplier + CPA in every PE) or opt (OPT1: carry-save partial sums, edge CPAs). */
  form: TpeForm;
  /** Cube size: C = A·B with A, B, C all n × n (1 … 256). */
  n: number;
  /** Operand width, even, 2 … 16. */
  W: number;
  /** A is two's complement (else unsigned). */
  aSigned: boolean;
  /** B is two's complement (else unsigned). */
  bSigned: boolean;
  /** Result width; 0 = the exact minimum 2W + ceil(log2 n) (+1 for mixed signedness). */
  accW: number;
  /** Partial-product recoder: default (none for baseline, Booth for opt), booth, ent. */
  recoder: TpeRecoder;
  /** Compressor-tree schedule of the opt form: dadda or wallace. */
  tree: 'dadda' | 'wallace';
  /** Use 4:2 compressors in the opt form's trees. */
  compress42: boolean;
  /** Sign extension of negative partial products: full or eliminated. */
  signExt: TpeSignExt;
  /** Carry-propagate adder (in the PE for baseline, at the y edge for opt): plus, ripple, kogge-stone, brent-kung, sklansky. */
  edgeCpa: 'plus' | 'ripple' | 'kogge-stone' | 'brent-kung' | 'sklansky';
}

const full = (p: Params) => tpeWithDefaults('cube', p.form, { ...p, m: p.n, k: p.n });

export default defineDesign<Params>({
  name: 'tpe_cube',
  defaults: {
    form: 'baseline', n: 2, W: 8, aSigned: true, bSigned: true, accW: 0,
    recoder: 'default', tree: 'dadda', compress42: false, signExt: 'full', edgeCpa: 'plus',
  },
  build: (p) => tpeCube(full(p)),
  cosim: (p) => tpeCosimSpec(full(p)),
  macsPerCycle: (p) => p.n * p.n * p.n,
});
