/**
 * RTL float field decode (src/lib/fp/decode.ts) against the golden decode
 * (src/golden/float/decode.ts): every FP16 code, and seeded random BF16 / FP32 codes, on both
 * simulators.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { classify, significandOf } from '../../../src/golden/float/decode.ts';
import { BF16, FP16, FP32, FP4_E2M1, FP6_E2M3, FP6_E3M2, FP8_E4M3, FP8_E5M2, totalBits, type FloatFormat } from '../../../src/golden/float/format.ts';
import { bSig } from '../../../src/lib/fp/special.ts';
import { decodeFloat } from '../../../src/lib/fp/decode.ts';
import { cosim } from '../cosim-harness.ts';

function bench(formats: readonly FloatFormat[]) {
  const def = module(
    'decode_bench',
    (m) => {
      formats.forEach((f, i) => {
        const c = m.input(`c${i}`, uint(totalBits(f)));
        const d = decodeFloat(m, c, f, i % 2 === 0 ? `d${i}` : undefined);
        m.output(`neg${i}`, d.neg);
        m.output(`e${i}`, d.E);
        m.output(`em1_${i}`, d.Em1);
        m.output(`m${i}`, d.M);
        m.output(`nan${i}`, bSig(m, d.cls.nan));
        m.output(`inf${i}`, bSig(m, d.cls.inf));
        m.output(`zero${i}`, bSig(m, d.cls.zero));
        m.output(`special${i}`, d.special);
        m.output(`z${i}`, d.zero);
      });
    },
    { clock: null },
  );
  const golden = ([codes]: bigint[][]) => [
    formats.flatMap((f, i) => {
      const c = codes![i]!;
      const s = significandOf(c, f);
      const k = classify(c, f);
      const b = (x: boolean) => (x ? 1n : 0n);
      return [BigInt(s.sign), BigInt(s.E), BigInt(s.E - 1), s.M, b(k === 'nan'), b(k === 'inf'), b(k === 'zero'), b(k === 'nan' || k === 'inf'), b(k === 'zero')];
    }),
  ];
  return { def, golden };
}

describe('lib/fp decodeFloat', () => {
  it('matches significandOf and classify for every FP16 code (both simulators)', async () => {
    const { def, golden } = bench([FP16]);
    const r = await cosim(def, { protocol: { kind: 'comb' }, golden });
    expect(r.vectorsDescription).toBe('exhaustive 2^16');
    expect(r.failed, r.report).toBe(0);
  });

  it('matches for every code of E4M3, E5M2, E3M2, E2M3 and E2M1 (one shared 8-bit code, exhaustive, both simulators)', async () => {
    const small = [FP8_E4M3, FP8_E5M2, FP6_E3M2, FP6_E2M3, FP4_E2M1];
    const def = module(
      'decode_small',
      (m) => {
        const c = m.input('c', uint(8));
        small.forEach((f, i) => {
          const d = decodeFloat(m, c.slice(totalBits(f) - 1, 0), f, i % 2 === 0 ? `d${i}` : undefined);
          m.output(`neg${i}`, d.neg);
          m.output(`e${i}`, d.E);
          m.output(`m${i}`, d.M);
          m.output(`nan${i}`, d.nan);
          m.output(`inf${i}`, d.inf);
          m.output(`zero${i}`, bSig(m, d.cls.zero));
          m.output(`cnan${i}`, bSig(m, d.cls.nan));
        });
      },
      { clock: null },
    );
    const golden = ([[code]]: bigint[][]) => [
      small.flatMap((f) => {
        const c = code! & ((1n << BigInt(totalBits(f))) - 1n);
        const s = significandOf(c, f);
        const k = classify(c, f);
        const b = (x: boolean) => (x ? 1n : 0n);
        return [BigInt(s.sign), BigInt(s.E), s.M, b(k === 'nan'), b(k === 'inf'), b(k === 'zero'), b(k === 'nan')];
      }),
    ];
    const r = await cosim(def, { protocol: { kind: 'comb' }, golden });
    expect(r.vectorsDescription).toBe('exhaustive 2^8');
    expect(r.failed, r.report).toBe(0);
  });

  it('rejects a code of the wrong width', () => {
    expect(() =>
      module('bad', (m) => {
        decodeFloat(m, m.input('c', uint(7)), FP8_E4M3);
      }, { clock: null }),
    ).toThrow(/E4M3 code is uint\(8\)/);
  });

  it('matches on seeded random and corner BF16 and FP32 codes (both simulators)', async () => {
    const { def, golden } = bench([BF16, FP32]);
    const r = await cosim(def, { protocol: { kind: 'comb' }, golden, vectors: { count: 5000 } });
    expect(r.failed, r.report).toBe(0);
  });
});
