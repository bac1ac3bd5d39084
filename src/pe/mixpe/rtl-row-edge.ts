/**
 * Row edge of the MixPE array (spec §6): what is computed once per row and shared by every
 * column epilogue.
 * - R_g[m] = Σ_{k∈g} X[m,k] (unsigned weights only): one accumulator per row, built from the
 *   same PE generator with the weight tied to 1 (x · 1 = x, the same accumulator mode and
 *   width as P_g, as level b's `rowSum`), drained by a chain in step with the P_g chains; the
 *   head `r_head` is broadcast to every column.
 * - The chains shift on `shift`: once per row of items (rtl-epilogue-group.ts); `consume`
 *   (every item) captures s_x into stage B.
 * - s_x[m] (INT8 only): taken from the last beat of the tile, drained by a chain in step with
 *   the last group's results, and carried along the epilogue pipeline to stage C (`sx_c`).
 *
 * Contract: `rowEdgeModule` returns null when the configuration needs neither (signed weights
 * with FP activations).
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { totalBits } from '../../golden/float/format.ts';
import { dequantCycles, mixpeFormat, type MixpeParams } from './params.ts';
import type { MixpePe } from './rtl-pe-interface.ts';
import { drainChain } from '../../lib/array/topology.ts';

export function rowEdgeModule(p: MixpeParams, pe: MixpePe): ModuleDef | null {
  const isInt = p.activation === 'INT8';
  const hasR = !p.weightSigned;
  if (!hasR && !isInt) return null;
  const sxBits = totalBits(mixpeFormat(p.actScaleFormat));
  return module(
    `mixpe_row_edge_r${p.rows}_${hasR ? pe.def.name : 'sx'}_l${pe.latency}${isInt && dequantCycles(p) > 1 ? '_bs' : ''}`,
    (m) => {
      const xs = hasR ? Array.from({ length: p.rows }, (_, r) => m.input(`x_${r}`, pe.act, { doc: `activation of row ${r}` })) : [];
      const sxs = isInt ? Array.from({ length: p.rows }, (_, r) => m.input(`sx_${r}`, uint(sxBits), { doc: `activation scale of row ${r}` })) : [];
      const en = hasR ? m.input('en', uint(1)) : null;
      const last = hasR ? m.input('last', uint(1)) : null;
      const stageFinal = isInt && pe.latency > 0 ? m.input('stage_final', uint(1)) : null;
      const load = hasR ? m.input('load', uint(1)) : null;
      const loadFinal = isInt ? m.input('load_final', uint(1)) : null;
      const consume = m.input('consume', uint(1), { doc: 'an item enters epilogue stage A' });
      const shift = m.input('shift', uint(1), { doc: 'the chains move one row (after the row\'s last column item; = consume for per-column epilogues)' });
      const capC = isInt ? m.input('cap_c', uint(1)) : null;
      const aOut = isInt && dequantCycles(p) > 1 ? m.input('a_out', uint(1), { doc: 'BIT_SERIAL: the stage A product enters stage B' }) : null;

      if (hasR) {
        const rg: Signal[] = [];
        const rgSp: Signal[] = [];
        const rgE: Signal[] = [];
        xs.forEach((x, r) => {
          const o = m.instance(`rpe_${r}`, pe.def, { x, q: 1, en: en!, last: last! });
          rg.push(o.pg!);
          if (pe.special) rgSp.push(o.pg_sp!);
          if (pe.pgForm === 'BLOCK') rgE.push(o.pg_e!);
        });
        m.output('r_head', drainChain(m, 'rc', rg, load!, shift)[0]!, { doc: 'R_g of the row at the head of the chain' });
        if (pe.special) m.output('r_sp', drainChain(m, 'rcs', rgSp, load!, shift)[0]!, { doc: 'special flag of R_g' });
        if (pe.pgForm === 'BLOCK') m.output('r_e', drainChain(m, 'rce', rgE, load!, shift)[0]!, { doc: 'block ceiling of R_g' });
      }
      if (isInt) {
        const staged = stageFinal
          ? sxs.map((s, r) => {
              const q = m.reg(`sx_stage_${r}`, uint(sxBits), { en: stageFinal });
              q.set(s);
              return q as Signal;
            })
          : sxs;
        const head = drainChain(m, 'sxc', staged, loadFinal!, shift)[0]!;
        // BIT_SERIAL: s_x waits beside the stage A unit (sx_a, on consume) until a_out.
        let sxA: Signal = head;
        if (aOut) {
          const r = m.reg('sx_a', uint(sxBits), { en: consume });
          r.set(head);
          sxA = r;
        }
        const sxB = m.reg('sx_b', uint(sxBits), { en: aOut ?? consume });
        sxB.set(sxA);
        const sxC = m.reg('sx_c_q', uint(sxBits), { en: capC! });
        sxC.set(sxB);
        m.output('sx_c', sxC, { doc: 's_x of the row in epilogue stage C' });
      }
    },
    { doc: `MixPE row edge: ${hasR ? 'R_g accumulators and chain, ' : ''}${isInt ? 's_x chain' : ''}` },
  );
}
