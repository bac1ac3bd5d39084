/**
 * BitMoD array generator: `rows × cols` PEs (rtl-pe.ts), output-stationary. PE (r, c) computes
 * output `y[r][c] = Σ_k x[r][k] · w[c][k]` (row r = one activation vector, column c = one output
 * channel). The activation lanes of row r are shared by the PEs of that row; the weight codes,
 * datatype id, Δ and `s_ch` of column c are shared down that column. One transaction = one GEMM
 * tile: `groups · G/L` input beats (each carrying all rows' activations and all columns' weight
 * slots) → one output beat with all `rows · cols` results.
 *
 * Timing: every PE receives the same control (valid, last, mode) and has the same state machine,
 * so the PEs run in lockstep; the array's `in_ready` / `out_valid` are the AND of the PEs'. A group
 * takes `G/L · T` cycles with beats back to back; the result leaves `scaleBits` + 1 cycles after the
 * last group's final term (dequantization + output register).
 * [project choice] Each PE keeps its own term generator and bit-serial dequantizer (the codes,
 * not the decoded terms, travel down a column); a shared per-column term generator is an area
 * optimization not implemented here.
 *
 * Ports: `x_r<r>_<i>` (row r, lane i activation), `w_c<c>_<i>` (column c, lane i code),
 * `dt_c<c>`, `delta_c<c>`, `sch_c<c>`, `last`, [`mode`], [`sv_we`, `sv_data`], `y_r<r>_c<c>`, and the
 * handshake `in_valid`/`in_ready`, `out_valid`/`out_ready`.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { totalBits } from '../../golden/float/format.ts';
import { bitLength } from '../../golden/float/dyadic.ts';
import { activationFormat, bitmodWidths, cyclesPerGroup, outputFloatFormat, type BitmodParams } from './params.ts';
import { bitmodPe, bitmodPeName, checkBitmodRtl } from './rtl-pe.ts';
import { codeWidth, svMagWidth } from './rtl-terms.ts';

/** The datasheet text of the array: transaction shape, beat contents, cycle counts (emitted into README.md). */
export function arrayDatasheet(p: BitmodParams): string {
  const w = bitmodWidths(p);
  const cyc = p.weightTypes.map((t) => `${t} ${cyclesPerGroup(p, t)}`).join(', ');
  return [
    `BitMoD ${p.rows}x${p.cols} output-stationary array of ${p.L}-lane bit-serial PEs (weight types ${p.weightTypes.join(', ')}; ${p.activation} activations; G = ${p.G}).`,
    `Transaction (one GEMM tile): groups·G/L input beats, groups = 1 … ${p.K / p.G}; beat j of group g carries, for every row r, the activations x_r<r>_<i> = X[r][g·G + (j·L + i)] and, for every column c, the weight codes w_c<c>_<i> = code of W[c][g·G + j·L + i] (lane i = 0 … L−1), the column's datatype id dt_c<c> and unsigned scale delta_c<c> of group g (constant within the group) and its FP16 channel scale sch_c<c> (constant within the tile); last = 1 on the final beat only${p.weightTypes.length > 1 ? `; mode = index of the weight type in (${p.weightTypes.join(', ')}), constant within the tile` : ''}${p.weightTypes.some((t) => t === 'FP4' || t === 'FP3') ? '; sv_we/sv_data write the SV register (entry j = {sign, magnitude} in bits j·' + (1 + w.maxWe + 1) + ' …; reset value: the spec special values)' : ''}.`,
    `Output: one beat, y_r<r>_c<c> = ${p.outputFormat}(TIES_EVEN(s_ch[c] · Σ_g Δ[c][g] · group_sum)) for every row and column, where group_sum follows spec §6.2 (gb = ${p.gb}, accW = ${p.accW}, excludeInactiveLanes = ${p.excludeInactiveLanes}) and the cross-group sum is exact; specialPolicy ${p.specialPolicy}.`,
    `Cycles: with beats back to back, a group takes G/L·T cycles (${cyc}); the bit-serial dequantizer (${p.scaleBits} cycles) overlaps the next group; y is valid ${p.scaleBits + 1} cycles after the last group's final term.`,
  ].join(' ');
}

