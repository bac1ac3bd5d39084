/**
 * Shared dequantization epilogue (issue 10 item 5, spec §6 "dequantize once per group"): one
 * epilogue (rtl-epilogue.ts) serving `width` adjacent columns of an output-stationary group
 * array, used by the MixPE array and by its dequantize-first baseline.
 *
 * Why it keeps up: an epilogue takes one group result per cycle and a group lasts G cycles, so
 * `rows × width ≤ G` results per group fit (`width ≤ floor(G / rows)`, params.ts `epilogues`); a
 * BIT_SERIAL unit takes one result every `dequantCycles(p)` cycles (`width ≤ floor(G / (rows · S))`).
 *
 * Order [project choice]: the items of one group are taken row-major, column minor:
 * (r0,c0), (r0,c1) … (r0,c_{w−1}), (r1,c0) … Every column keeps its own P_g drain chain, but the
 * chains (and the row edge's R_g and s_x chains) shift only once per row (`chain_shift`, after
 * the row's last column); `phase` (0 … width − 1, the column of the item at the heads) selects
 * the column's chain head and its s_g, z_g. The epilogue's rotating Y chain is `rows × width`
 * deep, so every (m, n) keeps its own exact accumulator as before. The row's outputs leave the
 * epilogue in `width` consecutive items; the first `width − 1` are gathered in registers
 * (`gather`), so an output beat still carries Y[m][·] of every column.
 *
 * `epilogueSharing` builds the array-level glue (one per array): the consume-phase counter,
 * the per-row chain shift, the output-phase counter, the gather enable and the top's output
 * valid / the controller's output ready. With width 1 it is the identity (the RTL of a
 * per-column epilogue, unchanged).
 *
 * Contract: `epilogueGroupModule(p, pe, width, count)`: `count ≤ width` real columns (ports
 * `p_head_<j>`, `s_in_<j>`, `z_in_<j>`, outputs `y_<j>`); slots `count … width − 1` are idle
 * (P = 0, s = 0; their results are dropped). Results are bit-equal to per-column epilogues.
 */
import { module, type ModuleDef, type ModuleBuilder } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';
import { totalBits } from '../../golden/float/format.ts';
import { dequantCycles, mixpeFormat, type MixpeParams } from './params.ts';
import { groupTopWidth, pgType, weightType, type MixpePe } from './rtl-pe-interface.ts';
import { epilogueModule } from './rtl-epilogue.ts';
import { drainWidth } from './rtl-column.ts';
import { regEn, storesU0 } from './rtl-epilogue-ports.ts';

/** Controller nets every epilogue takes (`a_step`, `a_out` drive the BIT_SERIAL unit). */
export function epilogueControlNames(p: MixpeParams): string[] {
  return ['consume', ...(dequantCycles(p) > 1 ? ['a_step', 'a_out'] : []), 'shift_b', 'first_b', 'cap_c', 'cap_d', 'cap_o'];
}

/** Bits of a counter 0 … n − 1 (at least 1). */
function phaseBits(n: number): number {
  return Math.max(1, Math.ceil(Math.log2(n)));
}

/** `vals[phase]` as a mux chain (vals.length ≥ 1). */
function select(phase: Signal | null, vals: readonly Signal[]): Signal {
  let out = vals[vals.length - 1]!;
  if (!phase) return out;
  for (let j = vals.length - 2; j >= 0; j--) out = mux(phase.eq(j), vals[j]!, out);
  return out;
}

