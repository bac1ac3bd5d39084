/**
 * Parameter refusals of the MixPE RTL generators (src/pe/mixpe/rtl-support.ts, rule R5): the
 * generators reject exactly what level b rejects, with the same message as
 * `validateMixpeParams` (K not a multiple of G, rows > G, accW below the bound, a BIT_SERIAL unit
 * that cannot keep up, ...), accept every accumulation mode and dequantization unit, and refuse
 * with their own message FP activations without an FP PE and a PE that breaks the contract.
 */
import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { mixpeParams, validateMixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { intPe, intProductUnit } from '../../../src/pe/mixpe/rtl-pe-int.ts';
import { epilogueModule } from '../../../src/pe/mixpe/rtl-epilogue.ts';
import { checkRtlParams } from '../../../src/pe/mixpe/rtl-support.ts';
import type { MixpePe } from '../../../src/pe/mixpe/rtl-pe-interface.ts';

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LowbitError);
    return (e as Error).message;
  }
  throw new Error('expected a LowbitError');
}

const good = mixpeParams({ rows: 4, cols: 4, G: 32, K: 64 });
const BAD: [string, MixpeParams][] = [
  ['K not a multiple of G', { ...good, K: 80 }],
  ['rows > G', { ...mixpeParams({ rows: 32, cols: 2, G: 32, K: 64 }), rows: 33 }],
  ['accW below the exact bound', { ...mixpeParams({ G: 128, K: 256 }), accW: 18 }],
  ['weightBits 5', { ...good, weightBits: 5 as never }],
  ['G outside 32 … 128', { ...good, G: 16, K: 64 }],
  ['cols 65', { ...good, cols: 65 }],
];

describe('MixPE RTL parameter checks', () => {
  it.each(BAD)('rejects %s with the level-b message, in every generator', (_name, bad) => {
    const want = messageOf(() => validateMixpeParams(bad));
    expect(messageOf(() => mixpeArray(bad))).toBe(want);
    expect(messageOf(() => intPe(bad))).toBe(want);
    expect(messageOf(() => intProductUnit(bad))).toBe(want);
    expect(messageOf(() => epilogueModule(bad, intPe(good)))).toBe(want);
  });

  it('names the parameter in the level-b messages it shares', () => {
    expect(messageOf(() => mixpeArray(BAD[0]![1]))).toContain('K = 80 is not a positive multiple of the group size G = 32');
    expect(messageOf(() => mixpeArray(BAD[1]![1]))).toContain('rows = 33 exceeds the group size G = 32');
    expect(messageOf(() => mixpeArray(BAD[2]![1]))).toContain('accW = 18 is below the 19 bits');
  });

  it('accepts every accumulation mode and dequantization unit level b accepts', () => {
    expect(() => checkRtlParams(mixpeParams({ ...good, accMode: 'FP32_RNE' }))).not.toThrow();
    expect(() => checkRtlParams(mixpeParams({ ...good, accMode: 'BLOCK_ALIGN' }))).not.toThrow();
    for (const activation of ['FP16', 'BF16'] as const) {
      expect(() => checkRtlParams(mixpeParams({ ...good, activation, accW: undefined, accMode: 'BLOCK_ALIGN' }))).not.toThrow();
    }
    // BIT_SERIAL is implemented; the spec's keep-up rule (§6) bounds rows · (scale significand bits) by G.
    const bs = mixpeParams({ ...good, rows: 2, cols: 2, epilogues: undefined, dequantUnit: 'BIT_SERIAL' });
    expect(() => checkRtlParams(bs)).not.toThrow();
    const slow = { ...bs, rows: 3, epilogues: 2 };
    expect(messageOf(() => checkRtlParams(slow))).toContain('dequantUnit BIT_SERIAL takes 11 cycles per group result (FP16 scale significand bits), but rows × 11 = 33 exceeds the group size G = 32');
    expect(messageOf(() => mixpeArray(slow))).toBe(messageOf(() => validateMixpeParams(slow)));
  });

  it('needs an FP PE for FP activations and checks a PE against the contract', () => {
    const fp = mixpeParams({ ...good, activation: 'FP16', accW: undefined });
    expect(messageOf(() => mixpeArray(fp))).toContain('activation FP16 needs an FP PE generator');
    const wrongWidth = (p: MixpeParams): MixpePe => {
      const def = module('pe_narrow', (m) => {
        m.input('x', sint(8));
        m.input('q', uint(4));
        m.input('en', uint(1));
        m.input('last', uint(1));
        const r = m.reg('acc', sint(p.accW - 1), { reset: 0 });
        r.set(r);
        m.output('pg', r);
      });
      return { ...intPe(p), def };
    };
    expect(messageOf(() => mixpeArray(good, { pe: wrongWidth }))).toContain("must have output port 'pg' of type sint(20), got sint(19)");
    expect(messageOf(() => mixpeArray(good, { pe: (p) => ({ ...intPe(p), latency: 40 }) }))).toContain('latency 40 must be an integer in 0 … 31');
    expect(messageOf(() => mixpeArray(good, { pe: (p) => ({ ...intPe(p), pgLsbExp: -24 }) }))).toContain('P_g LSB exponent -24');
  });
});
