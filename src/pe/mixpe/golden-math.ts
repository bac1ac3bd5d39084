/**
 * MixPE golden model, level a (rule R3): the exact mathematics of specs/mixpe.md §2, with no
 * intermediate rounding.
 *
 * Contract: `gemmExact` evaluates the per-element dequantization
 *   Y[m,n] = s_x[m] · Σ_k X[m,k] · s_{g(k),n} · (Q[k,n] − z_{g(k),n})      (s_x = 1 for FP activations)
 * exactly (every operand is dyadic, so `Y` is an exact rational with a power-of-two denominator);
 * `gemmExactGrouped` evaluates the dequantize-after-group form Σ_g s_g·(P_g − z·R_g) of §2.2,
 * which must be identical. Level a is defined on finite operands only (an Inf/NaN operand is
 * rejected); special values are a datapath policy, modelled by level b. The one rounding to the
 * output format is the separate step `roundOutput`.
 */
import { userError } from '../../diag/error.ts';
import { addD, dyadicToRational, mulD, DYADIC_ZERO, type Dyadic } from '../../golden/float/dyadic.ts';
import { encodeRational, type Encoded } from '../../golden/float/encode.ts';
import { toDyadic, type FloatValue } from '../../golden/float/value.ts';
import { round, rational, type Rational } from '../../golden/rounding.ts';
import {
  actScaleValue,
  activationValue,
  checkInputs,
  scaleValue,
  toBig,
  zeroPoint,
  type MixpeInputs,
  type Scalar,
} from './golden-inputs.ts';
import { mixpeFormat, weightRange, type MixpeParams } from './params.ts';

function finite(v: FloatValue, what: string): Dyadic {
  if (v.kind !== 'finite') {
    throw userError(
      `MixPE level a: ${what} is ${v.kind === 'nan' ? 'NaN' : 'Inf'}`,
      'level a is the exact real-valued GEMM; compare non-finite cases against level b only',
    );
  }
  return toDyadic(v);
}

function rowScale(inp: MixpeInputs, m: number, p: MixpeParams): Dyadic {
  return p.activation === 'INT8' ? finite(actScaleValue(inp.SX![m]!, p), `SX[${m}]`) : { mant: 1n, exp: 0 };
}

/** Per-element form: dequantize each weight, then the exact dot product (the definition). */
export function gemmExact(inp: MixpeInputs, p: MixpeParams): Rational[][] {
  const { M, N } = checkInputs(inp, p);
  const out: Rational[][] = [];
  for (let m = 0; m < M; m++) {
    const row: Rational[] = [];
    const xs = inp.X[m]!.map((x, k) => finite(activationValue(x, p), `X[${m}][${k}]`));
    for (let n = 0; n < N; n++) {
      let acc = DYADIC_ZERO;
      for (let k = 0; k < p.K; k++) {
        const g = Math.floor(k / p.G);
        const s = finite(scaleValue(inp.S[g]![n]!, p), `S[${g}][${n}]`);
        const w = mulD(s, { mant: toBig(inp.Q[k]![n]!, 'Q') - zeroPoint(inp, g, n), exp: 0 });
        acc = addD(acc, mulD(xs[k]!, w));
      }
      row.push(dyadicToRational(mulD(rowScale(inp, m, p), acc)));
    }
    out.push(row);
  }
  return out;
}

/** Exact group sums P_g[m,n] = Σ_{k∈g} X·Q and R_g[m] = Σ_{k∈g} X (§2.2). */
export function groupSumsExact(
  xs: readonly Scalar[],
  qs: readonly Scalar[],
  p: MixpeParams,
): { P: Dyadic; R: Dyadic } {
  let P = DYADIC_ZERO;
  let R = DYADIC_ZERO;
  xs.forEach((x, i) => {
    const a = finite(activationValue(x, p), 'activation');
    P = addD(P, mulD(a, { mant: toBig(qs[i]!, 'Q'), exp: 0 }));
    R = addD(R, a);
  });
  return { P, R };
}

/** Dequantize-after-group form `s_x · Σ_g s_g · (P_g − z_g · R_g)`; equal to `gemmExact`. */
export function gemmExactGrouped(inp: MixpeInputs, p: MixpeParams): Rational[][] {
  const { M, N } = checkInputs(inp, p);
  const groups = p.K / p.G;
  const out: Rational[][] = [];
  for (let m = 0; m < M; m++) {
    const row: Rational[] = [];
    for (let n = 0; n < N; n++) {
      let acc = DYADIC_ZERO;
      for (let g = 0; g < groups; g++) {
        const ks = Array.from({ length: p.G }, (_, i) => g * p.G + i);
        const { P, R } = groupSumsExact(
          ks.map((k) => inp.X[m]![k]!),
          ks.map((k) => inp.Q[k]![n]!),
          p,
        );
        const z = zeroPoint(inp, g, n);
        const u = addD(P, mulD({ mant: -z, exp: 0 }, R));
        acc = addD(acc, mulD(finite(scaleValue(inp.S[g]![n]!, p), `S[${g}][${n}]`), u));
      }
      row.push(dyadicToRational(mulD(rowScale(inp, m, p), acc)));
    }
    out.push(row);
  }
  return out;
}

/** The final output rounding of an exact result: `outputFormat`, `outputRound`, `outputOverflow`. */
export function roundOutput(y: Rational, p: MixpeParams): Encoded {
  return encodeRational(y, mixpeFormat(p.outputFormat), { round: p.outputRound, overflow: p.outputOverflow });
}

/**
 * The offline weight quantizer of §2.1: `Q = clamp(round(W / s) + z, Q_min, Q_max)` with tie
 * rule `weightRound` (signed weights: z must be 0). `s` must be positive.
 */
export function quantizeWeight(w: Rational, s: Rational, z: Scalar, p: MixpeParams): bigint {
  if (s.num <= 0n) throw userError('MixPE quantizeWeight: the scale must be positive');
  const zz = toBig(z, 'z');
  if (p.weightSigned && zz !== 0n) throw userError('MixPE quantizeWeight: signed weights have no zero point (z = 0)');
  const q = round(rational(w.num * s.den, w.den * s.num), p.weightRound) + zz;
  const r = weightRange(p);
  return q < r.lo ? r.lo : q > r.hi ? r.hi : q;
}
