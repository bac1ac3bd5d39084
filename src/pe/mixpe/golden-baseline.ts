/**
 * Golden models of the conventional "dequantize first, then multiply" baseline PEs that the
 * MixPE area comparison measures against (specs/mixpe.md §1 baselines INT8 and FP16, §8):
 *
 * - INT8 (W8A8): `P = Σ_k x_k · w_k` over one accumulation (a group), INT8 activations and
 *   signed integer weights (INT8 by default), exact.
 * - FP16 FMA: `acc ← RNE32(acc + x_k · w_k)` for FP16 activations and FP16 weights, k ascending,
 *   `acc` starting at +0: the FP16-input / FP32-accumulate fused multiply-add. The product of two
 *   FP16 values is exact in FP32 (22 significant bits, exponent −48 … 31), so one rounding per
 *   step is both "fused" and "product rounded to FP32, then added".
 * - FP16 weight dequantization `w = RNE16(s · (Q − z))` (what the baseline does before its
 *   multiply): exact product rounded once to FP16 (IEEE overflow), an exact zero is +0; a NaN
 *   scale, or an Inf scale with Q = z, gives NaN; an Inf scale otherwise ±Inf.
 *
 * Contract: pure functions of the transaction, exact (BigInt, src/golden/float), no import from
 * the DSL. Inputs out of range throw a RangeError.
 */
import { fpAdd, fpMul } from '../../golden/float/arith.ts';
import { decode } from '../../golden/float/decode.ts';
import { encodeValue } from '../../golden/float/encode.ts';
import { FP16, FP32 } from '../../golden/float/format.ts';
import { NAN, POS_ZERO, finiteFromDyadic, inf, type FloatValue } from '../../golden/float/value.ts';
import { checkInputs, toBig, zeroPoint, type MixpeInputs } from './golden-inputs.ts';
import type { MixpeParams } from './params.ts';

function checkInt(v: bigint, bits: number, what: string): void {
  const lim = 1n << BigInt(bits - 1);
  if (v < -lim || v >= lim) throw new RangeError(`${what} = ${v} is outside the ${bits}-bit signed range`);
}

/** Exact `Σ x_k · w_k`: INT8 activations, `wBits`-bit signed weights (default 8). */
export function int8GroupSum(xs: readonly bigint[], ws: readonly bigint[], wBits = 8): bigint {
  if (xs.length !== ws.length) throw new RangeError(`int8GroupSum: ${xs.length} activations but ${ws.length} weights`);
  let acc = 0n;
  xs.forEach((x, k) => {
    checkInt(x, 8, 'INT8 activation');
    checkInt(ws[k]!, wBits, 'weight');
    acc += x * ws[k]!;
  });
  return acc;
}

/** The FP32 value after the FMA chain over FP16 codes `xs`, `ws` (k ascending, from +0). */
export function fp16FmaValue(xs: readonly (bigint | number)[], ws: readonly (bigint | number)[]): FloatValue {
  if (xs.length !== ws.length) throw new RangeError(`fp16FmaGroupSum: ${xs.length} activations but ${ws.length} weights`);
  let v: FloatValue = POS_ZERO;
  xs.forEach((x, k) => {
    const prod = fpMul(decode(x, FP16), decode(ws[k]!, FP16), FP32);
    if (prod.inexact) throw new Error('internal: an FP16 × FP16 product was not exact in FP32');
    v = fpAdd(v, prod.value, FP32).value;
  });
  return v;
}

/** FP32 code of `fp16FmaValue` (canonical NaN 0x7FC00000). */
export function fp16FmaGroupSum(xs: readonly (bigint | number)[], ws: readonly (bigint | number)[]): bigint {
  return encodeValue(fp16FmaValue(xs, ws), FP32).code;
}

/** FP16 code of `RNE16(s · (Q − z))` for an FP16 scale code `s` and integers `q`, `z`. */
export function dequantWeightFp16(s: bigint | number, q: bigint, z: bigint): bigint {
  const sv = decode(s, FP16);
  const d = q - z;
  let v: FloatValue;
  if (sv.kind === 'nan') v = NAN;
  else if (sv.kind === 'inf') v = d === 0n ? NAN : inf(sv.neg !== d < 0n);
  else {
    const mag = sv.mag * (d < 0n ? -d : d);
    v = mag === 0n ? POS_ZERO : finiteFromDyadic({ mant: sv.neg !== d < 0n ? -mag : mag, exp: sv.exp });
  }
  return encodeValue(v, FP16).code;
}

/**
 * The FP16-FMA baseline array's tile (baseline-fp16-fma-array.ts, the W4A16 comparison design):
 * every weight is dequantized before the multiply, `w[k][n] = RNE16(s_{g,n} · (Q[k][n] − z_{g,n}))`
 * (`dequantWeightFp16`), then `acc ← RNE32(acc + X[m][k] · w[k][n])` over the whole tile, k
 * ascending from +0 (`fp16FmaValue`), and the FP32 result is rounded once into `outputFormat`
 * with `outputRound` (FP32 output: the accumulator's code). FP16 activations and FP16 scales
 * only; the caller checks the shapes (`checkInputs`). Codes as bigint, row-major [m][n].
 */
export function fp16FmaGemmTile(inp: MixpeInputs, p: MixpeParams): bigint[][] {
  if (p.activation !== 'FP16' || p.scaleFormat !== 'FP16') {
    throw new RangeError(`fp16FmaGemmTile: FP16 activations and FP16 scales only, got ${p.activation} / ${p.scaleFormat}`);
  }
  const { M, N } = checkInputs(inp, p);
  const ws = Array.from({ length: p.K }, (_, k) =>
    Array.from({ length: N }, (_, n) => {
      const g = Math.floor(k / p.G);
      return dequantWeightFp16(toBig(inp.S[g]![n]!, 's'), toBig(inp.Q[k]![n]!, 'q'), zeroPoint(inp, g, n));
    }),
  );
  return Array.from({ length: M }, (_, m) =>
    Array.from({ length: N }, (_, n) => {
      const v = fp16FmaValue(inp.X[m]!, ws.map((row) => row[n]!));
      return p.outputFormat === 'FP32' ? encodeValue(v, FP32).code : encodeValue(v, FP16, { round: p.outputRound, overflow: p.outputOverflow }).code;
    }),
  );
}
