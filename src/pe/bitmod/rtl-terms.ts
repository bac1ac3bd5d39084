/**
 * BitMoD term generator in RTL (specs/bitmod.md §5), combinational: for one lane's stored code,
 * the group's datatype id, the transaction's weight-type index and the term index `t`, the term
 * `(sign, exp, man)` of cycle `t` and the cycle's bit significance `bsig`; also the weight's
 * sign and whether it is zero (for the Inf rules of §6.3).
 *
 * - INT8/6/4/3: radix-4 Booth digits from `boothRecode` (src/lib/arith, INT3 sign-padded); digit
 *   `t` gives `(neg, two, nz)`, `bsig = 2t`.
 * - FP4/FP3: the magnitude from the code's bit fields (FP4 `e1 e0 m` as E2M1 × 2; FP3 `m1 m0`) or,
 *   for code `1000`/`100`, the run-time SV register entry selected by the datatype id; then the
 *   leading-one decomposition (`leadingOne` of src/lib/fp) — cycle 0 the leading one, cycle 1 the
 *   remaining set bit; an absent term is `(weight sign, 0, 0)`; `bsig = 0`.
 *
 * Contract: bit for bit the level-b `weightTerms` (golden-terms.ts) for every code, id and SV.
 * An SV register entry is `{sign, mag}` in 1 + svMagW bits (`svMagW = maxTermExp + 1`).
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { cat, mux, rom, select } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { boothRecode } from '../../lib/arith/recode.ts';
import { leadingOne } from '../../lib/fp/leading-one.ts';
import { maxTermExp, weightCodeBits, type BitmodParams, type BitmodWeightType } from './params.ts';

/** One lane's term (every field unsigned). */
export interface RtlTerm {
  readonly sign: Signal;
  /** uint(termExpW). */
  readonly exp: Signal;
  readonly man: Signal;
  /** The weight's sign (for Inf · w) and whether the weight is zero (Inf · 0 = NaN). */
  readonly wNeg: Signal;
  readonly wZero: Signal;
}

/** Width of an SV register entry's magnitude: positions 0 … maxTermExp. */
export function svMagWidth(p: BitmodParams): number {
  return Math.max(...p.weightTypes.map(maxTermExp)) + 1;
}

/** Widest stored code over the build's weight types (the code port width). */
export function codeWidth(p: BitmodParams): number {
  return Math.max(...p.weightTypes.map(weightCodeBits));
}

/** FP magnitude of a non-SV code (FP4: E2M1 half units from `e1 e0 m`; FP3: 0, 1, 2, 4). */
function fpMagnitude(m: ModuleBuilder, t: 'FP4' | 'FP3', low: Signal, magW: number): Signal {
  const table = t === 'FP4' ? [0, 1, 2, 3, 4, 6, 8, 12] : [0, 1, 2, 4];
  return rom(low, table, uint(magW));
}

function termOf(m: ModuleBuilder, p: BitmodParams, t: BitmodWeightType, code: Signal, dt: Signal, tIdx: Signal, sv: readonly Signal[]): RtlTerm {
  const n = weightCodeBits(t);
  const c = code.slice(n - 1, 0);
  if (t === 'FP4' || t === 'FP3') {
    const magW = svMagWidth(p);
    const s = c.bit(n - 1);
    const low = c.slice(n - 2, 0);
    const isSv = s.and(low.eq(0));
    const entry = select(dt, sv); // uint(1 + magW): {sign, mag}
    const mag = mux(isSv, entry.slice(magW - 1, 0), fpMagnitude(m, t, low, magW));
    const sign = mux(isSv, entry.bit(magW), s);
    const lead = leadingOne(mag);
    // Remaining bits: clear the leading one.
    const top = m.constant(1, uint(1)).shl(lead.pos).resize(magW);
    const rest = mag.and(top.not());
    const second = leadingOne(rest);
    const first = tIdx.eq(0);
    const expW = p.termExpW;
    const pos0 = lead.pos.resize(expW);
    const pos1 = mux(second.any, second.pos, 0).resize(expW);
    return {
      sign,
      exp: mux(first, mux(lead.any, pos0, 0), pos1).resize(expW),
      man: mux(first, lead.any, second.any),
      wNeg: sign,
      wZero: c.eq(0),
    };
  }
  const digits = boothRecode(c.asSigned(), { signPad: n % 2 === 1 });
  const pick = (f: (d: (typeof digits)[number]) => Signal): Signal => select(tIdx, digits.map(f));
  return {
    sign: pick((d) => d.neg),
    exp: pick((d) => d.two).resize(p.termExpW),
    man: pick((d) => d.nz),
    wNeg: c.bit(n - 1),
    wZero: c.eq(0),
  };
}

/**
 * Terms of every lane for weight-type index `mode` (into `p.weightTypes`): a mux over the build's
 * types (a single-type build has no mux).
 */
export function laneTerms(
  m: ModuleBuilder,
  p: BitmodParams,
  codes: readonly Signal[],
  dt: Signal,
  mode: Signal | null,
  tIdx: Signal,
  sv: readonly Signal[],
): RtlTerm[] {
  const types = p.weightTypes;
  const perType = types.map((t) => codes.map((c) => termOf(m, p, t, c, dt, tIdx, sv)));
  const choose = (f: (x: RtlTerm) => Signal, lane: number): Signal =>
    mode === null ? f(perType[0]![lane]!) : select(mode, perType.map((ts) => f(ts[lane]!)));
  return codes.map((_, i) => ({
    sign: choose((x) => x.sign, i),
    exp: choose((x) => x.exp, i),
    man: choose((x) => x.man, i),
    wNeg: choose((x) => x.wNeg, i),
    wZero: choose((x) => x.wZero, i),
  }));
}

/** The cycle's bit significance (uint(3)): `2t` when the selected type is INT, else 0. */
export function termBsig(m: ModuleBuilder, p: BitmodParams, mode: Signal | null, tIdx: Signal): Signal {
  const bsigW = 3;
  const twoT = cat(tIdx.resize(2), m.constant(0, uint(1))).resize(bsigW);
  const isInt = p.weightTypes.map((t) => t.startsWith('INT'));
  if (isInt.every((x) => !x)) return m.constant(0, uint(bsigW));
  if (mode === null) return twoT;
  return mux(rom(mode, isInt.map((x) => (x ? 1 : 0)), uint(1)), twoT, 0).resize(bsigW);
}
