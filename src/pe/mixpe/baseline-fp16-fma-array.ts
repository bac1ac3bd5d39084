/**
 * The W4A16 comparison design of issue 10 item 5: an output-stationary `rows × cols` array of
 * FP16 FMA PEs that **dequantizes every weight before the multiply** (specs/mixpe.md §1 FP16
 * baseline, §2.1 weight format). One dequantizer per column (`fp16DequantUnit`,
 * `w = RNE16(s_{g,c} · (Q[k][c] − z_{g,c}))`) feeds the FP16 weight down its column every beat; PE
 * (r, c) is the FP16 × FP16 → FP32 FMA of baseline-fp16-fma-pe.ts and accumulates
 * `acc ← RNE32(acc + X[r][k] · w)` over the **whole tile** (no per-group epilogue: the scale is
 * already inside w). At the tile's last beat every PE's FP32 result enters its column's drain
 * chain; the chains move one row per output beat into one FP32 → `outputFormat` rounding unit per
 * column. Level "b" of this design is golden-baseline.ts `fp16FmaGemmTile` (its own semantics:
 * rounded weights and FP32 accumulation, so it is not bit-equal to MixPE's exact datapath).
 *
 * Stream interface: the ports of the MixPE W4A16 array (`x_<r>` FP16 codes, `q_<c>`, `s_<c>`,
 * `z_<c>`; no `sx`), one tile per transaction, K input beats, `rows` output beats (beat m =
 * row m, `y_<c>`), except that **s_{g,c} and z_{g,c} are sampled on the first beat of group g**
 * (the first weight already needs them; held in a register for the other G − 1 beats).
 * Control: the shared group-array controller (src/lib/array/group-controller.ts) built with one
 * "group" per tile (its G = K): `last` is the tile's last beat, `load` fills the chains,
 * `consume` … `cap_o` step the per-column output pipeline (chain head → FP32 register → rounded
 * code → two pipeline registers → output register), so the input never waits when rows ≤ K.
 *
 * Contract: FP16 activations and FP16 scales only (a LowbitError otherwise); every output equals
 * `fp16FmaGemmTile` bit for bit (cosim: baseline-fp16-fma-array-cosim.ts).
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { cat, mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import { FP32, totalBits } from '../../golden/float/format.ts';
import { mixpeFormat, validateMixpeParams, type MixpeParams } from './params.ts';
import { weightType } from './rtl-pe-interface.ts';
import { groupController, holdFromGroupStart } from '../../lib/array/group-controller.ts';
import { drainChain, edgeInputs } from '../../lib/array/topology.ts';
import { streamInput, streamOutput, type StreamField } from '../../lib/stream/bundle.ts';
import { decodeFloat } from '../../lib/fp/decode.ts';
import { fpRoundUnit } from '../../lib/fp/round.ts';
import { fp16FmaBaselinePe } from './baseline-fp16-fma-pe.ts';
import { fp16DequantUnit } from './baseline-fp16-dequant.ts';

export interface Fp16FmaArrayOptions {
  /** Top module name (default `baseline_fma_array`). */
  readonly name?: string;
}

/** Refuse what the FMA baseline does not model (FP16 × FP16 multipliers, FP16 scales). */
function checkFmaParams(p: MixpeParams): void {
  validateMixpeParams(p);
  if (p.activation !== 'FP16') {
    throw userError(`FP16-FMA baseline array: activation ${p.activation} is not supported`, 'the FMA baseline multiplies FP16 x FP16; use activation FP16');
  }
  if (p.scaleFormat !== 'FP16') {
    throw userError(`FP16-FMA baseline array: scaleFormat ${p.scaleFormat} is not supported`, 'its weight dequantizer rounds s * (Q - z) with an FP16 scale; use scaleFormat FP16');
  }
}

