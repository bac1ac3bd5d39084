import { describe, expect, it } from 'vitest';
import { bitmodGroup, type GroupResult } from '../../../src/pe/bitmod/golden-group.ts';
import { svEntry } from '../../../src/pe/bitmod/golden-terms.ts';
import { bitmodParams, bitmodWidths, type BitmodParams } from '../../../src/pe/bitmod/params.ts';
import { bitmodDotExact } from '../../../src/pe/bitmod/golden-math.ts';
import { bitmodDot, checkBound } from '../../../src/pe/bitmod/golden-dot.ts';
import { Prng } from '../../../src/util/prng.ts';

const SV4 = [10, -10, 16, -16].map((v) => svEntry(v, 4));
const ONE = 0x3c00;
/** The §9 example padded to G = 32 with zero weights (zero weights keep the accumulator). */
function example(p: BitmodParams): GroupResult {
  const codes = [3, 15, 8, 1, ...Array(28).fill(0)];
  const acts = [0x3e00, 0xc000, 0x3600, 0x6400, ...Array(28).fill(ONE)];
  return bitmodGroup(p, 'FP4', 0, codes, acts, SV4, 3);
}
const pick = (c: GroupResult['cycles'][number]) => ({ E: c.E, al: c.al, S: c.S, Ep: c.Ep, A1: c.A1, A2: c.A2, sum: c.sum, k: c.k, accE: c.accE, accM: c.accM });

