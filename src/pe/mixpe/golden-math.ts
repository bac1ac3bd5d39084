/**
 * MixPE golden model, level a (rule R3): the exact mathematics of specs/mixpe.md §2.2–2.4, with
 * no intermediate rounding, written from the spec's formulas alone.
 *
 * Independence [project choice, issue 10]: level a shares **no code** with level b. It decodes
 * every operand itself from the spec's definition of a float code (§ Conventions: value
 * `(−1)^s · M · 2^(E − bias − manBits)`, `E = 1` and hidden bit 0 for a subnormal; the sign bit is
 * part of the value, so a negative scale scales with its sign) and does its own exact dyadic
 * arithmetic on BigInt. It imports only the parameter object and, for the separate final
 * rounding step `roundOutput` and the offline quantizer, the project's one shared rounding
 * function (rule R2).
 *
 * Contract:
 * - `gemmExact` evaluates the per-element dequantization (the definition)
 *     Y[m,n] = s_x[m] · Σ_k X[m,k] · s_{g(k),n} · (Q[k,n] − z_{g(k),n})   (s_x = 1 for FP activations)
 *   exactly; every operand is dyadic, so Y is an exact rational with a power-of-two denominator.
 * - `gemmExactGrouped` evaluates the dequantize-after-group form `s_x · Σ_g s_g·(P_g − z·R_g)`
 *   of §2.2, which must be identical.
 * - Both accept finite operands only (an Inf/NaN operand is rejected with a `LowbitError`).
 * - `gemmExactIeee` extends the grouped form to non-finite operands with the IEEE 754 rules that
 *   docs/mixpe.md ("Special values") prescribes for every step of that form: each product and
 *   sum of §4.2/§2.2 is an IEEE operation on extended reals (NaN absorbs, ∞ − ∞ and 0 · ∞ are
 *   NaN); a finite result is exact.
 */
import { userError } from '../../diag/error.ts';
import { encodeRational, type Encoded } from '../../golden/float/encode.ts';
import { round, rational, type Rational } from '../../golden/rounding.ts';
import type { MixpeParams } from './params.ts';

/** An integer or a code, as the caller has it. */
type Operand = number | bigint;

/** Exact dyadic value `mant · 2^exp`. */
export interface ExactDyadic {
  readonly mant: bigint;
  readonly exp: number;
}

/** An extended real: exact finite value, signed infinity or NaN. */
export type ExtReal =
  | { readonly kind: 'finite'; readonly v: ExactDyadic }
  | { readonly kind: 'inf'; readonly neg: boolean }
  | { readonly kind: 'nan' };

/** The three code formats of the spec: sign, `expBits` exponent field, `manBits` fraction. */
const FORMATS = {
  FP16: { expBits: 5, manBits: 10, bias: 15 },
  BF16: { expBits: 8, manBits: 7, bias: 127 },
  FP32: { expBits: 8, manBits: 23, bias: 127 },
} as const;
type CodeFormat = keyof typeof FORMATS;

const ZERO: ExactDyadic = { mant: 0n, exp: 0 };

function big(x: Operand, what: string): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw userError(`MixPE level a: ${what} = ${x} is not an integer`);
  return BigInt(x);
}

/** Decode a code of `fmt` from the spec's definition. */
export function decodeCode(code: Operand, fmt: CodeFormat): ExtReal {
  const f = FORMATS[fmt];
  const c = big(code, 'code');
  const total = 1 + f.expBits + f.manBits;
  if (c < 0n || c >= 1n << BigInt(total)) throw userError(`MixPE level a: ${fmt} code ${c} is out of range`);
  const neg = (c >> BigInt(total - 1)) & 1n ? true : false;
  const field = Number((c >> BigInt(f.manBits)) & ((1n << BigInt(f.expBits)) - 1n));
  const frac = c & ((1n << BigInt(f.manBits)) - 1n);
  if (field === 2 ** f.expBits - 1) return frac === 0n ? { kind: 'inf', neg } : { kind: 'nan' };
  const E = field === 0 ? 1 : field;
  const M = field === 0 ? frac : frac | (1n << BigInt(f.manBits));
  return { kind: 'finite', v: { mant: neg ? -M : M, exp: E - f.bias - f.manBits } };
}

function add(a: ExactDyadic, b: ExactDyadic): ExactDyadic {
  const e = Math.min(a.exp, b.exp);
  return { mant: (a.mant << BigInt(a.exp - e)) + (b.mant << BigInt(b.exp - e)), exp: e };
}

function mul(a: ExactDyadic, b: ExactDyadic): ExactDyadic {
  return { mant: a.mant * b.mant, exp: a.exp + b.exp };
}

const int = (n: bigint): ExactDyadic => ({ mant: n, exp: 0 });

