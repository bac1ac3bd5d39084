/**
 * Controller of an output-stationary, group-accumulating PE array (lowbit-hdl/lib array; one
 * per array, shared by every column), as used by the MixPE array and its dequantize-first
 * baselines: the input handshake, the k and group counters, the P_g/R_g drain chains and the
 * four-stage epilogue pipeline's valid bits. A tile is K input beats in groups of G; every
 * group's per-PE results drain through `rows`-deep chains into a per-column epilogue.
 *
 * Contract (all outputs are enables or flags for the datapath modules):
 * - A beat (one k step) is accepted when `in_valid && in_ready`; PEs get `en` and `last` (the
 *   beat is the G-th of its group). Every beat that is not a group's last is always accepted.
 * - A group's last beat needs the drain chains free when the PEs hand over P_g (`latency`
 *   cycles later): with latency 0 it is accepted when the chains are empty or their last item
 *   leaves this cycle, so with `rows <= G` and no output stall the input never waits (spec §6);
 *   with latency > 0 when they are empty now (conservative, never wrong).
 * - `load` moves every PE's P_g (and R_g, s_g, z_g, and s_x for the last group) into the chains;
 *   the chains then drain one row per cycle (`consume`) into the epilogue pipeline
 *   A → B → C → D → output register. Every stage advances together (`adv`) unless the output
 *   register holds a beat that `out_ready` does not take. With `itemInterval = S > 1` stage A is an
 *   S-cycle unit fed one item every S cycles (`consume`, `a_step`, `a_out`; it keeps working while
 *   the output stalls and holds a finished result until stage B can take it).
 * - `first_b` marks items of group 0 (the output accumulator starts from 0), `cap_c` items of
 *   the last group (their Y is final and goes on to s_x and the rounding).
 * Built on src/lib/stream: the handshake ports are stream bundles `in` / `out` (no fields: the
 * data ports belong to the array top), the k and group counters are beat counters.
 */
import { module, type ModuleDef, type ModuleBuilder } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { streamInput, streamOutput } from '../stream/bundle.ts';
import { beatCounter, bitsFor } from '../stream/counter.ts';

/** The array shape the controller needs. */
export interface GroupControllerConfig {
  /** PE rows = depth of the drain chains (>= 1). */
  readonly rows: number;
  /** Beats per group (>= 2). */
  readonly G: number;
  /** Beats per tile, a multiple of G. */
  readonly K: number;
  /** PE latency: cycles from the accepted last beat of a group to the PE result (0 … 31). */
  readonly latency: number;
  /**
   * Cycles an item spends in epilogue stage A (default 1: stage A is combinational from the chain
   * head and `consume` moves the item straight into stage B). With `itemInterval = S > 1` stage A
   * is a multi-cycle unit (e.g. a bit-serial multiplier): `consume` loads the chain head into it,
   * `a_step` advances it (S − 1 cycles), `a_out` moves its result into stage B (when stage B can
   * advance); the next `consume` may coincide with `a_out`, so the unit takes one item every S cycles.
   */
  readonly itemInterval?: number;
  /** Module name (default `group_ctrl_r<rows>_g<G>_k<K>_l<latency>`, plus `_s<S>` for itemInterval S > 1). */
  readonly name?: string;
  /** Module doc line. */
  readonly doc?: string;
}

/** A 1-bit register with reset 0 and clock enable. */
function flag(m: ModuleBuilder, name: string, next: Signal, en?: Signal): Signal {
  const r = m.reg(name, uint(1), { reset: 0, en });
  r.set(next);
  return r;
}

