/**
 * The PE of the arrays whose partial sums flow (specs/tpe.md §4.2 systolic WS, §4.3 3D-Cube), one
 * module per configuration, every register advancing with `step`:
 *
 * - activation: `a_in` from the west neighbour (or the skewed edge input) is multiplied this cycle
 *   and forwarded registered (`a_out` = a_q);
 * - weight `stationary` (WS): `w_in` is loaded into w_q on `load` and w_q is multiplied;
 *   weight `flowing` (cube): `b_in` from the neighbour is multiplied and forwarded (`b_out` = b_q);
 * - partial sum, entering from the previous PE along the reduction axis, leaving registered:
 *   baseline `psum_q ← psum_in + a·b` (`cpaMac`: multiplier and CPA in the loop, accW bits);
 *   OPT1 `(sum_q, carry_q) ← compress(pp(a·b), sum_in, carry_in)` (`carrySaveMac`): the partial sum
 *   travels in carry-save form, 2 × accW wires and registers, no CPA in the PE.
 *
 * `first`: the PE at the start of the reduction axis, whose incoming partial sum is zero, built
 * without it (no partial-sum inputs): baseline `psum_q ← a·b` (multiplier, no CPA), OPT1 the
 * compressor tree over the partial products of `a·b` alone. Same outputs and registers, the same
 * value as the general PE fed zeros, so a flat synthesis would reach the same circuit by
 * propagating the constants; a per-module synthesis (one module mapped once, its instance count
 * multiplied) cannot, so the array instantiates this module at its zero edge.
 */
import { module, type ModuleBuilder, type ModuleDef } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import type { TpeParams } from './params.ts';
import { tpeTypes } from './rtl-common.ts';
import { carrySaveMac, cpaMac, edgeCpa, operandTag, optTag } from './rtl-mac.ts';

export type WeightFlow = 'stationary' | 'flowing';

export interface PsumPeOptions {
  /** The first PE along the reduction axis: no partial-sum inputs (the partial sum entering it is 0). */
  readonly first?: boolean;
}

export function psumPe(p: TpeParams, weight: WeightFlow, prefix: string, opts: PsumPeOptions = {}): ModuleDef {
  const t = tpeTypes(p);
  const W = t.acc.width;
  const opt = p.form === 'opt';
  const first = opts.first === true;
  return module(
    `tpe_${prefix}_pe_${opt ? `opt1_${optTag(p)}` : `base_${operandTag(p)}`}${first ? '_first' : ''}`,
    (m) => {
      const aIn = m.input('a_in', t.a, { doc: 'activation from the west neighbour' });
      const step = m.input('step', uint(1));
      const aR = m.reg('a_q', t.a, { reset: 0, en: step });
      aR.set(aIn);
      let b: Signal;
      if (weight === 'stationary') {
        const wIn = m.input('w_in', t.b, { doc: 'weight, loaded on load' });
        const load = m.input('load', uint(1));
        const w = m.reg('w_q', t.b, { reset: 0, en: load });
        w.set(wIn);
        b = w;
      } else {
        const bIn = m.input('b_in', t.b, { doc: 'weight from the neighbour' });
        const bR = m.reg('b_q', t.b, { reset: 0, en: step });
        bR.set(bIn);
        m.output('b_out', bR);
        b = bIn;
      }
      m.output('a_out', aR);
      if (opt) {
        const rows = first
          ? []
          : [m.input('sum_in', uint(W), { doc: 'incoming carry-save partial sum' }), m.input('carry_in', uint(W), { doc: 'incoming carry-save partial carry' })];
        const next = carrySaveMac(m, aIn, b, rows, p);
        const sum = m.reg('sum_q', uint(W), { reset: 0, en: step });
        const carry = m.reg('carry_q', uint(W), { reset: 0, en: step });
        sum.set(next.sum);
        carry.set(next.carry);
        m.output('sum', sum);
        m.output('carry', carry);
      } else {
        const psumIn = first ? null : m.input('psum_in', t.acc, { doc: 'incoming partial sum' });
        const psum = m.reg('psum_q', t.acc, { reset: 0, en: step });
        psum.set(psumIn ? cpaMac(m, psumIn, aIn, b, p) : m.wire('mac', aIn.mul(b).resize(W)));
        m.output('psum', psum);
      }
    },
    {
      doc: opt
        ? `${prefix} OPT1 PE: ${p.recoder === 'ent' ? 'EN-T' : 'Booth'} partial products${first ? ' (first along the reduction axis: no incoming partial sum)' : ' + carry-save partial sum'} in one ${p.tree} compressor tree`
        : `${prefix} baseline PE: multiplier${first ? ' (first along the reduction axis: no incoming partial sum, no CPA)' : ' + CPA on the partial sum'}`,
    },
  );
}

/** The zero partial sum entering the first PE along the reduction axis (one or two rows). */
export function psumZero(m: ModuleBuilder, p: TpeParams): Record<string, Signal> {
  const t = tpeTypes(p);
  return p.form === 'opt'
    ? { sum_in: m.constant(0, uint(t.acc.width)), carry_in: m.constant(0, uint(t.acc.width)) }
    : { psum_in: m.constant(0, t.acc) };
}

/** The partial-sum inputs of a PE fed by `prev` (the instance before it along the reduction axis). */
export function psumFrom(prev: Record<string, Signal>, p: TpeParams): Record<string, Signal> {
  return p.form === 'opt' ? { sum_in: prev.sum!, carry_in: prev.carry! } : { psum_in: prev.psum! };
}

/** The binary partial sum leaving PE instance `last` at the array edge (OPT1: through the edge CPA). */
export function psumOut(last: Record<string, Signal>, p: TpeParams): Signal {
  return p.form === 'opt' ? edgeCpa(last.sum!, last.carry!, p) : last.psum!;
}
