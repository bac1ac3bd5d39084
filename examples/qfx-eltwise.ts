/**
 * QFX deployment: a streaming fixed-point element-wise pipeline generated from a per-tensor format
 * file (as a QFX-style training run exports it). Folded BatchNorm `a*x + b`, residual add, ReLU
 * and requantization to the next layer's format; one element per cycle over valid/ready.
 */
import { defineDesign } from 'lowbit-hdl';
import { fileURLToPath } from 'node:url';
import { qfxReadFormatFile as readFormatFile, qfxEltwisePipeline as eltwisePipeline, QFX_ELTWISE_TENSORS as ELTWISE_TENSORS, qfxEltwiseGolden as eltwiseGolden } from 'lowbit-hdl/pe';

export interface Params {
  /** Path of the per-tensor format file (JSON: tensor -> {w, i, signed, q, o, n}). */
  formats: string;
}

export default defineDesign<Params>({
  name: 'qfx_eltwise',
  defaults: { formats: fileURLToPath(new URL('./qfx-formats.json', import.meta.url)) },
  build: (p) => eltwisePipeline(readFormatFile(p.formats, ELTWISE_TENSORS)),
  cosim: (p) => {
    const y = eltwiseGolden(readFormatFile(p.formats, ELTWISE_TENSORS));
    return {
      protocol: { kind: 'stream' },
      golden: ([[x, a, b, r]]) => [[y(x!, a!, b!, r!)]],
      vectors: { count: 50_000 },
    };
  },
});
