/**
 * The ports every MixPE epilogue form declares, in their fixed order, and how it is fed: shared by
 * the exact/BLOCK_ALIGN epilogue (rtl-epilogue.ts) and the FP32_RNE one (rtl-epilogue-fp32.ts), so
 * neither imports the other and the group wrapper (rtl-epilogue-group.ts) wires both alike.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { totalBits } from '../../golden/float/format.ts';
import { dequantCycles, fp32AcrossGroups, mixpeFormat, type MixpeParams } from './params.ts';
import { groupTopWidth, pgType, weightType, type MixpePe } from './rtl-pe-interface.ts';

/**
 * Whether the epilogue keeps the two-group tile's group-0 results as u_0 = P_0 − z_0·R_0 (with its
 * special flag) and recomputes v_0 = s_0 · u_0 in group 1 (issue 10 item 5: `EXACT_WIDE`,
 * `K = 2G`, `SHARED_MULT`): the rotating chain then stores `u.width` (+ 2) bits per output instead
 * of v_0, its shift and its flag, and the epilogue needs s_0 of the item in group 1 (`sPrev`).
 */
export function storesU0(p: MixpeParams): boolean {
  return p.accMode === 'EXACT_WIDE' && !fp32AcrossGroups(p) && p.K === 2 * p.G && dequantCycles(p) === 1;
}

/** `en ? next : r` register update through the register's clock enable. */
export function regEn(m: ModuleBuilder, name: string, next: Signal, en: Signal): Signal {
  const r = m.reg(name, next.type, { en });
  r.set(next);
  return r;
}

/** How an epilogue is fed (rtl-epilogue-group.ts builds the shared form). */
export interface EpilogueOptions {
  /**
   * Items per group (= depth of the rotating Y chain): `rows` for a per-column epilogue,
   * `rows × width` for one shared by `width` columns (items in the order row-major, column minor).
   */
  readonly depth?: number;
  /**
   * `true`: `s_in` / `z_in` already carry s_g / z_g of the item at the chain head (the group
   * wrapper holds and selects them), so the epilogue has no s/z registers and no
   * `sz_load` / `sz_stage` ports. Default `false`: it registers one column's s_g, z_g itself.
   */
  readonly direct?: boolean;
}

/** The inputs every epilogue form has (see the port docs), and s_g, z_g of the group in the chain. */
export interface EpilogueInputs {
  readonly pHead: Signal;
  readonly pSp: Signal | undefined;
  readonly rHead: Signal | null;
  readonly rSp: Signal | undefined;
  /** FP `BLOCK_ALIGN`: block ceilings of P_g and R_g. */
  readonly pE: Signal | null;
  readonly rE: Signal | null;
  /** s_g and z_g of the group in the chain (staged when the PE has latency; held from `sz_load`). */
  readonly sCur: Signal;
  readonly zCur: Signal | null;
  /** `storesU0`: s_0 (group 0's scale) of the item at the chain head while group 1 is consumed. */
  readonly sPrev: Signal | null;
  readonly consume: Signal;
  /** `BIT_SERIAL`: the stage A unit's step and hand-over. */
  readonly aStep: Signal | null;
  readonly aOut: Signal | null;
  readonly shiftB: Signal;
  readonly firstB: Signal;
  readonly capC: Signal;
  readonly sxC: Signal | null;
  readonly capD: Signal;
  readonly capO: Signal;
}

/** Declares the epilogue's ports in their fixed order (rtl-epilogue.ts and rtl-epilogue-fp32.ts). */
export function epilogueInputs(m: ModuleBuilder, p: MixpeParams, pe: MixpePe, opts: EpilogueOptions): EpilogueInputs {
  const sf = mixpeFormat(p.scaleFormat);
  const isInt = p.activation === 'INT8';
  const direct = opts.direct ?? false;
  const serial = dequantCycles(p) > 1;
  const pHead = m.input('p_head', pgType(p, pe), { doc: 'P_g at the head of the column chain' });
  const pSp = pe.special ? m.input('p_sp', uint(2), { doc: 'special flag of P_g' }) : undefined;
  const rHead = p.weightSigned ? null : m.input('r_head', pgType(p, pe), { doc: 'R_g at the head of the row-edge chain' });
  const rSp = !p.weightSigned && pe.special ? m.input('r_sp', uint(2), { doc: 'special flag of R_g' }) : undefined;
  const eType = pe.pgForm === 'BLOCK' ? uint(groupTopWidth(p)) : null;
  const pE = eType ? m.input('p_e', eType, { doc: 'block ceiling of P_g (0: empty)' }) : null;
  const rE = eType && rHead ? m.input('r_e', eType, { doc: 'block ceiling of R_g (0: empty)' }) : null;
  const sIn = m.input('s_in', uint(totalBits(sf)), { doc: `scale s_g (${sf.name} code) of the group being loaded` });
  const zIn = p.weightSigned ? null : m.input('z_in', weightType(p), { doc: 'zero point z_g of the group being loaded' });
  const s0In = direct && storesU0(p) ? m.input('s0_in', uint(totalBits(sf)), { doc: `group 0's scale s_0 (${sf.name} code) of the item at the chain head (two-group tile)` }) : null;
  const szStage = !direct && pe.latency > 0 ? m.input('sz_stage', uint(1), { doc: 'capture s_in/z_in (last beat of a group)' }) : null;
  const szLoad = direct ? null : m.input('sz_load', uint(1), { doc: 'the group is loaded into the chains: take its s_g, z_g' });
  const consume = m.input('consume', uint(1), { doc: 'stage A: the chain head moves into the pipeline' });
  const aStep = serial ? m.input('a_step', uint(1), { doc: 'BIT_SERIAL: the stage A unit advances one bit' }) : null;
  const aOut = serial ? m.input('a_out', uint(1), { doc: 'BIT_SERIAL: the stage A product enters stage B' }) : null;
  const shiftB = m.input('shift_b', uint(1), { doc: 'stage B: accumulate into Y and rotate the Y chain' });
  const firstB = m.input('first_b', uint(1), { doc: 'stage B item belongs to group 0 (Y starts at 0)' });
  const capC = m.input('cap_c', uint(1), { doc: 'stage B item of the last group: capture the final Y' });
  const sxC = isInt ? m.input('sx_c', uint(totalBits(mixpeFormat(p.actScaleFormat))), { doc: 'activation scale s_x of the row in stage C' }) : null;
  const capD = m.input('cap_d', uint(1), { doc: 'capture the stage C product' });
  const capO = m.input('cap_o', uint(1), { doc: 'capture the rounded output' });
  // s_g and z_g of the group in the chain (staged when the PE has latency).
  // (direct: the wrapper presents the head item's s_g, z_g on s_in, z_in.)
  const sSrc = szStage ? regEn(m, 's_stage', sIn, szStage) : sIn;
  const sCur = szLoad ? regEn(m, 's_cur', sSrc, szLoad) : sIn;
  const zSrc = zIn === null ? null : szStage ? regEn(m, 'z_stage', zIn, szStage) : zIn;
  const zCur = zSrc === null ? null : szLoad ? regEn(m, 'z_cur', zSrc, szLoad) : zSrc;
  // s_0 while group 1 is in the chain: s_cur's previous value (each load moves s_cur into s_prev).
  const sPrev = !storesU0(p) ? null : s0In ?? regEn(m, 's_prev', sCur, szLoad!);
  return { pHead, pSp, rHead, rSp, pE, rE, sCur, zCur, sPrev, consume, aStep, aOut, shiftB, firstB, capC, sxC, capD, capO };
}