/** FP32 code → `outputFormat` code (FP32: the code itself), combinational in the column. */
function outputRounding(p: MixpeParams): ModuleDef | null {
  if (p.outputFormat === 'FP32') return null;
  const of = mixpeFormat(p.outputFormat);
  // An FP32 value is M · 2^(E − 150), E in 1 … 254: the LSB exponent fits 9 signed bits.
  return fpRoundUnit({ magW: FP32.manBits + 1, expW: 9, format: of, round: p.outputRound, overflow: p.outputOverflow, name: `baseline_fma_round_${of.name.toLowerCase()}_${p.outputRound.toLowerCase()}_${p.outputOverflow.toLowerCase()}` });
}

/** One column: the weight dequantizer (s, z held for the group), `rows` FMA PEs, the drain chain and the output pipeline. */
function columnModule(p: MixpeParams, pe: ModuleDef, dq: ModuleDef, round: ModuleDef | null): ModuleDef {
  return module(
    `baseline_fma_column_r${p.rows}_w${p.weightBits}${p.weightSigned ? 's' : 'u'}_${p.outputFormat.toLowerCase()}${round ? `_${round.name}` : ''}`,
    (m) => {
      const xs = edgeInputs(m, 'x', p.rows, uint(16), (r) => `activation of row ${r} (FP16 code)`);
      const q = m.input('q', weightType(p), { doc: 'weight code of this column' });
      const sIn = m.input('s_in', uint(16), { doc: 'scale s_g (FP16 code), valid on the first beat of the group' });
      const zIn = p.weightSigned ? null : m.input('z_in', weightType(p), { doc: 'zero point z_g, valid on the first beat of the group' });
      const grpStart = m.input('grp_start', uint(1), { doc: 'the current beat is the first of its group' });
      const en = m.input('en', uint(1));
      const last = m.input('last', uint(1), { doc: 'with en: the last beat of the tile' });
      const load = m.input('load', uint(1));
      const consume = m.input('consume', uint(1), { doc: 'the chain head enters the output pipeline' });
      const ctl = ['cap_c', 'cap_d', 'cap_o'].map((n) => m.input(n, uint(1)));

      // Dequantize first: s_g, z_g from the group's first beat (held for the rest of the group).
      const hold = (name: string, v: Signal): Signal => holdFromGroupStart(m, name, v, en, grpStart);
      const s = hold('s', sIn);
      const conn: Record<string, Signal> = { q, s };
      if (zIn) conn.z = hold('z', zIn);
      const w = m.instance('dq', dq, conn).w!;

      const acc = xs.map((x, r) => m.instance(`pe_${r}`, pe, { x, w, en, last }).pg!);
      const head = drainChain(m, 'yc', acc, load, consume)[0]!;
      // Output pipeline, in step with the controller's B → C → D → output stages.
      const reg = (name: string, v: Signal, e: Signal): Signal => {
        const r = m.reg(name, v.type, { en: e });
        r.set(v);
        return r;
      };
      const yB = reg('y_b', head, consume);
      let code: Signal = yB;
      if (round) {
        const f = decodeFloat(m, yB, FP32, 'acc');
        const sp = cat(f.nan.or(f.inf.and(f.sign)), f.nan.or(f.inf.and(f.sign.not())));
        const mag = mux(f.special, m.constant(0, uint(FP32.manBits + 1)), f.M);
        const exp = f.E.toSigned().sub(FP32.bias + FP32.manBits).resize(9);
        code = m.instance('round', round, { mag, exp, neg: f.sign, sp }).code!;
      }
      const yC = reg('y_c', code, ctl[0]!);
      const yD = reg('y_d', yC, ctl[1]!);
      m.output('y', reg('y_q', yD, ctl[2]!), { doc: `output element (${p.outputFormat} code)` });
    },
    { doc: `FP16-FMA baseline column: weight dequantizer, ${p.rows} FMA PEs (FP32 accumulators), drain chain, FP32 -> ${p.outputFormat} output` },
  );
}

