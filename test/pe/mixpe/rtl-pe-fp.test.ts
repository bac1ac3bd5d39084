/**
 * MixPE W4A16 PE and row-sum unit (src/pe/mixpe/rtl-pe-fp.ts) against level b `groupSum` /
 * `rowSum` (golden-group.ts), bit for bit, on Verilator and Icarus: seeded random groups of
 * G = 32 and G = 128 (wide and narrow exponent ranges, cancellation, specials, extremes, the
 * spec §5 cancellation pair) through one verification top per G holding, on the same beats,
 * the FP16 × UINT4 and FP16 × INT4 PEs, the FP16 R_g unit, the BF16 × UINT4 PE and R_g unit
 * (EXACT_WIDE), the FP16 × UINT4 / INT4 PEs, the BF16 × UINT4 PE and the FP16 / BF16 R_g units in
 * FP32_RNE mode (BF16: FP32 subnormal sums, overflow to Inf), and FP16 × UINT4,
 * BF16 × INT4 PEs and FP16 / BF16 R_g units in BLOCK_ALIGN mode (guard bits 3, 0, 8: P_g, its
 * block ceiling `pg_e` and the special flag).
 */
import { describe, expect, it } from 'vitest';
import type { Signal } from '../../../src/dsl/signal.ts';
import { uint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import { LowbitError } from '../../../src/diag/error.ts';
import { Prng } from '../../../src/util/prng.ts';
import { groupSum, rowSum, type GroupSum } from '../../../src/pe/mixpe/golden-group.ts';
import { mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { fpGroupResultFormat, fpPe, mixpeFpPe, mixpeFpRowSum } from '../../../src/pe/mixpe/rtl-pe-fp.ts';
import { groupStreamTop, type StreamUnit } from '../../../src/lib/stream/group-top.ts';
import { checkPe } from '../../../src/pe/mixpe/rtl-pe-interface.ts';
import { emitToTemp, lintFailures, streamTarget } from '../../lib/rtl-harness.ts';

interface Unit {
  readonly inst: string;
  readonly p: MixpeParams;
  readonly kind: 'pe' | 'rowsum';
}

function unitsFor(G: number): Unit[] {
  const P = (o: Partial<MixpeParams>): MixpeParams => mixpeParams({ G, rows: Math.min(32, G), K: G * 2, ...o });
  return [
    { inst: 'pe_fp16u', kind: 'pe', p: P({ activation: 'FP16' }) },
    { inst: 'pe_fp16s', kind: 'pe', p: P({ activation: 'FP16', weightSigned: true }) },
    { inst: 'rg_fp16', kind: 'rowsum', p: P({ activation: 'FP16' }) },
    { inst: 'pe_bf16u', kind: 'pe', p: P({ activation: 'BF16' }) },
    { inst: 'rg_bf16', kind: 'rowsum', p: P({ activation: 'BF16' }) },
    { inst: 'pe_fp16u_f32', kind: 'pe', p: P({ activation: 'FP16', accMode: 'FP32_RNE' }) },
    { inst: 'pe_fp16s_f32', kind: 'pe', p: P({ activation: 'FP16', weightSigned: true, accMode: 'FP32_RNE' }) },
    { inst: 'rg_fp16_f32', kind: 'rowsum', p: P({ activation: 'FP16', accMode: 'FP32_RNE' }) },
    { inst: 'pe_bf16u_f32', kind: 'pe', p: P({ activation: 'BF16', accMode: 'FP32_RNE' }) },
    { inst: 'rg_bf16_f32', kind: 'rowsum', p: P({ activation: 'BF16', accMode: 'FP32_RNE' }) },
    { inst: 'pe_fp16u_blk', kind: 'pe', p: P({ activation: 'FP16', accMode: 'BLOCK_ALIGN' }) },
    { inst: 'rg_fp16_blk', kind: 'rowsum', p: P({ activation: 'FP16', accMode: 'BLOCK_ALIGN' }) },
    { inst: 'pe_bf16s_blk0', kind: 'pe', p: P({ activation: 'BF16', weightSigned: true, accMode: 'BLOCK_ALIGN', guardBits: 0 }) },
    { inst: 'rg_bf16_blk8', kind: 'rowsum', p: P({ activation: 'BF16', accMode: 'BLOCK_ALIGN', guardBits: 8 }) },
  ];
}

function top(G: number) {
  const units: StreamUnit[] = unitsFor(G).map((u) => ({
    inst: u.inst,
    def: u.kind === 'pe' ? mixpeFpPe(u.p) : mixpeFpRowSum(u.p),
    connect: (ins): Record<string, Signal> => (u.kind === 'pe' ? { x: ins.x!, q: u.p.weightSigned ? ins.q!.asSigned() : ins.q! } : { x: ins.x! }),
  }));
  return groupStreamTop(`fp_pe_top_g${G}`, G, 0, [
    { name: 'x', type: uint(16) },
    { name: 'q', type: uint(4) },
  ], units);
}

/** The `*_sp` port encoding of a special flag. */
const SP_CODE = { NONE: 0n, POS_INF: 1n, NEG_INF: 2n, NAN: 3n } as const;

/** Register image of a group sum in port order (`manBits` of the activation: pg_e = maxEp + manBits). */
function image(s: GroupSum, manBits: number): bigint[] {
  const r = s.reg;
  if (r.kind === 'FIXED') return [r.acc, SP_CODE[r.special]];
  if (r.kind === 'BLOCK') return [r.acc, r.maxEp === null ? 0n : BigInt(r.maxEp + manBits), SP_CODE[r.special]];
  if (r.kind === 'FP32') return [r.code];
  throw new Error(`unexpected register kind ${r.kind}`);
}

function goldenFor(G: number) {
  const units = unitsFor(G);
  return (beats: bigint[][]): bigint[][] => {
    const xs = beats.map((b) => b[0]!);
    const qBits = beats.map((b) => b[1]!);
    const out: bigint[] = [];
    for (const u of units) {
      const man = u.p.activation === 'BF16' ? 7 : 10;
      if (u.kind === 'rowsum') out.push(...image(rowSum(xs, u.p), man));
      else out.push(...image(groupSum(xs, u.p.weightSigned ? qBits.map((q) => (q >= 8n ? q - 16n : q)) : qBits, u.p), man));
    }
    return [out];
  };
}

// ---- seeded group generator (FP16 code view; the BF16 units read the same bits)
const fp16 = (sign: number, field: number, frac: number): bigint => BigInt((sign << 15) | (field << 10) | frac);

function randomGroup(rng: Prng, G: number, kind: number): bigint[][] {
  const finite = (lo = 0, hi = 30): bigint => fp16(rng.u32() & 1, lo + rng.below(hi - lo + 1), rng.u32() & 0x3ff);
  const q = (): bigint => BigInt(rng.u32() & 15);
  const beats: bigint[][] = [];
  switch (kind) {
    case 0: // wide exponent range
      for (let k = 0; k < G; k++) beats.push([finite(), q()]);
      break;
    case 1: { // narrow exponent range (typical activations)
      const c = 3 + rng.below(25);
      for (let k = 0; k < G; k++) beats.push([finite(c - 3, c + 3), q()]);
      break;
    }
    case 2: { // a few Inf/NaN among finite terms
      for (let k = 0; k < G; k++) beats.push([finite(), q()]);
      const specials = [0x7c00n, 0xfc00n, 0x7e00n, 0x7c01n, 0xffffn];
      for (let i = 1 + rng.below(3); i > 0; i--) beats[rng.below(G)]![0] = specials[rng.below(specials.length)]!;
      break;
    }
    case 3: { // exact cancellation: the second half negates the first (same weights)
      const half: bigint[][] = [];
      for (let k = 0; k < G / 2; k++) half.push([finite(), q()]);
      beats.push(...half, ...half.map(([a, w]) => [a! ^ 0x8000n, w!]));
      break;
    }
    case 4: { // spec §5: +65504·15, small terms, −65504·15
      beats.push([0x7bffn, 15n]);
      for (let k = 1; k < G - 1; k++) beats.push([finite(0, 8), q()]);
      beats.push([0xfbffn, 15n]);
      break;
    }
    case 5: // zeros and subnormals
      for (let k = 0; k < G; k++) beats.push([fp16(rng.u32() & 1, 0, rng.below(4) === 0 ? 0 : rng.u32() & 0x3ff), q()]);
      break;
    default: { // extremes: ±65504 (and BF16 near-max) with the largest |Q| of either signedness
      const a = [0x7bffn, 0xfbffn, 0x7f7fn, 0xff7fn][rng.below(4)]!;
      const w = [15n, 8n][rng.below(2)]!;
      for (let k = 0; k < G; k++) beats.push([a, w]);
    }
  }
  return beats;
}

function groups(seed: number, G: number, count: number): bigint[][][] {
  const rng = new Prng(seed);
  return Array.from({ length: count }, (_, i) => randomGroup(rng, G, i < 7 ? i : rng.below(7)));
}

describe('MixPE W4A16 PE RTL', () => {
  for (const G of [32, 128]) {
    describe(`G = ${G}`, () => {
      const rtl = emitToTemp(top(G), `fp-pe-g${G}`);
      const target = streamTarget(rtl, G);
      const golden = goldenFor(G);

      it('is lint-clean (Verilator -Wall, Icarus, Yosys)', async () => {
        const bad = await lintFailures(rtl);
        expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
      });

      it('P_g and R_g equal level b on seeded random groups (Verilator)', async () => {
        const n = G === 32 ? 1200 : 400;
        const r = await runCosim({ target, golden, vectors: groups(G, G, n), sim: 'verilator', seed: G });
        expect(r.failed, formatCosimReport(r)).toBe(0);
        expect(r.passed).toBe(n);
      });

      it('P_g and R_g equal level b on seeded random groups (Icarus)', async () => {
        const n = G === 32 ? 80 : 30;
        const r = await runCosim({ target, golden, vectors: groups(1000 + G, G, n), sim: 'icarus', seed: G });
        expect(r.failed, formatCosimReport(r)).toBe(0);
        expect(r.passed).toBe(n);
      });
    });
  }

  it('plugs into the array contract (rtl-pe-interface.ts checkPe)', () => {
    for (const o of [{ activation: 'FP16' as const }, { activation: 'FP16' as const, weightSigned: true }, { activation: 'BF16' as const, G: 64, rows: 8 }]) {
      const p = mixpeParams(o);
      const pe = fpPe(p);
      expect(() => checkPe(pe, p)).not.toThrow();
      expect(pe.latency).toBe(0);
      expect(pe.special).toBe(true);
    }
    // FP32_RNE: P_g travels as the FP32 code of the accumulator.
    const rp = mixpeParams({ activation: 'FP16', accMode: 'FP32_RNE' });
    const rpe = fpPe(rp);
    expect(() => checkPe(rpe, rp)).not.toThrow();
    expect([rpe.pgForm, rpe.pgWidth, rpe.special]).toEqual(['FP32', 32, false]);
    expect(() => checkPe({ ...rpe, pgForm: undefined }, rp)).toThrow(/P_g form FIXED does not match accMode FP32_RNE/);
  });

  it('reports the result format a consumer reads', () => {
    expect(fpGroupResultFormat(mixpeParams({ activation: 'FP16' }))).toEqual({ kind: 'FIXED', width: 52, lsbExp: -24 });
    expect(fpGroupResultFormat(mixpeParams({ activation: 'BF16' }))).toEqual({ kind: 'FIXED', width: 273, lsbExp: -133 });
    expect(fpGroupResultFormat(mixpeParams({ activation: 'FP16', accMode: 'FP32_RNE' }))).toEqual({ kind: 'FP32', width: 32, lsbExp: null });
    expect(fpGroupResultFormat(mixpeParams({ activation: 'FP16', accMode: 'BLOCK_ALIGN' }))).toEqual({ kind: 'BLOCK', width: 26, lsbExp: null });
  });

  it('rejects what it does not implement with the parameter named', () => {
    expect(() => mixpeFpPe(mixpeParams({ activation: 'INT8' }))).toThrow(LowbitError);
    expect(() => mixpeFpPe(mixpeParams({ activation: 'INT8' }))).toThrow(/activation = INT8/);
    // the shared validation refuses an accumulator below the exact bound, as the golden model does
    expect(() => mixpeFpPe({ ...mixpeParams({ activation: 'FP16' }), accW: 40 })).toThrow(/accW = 40 is below the 52 bits/);
  });
});