export function epilogueGroupModule(p: MixpeParams, pe: MixpePe, width: number, count: number, opts: { zeroTied?: boolean } = {}): ModuleDef {
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(count) || count < 1 || count > width) {
    throw new RangeError(`epilogueGroupModule: need 1 <= count <= width, got count ${count}, width ${width}`);
  }
  const isInt = p.activation === 'INT8';
  const hasZ = !p.weightSigned;
  const zeroTied = opts.zeroTied ?? false;
  const depth = p.rows * width;
  const epi = epilogueModule(p, pe, { depth, direct: width > 1 });
  const sBits = totalBits(mixpeFormat(p.scaleFormat));
  return module(
    `${zeroTied ? 'baseline' : 'mixpe'}_epilogue_group_w${width}_n${count}_${epi.name}`,
    (m) => {
      const heads = Array.from({ length: count }, (_, j) => m.input(`p_head_${j}`, pgType(p, pe), { doc: `P_g chain head of column ${j}` }));
      const heads_sp = pe.special ? Array.from({ length: count }, (_, j) => m.input(`p_sp_${j}`, uint(2), { doc: `special flag of column ${j}'s head` })) : [];
      const block = pe.pgForm === 'BLOCK';
      const eType = uint(block ? groupTopWidth(p) : 1); // groupTopWidth needs a float activation
      const heads_e = block ? Array.from({ length: count }, (_, j) => m.input(`p_e_${j}`, eType, { doc: `block ceiling of column ${j}'s head` })) : [];
      const ss = Array.from({ length: count }, (_, j) => m.input(`s_in_${j}`, uint(sBits), { doc: `s_g of column ${j}` }));
      const zs = hasZ && !zeroTied ? Array.from({ length: count }, (_, j) => m.input(`z_in_${j}`, weightType(p), { doc: `z_g of column ${j}` })) : [];
      const rHead = hasZ && !zeroTied ? m.input('r_head', pgType(p, pe), { doc: 'R_g at the head of the row-edge chain' }) : null;
      const rSp = hasZ && !zeroTied && pe.special ? m.input('r_sp', uint(2)) : null;
      const rE = hasZ && !zeroTied && block ? m.input('r_e', eType, { doc: 'block ceiling of R_g' }) : null;
      const stage = pe.latency > 0 ? m.input('stage', uint(1)) : null;
      const load = m.input('load', uint(1));
      const phase = width > 1 ? m.input('phase', uint(phaseBits(width)), { doc: 'column of the item at the chain heads' }) : null;
      const gather = width > 1 ? m.input('gather', uint(1), { doc: 'the output register item is not the row\'s last: shift it into the gather' }) : null;
      const ctl = epilogueControlNames(p).map((n) => [n, m.input(n, uint(1))] as const);
      const sxC = isInt ? m.input('sx_c', uint(totalBits(mixpeFormat(p.actScaleFormat)))) : null;

      const conn: Record<string, Signal | number> = Object.fromEntries(ctl);
      if (sxC) conn.sx_c = sxC;
      if (rHead) conn.r_head = rHead;
      if (rSp) conn.r_sp = rSp;
      if (rE) conn.r_e = rE;
      if (hasZ && zeroTied) Object.assign(conn, { r_head: 0, z_in: 0, ...(pe.special ? { r_sp: 0 } : {}) });
      if (width === 1) {
        Object.assign(conn, { p_head: heads[0]!, s_in: ss[0]!, sz_load: load });
        if (pe.special) conn.p_sp = heads_sp[0]!;
        if (block) conn.p_e = heads_e[0]!;
        if (zs.length) conn.z_in = zs[0]!;
        if (stage) conn.sz_stage = stage;
        m.output('y_0', m.instance('epi', epi, conn).y!, { doc: 'output element of column 0' });
        return;
      }
      // s_g, z_g of every column, held for the group (staged first when the PE has latency); idle slots 0.
      const hold = (name: string, v: Signal, j: number): Signal => regEn(m, `${name}_cur_${j}`, stage ? regEn(m, `${name}_stage_${j}`, v, stage) : v, load);
      const pad = (vals: Signal[], t: Signal['type']): Signal[] => [...vals, ...Array.from({ length: width - count }, () => m.constant(0, t))];
      // A FIXED-form P_g fits drainWidth bits (its exact range): select on those, sign-extend after.
      const cw = drainWidth(p, pe);
      conn.p_head =
        (pe.pgForm ?? 'FIXED') === 'FIXED'
          ? m.wire('p_sel', select(phase, pad(heads.map((h) => h.resize(cw)), sint(cw))).resize(pgType(p, pe).width))
          : m.wire('p_sel', select(phase, pad(heads, pgType(p, pe))));
      if (pe.special) conn.p_sp = m.wire('p_sp_sel', select(phase, pad(heads_sp, uint(2))));
      if (block) conn.p_e = m.wire('p_e_sel', select(phase, pad(heads_e, eType)));
      const sHeld = ss.map((s, j) => hold('s', s, j));
      conn.s_in = m.wire('s_sel', select(phase, pad(sHeld, uint(sBits))));
      // Two-group tile (storesU0): s_0 of every column while group 1 is in the chains (each load
      // moves s_cur into s_prev), selected like s_in.
      if (storesU0(p)) conn.s0_in = m.wire('s0_sel', select(phase, pad(sHeld.map((s, j) => regEn(m, `s_prev_${j}`, s, load)), uint(sBits))));
      if (zs.length) conn.z_in = m.wire('z_sel', select(phase, pad(zs.map((z, j) => hold('z', z, j)), weightType(p))));
      const y = m.instance('epi', epi, conn).y!;
      // Gather: after width − 1 shifts g_j holds column j of the row; column width − 1 is still in the epilogue's output register.
      const g = Array.from({ length: width - 1 }, (_, j) => m.reg(`gather_${j}`, y.type, { en: gather! }));
      g.forEach((r, j) => r.set(j + 1 < g.length ? g[j + 1]! : y));
      for (let j = 0; j < count; j++) m.output(`y_${j}`, j < width - 1 ? g[j]! : y, { doc: `output element of column ${j}` });
    },
    { doc: `dequantization epilogue shared by ${count} column(s) (${width} slots): items row-major, ${depth} per group` },
  );
}

