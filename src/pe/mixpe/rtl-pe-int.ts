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
 *
 * Row-shared multiples (unsigned weights; issue 10 item 5) [project choice]: `x · Q` is also
 * `Σ_j d_j · (x << 2j)` over the 2-bit digits d_j of Q, and every multiple d · x ∈ {0, x, 2x, 3x}
 * is hard-wired except 3x = x + (x << 1). An activation is broadcast along its row, so the array
 * forms 3x once per row (`intRowMultiplesModule`) and every PE of the row selects its digits'
 * multiples by AND-OR gating (the digit decode is shared down the column) and adds them: one adder
 * per W4 product instead of three, still no multiplier and no barrel shifter. The decode is also
 * gated by `en`, so an idle beat adds 0 and the accumulator register has no enable. `intPe(p).x3Def` is
 * that PE (ports of `def` plus `x3`); the array uses it when present, results are unchanged.
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

/**
 * `x · q` for an unsigned weight from the row-shared multiple `x3` = 3x: digit j (bits 2j+1 … 2j of
 * q; a lone top bit is a 1-bit digit) selects 0, x, 2x or 3x by AND-OR gating, shifted by 2j; the
 * digit terms are summed and resized to the exact product width. With `en` the digit decode is
 * gated too (0 when `en` is low; the decode is shared down a column, so the gate costs nothing).
 */
export function radix4Product(m: ModuleBuilder, x: Signal, x3: Signal, q: Signal, p: MixpeParams, en?: Signal, name = 'dm'): Signal {
  if (p.weightSigned) throw new RangeError('radix4Product: unsigned weights only');
  const w = x3.width;
  const x1 = x.resize(w);
  const x2 = x.shl(1).resize(w);
  // `en` (optional) gates every digit: the product is 0 on a beat that is not accepted.
  const gate = (v: Signal, on: Signal): Signal => v.and(repl(en ? on.and(en) : on, w).asSigned());
  const terms: Signal[] = [];
  for (let j = 0; 2 * j < p.weightBits; j++) {
    if (2 * j + 1 < p.weightBits) {
      const d = q.slice(2 * j + 1, 2 * j);
      const sel = m.wire(`${name}_${j}`, gate(x1, d.eq(1)).or(gate(x2, d.eq(2))).or(gate(x3, d.eq(3))));
      terms.push(sel.shl(2 * j));
    } else {
      terms.push(m.wire(`${name}_${j}`, gate(x1, q.bit(2 * j))).shl(2 * j));
    }
  }
  return sum(terms).resize(mixpeWidths(p).product!.width);
}

/** Type of the row-shared multiple 3x of an INT8 activation. */
export const X3_TYPE = sint(10);

/**
 * The array's row multiples: `x3_<r>` = 3 · `x_<r>` for each of the `p.rows` rows (one adder per
 * row, shared by every PE of the row; see the file comment).
 */
export function intRowMultiplesModule(p: MixpeParams): ModuleDef {
  checkRtlParams(p);
  return module(
    `mixpe_row_x3_r${p.rows}`,
    (m) => {
      for (let r = 0; r < p.rows; r++) {
        const x = m.input(`x_${r}`, sint(8), { doc: `activation of row ${r}` });
        m.output(`x3_${r}`, x.resize(X3_TYPE.width).add(x.shl(1).resize(X3_TYPE.width)).resize(X3_TYPE.width), { doc: `3 · x of row ${r}` });
      }
    },
    { clock: null, doc: 'MixPE row multiples: 3x of every row activation, shared by the row' },
  );
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
  const build = (name: string, withX3: boolean): ModuleDef =>
    module(
      name,
      (m) => {
        const x = m.input('x', sint(8), { doc: 'INT8 activation (broadcast along the row)' });
        const x3 = withX3 ? m.input('x3', X3_TYPE, { doc: '3 · x, formed once per row (intRowMultiplesModule)' }) : null;
        const q = m.input('q', weightType(p), { doc: 'weight (broadcast down the column)' });
        const en = m.input('en', uint(1), { doc: 'a beat is accepted this cycle' });
        const last = m.input('last', uint(1), { doc: 'with en: last beat of the group' });
        // x3 form: the product is gated to 0 when `en` is low, so the accumulator needs no enable
        // (acc + 0 = acc; `pg` is only defined while en && last).
        const prod = x3 ? m.wire('prod', radix4Product(m, x, x3, q, p, en)) : m.instance('mul', mul, { x, q }).prod!;
        const acc = m.reg('acc', sint(p.accW), { reset: 0 });
        // Exact by the range bound: |P_g| < 2^(accW-1) (validateMixpeParams checked accW).
        const next = m.wire('acc_next', acc.add(prod).resize(p.accW));
        const zero = m.constant(0, sint(p.accW));
        acc.set(x3 ? mux(en.and(last), zero, next) : mux(en, mux(last, zero, next), acc));
        m.output('pg', next, { doc: 'P_g (exact integer); complete while en && last' });
      },
      {
        doc: `MixPE W${p.weightBits}A8 PE: ${withX3 ? 'radix-4 shift-and-add from the row-shared 3x' : 'shift-and-add'} MAC, exact ${p.accW}-bit group accumulator`,
      },
    );
  const def = build(`mixpe_pe_a8_${variant(p)}_acc${p.accW}`, false);
  const x3Def = p.weightSigned ? undefined : build(`mixpe_pe_a8_${variant(p)}_x3_acc${p.accW}`, true);
  return { def, act: sint(8), pgWidth: p.accW, pgLsbExp: 0, special: false, latency: 0, ...(x3Def ? { x3Def } : {}) };
}
