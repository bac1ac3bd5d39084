/**
 * One column of the MixPE array: `rows` PEs (output-stationary: PE r accumulates P_g of output
 * (m = r, n = this column)), the column's P_g drain chain and its epilogue (rtl-epilogue.ts).
 *
 * Contract: on `load` every PE's P_g enters its chain register at once; on `consume` the chain
 * shifts one row towards the head (row 0 first), so the epilogue receives the group results
 * one per cycle, in row order, while the PEs already accumulate the next group. The chain is a
 * shift register, not a multiplexer: no `rows`-to-1 selection and no fan-in at the edge.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';
import { totalBits } from '../../golden/float/format.ts';
import { mixpeFormat, type MixpeParams } from './params.ts';
import { weightType, type MixpePe } from './rtl-pe-interface.ts';
import { drainChain } from '../../lib/array/topology.ts';

export function columnModule(p: MixpeParams, pe: MixpePe, epilogue: ModuleDef): ModuleDef {
  const isInt = p.activation === 'INT8';
  return module(
    `mixpe_column_r${p.rows}_${pe.def.name}`,
    (m) => {
      const xs = Array.from({ length: p.rows }, (_, r) => m.input(`x_${r}`, pe.act, { doc: `activation of row ${r}` }));
      const q = m.input('q', weightType(p), { doc: 'weight of this column' });
      const en = m.input('en', uint(1));
      const last = m.input('last', uint(1));
      const rHead = p.weightSigned ? null : m.input('r_head', sint(p.accW));
      const rSp = !p.weightSigned && pe.special ? m.input('r_sp', uint(2)) : null;
      const sIn = m.input('s_in', uint(totalBits(mixpeFormat(p.scaleFormat))));
      const zIn = p.weightSigned ? null : m.input('z_in', weightType(p));
      const stage = pe.latency > 0 ? m.input('stage', uint(1)) : null;
      const load = m.input('load', uint(1));
      const consume = m.input('consume', uint(1));
      const shiftB = m.input('shift_b', uint(1));
      const firstB = m.input('first_b', uint(1));
      const capC = m.input('cap_c', uint(1));
      const sxC = isInt ? m.input('sx_c', uint(totalBits(mixpeFormat(p.actScaleFormat)))) : null;
      const capD = m.input('cap_d', uint(1));
      const capO = m.input('cap_o', uint(1));

      const step = m.wire('chain_step', load.or(consume));
      const pg: Signal[] = [];
      const pgSp: Signal[] = [];
      xs.forEach((x, r) => {
        const o = m.instance(`pe_${r}`, pe.def, { x, q, en, last });
        pg.push(o.pg!);
        if (pe.special) pgSp.push(o.pg_sp!);
      });
      // Drain chain: row r takes P_g on load, else row r+1's value (the tail keeps its input).
      const chain = drainChain(m, 'pc', pg, load, consume, step);
      const chainSp = drainChain(m, 'pcs', pgSp, load, consume, step);

      const conn: Record<string, Signal> = {
        p_head: chain[0]!,
        s_in: sIn,
        sz_load: load,
        consume,
        shift_b: shiftB,
        first_b: firstB,
        cap_c: capC,
        cap_d: capD,
        cap_o: capO,
      };
      if (pe.special) conn.p_sp = chainSp[0]!;
      if (rHead) conn.r_head = rHead;
      if (rSp) conn.r_sp = rSp;
      if (zIn) conn.z_in = zIn;
      if (stage) conn.sz_stage = stage;
      if (sxC) conn.sx_c = sxC;
      m.output('y', m.instance('epi', epilogue, conn).y!, { doc: 'output element of this column' });
    },
    { doc: `MixPE column: ${p.rows} PEs, P_g drain chain, dequantization epilogue` },
  );
}
