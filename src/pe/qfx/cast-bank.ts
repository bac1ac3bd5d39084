/**
 * A bank of ap_fixed cast units for verification and characterization: one input per source
 * format, one output per (source, destination format with Q/O/N) pair, all combinational. Ports
 * carry raw bit patterns (unsigned), so any simulator reads them the same way.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { fixed, uint, type QuantMode, type OverflowMode } from '../../dsl/types.ts';

export interface CastFormat {
  readonly w: number;
  readonly i: number;
  readonly signed: boolean;
}

export interface CastDest extends CastFormat {
  readonly q: QuantMode;
  readonly o: OverflowMode;
  readonly n: number;
}

export const QUANT_MODES: readonly QuantMode[] = ['AP_RND', 'AP_RND_ZERO', 'AP_RND_MIN_INF', 'AP_RND_INF', 'AP_RND_CONV', 'AP_TRN', 'AP_TRN_ZERO'];
export const OVERFLOW_MODES: readonly OverflowMode[] = ['AP_WRAP', 'AP_SAT', 'AP_SAT_ZERO', 'AP_SAT_SYM', 'AP_WRAP_SM'];

/** Every valid (Q, O, N) for a destination format: 7 x 5 mode pairs, N in `ns` for the wrap modes. */
export function allModes(dst: CastFormat, ns: readonly number[] = [0, 1, 2]): CastDest[] {
  const out: CastDest[] = [];
  for (const q of QUANT_MODES) {
    for (const o of OVERFLOW_MODES) {
      if (o === 'AP_WRAP_SM' && !dst.signed) continue;
      const nList = o === 'AP_WRAP' || o === 'AP_WRAP_SM' ? ns.filter((n) => n <= dst.w) : [0];
      for (const n of nList) out.push({ ...dst, q, o, n });
    }
  }
  return out;
}

export interface CastBankPlan {
  readonly sources: readonly { readonly src: CastFormat; readonly dsts: readonly CastDest[] }[];
}

/** Ports: `x<s>` (source s raw bits) and `y<s>_<d>` (destination d of source s, raw bits). */
export function castBank(plan: CastBankPlan, name = 'cast_bank'): ModuleDef {
  return module(
    name,
    (m) => {
      plan.sources.forEach(({ src, dsts }, s) => {
        const raw = m.input(`x${s}`, uint(src.w));
        const x = (src.signed ? raw.asSigned() : raw).withType(fixed(src.w, src.i, { signed: src.signed }));
        dsts.forEach((d, k) => {
          const y = x.cast(fixed(d.w, d.i, { signed: d.signed, q: d.q, o: d.o, n: d.n }));
          m.output(`y${s}_${k}`, y.asUnsigned().withType(uint(d.w)));
        });
      });
    },
    { clock: null, doc: 'ap_fixed cast units (raw bit patterns)' },
  );
}
