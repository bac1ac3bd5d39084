import { describe, expect, it } from 'vitest';
import { addD, bitLength, type Dyadic } from '../../../src/golden/float/dyadic.ts';
import { sameValue, formatValue, type FloatValue } from '../../../src/golden/float/value.ts';
import { bitmodDot, checkBound } from '../../../src/pe/bitmod/golden-dot.ts';
import { bitmodDotExact } from '../../../src/pe/bitmod/golden-math.ts';
import type { BitmodDotInput } from '../../../src/pe/bitmod/golden-inputs.ts';
import { bitmodParams, BITMOD_WEIGHT_TYPES, type BitmodParams, type BitmodWeightType } from '../../../src/pe/bitmod/params.ts';
import { randomDotInput } from '../../../src/pe/bitmod/vectors.ts';
import { Prng } from '../../../src/util/prng.ts';

const ALL: BitmodWeightType[] = [...BITMOD_WEIGHT_TYPES];
const ONE = 0x3c00;

function agree(p: BitmodParams, input: BitmodDotInput): { b: ReturnType<typeof bitmodDot>; a: FloatValue } {
  const b = bitmodDot(p, input);
  const a = bitmodDotExact(p, input).value;
  const c = checkBound(b, a);
  if (!c.ok) throw new Error(`level b ${formatValue(b.value)} vs level a ${formatValue(a)}: bound ${c.bound.mant}·2^${c.bound.exp}`);
  return { b, a };
}

