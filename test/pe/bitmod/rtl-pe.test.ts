/**
 * BitMoD PE RTL (src/pe/bitmod/rtl-pe.ts) against level b (golden-dot.ts), bit for bit, on
 * Verilator and Icarus. The PE has no stream ports of its own (its row stage, column stage and
 * controller live in the array), so it runs inside a 1 × 1 array, whose beat layout is the PE
 * transaction's (rtl-cosim.ts `transactionBeats`): every code of every datatype with every datatype id, random groups with
 * random datatypes, Δ and s_ch (random signs), the hazards of spec §6 and test cases 7–12, under
 * random input bubbles and output backpressure; cycle counts per group without backpressure.
 */
import { describe, expect, it } from 'vitest';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimTarget } from '../../../src/cosim/types.ts';
import { Prng } from '../../../src/util/prng.ts';
import type { BitmodDotInput } from '../../../src/pe/bitmod/golden-inputs.ts';
import { bitmodParams, bitmodWidths, cyclesPerGroup, weightCodeBits, type BitmodParams, type BitmodWeightType } from '../../../src/pe/bitmod/params.ts';
import { bitmodPe, checkBitmodRtl } from '../../../src/pe/bitmod/rtl-pe.ts';
import { bitmodArray } from '../../../src/pe/bitmod/rtl-array.ts';
import { bitmodPeGolden, transactionBeats } from '../../../src/pe/bitmod/rtl-cosim.ts';
import { fp32Events, randomDotInput } from '../../../src/pe/bitmod/vectors.ts';
import { emitToTemp, lintFailures, streamTarget } from '../../lib/rtl-harness.ts';

const GROUPS = 2;

function target(p: BitmodParams, prefix: string): CosimTarget & { rtl: ReturnType<typeof emitToTemp> } {
  const rtl = emitToTemp(bitmodArray({ ...p, rows: 1, cols: 1 }), prefix);
  return { rtl, ...streamTarget(rtl, GROUPS * (p.G / p.L)) };
}

/** Every code × every datatype id: each transaction puts all codes of one id into its lanes. */
function allCodes(g: Prng, p: BitmodParams, t: BitmodWeightType): BitmodDotInput[] {
  const n = 2 ** weightCodeBits(t);
  const out: BitmodDotInput[] = [];
  for (let id = 0; id < 4; id++) {
    for (let base = 0; base < n; base += GROUPS * p.G) {
      const x = randomDotInput(g, p, t, { groups: GROUPS, expRange: [8, 22] });
      out.push({ ...x, groups: x.groups.map((grp, gi) => ({ ...grp, dtId: id, codes: grp.codes.map((_, k) => (base + gi * p.G + k) % n) })) });
      if (!t.startsWith('FP') && id > 0) break; // INT ignores the id: one pass is every code
    }
  }
  return out;
}

/** Hazards: acc_e > E, zero-term lanes, subnormal/±0 activations, d ≥ 11 + gb, max-magnitude groups, specials. */
function hazards(g: Prng, p: BitmodParams, t: BitmodWeightType): BitmodDotInput[] {
  const out: BitmodDotInput[] = [];
  const cb = weightCodeBits(t);
  const maxCode = 2 ** (cb - 1); // INT: −2^(n−1); FP: the SV code
  const fill = (acts: (k: number) => number, codes: (k: number) => number, delta = 255): BitmodDotInput => {
    const x = randomDotInput(g, p, t, { groups: GROUPS });
    return { ...x, acts: x.acts.map((_, k) => acts(k)), groups: x.groups.map((grp, gi) => ({ ...grp, delta, codes: grp.codes.map((_, k) => codes(gi * p.G + k)) })) };
  };
  out.push(fill(() => 0x7bff, () => maxCode)); // maximum magnitude, equal exponents
  out.push(fill(() => 0xfbff, () => maxCode, 128));
  out.push(fill((k) => (k < p.L ? 0x7800 : 0x3c00 + (k % 7)), (k) => 1 + (k % 3))); // acc_e > E after the first slot
  out.push(fill((k) => [0x0001, 0x03ff, 0x8000, 0x0000][k % 4]!, (k) => 1 + (k % 5))); // subnormals and ±0
  out.push(fill((k) => (k % p.L === 0 ? 0x7800 : 0x2c00 + k), (k) => (k % 2 ? 1 : 4))); // d ≥ 14 lanes, zero second terms
  out.push(fill((k) => (k % 2 ? 0x4000 : 0xc000), (k) => (k % 3 === 0 ? 0 : 3), 0)); // Δ = 0
  if (p.specialPolicy === 'PROPAGATE') {
    for (const sp of [0x7c00, 0xfc00, 0x7e00]) out.push(fill((k) => (k === 3 ? sp : 0x3c00), (k) => (k === 3 ? 3 : 1)));
    out.push(fill((k) => (k === 0 ? 0x7c00 : k === 1 ? 0xfc00 : 0x3c00), () => 3));
    out.push(fill((k) => (k === 5 ? 0x7c00 : 0x3c00), (k) => (k === 5 ? 0 : 1)));
    out.push(fill((k) => (k === p.G + 2 ? 0x7c00 : 0x3c00), () => 2, 0)); // Inf in a Δ = 0 group
  }
  return out;
}

function inputs(seed: number, p: BitmodParams, t: BitmodWeightType, random: number): BitmodDotInput[] {
  const g = new Prng(seed);
  const xs = [...allCodes(g, p, t), ...hazards(g, p, t)];
  for (let i = 0; i < random; i++) xs.push(randomDotInput(g, p, t, { groups: GROUPS, specials: p.specialPolicy === 'PROPAGATE' ? 0.01 : 0, expRange: i % 3 === 0 ? [0, 30] : [10, 20] }));
  return xs;
}