export function bitmodArrayName(p: BitmodParams): string {
  return `bitmod_array_${p.rows}x${p.cols}_${bitmodPeName(p).replace(/^bitmod_pe_/, '')}`;
}

/** Build the array; `opts.name` overrides the derived module name. */
export function bitmodArray(p: BitmodParams, opts: { name?: string } = {}): ModuleDef {
  checkBitmodRtl(p);
  const pe = bitmodPe(p);
  const f = activationFormat(p);
  const actW = totalBits(f);
  const cw = codeWidth(p);
  const mixture = p.weightTypes.some((t) => t === 'FP4' || t === 'FP3');
  const multi = p.weightTypes.length > 1;
  return module(
    opts.name ?? bitmodArrayName(p),
    (m) => {
      const inValid = m.input('in_valid', uint(1), { doc: 'a beat (all rows, all columns) is offered', protocol: 'valid' });
      const x = Array.from({ length: p.rows }, (_, r) => Array.from({ length: p.L }, (_, i) => m.input(`x_r${r}_${i}`, uint(actW), { doc: `row ${r} lane ${i} activation, ${f.name}` })));
      const w = Array.from({ length: p.cols }, (_, c) => Array.from({ length: p.L }, (_, i) => m.input(`w_c${c}_${i}`, uint(cw), { doc: `column ${c} lane ${i} weight code` })));
      const dt = Array.from({ length: p.cols }, (_, c) => m.input(`dt_c${c}`, uint(2), { doc: `column ${c} datatype id` }));
      const delta = Array.from({ length: p.cols }, (_, c) => m.input(`delta_c${c}`, uint(p.scaleBits), { doc: `column ${c} group scale` }));
      const sch = Array.from({ length: p.cols }, (_, c) => m.input(`sch_c${c}`, uint(16), { doc: `column ${c} s_ch, FP16` }));
      const last = m.input('last', uint(1), { doc: 'final beat of the tile' });
      const mode = multi ? m.input('mode', uint(Math.max(1, bitLength(BigInt(p.weightTypes.length - 1)))), { doc: `weight type index into ${p.weightTypes.join(', ')}` }) : null;
      const svWe = mixture ? m.input('sv_we', uint(1), { doc: 'write the SV registers' }) : null;
      const svData = mixture ? m.input('sv_data', uint(4 * (1 + svMagWidth(p))), { doc: 'SV register entries' }) : null;
      const outReady = m.input('out_ready', uint(1), { doc: 'the consumer takes y', protocol: 'ready' });
      const readies: Signal[] = [];
      const valids: Signal[] = [];
      const ys: Signal[][] = [];
      for (let r = 0; r < p.rows; r++) {
        const row: Signal[] = [];
        for (let c = 0; c < p.cols; c++) {
          const ins: Record<string, Signal> = { in_valid: inValid, dt: dt[c]!, delta: delta[c]!, sch: sch[c]!, last, out_ready: outReady };
          x[r]!.forEach((s, i) => (ins[`x${i}`] = s));
          w[c]!.forEach((s, i) => (ins[`w${i}`] = s));
          if (mode) ins.mode = mode;
          if (svWe && svData) {
            ins.sv_we = svWe;
            ins.sv_data = svData;
          }
          const o = m.instance(`pe_r${r}_c${c}`, pe, ins);
          readies.push(o.in_ready!);
          valids.push(o.out_valid!);
          row.push(o.y!);
        }
        ys.push(row);
      }
      m.output('in_ready', readies.reduce((a, b) => a.and(b)), { doc: 'the array takes the beat (all PEs are in lockstep)', protocol: 'ready' });
      m.output('out_valid', valids.reduce((a, b) => a.and(b)), { doc: 'all results of the tile are valid', protocol: 'valid' });
      ys.forEach((row, r) => row.forEach((y, c) => m.output(`y_r${r}_c${c}`, y, { doc: `result row ${r} column ${c}, ${outputFloatFormat(p).name}` })));
    },
    { doc: arrayDatasheet(p), params: { ...p, weightTypes: p.weightTypes.join(',') } },
  );
}