describe('BitMoD level b vs level a (rule R3, test case 12)', () => {
  it('random groups of every weight type, both exponent-match variants, both cross-group modes: |b − a| ≤ bound', () => {
    const g = new Prng(2025);
    let n = 0;
    let truncated = 0;
    for (const excludeInactiveLanes of [true, false]) {
      for (const crossGroupAcc of ['EXACT_WIDE', 'FP32_RNE'] as const) {
        const p = bitmodParams({ G: 32, K: 96, weightTypes: ALL, excludeInactiveLanes, crossGroupAcc });
        for (const wtype of ALL) {
          for (let i = 0; i < 6; i++) {
            const input = randomDotInput(g, p, wtype, { groups: 1 + g.below(3), expRange: i % 2 ? [10, 20] : undefined });
            const { b } = agree(p, input);
            n++;
            if (b.bound.mant !== 0n) truncated++;
          }
        }
      }
    }
    expect(n).toBe(2 * 2 * 6 * 6);
    expect(truncated).toBeGreaterThan(n / 2); // the bound is exercised, not vacuous
  });

  it('BF16 activations, L = 8 and 16, gb 0 and 8, accW 24, FP32 output', () => {
    const g = new Prng(99);
    for (const o of [
      { activation: 'BF16' as const, L: 8 },
      { L: 16, G: 64, gb: 0 },
      { L: 2, gb: 8, accW: 24, outputFormat: 'FP32' as const },
      { activation: 'BF16' as const, crossGroupAcc: 'FP32_RNE' as const, scaleBits: 4 },
    ]) {
      const p = bitmodParams({ G: 32, K: 128, weightTypes: ['FP4', 'INT8', 'INT6'], ...o });
      // BF16 exponents stay below the FP32_RNE overflow (2^128).
      const expRange = o.activation === 'BF16' ? ([1, 200] as const) : undefined;
      for (const wtype of p.weightTypes) for (let i = 0; i < 4; i++) agree(p, randomDotInput(g, p, wtype, { groups: 2, expRange }));
    }
  });

  it('an exact parameter set gives b = a bit for bit (narrow exponents, gb = 8, accW = 24)', () => {
    const p = bitmodParams({ G: 32, K: 64, gb: 8, accW: 24, weightTypes: ['FP3', 'FP4'] });
    const g = new Prng(5);
    for (let i = 0; i < 10; i++) {
      const input = randomDotInput(g, p, 'FP3', { groups: 2, expRange: [15, 15], tiny: 0 });
      const b = bitmodDot(p, input);
      const a = bitmodDotExact(p, input);
      expect(sameValue(b.value, a.value)).toBe(true);
      expect(b.code).toBe(a.code);
    }
  });

  it('an injected error of one LSB beyond the bound is detected', () => {
    const p = bitmodParams({ G: 32, K: 32, weightTypes: ['FP4'] });
    const g = new Prng(3);
    let checked = 0;
    for (let i = 0; i < 20; i++) {
      const input = randomDotInput(g, p, 'FP4', { groups: 1, tiny: 0 });
      const b = bitmodDot(p, input);
      const a = bitmodDotExact(p, input).value;
      if (b.value.kind !== 'finite' || a.kind !== 'finite') continue;
      const c = checkBound(b, a);
      expect(c.ok).toBe(true);
      // Shrink the bound just below the observed difference: must fail when the difference is non-zero.
      if (c.diff.mant !== 0n) {
        const lsb: Dyadic = { mant: 1n, exp: Math.min(c.diff.exp, c.bound.exp) - 4 };
        expect(checkBound(b, a, addD(c.diff, { mant: -lsb.mant, exp: lsb.exp })).ok).toBe(false);
        checked++;
      }
      // Inject: move b by bound + one LSB.
      const lsb: Dyadic = { mant: 1n, exp: Math.min(b.bound.exp, -40) };
      const moved = addD(addD(c.diff.mant >= 0n ? { mant: 0n, exp: 0 } : c.diff, b.bound), lsb);
      const bad = { value: { kind: 'finite' as const, neg: false, mag: 0n, exp: 0 }, bound: b.bound };
      const aShift = addD({ mant: a.neg ? -a.mag : a.mag, exp: a.exp }, moved);
      expect(checkBound(bad, { kind: 'finite', neg: aShift.mant < 0n, mag: aShift.mant < 0n ? -aShift.mant : aShift.mant, exp: aShift.exp }).ok).toBe(bitLength(aShift.mant) === 0);
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('BitMoD level b: schedule, dequantizer reset, specials', () => {
  it('test case 10: T·G/L cycles per group (64 / 96 / 128 for FP / INT6 / INT8 at G = 128, L = 4)', () => {
    const p = bitmodParams({ G: 128, K: 256, weightTypes: ALL });
    const g = new Prng(1);
    const want: Record<BitmodWeightType, number> = { FP4: 64, FP3: 64, INT8: 128, INT6: 96, INT4: 64, INT3: 64 };
    for (const t of ALL) {
      const b = bitmodDot(p, randomDotInput(g, p, t, { groups: 2 }));
      expect(b.groups.map((x) => x.cycles.length)).toEqual([want[t], want[t]]);
      expect(b.macCycles).toBe(2 * want[t]);
      expect(want[t]).toBeGreaterThanOrEqual(p.scaleBits); // the dequantizer of group g overlaps group g+1
    }
  });

  it('test case 9: the dequantizer register clears between consecutive groups', () => {
    const p = bitmodParams({ G: 32, K: 64 });
    const codes = Array(32).fill(1);
    const input: BitmodDotInput = { wtype: 'FP4', acts: Array(64).fill(ONE), groups: [{ dtId: 0, delta: 255, codes }, { dtId: 0, delta: 0x80, codes }], sch: ONE };
    const b = bitmodDot(p, input);
    expect(b.groups[1]!.deq[0]).toBe(b.groups[1]!.accM); // δ7 = 1: first cycle is acc_m, nothing of group 0
    expect(b.groups[1]!.out).toBe(b.groups[1]!.accM * 128n);
    expect(b.wide).toBe((b.groups[0]!.out << BigInt(b.groups[0]!.outE)) + (b.groups[1]!.out << BigInt(b.groups[1]!.outE)));
  });

  it('test case 6: Δ = 0 makes the group contribute exactly 0', () => {
    const p = bitmodParams({ G: 32, K: 64 });
    const g = new Prng(8);
    const x = randomDotInput(g, p, 'FP4', { groups: 2 });
    const zero = { ...x, groups: [{ ...x.groups[0]!, delta: 0 }, x.groups[1]!] };
    const only = { ...x, groups: [{ ...x.groups[0]!, codes: Array(32).fill(0) }, x.groups[1]!] };
    expect(bitmodDot(p, zero).groups[0]!.out).toBe(0n);
    expect(sameValue(bitmodDot(p, zero).value, bitmodDot(p, only).value)).toBe(true);
  });

  it('test case 11: specials under PROPAGATE', () => {
    const p = bitmodParams({ G: 32, K: 64 });
    const base = (acts0: number[], codes0: number[], delta = 1): BitmodDotInput => ({
      wtype: 'FP4',
      acts: [...acts0, ...Array(32 - acts0.length).fill(ONE), ...Array(32).fill(ONE)],
      groups: [{ dtId: 0, delta, codes: [...codes0, ...Array(32 - codes0.length).fill(1)] }, { dtId: 0, delta: 5, codes: Array(32).fill(2) }],
      sch: ONE,
    });
    const cases: [BitmodDotInput, string][] = [
      [base([0x7e00], [3]), 'NaN'],
      [base([0x7c00], [3]), '+Inf'],
      [base([0x7c00], [11]), '-Inf'], // +Inf × −3
      [base([0xfc00], [11]), '+Inf'],
      [base([0x7c00], [0]), 'NaN'], // +Inf × 0
      [base([0x7c00], [3], 0), 'NaN'], // Δ = 0 is a zero weight
      [base([0x7c00, 0xfc00], [3, 3]), 'NaN'],
      [base([0x7c00, 0x7c00], [3, 3]), '+Inf'],
    ];
    for (const [input, want] of cases) {
      const b = bitmodDot(p, input);
      const a = bitmodDotExact(p, input);
      expect(formatValue(b.value)).toBe(want);
      expect(formatValue(a.value)).toBe(want);
      expect(b.code).toBe(a.code);
      if (want === 'NaN') expect(b.code).toBe(0x7e00n);
    }
    // INT8 Inf sign follows the weight's sign (most significant Booth digit).
    const pi = bitmodParams({ G: 32, K: 32, weightTypes: ['INT8'] });
    const inf = (w: number): string => formatValue(bitmodDot(pi, { wtype: 'INT8', acts: [0x7c00, ...Array(31).fill(ONE)], groups: [{ dtId: 0, delta: 1, codes: [w, ...Array(31).fill(0)] }], sch: ONE }).value);
    expect([inf(0x80), inf(0x7f), inf(0xff), inf(0x01), inf(0x00)]).toEqual(['-Inf', '+Inf', '-Inf', '+Inf', 'NaN']);
    // A special in group 0 does not change group 1's dequantized value.
    const clean = bitmodDot(p, base([ONE], [3]));
    const dirty = bitmodDot(p, base([0x7e00], [3]));
    expect(dirty.groups[1]!.out).toBe(clean.groups[1]!.out);
    expect(dirty.groups[1]!.special).toEqual({ nan: false, posInf: false, negInf: false });
    expect(dirty.groups[0]!.special.nan).toBe(true);
    // Output zero signs: exact zero → +0; a negative underflow → −0 (FP16 output).
    const z = bitmodDot(p, { wtype: 'FP4', acts: Array(64).fill(ONE), groups: [{ dtId: 0, delta: 0, codes: Array(32).fill(1) }, { dtId: 0, delta: 0, codes: Array(32).fill(1) }], sch: 0x8001 });
    expect(formatValue(z.out)).toBe('+0');
    const u = bitmodDot(p, { wtype: 'FP4', acts: [0x0001, ...Array(63).fill(0)], groups: [{ dtId: 0, delta: 1, codes: [9, ...Array(31).fill(0)] }, { dtId: 0, delta: 0, codes: Array(32).fill(0) }], sch: 0x0400 });
    expect(formatValue(u.out)).toBe('-0');
    // ASSUME_FINITE rejects Inf/NaN in both levels with the same message.
    const pf = bitmodParams({ G: 32, K: 64, specialPolicy: 'ASSUME_FINITE' });
    expect(() => bitmodDot(pf, base([0x7e00], [3]))).toThrow(/nan under specialPolicy ASSUME_FINITE/);
    expect(() => bitmodDotExact(pf, base([0x7e00], [3]))).toThrow(/nan under specialPolicy ASSUME_FINITE/);
  });

  it('rejects malformed transactions in both levels with the same message', () => {
    const p = bitmodParams({ G: 32, K: 64 });
    const good = randomDotInput(new Prng(4), p, 'FP4', { groups: 1 });
    const bad: [BitmodDotInput, RegExp][] = [
      [{ ...good, wtype: 'INT8' }, /weight type INT8 is not in this build/],
      [{ ...good, groups: [{ ...good.groups[0]!, delta: 256 }] }, /Δ = 256 does not fit/],
      [{ ...good, groups: [{ ...good.groups[0]!, codes: [16, ...good.groups[0]!.codes.slice(1)] }] }, /code 16 does not fit in 4 bits/],
      [{ ...good, acts: good.acts.slice(1) }, /31 activations for 1 groups/],
      [{ ...good, sch: 0x7c00 }, /s_ch 0x7c00 is inf/],
    ];
    for (const [input, re] of bad) {
      expect(() => bitmodDot(p, input)).toThrow(re);
      expect(() => bitmodDotExact(p, input)).toThrow(re);
    }
  });
});

describe('BitMoD level b: FP32_RNE overflow', () => {
  it('two groups overflowing FP32 with opposite signs: +Inf + −Inf = NaN (IEEE), one alone: ±Inf', () => {
    const p = bitmodParams({ G: 32, K: 64, weightTypes: ['INT8'], activation: 'BF16', crossGroupAcc: 'FP32_RNE', outputFormat: 'FP32' });
    const acts = Array(64).fill(0x7f00); // 2^127
    const grp = (code: number, delta: number) => ({ dtId: 0, delta, codes: Array(32).fill(code) });
    const nan = bitmodDot(p, { wtype: 'INT8', acts, groups: [grp(1, 255), grp(0xff, 255)], sch: ONE });
    expect(nan.fp32!.kind).toBe('nan');
    expect(nan.value.kind).toBe('nan');
    const inf = bitmodDot(p, { wtype: 'INT8', acts, groups: [grp(0xff, 255), grp(0, 7)], sch: 0xbc00 });
    expect(inf.fp32).toMatchObject({ kind: 'inf', neg: true });
    expect(inf.value).toMatchObject({ kind: 'inf', neg: false }); // −Inf · (−1)
  });
});