interface Build {
  readonly name: string;
  readonly p: BitmodParams;
  readonly random: number;
}

const BUILDS: Build[] = [
  { name: 'fp4-default', p: bitmodParams({ G: 32, K: 64 }), random: 60 },
  { name: 'multi-incl-f32acc', p: bitmodParams({ G: 32, K: 64, weightTypes: ['FP4', 'FP3', 'INT8', 'INT6', 'INT4', 'INT3'], excludeInactiveLanes: false, accW: 20, crossGroupAcc: 'FP32_RNE', outputFormat: 'FP32' }), random: 25 },
  { name: 'l8-bf16', p: bitmodParams({ L: 8, G: 64, K: 128, weightTypes: ['INT8', 'FP4'], activation: 'BF16', gb: 5, accW: 18, specialPolicy: 'ASSUME_FINITE' }), random: 25 },
];

describe('BitMoD PE RTL', () => {
  for (const b of BUILDS) {
    describe(b.name, () => {
      const t = target(b.p, `bitmod-${b.name}`);
      const golden = bitmodPeGolden(b.p);
      const xs = b.p.weightTypes.flatMap((wt, i) => inputs(100 * i + 7, b.p, wt, b.random));
      const vecs = xs.map((x) => transactionBeats(b.p, x));
      if (b.p.crossGroupAcc === 'FP32_RNE') {
        it('its vectors round group values to FP32 (accW + scaleBits > 24): inexact results and ties', () => {
          expect(bitmodWidths(b.p).deqW).toBeGreaterThan(24);
          const ev = xs.map((x) => fp32Events(b.p, x));
          const inexact = ev.reduce((a, e) => a + e.inexact, 0);
          const ties = ev.reduce((a, e) => a + e.ties, 0);
          expect({ inexact, ties }).toEqual({ inexact: expect.toSatisfy((n: number) => n >= 20), ties: expect.toSatisfy((n: number) => n >= 5) });
        });
      }

      it('is lint-clean (Verilator -Wall, Icarus, Yosys)', async () => {
        const bad = await lintFailures(t.rtl);
        expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
      });

      it('equals level b on every code, hazards and random groups (Verilator, bubbles + backpressure)', async () => {
        const r = await runCosim({ target: t, golden, vectors: vecs, sim: 'verilator', seed: 3 });
        expect(r.failed, formatCosimReport(r)).toBe(0);
        expect(r.passed).toBe(vecs.length);
      });

      if (b.p.weightTypes.includes('FP4')) {
        it('reads the SV register programmed at run time (custom SVs +5, −9, +24, −17)', async () => {
          const g = new Prng(77);
          const xs = Array.from({ length: 12 }, () => ({ ...randomDotInput(g, b.p, 'FP4', { groups: GROUPS, expRange: [8, 22] }), sv: [5, -9, 24, -17] }));
          const r = await runCosim({ target: t, golden, vectors: xs.map((x) => transactionBeats(b.p, x)), sim: 'verilator', seed: 6 });
          expect(r.failed, formatCosimReport(r)).toBe(0);
          expect(r.passed).toBe(12);
        });
      }

      it('equals level b (Icarus, a subset)', async () => {
        const sub = vecs.filter((_, i) => i % 4 === 0);
        const r = await runCosim({ target: t, golden, vectors: sub, sim: 'icarus', seed: 4 });
        expect(r.failed, formatCosimReport(r)).toBe(0);
        expect(r.passed).toBe(sub.length);
      });
    });
  }

  it('takes G/L·T cycles per group with beats back to back (64 / 96 / 128 at G = 128, L = 4)', async () => {
    const p = bitmodParams({ G: 128, K: 256, weightTypes: ['FP4', 'INT6', 'INT8'] });
    const t = target(p, 'bitmod-cycles');
    const golden = bitmodPeGolden(p);
    const g = new Prng(9);
    for (const [wt, want] of [['FP4', 64], ['INT6', 96], ['INT8', 128]] as const) {
      expect(cyclesPerGroup(p, wt)).toBe(want);
      const run = async (n: number) => {
        const vecs = Array.from({ length: n }, () => transactionBeats(p, randomDotInput(g, p, wt, { groups: GROUPS })));
        const r = await runCosim({ target: t, golden, vectors: vecs, sim: 'verilator', seed: 1, backpressure: { bubble: 0, stall: 0 } });
        expect(r.failed, formatCosimReport(r)).toBe(0);
        return r.runs[0]!.cycles;
      };
      const c1 = await run(2);
      const c2 = await run(5);
      expect((c2 - c1) / (3 * GROUPS)).toBe(want); // no stall: the dequantizer overlaps the next group
    }
  });

  it('the generator refuses what the golden model refuses, with the same message, and what the RTL does not implement', () => {
    expect(() => bitmodPe({ ...bitmodParams(), G: 32, L: 16 })).toThrow(/scaleBits = 8 exceeds the 4 cycles of a FP4 group/);
    expect(() => bitmodPe({ ...bitmodParams(), accW: 30 })).toThrow(/accW = 30 is out of range/);
    expect(() => checkBitmodRtl(bitmodParams({ crossGroupAcc: 'FP32_RNE' }))).not.toThrow();
    // FP32_RNE is no longer restricted (accW + scaleBits > 24, BF16): cosim in rtl-array.test.ts.
    expect(() => checkBitmodRtl(bitmodParams({ crossGroupAcc: 'FP32_RNE', accW: 20 }))).not.toThrow();
    expect(() => checkBitmodRtl(bitmodParams({ crossGroupAcc: 'FP32_RNE', activation: 'BF16' }))).not.toThrow();
  });
});