export function groupController(p: GroupControllerConfig): ModuleDef {
  const latency = p.latency;
  if (!Number.isInteger(p.rows) || p.rows < 1) throw new RangeError(`groupController: rows must be an integer >= 1, got ${p.rows}`);
  if (!Number.isInteger(p.G) || p.G < 2) throw new RangeError(`groupController: G must be an integer >= 2, got ${p.G}`);
  if (!Number.isInteger(p.K) || p.K < p.G || p.K % p.G !== 0) throw new RangeError(`groupController: K must be a positive multiple of G = ${p.G}, got ${p.K}`);
  if (!Number.isInteger(latency) || latency < 0 || latency > 31) throw new RangeError(`groupController: latency must be an integer in 0 … 31, got ${latency}`);
  const S = p.itemInterval ?? 1;
  if (!Number.isInteger(S) || S < 1 || S > 64) throw new RangeError(`groupController: itemInterval must be an integer in 1 … 64, got ${S}`);
  const groups = p.K / p.G;
  return module(
    p.name ?? `group_ctrl_r${p.rows}_g${p.G}_k${p.K}_l${latency}${S > 1 ? `_s${S}` : ''}`,
    (m) => {
      const inS = streamInput(m, 'in', {});
      const outS = streamOutput(m, 'out', {});
      const inValid = inS.valid;
      const outReady = outS.ready;

      const kc = beatCounter(m, 'kcnt', p.G, undefined, { lastName: 'last_beat' });
      const lastBeat = kc.last;
      const gc = beatCounter(m, 'gcnt', groups, undefined, { firstName: 'first_group', lastName: 'final_group' });
      const firstGroup = gc.first;
      const finalGroup = gc.last;

      const cw = bitsFor(p.rows);
      const cnt = m.reg('cnt', uint(cw), { reset: 0 });
      const outValid = m.reg('out_valid_q', uint(1), { reset: 0 });
      const adv = m.wire('adv', outValid.not().or(outReady));
      const busy = m.wire('busy', cnt.ne(0));
      // Stage A: combinational (S = 1: an item moves from the chain head into stage B on `consume`),
      // or an S-cycle unit: `consume` loads it, `a_out` hands its result to stage B.
      let consume: Signal;
      let aOut: Signal;
      let aStep: Signal | null = null;
      if (S === 1) {
        consume = m.wire('consume_w', adv.and(busy));
        aOut = consume;
      } else {
        const aw = bitsFor(S);
        const aBusy = m.reg('a_busy', uint(1), { reset: 0 });
        const aCnt = m.reg('a_cnt', uint(aw), { reset: 0 });
        const aDone = aBusy.and(aCnt.eq(0));
        aOut = m.wire('a_out_w', aDone.and(adv));
        consume = m.wire('consume_w', busy.and(aBusy.not().or(aOut)));
        aStep = m.wire('a_step_w', aBusy.and(aCnt.ne(0)));
        aBusy.set(consume.or(aBusy.and(aOut.not())));
        aCnt.set(mux(consume, m.constant(S - 1, uint(aw)), mux(aStep, aCnt.sub(1).trunc(aw).asUnsigned(), aCnt)));
      }
      // (The chain's last item leaves this cycle: S = 1 when the stages advance, else when it is consumed.)
      const canLoad = latency === 0 ? busy.not().or(cnt.eq(1).and(S === 1 ? adv : consume)) : busy.not();
      const inReady = m.wire('in_ready_w', lastBeat.not().or(canLoad));
      const accept = m.wire('accept', inValid.and(inReady));
      const groupEnd = m.wire('group_end', accept.and(lastBeat));

      kc.advanceOn(accept);
      gc.advanceOn(groupEnd);

      // The PEs hand over P_g `latency` cycles after the group's last beat.
      let load: Signal = groupEnd;
      let loadFirst: Signal = firstGroup;
      let loadFinal: Signal = finalGroup;
      for (let i = 0; i < latency; i++) {
        load = flag(m, `load_${i}`, load);
        const f0 = m.reg(`load_first_${i}`, uint(1));
        f0.set(loadFirst);
        const f1 = m.reg(`load_final_${i}`, uint(1));
        f1.set(loadFinal);
        loadFirst = f0;
        loadFinal = f1;
      }
      load = m.wire('load_w', load);
      cnt.set(mux(load, m.constant(p.rows, uint(cw)), mux(consume, cnt.sub(1).trunc(cw).asUnsigned(), cnt)));
      const chainFirst = m.reg('chain_first', uint(1), { en: load });
      chainFirst.set(loadFirst);
      const chainFinal = m.reg('chain_final', uint(1), { en: load });
      chainFinal.set(loadFinal);

      // Epilogue pipeline valid bits (an S-cycle stage A carries the group flags of its item).
      const vB = flag(m, 'valid_b', aOut, adv);
      let firstA: Signal = chainFirst;
      let finalA: Signal = chainFinal;
      if (S > 1) {
        const fa = m.reg('first_a_q', uint(1), { en: consume });
        fa.set(chainFirst);
        const la = m.reg('final_a_q', uint(1), { en: consume });
        la.set(chainFinal);
        firstA = fa;
        finalA = la;
      }
      const firstB = m.reg('first_b_q', uint(1), { en: aOut });
      firstB.set(firstA);
      const finalB = m.reg('final_b_q', uint(1), { en: aOut });
      finalB.set(finalA);
      const shiftB = m.wire('shift_b_w', adv.and(vB));
      const capC = m.wire('cap_c_w', shiftB.and(finalB));
      const vC = flag(m, 'valid_c', vB.and(finalB), adv);
      const capD = m.wire('cap_d_w', adv.and(vC));
      const vD = flag(m, 'valid_d', vC, adv);
      const capO = m.wire('cap_o_w', adv.and(vD));
      outValid.set(mux(adv, vD, outValid));

      inS.driveReady(inReady);
      outS.driveValid(outValid);
      m.output('en', accept, { doc: 'a beat is accepted' });
      m.output('last', lastBeat, { doc: 'the current beat is the last of its group' });
      if (latency > 0) {
        m.output('stage', groupEnd, { doc: 'capture s_g, z_g (and s_x) of the group that just ended' });
        m.output('stage_final', groupEnd.and(finalGroup), { doc: 'capture s_x: the last group of the tile just ended' });
      }
      m.output('load', load, { doc: 'P_g, R_g, s_g, z_g enter the chains' });
      m.output('load_final', load.and(loadFinal), { doc: 'load of the last group: s_x enters its chain' });
      m.output('consume', consume, { doc: 'the chain heads enter epilogue stage A' });
      if (aStep) {
        m.output('a_step', aStep, { doc: 'the stage A unit advances one step' });
        m.output('a_out', aOut, { doc: 'the stage A result enters stage B' });
      }
      m.output('shift_b', shiftB, { doc: 'stage B advances' });
      m.output('first_b', firstB, { doc: 'stage B item is from group 0' });
      m.output('cap_c', capC, { doc: 'stage B item is from the last group' });
      m.output('cap_d', capD, { doc: 'stage C advances' });
      m.output('cap_o', capO, { doc: 'stage D result enters the output register' });
    },
    { doc: p.doc ?? `group array controller: ${p.rows} rows, G = ${p.G}, K = ${p.K}, PE latency ${latency}` },
  );
}

