import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import {
  fp32AcrossGroups,
  maxAbsWeight,
  epilogueColumns,
  minAccW,
  minEpilogues,
  mixpeParams,
  mixpeWidths,
  signedWidth,
  validateMixpeParams,
  weightMinusZeroRange,
  weightRange,
  type MixpeParams,
} from '../../../src/pe/mixpe/params.ts';

const range = (lo: number, hi: number) => ({ lo: BigInt(lo), hi: BigInt(hi) });

function rejects(p: Partial<MixpeParams>, message: RegExp): void {
  let err: unknown;
  try {
    mixpeParams(p);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(LowbitError);
  expect((err as Error).message).toMatch(message);
}

describe('MixPE epilogues', () => {
  it('accepts ceil(cols / floor(G / rows)) … cols and splits columns in balanced runs', () => {
    rejects({ rows: 16, cols: 16, K: 256, epilogues: 1 }, /epilogues = 1 is out of range/);
    rejects({ rows: 16, cols: 16, K: 256, epilogues: 17 }, /epilogues = 17 is out of range/);
    rejects({ rows: 16, cols: 16, K: 256, epilogues: 2.5 }, /epilogues = 2.5 is out of range/);
    expect(epilogueColumns(mixpeParams({ rows: 3, cols: 5, G: 32, K: 64, epilogues: 2 }))).toEqual({ width: 3, runs: [{ first: 0, count: 3 }, { first: 3, count: 2 }] });
    expect(epilogueColumns(mixpeParams({ rows: 2, cols: 4, G: 32, K: 64, epilogues: 4 }))).toEqual({ width: 1, runs: [0, 1, 2, 3].map((first) => ({ first, count: 1 })) });
    expect(minEpilogues({ rows: 64, cols: 64, G: 128 })).toBe(32);
  });
});

describe('MixPE parameters', () => {
  it('defaults follow spec §9', () => {
    const p = mixpeParams();
    expect(p).toMatchObject({
      weightBits: 4,
      weightSigned: false,
      activation: 'INT8',
      G: 128,
      rows: 64,
      cols: 64,
      accMode: 'EXACT_WIDE',
      accW: 20,
      guardBits: 3,
      dequantUnit: 'SHARED_MULT',
      scaleFormat: 'FP16',
      actScaleFormat: 'FP16',
      outputFormat: 'FP16',
      outputRound: 'TIES_EVEN',
      outputOverflow: 'IEEE',
      weightRound: 'TIES_EVEN',
    });
    const f = mixpeParams({ activation: 'FP16' });
    expect([f.rows, f.cols, f.accW]).toEqual([32, 32, 52]);
    // epilogues: the fewest that keep up, ceil(cols / floor(G / rows)).
    expect([p.epilogues, f.epilogues]).toEqual([32, 8]);
    expect(mixpeParams({ rows: 16, cols: 16, K: 256 }).epilogues).toBe(2);
    expect(mixpeParams({ rows: 3, cols: 5, G: 32, K: 64 }).epilogues).toBe(1);
    expect(mixpeParams({ activation: 'FP16', accMode: 'BLOCK_ALIGN' }).accW).toBe(26);
    expect(mixpeParams({ activation: 'FP16', accMode: 'FP32_RNE' }).accW).toBe(32);
    expect(mixpeParams({ activation: 'FP16', accW: undefined }).accW).toBe(52);
  });

  it('W4A8 widths match the spec §7 table (G = 128)', () => {
    const w = mixpeWidths(mixpeParams());
    expect(w.product).toEqual({ range: range(-1920, 1905), width: 12 });
    expect(w.pg.range).toEqual(range(-245760, 243840));
    expect(w.pg.width).toBe(19);
    expect(w.rg.range).toEqual(range(-16384, 16256));
    expect(w.rg.width).toBe(15); // the table's 16 b, of which 15 suffice
    expect(w.zRg).toEqual({ range: range(-245760, 243840), width: 19 });
    expect(w.u).toEqual({ range: range(-245760, 245760), width: 19 });
    expect(w.groupAccW).toBe(19);
    const s = mixpeWidths(mixpeParams({ weightSigned: true }));
    expect(s.product).toEqual({ range: range(-1016, 1024), width: 12 });
    expect(s.pg.range).toEqual(range(-130048, 131072));
    expect(s.pg.width).toBe(19);
    expect(s.zRg.range).toEqual(range(0, 0));
  });

  it('the spec rule width(P_g) = 12 + ceil(log2 G) bounds the exact width for every G', () => {
    for (let G = 32; G <= 128; G++) {
      const w = mixpeWidths(mixpeParams({ G, K: G, rows: 32, cols: 32 }));
      const rule = 12 + Math.ceil(Math.log2(G));
      expect(w.pg.width).toBeLessThanOrEqual(rule);
      if ((G & (G - 1)) === 0) expect(w.pg.width).toBe(rule);
      expect(minAccW(mixpeParams({ G, K: G, rows: 32 }))).toBe(w.pg.width);
    }
  });

  it('W4A16 widths: 15-bit significand product, 52-bit P_g and 48-bit R_g Kulisch, E_p range', () => {
    const p = mixpeParams({ activation: 'FP16' });
    const w = mixpeWidths(p);
    expect(w.sigW).toBe(15); // 2047 · 15 = 30705 < 2^15
    expect(w.pg.width).toBe(52);
    expect(w.rg.width).toBe(48);
    expect(w.pg.lsbExp).toBe(-24);
    expect(w.productExp).toEqual({ lo: -9, hi: 34, width: 7 });
    // |P_g| < 2^27 in value: 128 · 15 · 65504 < 2^27
    expect(w.pg.range.hi < 1n << (27n + 24n)).toBe(true);
    const b = mixpeWidths(mixpeParams({ activation: 'FP16', accMode: 'BLOCK_ALIGN' }));
    expect(b.groupAccW).toBe(signedWidth({ lo: -(128n * 32767n * 8n), hi: 128n * 32767n * 8n }));
    expect(b.outAcc.termW).toBeGreaterThan(0);
    const bf = mixpeWidths(mixpeParams({ activation: 'BF16' }));
    expect(bf.sigW).toBe(12); // 255 · 15 = 3825
    expect(bf.pg.lsbExp).toBe(-133);
    const e = mixpeWidths(mixpeParams({ activation: 'FP16', K: 4096 }));
    expect(e.groups).toBe(32);
    expect(e.outAcc.lsbExp).toBe(-48);
  });

  it('weight helpers', () => {
    expect(weightRange({ weightBits: 2, weightSigned: true })).toEqual(range(-2, 1));
    expect(weightRange({ weightBits: 3, weightSigned: false })).toEqual(range(0, 7));
    expect(weightMinusZeroRange({ weightBits: 4, weightSigned: false })).toEqual(range(-15, 15));
    expect(maxAbsWeight({ weightBits: 4, weightSigned: true })).toBe(8n);
    expect(signedWidth(range(-1, 0))).toBe(1);
    expect(signedWidth(range(0, 1))).toBe(2);
  });

  it('rejects unsupported combinations with messages naming the parameter', () => {
    rejects({ K: 200 }, /K = 200 is not a positive multiple of the group size G = 128/);
    rejects({ K: 0 }, /K = 0 is not a positive multiple/);
    rejects({ G: 64, rows: 65 }, /rows = 65 is out of range/);
    rejects({ G: 32, K: 64, rows: 33, cols: 33 }, /rows = 33 exceeds the group size G = 32/);
    rejects({ accW: 18 }, /accW = 18 is below the 19 bits of the worst-case group sum/);
    rejects({ activation: 'FP16', accW: 51 }, /accW = 51 is below the 52 bits of the exact \(Kulisch\)/);
    rejects({ activation: 'FP16', accMode: 'BLOCK_ALIGN', accW: 25 }, /below the 26 bits of the block-aligned/);
    rejects({ activation: 'FP16', accMode: 'FP32_RNE', accW: 20 }, /accW must be 32/);
    rejects({ activation: 'FP16', accMode: 'BLOCK_ALIGN', crossGroupAcc: 'FP32_RNE' }, /crossGroupAcc = FP32_RNE needs accMode EXACT_WIDE/);
    rejects({ crossGroupAcc: 'FP64' as never }, /crossGroupAcc = FP64 is not supported/);
    rejects({ G: 16, K: 16 }, /G = 16 is out of range/);
    rejects({ G: 256, K: 256 }, /G = 256 is out of range/);
    rejects({ guardBits: 9 }, /guardBits = 9 is out of range/);
    rejects({ weightBits: 5 as never }, /weightBits = 5 is not supported/);
    rejects({ activation: 'FP8' as never }, /activation = FP8 is not supported.*INT8, FP16, BF16/);
    rejects({ accMode: 'KAHAN' as never }, /accMode = KAHAN is not supported/);
    rejects({ outputFormat: 'BF16' as never }, /outputFormat = BF16 is not supported/);
    rejects({ outputRound: 'NEAREST' as never }, /outputRound = NEAREST is not supported/);
    expect(mixpeParams({ accW: 19 }).accW).toBe(19); // the exact bound itself is accepted
  });

  it('validateMixpeParams rejects exactly what mixpeParams rejects (shared by generator and level b)', () => {
    const good = mixpeParams();
    expect(() => validateMixpeParams(good)).not.toThrow();
    const bad = { ...good, rows: 129, G: 128 } as MixpeParams;
    expect(() => validateMixpeParams(bad)).toThrow(/rows = 129 is out of range/);
    const badK = { ...good, K: 130 } as MixpeParams;
    let fromValidate = '';
    let fromBuilder = '';
    try {
      validateMixpeParams(badK);
    } catch (e) {
      fromValidate = (e as Error).message;
    }
    try {
      mixpeParams({ K: 130 });
    } catch (e) {
      fromBuilder = (e as Error).message;
    }
    expect(fromValidate).toBe(fromBuilder);
    expect(fromValidate).toMatch(/K = 130/);
  });
});

describe('crossGroupAcc', () => {
  it('FP32_RNE keeps the exact group accumulator and makes the output accumulator an FP32 register', () => {
    const p = mixpeParams({ activation: 'FP16', crossGroupAcc: 'FP32_RNE' });
    expect(p.accW).toBe(52);
    expect(fp32AcrossGroups(p)).toBe(true);
    expect(mixpeWidths(p).outAcc).toEqual({ width: 32, lsbExp: null, termW: null });
    expect(fp32AcrossGroups(mixpeParams({ activation: 'FP16' }))).toBe(false);
    expect(fp32AcrossGroups(mixpeParams({ activation: 'FP16', accMode: 'FP32_RNE' }))).toBe(true);
  });
});
