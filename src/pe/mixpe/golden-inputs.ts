/**
 * MixPE GEMM operands as both golden levels and the cosim take them, and their checks.
 *
 * Contract: every operand is an integer or a format code (`number` bit patterns or `bigint`);
 * `checkInputs` rejects a wrong shape or an out-of-range element with a `LowbitError`, and the
 * decode helpers turn operands into exact `FloatValue`s. Nothing here rounds.
 */
import { userError } from '../../diag/error.ts';
import { decode } from '../../golden/float/decode.ts';
import { totalBits } from '../../golden/float/format.ts';
import type { FloatValue } from '../../golden/float/value.ts';
import { activationFormat, mixpeFormat, weightRange, zeroPointRange, type MixpeParams } from './params.ts';

/** An integer or a code, as the caller has it. */
export type Scalar = number | bigint;

/**
 * Operands of `Y = diag(s_x) · X · (S ⊙ (Q − Z))` for one GEMM (M rows, K, N columns).
 * Group g covers k = g·G … g·G + G − 1.
 */
export interface MixpeInputs {
  /** M×K activations: INT8 integers in [−128, 127], or FP16/BF16 codes (16-bit patterns). */
  readonly X: readonly (readonly Scalar[])[];
  /** K×N weights: integers in the weight range (`weightBits`, `weightSigned`). */
  readonly Q: readonly (readonly Scalar[])[];
  /** (K/G)×N scale codes in `scaleFormat` (s_g,n). */
  readonly S: readonly (readonly Scalar[])[];
  /** (K/G)×N zero points in [0, 2^weightBits − 1]; omit for signed weights (z = 0). */
  readonly Z?: readonly (readonly Scalar[])[];
  /** M per-row activation-scale codes in `actScaleFormat` (INT8 only; omit for FP activations). */
  readonly SX?: readonly Scalar[];
}

export function toBig(x: Scalar, what: string): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw userError(`MixPE input ${what} = ${x} is not an integer`);
  return BigInt(x);
}

function checkRange(x: Scalar, lo: bigint, hi: bigint, what: string): bigint {
  const v = toBig(x, what);
  if (v < lo || v > hi) throw userError(`MixPE input ${what} = ${v} is outside [${lo}, ${hi}]`);
  return v;
}

function checkMatrix(m: readonly (readonly Scalar[])[], rows: number, cols: number, name: string): void {
  if (m.length !== rows) throw userError(`MixPE input ${name} has ${m.length} rows, expected ${rows}`);
  m.forEach((r, i) => {
    if (r.length !== cols) throw userError(`MixPE input ${name} row ${i} has ${r.length} entries, expected ${cols}`);
  });
}

/** Activation range: INT8 value range or the code range of the activation format. */
export function activationBounds(p: MixpeParams): { lo: bigint; hi: bigint } {
  if (p.activation === 'INT8') return { lo: -128n, hi: 127n };
  return { lo: 0n, hi: (1n << BigInt(totalBits(activationFormat(p)))) - 1n };
}

/** Validate shapes and ranges; returns M and N. K must equal `p.K`. */
export function checkInputs(inp: MixpeInputs, p: MixpeParams): { M: number; N: number } {
  const M = inp.X.length;
  const N = inp.Q[0]?.length ?? 0;
  const groups = p.K / p.G;
  if (M < 1 || N < 1) throw userError('MixPE input: X and Q must be non-empty');
  checkMatrix(inp.X, M, p.K, 'X');
  checkMatrix(inp.Q, p.K, N, 'Q');
  checkMatrix(inp.S, groups, N, 'S');
  const a = activationBounds(p);
  inp.X.forEach((r, m) => r.forEach((x, k) => checkRange(x, a.lo, a.hi, `X[${m}][${k}]`)));
  const qr = weightRange(p);
  inp.Q.forEach((r, k) => r.forEach((q, n) => checkRange(q, qr.lo, qr.hi, `Q[${k}][${n}]`)));
  const sMax = (1n << BigInt(totalBits(mixpeFormat(p.scaleFormat)))) - 1n;
  inp.S.forEach((r, g) => r.forEach((s, n) => checkRange(s, 0n, sMax, `S[${g}][${n}]`)));
  if (inp.Z) {
    checkMatrix(inp.Z, groups, N, 'Z');
    const zr = zeroPointRange(p);
    inp.Z.forEach((r, g) => r.forEach((z, n) => checkRange(z, zr.lo, zr.hi, `Z[${g}][${n}]`)));
  }
  if (p.activation === 'INT8') {
    if (!inp.SX) throw userError('MixPE input SX (per-row activation scales) is required for INT8 activations');
    if (inp.SX.length !== M) throw userError(`MixPE input SX has ${inp.SX.length} entries, expected ${M}`);
    const xMax = (1n << BigInt(totalBits(mixpeFormat(p.actScaleFormat)))) - 1n;
    inp.SX.forEach((s, m) => checkRange(s, 0n, xMax, `SX[${m}]`));
  } else if (inp.SX) {
    throw userError('MixPE input SX is only used with INT8 activations', 'omit SX for FP16/BF16 activations');
  }
  return { M, N };
}

/** Exact value of one activation operand. */
export function activationValue(x: Scalar, p: MixpeParams): FloatValue {
  if (p.activation === 'INT8') {
    const v = toBig(x, 'x');
    return { kind: 'finite', neg: v < 0n, mag: v < 0n ? -v : v, exp: 0 };
  }
  return decode(x, activationFormat(p));
}

/** Exact value of a scale code s_g. */
export function scaleValue(s: Scalar, p: MixpeParams): FloatValue {
  return decode(s, mixpeFormat(p.scaleFormat));
}

/** Exact value of an activation-scale code s_x. */
export function actScaleValue(s: Scalar, p: MixpeParams): FloatValue {
  return decode(s, mixpeFormat(p.actScaleFormat));
}

/** Zero point of (group g, column n): 0 when `Z` is omitted. */
export function zeroPoint(inp: MixpeInputs, g: number, n: number): bigint {
  return inp.Z ? toBig(inp.Z[g]![n]!, `Z[${g}][${n}]`) : 0n;
}