/** The controller outputs every column instance takes (same names on both sides). */
export function columnControl(c: Readonly<Record<string, Signal>>): Record<string, Signal> {
  const names = ['en', 'last', 'load', 'consume', 'shift_b', 'first_b', 'cap_c', 'cap_d', 'cap_o'];
  return Object.fromEntries(names.map((n) => [n, c[n]!]));
}

/**
 * The array-side flag "this beat is the first of its group" (register `grp_start`): 1 after reset
 * and after every accepted group-end beat (`en && last`, the controller's outputs), else 0. Used
 * where a per-group input (s_g, z_g) is sampled on the group's FIRST beat (dequantize-first
 * baselines, MixPE `zeroPoint: 'COLUMN_EDGE'`).
 */
export function groupStartFlag(m: ModuleBuilder, en: Signal, last: Signal): Signal {
  const g = m.reg('grp_start', uint(1), { reset: 1, en });
  g.set(last);
  return g;
}

/**
 * A per-group value taken on the group's first beat and held for the other G − 1: `v` itself while
 * `grpStart`, else the register `<name>_held` (loaded on `en && grpStart`); the wire `<name>_cur`.
 */
export function holdFromGroupStart(m: ModuleBuilder, name: string, v: Signal, en: Signal, grpStart: Signal): Signal {
  const r = m.reg(`${name}_held`, v.type, { en: en.and(grpStart) });
  r.set(v);
  return m.wire(`${name}_cur`, mux(grpStart, v, r));
}
