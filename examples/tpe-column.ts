/**
 * TPE 2D-matrix column (specs/tpe.md §4.5): n PEs sharing one activation vector of length k, in
 * the baseline form (one MAC per cycle, CPA every cycle) or the OPT3/OPT4 form (default: a shared sparse
 * EN-T encoder issues only non-zero digits, one weight row read per issue, carry-save PEs with the
 * pass shift in Horner order, one chunked fuse CPA per transaction). One transaction: one input
 * beat (activations and weights, held in the column's buffers), one output beat (C row and the
 * cycle count, which cosim checks against the golden model's prediction). `lowbit-hdl gen
 * examples/tpe-column.ts --list-params` lists the parameters.
 */
import { defineDesign } from 'lowbit-hdl';
import { tpeAccW, tpeColumn, tpeCosimSpec, tpeDigits, tpeWithDefaults, type TpeForm, type TpeRecoder, type TpeSignExt } from 'lowbit-hdl/pe';

export interface Params {
  /** baseline (one MAC per cycle) or opt (OPT3/OPT4: sparse bit-serial PEs, shared encoder). */
  form: TpeForm;
  /** Activations per transaction = reduction length (1 … 256). */
  k: number;
  /** PEs = columns of B and C (1 … 256). */
  n: number;
  /** Operand width, even, 2 … 16. */
  W: number;
  /** A is two's complement (else unsigned). */
  aSigned: boolean;
  /** B is two's complement (else unsigned). */
  bSigned: boolean;
  /** Result width; 0 = the exact minimum 2W + ceil(log2 k) (+1 for mixed signedness). */
  accW: number;
  /** Digit recoder: default (none for baseline, EN-T for opt), ent (the sparse encoder skips EN-T zero digits). */
  recoder: TpeRecoder;
  /** Compressor-tree schedule of the opt form: dadda or wallace. */
  tree: 'dadda' | 'wallace';
  /** Use 4:2 compressors in the opt form's trees. */
  compress42: boolean;
  /** Sign extension of negative partial products: full or eliminated. */
  signExt: TpeSignExt;
  /** Carry-propagate adder: plus, ripple, kogge-stone, brent-kung, sklansky. */
  edgeCpa: 'plus' | 'ripple' | 'kogge-stone' | 'brent-kung' | 'sklansky';
  /** Activations per encoder block (opt), 1 … 16; the repository uses 4. */
  block: number;
}

const full = (p: Params) => tpeWithDefaults('column', p.form, { ...p, m: 1 });

export default defineDesign<Params>({
  name: 'tpe_column',
  defaults: {
    form: 'opt', k: 8, n: 4, block: 4, W: 8, aSigned: true, bSigned: true, accW: 0,
    recoder: 'default', tree: 'dadda', compress42: false, signExt: 'full', edgeCpa: 'plus',
  },
  build: (p) => tpeColumn(full(p)),
  // 80 random transactions after the corners: each opt transaction takes ~20–40 cycles.
  cosim: (p) => tpeCosimSpec(full(p), { count: 80 }),
  // Baseline: n·k MACs in k + 2 cycles. Opt: data dependent; this is the dense worst case
  // n·k / (1 + D·k + 2 + ceil(accW / 8)) — pass a measured average to `synth --macs-per-cycle`.
  macsPerCycle: (p) => {
    const q = full(p);
    return p.form === 'baseline' ? (p.n * p.k) / (p.k + 2) : (p.n * p.k) / (3 + tpeDigits(q) * p.k + Math.ceil(tpeAccW(q) / 8));
  },
});
