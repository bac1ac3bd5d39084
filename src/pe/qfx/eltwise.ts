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
 * arithmetic in between is full precision (ap_fixed). Each stage is a register slice of an
 * elastic pipeline: a stage accepts when it is empty or its content moves on this cycle.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { fixed, uint } from '../../dsl/types.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import type { FormatFile, TensorFormat } from './formats.ts';
import { type HwType } from '../../dsl/types.ts';

export const ELTWISE_TENSORS = ['input', 'bn_scale', 'bn_bias', 'bn_mul', 'bn_out', 'residual', 'residual_out', 'output'] as const;

export function tensorType(f: TensorFormat): HwType {
  return fixed(f.w, f.i, { signed: f.signed, q: f.q, o: f.o, n: f.n });
}

export function eltwisePipeline(formats: FormatFile, name = 'qfx_eltwise'): ModuleDef {
  const t = (k: (typeof ELTWISE_TENSORS)[number]): HwType => tensorType(formats[k]!);
  return module(
    name,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const x = m.input('x', t('input'), { doc: 'activation' });
      const a = m.input('a', t('bn_scale'), { doc: 'folded BatchNorm scale' });
      const b = m.input('b', t('bn_bias'), { doc: 'folded BatchNorm bias' });
      const r = m.input('r', t('residual'), { doc: 'residual input' });
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });

      // Elastic pipeline control: stage k advances when stage k+1 can take its content.
      const valid = [1, 2, 3, 4].map((k) => m.reg(`valid_${k}`, uint(1), { reset: 0 }));
      const advance: Signal[] = [];
      advance[4] = outReady.or(valid[3]!.not());
      for (let k = 3; k >= 1; k--) advance[k] = valid[k - 1]!.not().or(advance[k + 1]!);
      const inReady = advance[1]!;
      const stageIn = [inValid, valid[0]!, valid[1]!, valid[2]!];
      valid.forEach((v, k) => v.set(mux(advance[k + 1]!, stageIn[k]!, v)));

      const stage = (k: number, name: string, value: Signal): Signal => {
        const q = m.reg(name, value.type);
        q.set(mux(advance[k]!, value, q));
        return q;
      };
      const bnMul = stage(1, 'bn_mul', a.mul(x).cast(t('bn_mul')));
      const bQ = stage(1, 'bias_q', b);
      const rQ1 = stage(1, 'res_q1', r);
      const bnOut = stage(2, 'bn_out', bnMul.add(bQ).cast(t('bn_out')));
      const rQ2 = stage(2, 'res_q2', rQ1);
      const resOut = stage(3, 'res_out', bnOut.add(rQ2).cast(t('residual_out')));
      const relu = mux(resOut.lt(0), m.constant(0, resOut.type), resOut);
      const y = stage(4, 'y_q', relu.cast(t('output')));

      m.output('in_ready', inReady, { protocol: 'ready' });
      m.output('out_valid', valid[3]!, { protocol: 'valid' });
      m.output('y', y, { doc: 'requantized ReLU(BN(x) + r)' });
    },
    { doc: 'QFX element-wise pipeline: folded BatchNorm, residual add, ReLU, requantize (4 stages, valid/ready)' },
  );
}