describe('BitMoD level b, one group (spec §6.2–6.4)', () => {
  it('test case 7: §9 worked example, variant B (default), cycle by cycle', () => {
    const r = example(bitmodParams({ G: 32, K: 32 }));
    expect(r.cycles[0]!.ve).toEqual([16, 19, 16, 25]);
    expect(pick(r.cycles[0]!)).toEqual({ E: 25, al: [24n, 128n, 24n, 8192n], S: 8368n, Ep: 25, A1: 8368n, A2: 0n, sum: 8368n, k: 0, accE: 25, accM: 8368n });
    expect(pick(r.cycles[1]!)).toEqual({ E: 18, al: [1536n, 8192n, 768n, 0n], S: 10496n, Ep: 25, A1: 82n, A2: 8368n, sum: 8450n, k: 0, accE: 25, accM: 8450n });
    expect(r.cycles[1]!.terms[3]).toEqual({ sign: 0, exp: 0, man: 0, bsig: 0 });
    // All later cycles have no active lane: the accumulator holds.
    for (const c of r.cycles.slice(2)) expect([c.E, c.accE, c.accM]).toEqual([null, 25, 8450n]);
    expect(r.cycles.length).toBe(16); // G/L · T = 32/4 · 2
    expect([r.accE, r.accM, r.out, r.outE]).toEqual([25, 8450n, 25350n, 25]); // Δ = 3 → 3168.75
    // The prototype's unaligned accumulator would give (26, 9432) = 2358: ours aligns A1 (82, not 10496).
    expect(r.cycles[1]!.A1).not.toBe(r.cycles[1]!.S);
  });

  it('test case 7: §9 worked example, variant A (inactive lane in the max)', () => {
    const r = example(bitmodParams({ G: 32, K: 32, excludeInactiveLanes: false }));
    expect(pick(r.cycles[0]!)).toEqual({ E: 25, al: [24n, 128n, 24n, 8192n], S: 8368n, Ep: 25, A1: 8368n, A2: 0n, sum: 8368n, k: 0, accE: 25, accM: 8368n });
    expect(pick(r.cycles[1]!)).toEqual({ E: 25, al: [12n, 64n, 6n, 0n], S: 82n, Ep: 25, A1: 82n, A2: 8368n, sum: 8450n, k: 0, accE: 25, accM: 8450n });
    expect(r.out).toBe(25350n);
  });

  it('test case 9: dequantizer Δ = 0, 1, 255, 0x80, negative sums; MSB-first register from 0', () => {
    const p = bitmodParams({ G: 32, K: 32 });
    const codes = [3, 15, 8, 1, ...Array(28).fill(0)];
    const acts = [0x3e00, 0xc000, 0x3600, 0x6400, ...Array(28).fill(ONE)];
    const neg = [0xbe00, 0x4000, 0xb600, 0xe400, ...Array(28).fill(ONE)];
    for (const delta of [0, 1, 255, 0x80, 3, 0x55]) {
      for (const a of [acts, neg]) {
        const r = bitmodGroup(p, 'FP4', 0, codes, a, SV4, delta);
        expect(r.out).toBe(r.accM * BigInt(delta));
        expect(r.deq.length).toBe(8);
        let o = 0n;
        for (let j = 7; j >= 0; j--) {
          o = 2n * o + (((delta >> j) & 1) === 1 ? r.accM : 0n);
          expect(r.deq[7 - j]).toBe(o);
        }
        const w = bitmodWidths(p);
        expect(r.out >= -(1n << BigInt(w.deqW - 1)) && r.out < 1n << BigInt(w.deqW - 1)).toBe(true);
      }
    }
    expect(bitmodGroup(p, 'FP4', 0, codes, neg, SV4, 1).accM).toBe(-8450n);
  });

  it('test case 7: a lane with d ≥ 11 + gb vanishes; subnormal and ±0 activations', () => {
    const p = bitmodParams({ G: 32, K: 32 });
    // Lane 0: 1024 × 1 (ve 25); lane 1: 2^-3 × 1 (field 12, d = 13 → al = 1); lane 2: field 11 (d = 14 → 0).
    const codes = [1, 1, 1, 1, ...Array(28).fill(0)];
    const r = bitmodGroup(p, 'FP4', 0, codes, [0x6400, 0x3000, 0x2c00, 0x0000, ...Array(28).fill(ONE)], SV4, 1);
    expect(r.cycles[0]!.al).toEqual([8192n, 1n, 0n, 0n]);
    // Subnormals: 2^-24 (field 0 → ae 1, hidden 0) and the largest subnormal 1023·2^-24; −0 counts as active with ae = 1.
    const s = bitmodGroup(p, 'FP4', 0, [1, 1, 1, 1, ...Array(28).fill(0)], [0x0001, 0x03ff, 0x8000, 0x0000, ...Array(28).fill(ONE)], SV4, 1);
    expect(s.cycles[0]!.ve).toEqual([1, 1, 1, 1]);
    expect(s.cycles[0]!.E).toBe(1);
    expect(s.cycles[0]!.al).toEqual([8n, 8184n, 0n, 0n]);
    expect(s.accM * (1n << 0n)).toBe(8192n); // (1 + 1023)·2^-24 = 8192 · 2^(1 − 28)
    expect(s.bound.mant).toBe(0n); // nothing truncated
  });

  it('test case 7: all 4 lanes at 65504 × weight 16 (EA_POS); mixed signs cancel exactly', () => {
    const p = bitmodParams({ G: 32, K: 32 });
    const r = bitmodGroup(p, 'FP4', 2, [8, 8, 8, 8, ...Array(28).fill(0)], [0x7bff, 0x7bff, 0x7bff, 0x7bff, ...Array(28).fill(ONE)], SV4, 255);
    expect(r.cycles[0]!.E).toBe(34);
    expect(r.cycles[0]!.S).toBe(4n * 2047n * 8n);
    expect(r.cycles[0]!.k).toBe(2);
    expect(r.accE).toBe(36);
    expect(r.accM).toBe(16376n);
    const c = bitmodGroup(p, 'FP4', 0, [5, 13, 7, 15, ...Array(28).fill(0)], [0x4200, 0x4200, 0x5000, 0x5000, ...Array(28).fill(ONE)], SV4, 7);
    expect(c.cycles[0]!.S).toBe(0n);
    expect(c.cycles[1]!.S).toBe(0n);
    expect(c.accM).toBe(0n);
    expect(c.out).toBe(0n);
  });

  it('test case 7: a zero term next to a large-exponent lane: variant B keeps the small lanes exact, A truncates', () => {
    const codes = [3, 3, 3, 4, ...Array(28).fill(0)]; // 3 = 2 + 1 (two terms); 4 = one term
    const acts = [0x3c01, 0x3c03, 0x3c07, 0x7800, ...Array(28).fill(ONE)]; // lane 3 is 32768 ≫ others
    const B = bitmodGroup(bitmodParams({ G: 32, K: 32 }), 'FP4', 0, codes, acts, SV4, 1);
    const A = bitmodGroup(bitmodParams({ G: 32, K: 32, excludeInactiveLanes: false }), 'FP4', 0, codes, acts, SV4, 1);
    expect(B.cycles[1]!.E).toBe(15);
    expect(A.cycles[1]!.E).toBe(30);
    expect(A.cycles[1]!.S).toBe(0n); // d = 15 ≥ 14: everything truncated away
    expect(B.cycles[1]!.S).not.toBe(0n);
    expect(A.cycles[1]!.al.every((x) => x === 0n)).toBe(true);
  });
});

