/**
 * RTL float field decode (src/lib/fp/decode.ts) against the golden decode
 * (src/golden/float/decode.ts): every FP16 code, and seeded random BF16 / FP32 codes, on both
 * simulators.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { classify, significandOf } from '../../../src/golden/float/decode.ts';
import { BF16, FP16, FP32, totalBits, type FloatFormat } from '../../../src/golden/float/format.ts';
import { bSig } from '../../../src/lib/fp/special.ts';
import { decodeFloat } from '../../../src/lib/fp/decode.ts';
import { cosim } from '../cosim-harness.ts';

function bench(formats: readonly FloatFormat[]) {
  const def = module(
    'decode_bench',
    (m) => {
      formats.forEach((f, i) => {
        const c = m.input(`c${i}`, uint(totalBits(f)));
        const d = decodeFloat(m, c, f, `d${i}`);
        m.output(`neg${i}`, d.neg);
        m.output(`e${i}`, d.E);
        m.output(`em1_${i}`, d.Em1);
        m.output(`m${i}`, d.M);
        m.output(`nan${i}`, bSig(m, d.cls.nan));
        m.output(`inf${i}`, bSig(m, d.cls.inf));
        m.output(`zero${i}`, bSig(m, d.cls.zero));
      });
    },
    { clock: null },
  );
  const golden = ([codes]: bigint[][]) => [
    formats.flatMap((f, i) => {
      const c = codes![i]!;
      const s = significandOf(c, f);
      const k = classify(c, f);
      return [BigInt(s.sign), BigInt(s.E), BigInt(s.E - 1), s.M, k === 'nan' ? 1n : 0n, k === 'inf' ? 1n : 0n, k === 'zero' ? 1n : 0n];
    }),
  ];
  return { def, golden };
}

describe('MixPE RTL float decode', () => {
  it('matches significandOf and classify for every FP16 code (both simulators)', async () => {
    const { def, golden } = bench([FP16]);
    const r = await cosim(def, { protocol: { kind: 'comb' }, golden });
    expect(r.vectorsDescription).toBe('exhaustive 2^16');
    expect(r.failed, r.report).toBe(0);
  });

  it('matches on seeded random and corner BF16 and FP32 codes (both simulators)', async () => {
    const { def, golden } = bench([BF16, FP32]);
    const r = await cosim(def, { protocol: { kind: 'comb' }, golden, vectors: { count: 5000 } });
    expect(r.failed, r.report).toBe(0);
  });
});