/** The exact rational of a dyadic value (reduced over powers of two). */
export function dyadicRational(d: ExactDyadic): Rational {
  let { mant, exp } = d;
  if (mant === 0n) return { num: 0n, den: 1n };
  while (exp < 0 && (mant & 1n) === 0n) {
    mant >>= 1n;
    exp++;
  }
  return exp >= 0 ? { num: mant << BigInt(exp), den: 1n } : { num: mant, den: 1n << BigInt(-exp) };
}

// ---- extended-real IEEE operations (docs/mixpe.md "Special values") ----

/** IEEE addition over extended reals: NaN absorbs, Inf − Inf is NaN. */
export function extAdd(a: ExtReal, b: ExtReal): ExtReal {
  if (a.kind === 'nan' || b.kind === 'nan') return { kind: 'nan' };
  if (a.kind === 'inf' && b.kind === 'inf') return a.neg === b.neg ? a : { kind: 'nan' };
  if (a.kind === 'inf') return a;
  if (b.kind === 'inf') return b;
  return { kind: 'finite', v: add(a.v, b.v) };
}

function extNeg(a: ExtReal): ExtReal {
  if (a.kind === 'nan') return a;
  if (a.kind === 'inf') return { kind: 'inf', neg: !a.neg };
  return { kind: 'finite', v: { mant: -a.v.mant, exp: a.v.exp } };
}

/** IEEE product over extended reals (0 · Inf is NaN); a finite zero has no sign here. */
export function extMul(a: ExtReal, b: ExtReal): ExtReal {
  if (a.kind === 'nan' || b.kind === 'nan') return { kind: 'nan' };
  if (a.kind === 'inf' || b.kind === 'inf') {
    const isZero = (x: ExtReal) => x.kind === 'finite' && x.v.mant === 0n;
    if (isZero(a) || isZero(b)) return { kind: 'nan' };
    const negOf = (x: ExtReal) => (x.kind === 'inf' ? x.neg : x.kind === 'finite' && x.v.mant < 0n);
    return { kind: 'inf', neg: negOf(a) !== negOf(b) };
  }
  return { kind: 'finite', v: mul(a.v, b.v) };
}

const fin = (v: ExactDyadic): ExtReal => ({ kind: 'finite', v });

// ---- operands ----

function activation(x: Operand, p: MixpeParams): ExtReal {
  if (p.activation === 'INT8') {
    const v = big(x, 'X');
    if (v < -128n || v > 127n) throw userError(`MixPE level a: INT8 activation ${v} is outside [-128, 127]`);
    return fin(int(v));
  }
  return decodeCode(x, p.activation);
}

/** The GEMM operands (the same shape as level b's `MixpeInputs`, restated here). */
export interface ExactInputs {
  readonly X: readonly (readonly Operand[])[];
  readonly Q: readonly (readonly Operand[])[];
  readonly S: readonly (readonly Operand[])[];
  readonly Z?: readonly (readonly Operand[])[];
  readonly SX?: readonly Operand[];
}

function shape(inp: ExactInputs, p: MixpeParams): { M: number; N: number; groups: number } {
  const M = inp.X.length;
  const N = inp.Q[0]?.length ?? 0;
  const groups = p.K / p.G;
  const ok =
    M > 0 &&
    N > 0 &&
    inp.X.every((r) => r.length === p.K) &&
    inp.Q.length === p.K &&
    inp.Q.every((r) => r.length === N) &&
    inp.S.length === groups &&
    inp.S.every((r) => r.length === N) &&
    (inp.Z === undefined || (inp.Z.length === groups && inp.Z.every((r) => r.length === N))) &&
    (p.activation === 'INT8' ? inp.SX?.length === M : inp.SX === undefined);
  if (!ok) throw userError(`MixPE level a: operand shapes do not match M×K = ?×${p.K}, K×N, (K/G)×N`);
  return { M, N, groups };
}

const zeroPointOf = (inp: ExactInputs, g: number, n: number): bigint => (inp.Z ? big(inp.Z[g]![n]!, 'Z') : 0n);
const scaleOf = (inp: ExactInputs, g: number, n: number, p: MixpeParams): ExtReal => decodeCode(inp.S[g]![n]!, p.scaleFormat);
const rowScaleOf = (inp: ExactInputs, m: number, p: MixpeParams): ExtReal =>
  p.activation === 'INT8' ? decodeCode(inp.SX![m]!, p.actScaleFormat) : fin(int(1n));

function finite(v: ExtReal, what: string): ExactDyadic {
  if (v.kind !== 'finite') {
    throw userError(
      `MixPE level a: ${what} is ${v.kind === 'nan' ? 'NaN' : 'Inf'}`,
      'level a is the exact real-valued GEMM; use gemmExactIeee (or level b) for non-finite operands',
    );
  }
  return v.v;
}