/** Array-level glue of shared epilogues (see the file comment). */
export interface EpilogueSharing {
  /** Ready into the controller's output side: high unless a complete row waits for `out_ready`. */
  readonly ctrlOutReady: Signal;
  /** Connects the controller outputs; returns the per-array control nets. */
  connect(c: Readonly<Record<string, Signal>>): {
    /** Shift of the P_g / R_g / s_x chains (once per row of items). */
    readonly chainShift: Signal;
    /** `phase` and `gather` ports of every group (width > 1). */
    readonly groupCtl: Record<string, Signal>;
    /** The top's `out_valid`. */
    readonly outValid: Signal;
  };
}

export function epilogueSharing(m: ModuleBuilder, width: number, outReady: Signal): EpilogueSharing {
  if (width === 1) {
    return { ctrlOutReady: outReady, connect: (c) => ({ chainShift: c.consume!, groupCtl: {}, outValid: c.out_valid! }) };
  }
  const pw = phaseBits(width);
  const oPhase = m.reg('out_phase', uint(pw), { reset: 0 });
  const oLast = m.wire('out_row_last', oPhase.eq(width - 1));
  const ctrlOutReady = m.wire('ctrl_out_ready', oLast.not().or(outReady));
  const step = (r: ReturnType<ModuleBuilder['reg']>, en: Signal): void =>
    r.set(mux(en, mux(r.eq(width - 1), m.constant(0, uint(pw)), r.add(1).trunc(pw).asUnsigned()), r));
  return {
    ctrlOutReady,
    connect(c) {
      const phase = m.reg('chain_phase', uint(pw), { reset: 0 });
      step(phase, c.consume!);
      const chainShift = m.wire('chain_shift', c.consume!.and(phase.eq(width - 1)));
      step(oPhase, c.out_valid!.and(ctrlOutReady));
      const gather = m.wire('gather', c.out_valid!.and(oLast.not()));
      return { chainShift, groupCtl: { phase, gather }, outValid: m.wire('out_valid_w', c.out_valid!.and(oLast)) };
    },
  };
}
