import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../src/golden/float/value.ts';
import { bitmodDotExact, bitmodDotValue } from '../../../src/pe/bitmod/golden-math.ts';
import { bitmodParams } from '../../../src/pe/bitmod/params.ts';

const ONE = 0x3c00;
describe('BitMoD level a (exact dequantized dot product)', () => {
  it('§9 example: 1056.25 · Δ 3 · s_ch 1 = 3168.75, rounded once to FP16', () => {
    const p = bitmodParams({ G: 32, K: 32 });
    const input = { wtype: 'FP4' as const, acts: [0x3e00, 0xc000, 0x3600, 0x6400, ...Array(28).fill(ONE)], groups: [{ dtId: 0, delta: 3, codes: [3, 15, 8, 1, ...Array(28).fill(0)] }], sch: ONE };
    const r = bitmodDotExact(p, input);
    expect(formatValue(r.value)).toBe('12675·2^-2'); // 3168.75
    expect(formatValue(r.out)).toBe('3168'); // FP16 spacing 2 at 2048 … 4096: 3168.75 → 3168
    expect(r.code).toBe(0x6a30n);
  });

  it('s_ch and Δ multiply every weight; SV register contents are honoured', () => {
    const p = bitmodParams({ G: 32, K: 64 });
    const acts = Array(64).fill(ONE);
    const g = (delta: number, code: number) => ({ dtId: 2, delta, codes: [code, ...Array(31).fill(0)] });
    // (16·2 + 12·5) · 0.5 = 46
    expect(formatValue(bitmodDotValue(p, { wtype: 'FP4', acts, groups: [g(2, 8), g(5, 7)], sch: 0x3800 }))).toBe('46');
    // Custom SV register: id 2 → +24.
    expect(formatValue(bitmodDotValue(p, { wtype: 'FP4', acts, groups: [g(1, 8), g(0, 7)], sch: ONE, sv: [10, -10, 24, -16] }))).toBe('24');
    // INT6 weights, negative s_ch, FP32 output.
    const p6 = bitmodParams({ G: 32, K: 32, weightTypes: ['INT6'], outputFormat: 'FP32' });
    const r = bitmodDotExact(p6, { wtype: 'INT6', acts: Array(32).fill(0x4000), groups: [{ dtId: 0, delta: 255, codes: [32, 31, ...Array(30).fill(0)] }], sch: 0xbc00 });
    expect(formatValue(r.value)).toBe('510'); // (−32 + 31) · 2 · 255 · −1
    expect(r.code).toBe(0x43ff0000n);
  });

  it('overflow of the FP16 output gives ±Inf; the exact value stays finite', () => {
    const p = bitmodParams({ G: 32, K: 32 });
    const r = bitmodDotExact(p, { wtype: 'FP4', acts: Array(32).fill(0x7bff), groups: [{ dtId: 2, delta: 255, codes: Array(32).fill(8) }], sch: ONE });
    expect(r.value.kind).toBe('finite');
    expect(formatValue(r.out)).toBe('+Inf');
  });
});
