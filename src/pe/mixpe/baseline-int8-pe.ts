/**
 * Conventional INT8 baseline PE (the paper simulator's "INT8" / W8A8 configuration, specs/mixpe.md
 * §1): the weight arrives already dequantized to a signed integer and is multiplied by a full
 * array multiplier, then accumulated exactly; RTL twin of golden.ts `int8GroupSum`.
 *
 * "Dequantize first" for the integer baseline [project choice]: the PE receives an INT8 weight
 * (a W8A8 model's weight, or for a W4 model the integer `Q − z` formed at the column edge — its
 * scale s_g is applied after the group, as in MixPE). The PE has no knowledge of the 4-bit code:
 * it is the generic INT8 × INT8 MAC an INT8 accelerator builds, with `wBits` (default 8) as an
 * option for narrower integer weights.
 *
 * Contract: the PE beat timing of src/pe/mixpe/rtl-pe-interface.ts (latency 0): ports `x`
 * sint(8), `w` sint(wBits), `en`, `last` in; `pg` = accumulator + x·w out (the exact group sum
 * during the last beat); the register restarts at 0 after `last`; `rst` clears it. The
 * accumulator width is the exact worst case of G products (23 b for G = 128, INT8 × INT8).
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import { sint, uint } from '../../dsl/types.ts';
import { signedWidth, validateMixpeParams, type MixpeParams } from './params.ts';

export interface Int8BaselineOptions {
  /** Signed weight width, 2 … 8 (default 8: the W8A8 INT8 PE). */
  readonly wBits?: number;
  /**
   * `true`: the caller guarantees `w = 0` on beats with `en` low (the baseline array gates the
   * dequantized weight once per column), so the accumulator has no register enable (acc + 0 = acc),
   * as the MixPE array's PE (rtl-pe-int.ts x3Def). Default `false`: `en` enables the register.
   */
  readonly gatedWeight?: boolean;
}

/** Exact accumulator width for G products of INT8 × `wBits`-bit signed integers. */
export function int8BaselineAccW(G: number, wBits = 8): number {
  const wLo = -(1n << BigInt(wBits - 1));
  const wHi = (1n << BigInt(wBits - 1)) - 1n;
  const prods = [-128n * wLo, -128n * wHi, 127n * wLo, 127n * wHi];
  const lo = prods.reduce((a, b) => (b < a ? b : a));
  const hi = prods.reduce((a, b) => (b > a ? b : a));
  return signedWidth({ lo: BigInt(G) * lo, hi: BigInt(G) * hi });
}

/** The INT8 baseline PE for the group size of `p` (only `p.G` is read; `p` is validated). */
export function int8BaselinePe(p: MixpeParams, opts: Int8BaselineOptions = {}): ModuleDef {
  validateMixpeParams(p);
  const wBits = opts.wBits ?? 8;
  if (!Number.isInteger(wBits) || wBits < 2 || wBits > 8) throw new RangeError(`int8BaselinePe: wBits must be an integer in 2 … 8, got ${wBits}`);
  const accW = int8BaselineAccW(p.G, wBits);
  return module(
    `baseline_pe_int8_w${wBits}_acc${accW}${opts.gatedWeight ? '_g' : ''}`,
    (m) => {
      const x = m.input('x', sint(8), { doc: 'INT8 activation' });
      const w = m.input('w', sint(wBits), { doc: `dequantized integer weight, INT${wBits}` });
      const en = m.input('en', uint(1), { doc: 'a beat is accepted this cycle' });
      const last = m.input('last', uint(1), { doc: 'with en: last beat of the group' });
      const gated = opts.gatedWeight ?? false;
      const acc = gated ? m.reg('acc', sint(accW), { reset: 0 }) : m.reg('acc', sint(accW), { reset: 0, en });
      // Exact: |Σ x·w| over G beats fits accW bits (int8BaselineAccW).
      const next = acc.add(x.mul(w)).resize(accW).named('acc_next');
      acc.set(mux(gated ? en.and(last) : last, m.constant(0, sint(accW)), next));
      m.output('pg', next, { doc: 'exact group sum (complete while en && last)' });
    },
    { doc: `baseline INT8 x INT${wBits} PE: full multiplier, exact ${accW}-bit group accumulator`, params: { G: p.G, wBits } },
  );
}