describe('BitMoD group accumulator (test case 8)', () => {
  it('acc_e > E: the incoming product is aligned; result within the bound of level a', () => {
    const p = bitmodParams({ G: 32, K: 32 });
    // Slot 0 large (1024), slot 1 small (2^-2): acc_e = 25 > E = 13.
    const codes = [1, 0, 0, 0, 3, 3, 1, 1, ...Array(24).fill(0)];
    const acts = [0x6400, ONE, ONE, ONE, 0x3555, 0x3555, 0xb555, 0x3400, ...Array(24).fill(ONE)];
    const r = bitmodGroup(p, 'FP4', 0, codes, acts, SV4, 1);
    const c = r.cycles[2]!;
    expect(c.E).toBeLessThan(c.Ep);
    expect(c.Ep).toBe(25);
    expect(c.A1).toBe(c.S >> BigInt(c.Ep - c.E!));
    const input = { wtype: 'FP4' as const, acts, groups: [{ dtId: 0, delta: 1, codes }], sch: ONE };
    const b = bitmodDot(p, input);
    expect(checkBound(b, bitmodDotExact(p, input).value).ok).toBe(true);
  });

  it('normalization reaches every k = 0 … 9 in an INT8 build; no 24-bit overflow; within the bound', () => {
    const p = bitmodParams({ G: 32, K: 32, weightTypes: ['INT8'] });
    expect(bitmodWidths(p).sumW).toBe(24);
    const g = new Prng(11);
    const seen = new Set<number>();
    const check = (codes: number[], acts: number[]): void => {
      const input = { wtype: 'INT8' as const, acts, groups: [{ dtId: 0, delta: 255, codes }], sch: ONE };
      const b = bitmodDot(p, input);
      for (const c of b.groups[0]!.cycles) seen.add(c.k);
      expect(checkBound(b, bitmodDotExact(p, input).value).ok).toBe(true);
    };
    // Constructed k = 9: acc = (31, −16376) at E, then 4 × (−128) × 65504 at bsig 6.
    check([0xfe, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, ...Array(24).fill(0)], Array(32).fill(0x7bff));
    // Constructed k = 8: an empty accumulator meets 4 × (−128) × 65504 at bsig 6 (|sum| = 4192256).
    check(Array(32).fill(0x80), Array(32).fill(0x7bff));
    for (let i = 0; i < 40; i++) {
      const codes = Array.from({ length: 32 }, () => [0x80, 0x7f, 0xfe, 0x01, g.below(256)][g.below(5)]!);
      const acts = Array.from({ length: 32 }, () => ((g.below(2) << 15) | (g.int(26, 30) << 10) | (1023 - g.below(16))) >>> 0);
      check(codes, acts);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a 128-weight INT8 group at maximum magnitude (−128, significand 2047, equal exponents)', () => {
    const p = bitmodParams({ G: 128, K: 128, weightTypes: ['INT8'] });
    for (const a of [0x7bff, 0xfbff]) {
      const input = { wtype: 'INT8' as const, acts: Array(128).fill(a), groups: [{ dtId: 0, delta: 255, codes: Array(128).fill(0x80) }], sch: ONE };
      const b = bitmodDot(p, input);
      expect(b.groups[0]!.cycles.length).toBe(128);
      const maxSum = b.groups[0]!.cycles.reduce((m, c) => (c.sum < 0n ? -c.sum : c.sum) > m ? (c.sum < 0n ? -c.sum : c.sum) : m, 0n);
      expect(maxSum < 1n << 23n).toBe(true);
      expect(checkBound(b, bitmodDotExact(p, input).value).ok).toBe(true);
    }
  });
});