/** The FP16-FMA baseline array for `p` (FP16 activations, FP16 scales; reads rows, cols, G, K, weight format, output format). */
export function fp16FmaBaselineArray(p: MixpeParams, opts: Fp16FmaArrayOptions = {}): ModuleDef {
  checkFmaParams(p);
  const pe = fp16FmaBaselinePe(p);
  const dq = fp16DequantUnit(p);
  const col = columnModule(p, pe, dq, outputRounding(p));
  // One accumulation per tile: the controller's "group" is the whole tile.
  const ctrl = groupController({ rows: p.rows, G: p.K, K: p.K, latency: 0, name: `baseline_fma_ctrl_r${p.rows}_k${p.K}` });
  const outBits = totalBits(mixpeFormat(p.outputFormat));
  return module(
    opts.name ?? 'baseline_fma_array',
    (m) => {
      const fields: Record<string, StreamField> = {};
      for (let r = 0; r < p.rows; r++) fields[`x_${r}`] = { type: uint(16), doc: `X[${r}][k] (FP16 code)` };
      for (let c = 0; c < p.cols; c++) fields[`q_${c}`] = { type: weightType(p), doc: `Q[k][${c}]` };
      for (let c = 0; c < p.cols; c++) fields[`s_${c}`] = { type: uint(16), doc: `scale s_{g,${c}} (FP16), sampled on the FIRST beat of group g` };
      if (!p.weightSigned) {
        for (let c = 0; c < p.cols; c++) fields[`z_${c}`] = { type: weightType(p), doc: `zero point z_{g,${c}}, sampled on the FIRST beat of group g` };
      }
      const inS = streamInput(m, 'in', fields);
      const outFields: Record<string, StreamField> = {};
      for (let n = 0; n < p.cols; n++) outFields[`y_${n}`] = { type: uint(outBits), doc: `Y[m][${n}] (${p.outputFormat}), one row m per output beat` };
      const outS = streamOutput(m, 'out', outFields);
      const c = m.instance('ctrl', ctrl, { in_valid: inS.valid, out_ready: outS.ready });
      // The beat is the first of its group: set by reset and after every accepted group-end beat.
      const kg = m.reg('kg', uint(Math.max(1, Math.ceil(Math.log2(p.G)))), { reset: 0, en: c.en! });
      const gLast = m.wire('grp_last', kg.eq(p.G - 1));
      kg.set(mux(gLast, m.constant(0, kg.type), kg.add(1).trunc(kg.width).asUnsigned()));
      const grpStart = m.wire('grp_start', kg.eq(0));
      const ys: Record<string, Signal> = {};
      for (let n = 0; n < p.cols; n++) {
        const conn: Record<string, Signal> = {
          q: inS.data[`q_${n}`]!,
          s_in: inS.data[`s_${n}`]!,
          grp_start: grpStart,
          ...Object.fromEntries(['en', 'last', 'load', 'consume', 'cap_c', 'cap_d', 'cap_o'].map((k) => [k, c[k]!])),
        };
        if (!p.weightSigned) conn.z_in = inS.data[`z_${n}`]!;
        for (let r = 0; r < p.rows; r++) conn[`x_${r}`] = inS.data[`x_${r}`]!;
        ys[`y_${n}`] = m.instance(`col_${n}`, col, conn).y!;
      }
      outS.drive(ys);
      inS.driveReady(c.in_ready!);
      outS.driveValid(c.out_valid!);
    },
    {
      doc: `FP16-FMA baseline ${p.rows}x${p.cols} W${p.weightBits}A16 array (every weight dequantized to FP16 before the multiply, FP32 accumulation over K = ${p.K}), G = ${p.G}`,
      params: { rows: p.rows, cols: p.cols, G: p.G, K: p.K, weightBits: p.weightBits, weightSigned: p.weightSigned, outputFormat: p.outputFormat, outputRound: p.outputRound, outputOverflow: p.outputOverflow },
    },
  );
}