/** Per-element form: dequantize each weight, then the exact dot product (the definition). */
export function gemmExact(inp: ExactInputs, p: MixpeParams): Rational[][] {
  const { M, N } = shape(inp, p);
  const out: Rational[][] = [];
  for (let m = 0; m < M; m++) {
    const xs = inp.X[m]!.map((x, k) => finite(activation(x, p), `X[${m}][${k}]`));
    const sx = finite(rowScaleOf(inp, m, p), `SX[${m}]`);
    const row: Rational[] = [];
    for (let n = 0; n < N; n++) {
      let acc = ZERO;
      for (let k = 0; k < p.K; k++) {
        const g = Math.floor(k / p.G);
        const s = finite(scaleOf(inp, g, n, p), `S[${g}][${n}]`);
        const w = mul(s, int(big(inp.Q[k]![n]!, 'Q') - zeroPointOf(inp, g, n)));
        acc = add(acc, mul(xs[k]!, w));
      }
      row.push(dyadicRational(mul(sx, acc)));
    }
    out.push(row);
  }
  return out;
}

/** Exact group sums P_g = Σ_{k∈g} X·Q and R_g = Σ_{k∈g} X (§2.2) of finite activations. */
export function groupSumsExact(xs: readonly Operand[], qs: readonly Operand[], p: MixpeParams): { P: ExactDyadic; R: ExactDyadic } {
  let P = ZERO;
  let R = ZERO;
  xs.forEach((x, i) => {
    const a = finite(activation(x, p), 'activation');
    P = add(P, mul(a, int(big(qs[i]!, 'Q'))));
    R = add(R, a);
  });
  return { P, R };
}

/** Dequantize-after-group form `s_x · Σ_g s_g · (P_g − z_g · R_g)`; equal to `gemmExact`. */
export function gemmExactGrouped(inp: ExactInputs, p: MixpeParams): Rational[][] {
  return gemmExactIeee(inp, p).map((row, m) =>
    row.map((y, n) => dyadicRational(finite(y, `Y[${m}][${n}] (a non-finite operand)`))),
  );
}

/**
 * The grouped form over extended reals: `P_g = Σ X·Q` and `R_g = Σ X` (k ascending; `x · Q`
 * with Inf × 0 = NaN), `t = z·R_g` (absent for signed weights), `u = P_g − t`, `v = s_g · u`,
 * `Y = Σ_g v` (from +0), `y = s_x · Y`. Finite results are exact.
 */
export function gemmExactIeee(inp: ExactInputs, p: MixpeParams): ExtReal[][] {
  const { M, N, groups } = shape(inp, p);
  const out: ExtReal[][] = [];
  for (let m = 0; m < M; m++) {
    const xs = inp.X[m]!.map((x) => activation(x, p));
    const row: ExtReal[] = [];
    for (let n = 0; n < N; n++) {
      let Y: ExtReal = fin(ZERO);
      for (let g = 0; g < groups; g++) {
        let P: ExtReal = fin(ZERO);
        let R: ExtReal = fin(ZERO);
        for (let k = g * p.G; k < (g + 1) * p.G; k++) {
          P = extAdd(P, extMul(xs[k]!, fin(int(big(inp.Q[k]![n]!, 'Q')))));
          R = extAdd(R, xs[k]!);
        }
        const u = p.weightSigned ? P : extAdd(P, extNeg(extMul(fin(int(zeroPointOf(inp, g, n))), R)));
        Y = extAdd(Y, extMul(scaleOf(inp, g, n, p), u));
      }
      row.push(extMul(rowScaleOf(inp, m, p), Y));
    }
    out.push(row);
  }
  return out;
}

/** The final output rounding of an exact result: `outputFormat`, `outputRound`, `outputOverflow`. */
export function roundOutput(y: Rational, p: MixpeParams): Encoded {
  return encodeRational(y, outputFormatOf(p), { round: p.outputRound, overflow: p.outputOverflow });
}

function outputFormatOf(p: MixpeParams) {
  const f = FORMATS[p.outputFormat];
  return { name: p.outputFormat, expBits: f.expBits, manBits: f.manBits, bias: f.bias, specials: 'IEEE' } as const;
}

/**
 * The offline weight quantizer of §2.1: `Q = clamp(round(W / s) + z, Q_min, Q_max)` with tie
 * rule `weightRound` (signed weights: z must be 0). `s` must be positive.
 */
export function quantizeWeight(w: Rational, s: Rational, z: Operand, p: MixpeParams): bigint {
  if (s.num <= 0n) throw userError('MixPE quantizeWeight: the scale must be positive');
  const zz = big(z, 'z');
  if (p.weightSigned && zz !== 0n) throw userError('MixPE quantizeWeight: signed weights have no zero point (z = 0)');
  const q = round(rational(w.num * s.den, w.den * s.num), p.weightRound) + zz;
  const lo = p.weightSigned ? -(1n << BigInt(p.weightBits - 1)) : 0n;
  const hi = p.weightSigned ? (1n << BigInt(p.weightBits - 1)) - 1n : (1n << BigInt(p.weightBits)) - 1n;
  return q < lo ? lo : q > hi ? hi : q;
}
