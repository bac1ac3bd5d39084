/**
 * One column of the MixPE array: `rows` PEs (output-stationary: PE r accumulates P_g of output
 * (m = r, n = this column)) and the column's P_g drain chain. The chain head goes to the
 * column's epilogue, which may be shared with neighbouring columns (rtl-epilogue-group.ts).
 *
 * Contract: on `load` every PE's P_g enters its chain register at once; on `shift` the chain
 * moves one row towards the head (row 0 first), so the epilogue receives the group results in
 * row order while the PEs already accumulate the next group. The chain is a shift register,
 * not a multiplexer: no `rows`-to-1 selection and no fan-in at the edge.
 *
 * Zero-folded PE (`pe.weight`, array option `zeroPoint: 'COLUMN_EDGE'`): the column edge forms
 * Q − z once for its `rows` PEs, in sign-magnitude form `{sign, |Q − z|}`. z_g comes from `z_in` on the group's first beat (`grp_start`)
 * and is held in a register for the other G − 1 beats.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { cat, mux } from '../../dsl/ops.ts';
import { mixpeWidths, type MixpeParams } from './params.ts';
import { weightType, type MixpePe } from './rtl-pe-interface.ts';
import { drainChain } from '../../lib/array/topology.ts';
import { holdFromGroupStart } from '../../lib/array/group-controller.ts';
import { X3_TYPE } from './rtl-pe-int.ts';

/**
 * Bits a P_g drain register needs: the exact width of the group sum for the fixed-point form
 * (`pgForm` FIXED: INT8, and FP `EXACT_WIDE`; its value range is mixpeWidths(p).pg), else the
 * port width (FP32 codes, block accumulators).
 */
export function drainWidth(p: MixpeParams, pe: Pick<MixpePe, 'pgForm' | 'pgWidth' | 'weight'>): number {
  const w = mixpeWidths(p);
  // A zero-folded PE (`pe.weight`) drains u = Σ x·(Q − z), whose range is mixpeWidths u.
  return (pe.pgForm ?? 'FIXED') === 'FIXED' ? Math.min(pe.pgWidth, (pe.weight ? w.u : w.pg).width) : pe.pgWidth;
}

export function columnModule(p: MixpeParams, pe: MixpePe): ModuleDef {
  return module(
    `mixpe_column_r${p.rows}_${(pe.x3Def ?? pe.def).name}`,
    (m) => {
      const xs = Array.from({ length: p.rows }, (_, r) => m.input(`x_${r}`, pe.act, { doc: `activation of row ${r}` }));
      const q = m.input('q', weightType(p), { doc: 'weight of this column' });
      const en = m.input('en', uint(1));
      const last = m.input('last', uint(1));
      const load = m.input('load', uint(1));
      const shift = m.input('shift', uint(1), { doc: 'the head item has been taken by the epilogue' });
      let w: Signal = q;
      if (pe.weight) {
        const zIn = m.input('z_in', weightType(p), { doc: 'zero point z_g, valid on the first beat of the group' });
        const grpStart = m.input('grp_start', uint(1), { doc: 'the current beat is the first of its group' });
        const z = holdFromGroupStart(m, 'z', zIn, en, grpStart);
        // Q − z ∈ [−(2^b − 1), 2^b − 1] as {sign, |Q − z|}: negated once here, not in every PE.
        const d = m.wire('qz', q.sub(z).resize(p.weightBits + 1));
        const mag = mux(d.msb(), d.neg().slice(p.weightBits - 1, 0), d.asUnsigned().slice(p.weightBits - 1, 0));
        w = m.wire('w', cat(d.msb(), mag));
      }

      const step = m.wire('chain_step', load.or(shift));
      const pg: Signal[] = [];
      const pgSp: Signal[] = [];
      const pgE: Signal[] = [];
      // A PE with the row-shared 3x (rtl-pe-int.ts x3Def) takes it from the row multiples.
      const x3s = pe.x3Def ? Array.from({ length: p.rows }, (_, r) => m.input(`x3_${r}`, X3_TYPE, { doc: `3 · activation of row ${r}` })) : null;
      xs.forEach((x, r) => {
        const o = x3s ? m.instance(`pe_${r}`, pe.x3Def!, { x, x3: x3s[r]!, q: w, en, last }) : m.instance(`pe_${r}`, pe.def, { x, q: w, en, last });
        pg.push(o.pg!);
        if (pe.special) pgSp.push(o.pg_sp!);
        if (pe.pgForm === 'BLOCK') pgE.push(o.pg_e!);
      });
      // Drain chain: row r takes P_g on load, else row r+1's value (the tail keeps its input).
      // A FIXED-form P_g is stored in its exact width (mixpeWidths pg: 19 b for INT8 × UINT4,
      // G = 128) and sign-extended back to the port's accW bits.
      const cw = drainWidth(p, pe);
      const head = drainChain(m, 'pc', pg.map((v) => v.resize(cw)), load, shift, step)[0]!;
      m.output('p_head', head.resize(pg[0]!.width), { doc: 'P_g at the head of the chain' });
      if (pe.special) m.output('p_sp', drainChain(m, 'pcs', pgSp, load, shift, step)[0]!, { doc: 'special flag of the head' });
      if (pe.pgForm === 'BLOCK') m.output('p_e', drainChain(m, 'pce', pgE, load, shift, step)[0]!, { doc: 'block ceiling of the head' });
    },
    { doc: `MixPE column: ${p.rows} PEs and their P_g drain chain` },
  );
}
