/**
 * W4A8 (and W2/W3) shift-and-add PE of MixPE (specs/mixpe.md §3), the RTL twin of level b
 * golden-mac.ts `shiftAddProduct` / golden-group.ts `groupSum` for INT8 activations.
 *
 * Contract: `intProductUnit(p)` is the combinational product `x · Q = Σ_i q_i · (x << i)`: one
 * AND-gated, hard-wired shifted copy of the INT8 activation per weight bit (no multiplier, no
 * barrel shifter), summed by an adder tree; for a signed weight the top partial product is
 * subtracted. Its result is the exact `mixpeWidths(p).product` width (12 b for 4-bit weights).
 * `intPe(p)` wraps it with the exact `accW`-bit group accumulator P_g, cleared at each group
 * boundary (latency 0: `pg` = accumulator + current product while the last beat is accepted).
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux, repl, sum } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sint, uint } from '../../dsl/types.ts';
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { mixpeWidths, type MixpeParams } from './params.ts';
import { checkRtlParams } from './rtl-support.ts';
import { weightType, type MixpePe } from './rtl-pe-interface.ts';

function variant(p: MixpeParams): string {
  return `w${p.weightBits}${p.weightSigned ? 's' : 'u'}`;
}

/**
 * The shift-and-add partial products and their sum, emitted into `m`: partial i is
 * `(x << i) AND {q_i, …, q_i}` (sint(8 + i)); the sum is resized to the exact product width.
 */
export function shiftAddProduct(m: ModuleBuilder, x: Signal, q: Signal, p: MixpeParams): Signal {
  const b = p.weightBits;
  const partials: Signal[] = [];
  for (let i = 0; i < b; i++) {
    const shifted = x.shl(i);
    const gate = repl(q.bit(i), shifted.width).asSigned();
    partials.push(m.wire(`pp_${i}`, shifted.and(gate)));
  }
  const top = partials[b - 1]!;
  const low = partials.slice(0, b - 1);
  const total = p.weightSigned ? (low.length > 0 ? sum(low).sub(top) : top.neg()) : sum(partials);
  return total.resize(mixpeWidths(p).product!.width);
}

/** Combinational product unit `prod = x · q` (exact, shift-and-add). */
export function intProductUnit(p: MixpeParams): ModuleDef {
  checkRtlParams(p);
  const w = mixpeWidths(p).product!;
  return module(
    `mixpe_mul_a8_${variant(p)}`,
    (m) => {
      const x = m.input('x', sint(8), { doc: 'INT8 activation' });
      const q = m.input('q', weightType(p), { doc: `${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits} weight` });
      m.output('prod', shiftAddProduct(m, x, q, p), { doc: `exact product x*q, ${w.width} b` });
    },
    { clock: null, doc: `INT8 x ${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits} shift-and-add product (no multiplier)` },
  );
}

/** The W4A8 PE: product unit plus the exact group accumulator P_g (accW bits). */
export function intPe(p: MixpeParams): MixpePe {
  checkRtlParams(p);
  if (p.activation !== 'INT8') throw new RangeError(`intPe: activation ${p.activation} needs an FP PE`);
  const mul = intProductUnit(p);
  const def = module(
    `mixpe_pe_a8_${variant(p)}_acc${p.accW}`,
    (m) => {
      const x = m.input('x', sint(8), { doc: 'INT8 activation (broadcast along the row)' });
      const q = m.input('q', weightType(p), { doc: 'weight (broadcast down the column)' });
      const en = m.input('en', uint(1), { doc: 'a beat is accepted this cycle' });
      const last = m.input('last', uint(1), { doc: 'with en: last beat of the group' });
      const prod = m.instance('mul', mul, { x, q }).prod!;
      const acc = m.reg('acc', sint(p.accW), { reset: 0 });
      // Exact by the range bound: |P_g| < 2^(accW-1) (validateMixpeParams checked accW).
      const next = m.wire('acc_next', acc.add(prod).resize(p.accW));
      acc.set(mux(en, mux(last, m.constant(0, sint(p.accW)), next), acc));
      m.output('pg', next, { doc: 'P_g (exact integer); complete while en && last' });
    },
    { doc: `MixPE W${p.weightBits}A8 PE: shift-and-add MAC, exact ${p.accW}-bit group accumulator` },
  );
  return { def, act: sint(8), pgWidth: p.accW, pgLsbExp: 0, special: false, latency: 0 };
}
