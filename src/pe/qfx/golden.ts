/**
 * Golden model of the QFX element-wise pipeline (eltwise.ts), from the ap_fixed semantics in
 * src/golden/fixed (independent of the DSL and emitter): full-precision ap_fixed arithmetic and
 * an ap_fixed assignment (round, then overflow) into each stage's tensor format.
 * Values are integers in LSB units of their format (what the ports carry).
 */
import { castFixed } from '../../golden/fixed/cast.ts';
import { addFixed, mulFixed } from '../../golden/fixed/arith.ts';
import type { FixedFormat } from '../../golden/fixed/format.ts';
import type { FormatFile, TensorFormat } from './formats.ts';

const fmt = (t: TensorFormat): FixedFormat => ({ w: t.w, i: t.i, signed: t.signed, q: t.q, o: t.o, n: t.n });

/** y = cast(max(cast(cast(cast(a*x, bn_mul) + b, bn_out) + r, residual_out), 0), output). */
export function eltwiseGolden(formats: FormatFile): (x: bigint, a: bigint, b: bigint, r: bigint) => bigint {
  const f = Object.fromEntries(Object.entries(formats).map(([k, v]) => [k, fmt(v)])) as Record<string, FixedFormat>;
  return (x, a, b, r) => {
    const prod = mulFixed(a, f.bn_scale!, x, f.input!);
    const m = castFixed(prod.int, prod.fmt, f.bn_mul!);
    const sumB = addFixed(m, f.bn_mul!, b, f.bn_bias!);
    const t = castFixed(sumB.int, sumB.fmt, f.bn_out!);
    const sumR = addFixed(t, f.bn_out!, r, f.residual!);
    const s = castFixed(sumR.int, sumR.fmt, f.residual_out!);
    const relu = s < 0n ? 0n : s;
    return castFixed(relu, f.residual_out!, f.output!);
  };
}
