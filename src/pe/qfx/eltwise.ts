/**
 * Streaming fixed-point element-wise pipeline of a QFX-quantized layer, one element per cycle
 * over valid/ready (spec fixed-point.md §5: per-tensor static ap_fixed formats):
 *
 *   stage 1: m = cast(a * x, bn_mul)          folded BatchNorm scale
 *   stage 2: t = cast(m + b, bn_out)          folded BatchNorm bias
 *   stage 3: s = cast(t + r, residual_out)    residual add
 *   stage 4: y = cast(max(s, 0), output)      ReLU, then requantize to the next layer's format
 *
 * Every cast rounds with the target tensor's Q mode and handles overflow with its O mode; the
 * arithmetic in between is full precision (ap_fixed). The four stages are an elastic pipeline
 * (src/lib/stream/elastic.ts: a stage accepts when it is empty or its content moves on this
 * cycle; `in_ready` depends combinationally on `out_ready`), between stream bundles
 * (src/lib/stream/bundle.ts) `in` (x, a, b, r) and `out` (y).
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { fixed } from '../../dsl/types.ts';
import { mux } from '../../dsl/ops.ts';
import type { FormatFile, TensorFormat } from './formats.ts';
import { type HwType } from '../../dsl/types.ts';
import { streamInput, streamOutput } from '../../lib/stream/bundle.ts';
import { elasticPipeline } from '../../lib/stream/elastic.ts';

export const ELTWISE_TENSORS = ['input', 'bn_scale', 'bn_bias', 'bn_mul', 'bn_out', 'residual', 'residual_out', 'output'] as const;

export function tensorType(f: TensorFormat): HwType {
  return fixed(f.w, f.i, { signed: f.signed, q: f.q, o: f.o, n: f.n });
}

export function eltwisePipeline(formats: FormatFile, name = 'qfx_eltwise'): ModuleDef {
  const t = (k: (typeof ELTWISE_TENSORS)[number]): HwType => tensorType(formats[k]!);
  return module(
    name,
    (m) => {
      const inS = streamInput(m, 'in', {
        x: { type: t('input'), doc: 'activation' },
        a: { type: t('bn_scale'), doc: 'folded BatchNorm scale' },
        b: { type: t('bn_bias'), doc: 'folded BatchNorm bias' },
        r: { type: t('residual'), doc: 'residual input' },
      });
      const { x, a, b, r } = inS.data;
      const outS = streamOutput(m, 'out', { y: { type: t('output'), doc: 'requantized ReLU(BN(x) + r)' } });
      const pipe = elasticPipeline(m, 4, inS.valid, outS.ready);
      const stage = pipe.stage;
      const bnMul = stage(1, 'bn_mul', a.mul(x).cast(t('bn_mul')));
      const bQ = stage(1, 'bias_q', b);
      const rQ1 = stage(1, 'res_q1', r);
      const bnOut = stage(2, 'bn_out', bnMul.add(bQ).cast(t('bn_out')));
      const rQ2 = stage(2, 'res_q2', rQ1);
      const resOut = stage(3, 'res_out', bnOut.add(rQ2).cast(t('residual_out')));
      const relu = mux(resOut.lt(0), m.constant(0, resOut.type), resOut);
      const y = stage(4, 'y_q', relu.cast(t('output')));

      inS.driveReady(pipe.inReady);
      outS.driveValid(pipe.outValid);
      outS.drive({ y });
    },
    { doc: 'QFX element-wise pipeline: folded BatchNorm, residual add, ReLU, requantize (4 stages, valid/ready)' },
  );
}
