import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import {
  BITMOD_DEFAULTS,
  bitmodParams,
  bitmodWidths,
  cyclesPerGroup,
  maxBsigOf,
  termsPerWeight,
  validateBitmodParams,
  weightCodeBits,
  type BitmodParams,
} from '../../../src/pe/bitmod/params.ts';

function rejects(p: Partial<BitmodParams>, message: RegExp): string {
  let err: unknown;
  try {
    bitmodParams(p);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(LowbitError);
  expect((err as Error).message).toMatch(message);
  return (err as Error).message;
}

describe('BitMoD parameters', () => {
  it('defaults follow spec §11', () => {
    expect(bitmodParams()).toEqual(BITMOD_DEFAULTS);
    expect(BITMOD_DEFAULTS).toMatchObject({
      L: 4, G: 128, gb: 3, accW: 15, scaleBits: 8, termExpW: 3, excludeInactiveLanes: true,
      specialPolicy: 'PROPAGATE', crossGroupAcc: 'EXACT_WIDE', outputFormat: 'FP16', activation: 'FP16',
    });
  });

  it('T per weight is spec §5.3 and code widths are §2.3', () => {
    expect(['FP4', 'FP3', 'INT8', 'INT6', 'INT4', 'INT3'].map((t) => termsPerWeight(t as never))).toEqual([2, 2, 4, 3, 2, 2]);
    expect(['FP4', 'FP3', 'INT8', 'INT6', 'INT4', 'INT3'].map((t) => weightCodeBits(t as never))).toEqual([4, 3, 8, 6, 4, 3]);
    expect(maxBsigOf('INT8')).toBe(6);
    expect(maxBsigOf('FP4')).toBe(0);
  });

  it('cycle counts per group at G = 128, L = 4 are 64 / 96 / 128 (spec §7)', () => {
    const p = bitmodParams();
    expect(cyclesPerGroup(p, 'FP4')).toBe(64);
    expect(cyclesPerGroup(p, 'FP3')).toBe(64);
    expect(cyclesPerGroup(p, 'INT6')).toBe(96);
    expect(cyclesPerGroup(p, 'INT8')).toBe(128);
  });

  it('derives the widths of §6.6 (defaults: laneW 14, treeW 17, sumW 24 with INT8, k 0 … 9)', () => {
    const w = bitmodWidths(bitmodParams({ weightTypes: ['FP4', 'INT8'] }));
    expect(w).toMatchObject({ laneW: 14, treeW: 17, maxBsig: 6, sumW: 24, kMax: 9, deqW: 23, unitShift: 28, prodExpW: 6 });
    const fp = bitmodWidths(bitmodParams());
    expect(fp).toMatchObject({ sumW: 18, kMax: 3, maxVe: 34, prodExpW: 6, accExpW: 6 });
    const l16 = bitmodWidths(bitmodParams({ L: 16, gb: 8, G: 256, activation: 'BF16' }));
    expect(l16).toMatchObject({ sigW: 8, laneW: 16, treeW: 21, unitShift: 127 + 7 + 8, maxVe: 258, prodExpW: 9 });
  });

  it('rejects what spec §11 and §7 reject, naming the parameter', () => {
    rejects({ L: 1 }, /parameter L = 1 is out of range/);
    rejects({ L: 17 }, /parameter L = 17/);
    rejects({ G: 16 }, /parameter G = 16 is out of range/);
    rejects({ G: 100, L: 8 }, /G = 100 is not a multiple of L = 8/);
    rejects({ K: 200 }, /K = 200 is not a positive multiple of G = 128/);
    rejects({ gb: 9 }, /gb = 9/);
    rejects({ accW: 14 }, /accW = 14/);
    rejects({ accW: 25 }, /accW = 25/);
    rejects({ scaleBits: 3 }, /scaleBits = 3/);
    rejects({ scaleBits: 9 }, /scaleBits = 9/);
    rejects({ weightTypes: [] }, /at least one weight type/);
    rejects({ weightTypes: ['FP5' as never] }, /weightTypes = FP5 is not supported/);
    rejects({ weightTypes: ['FP4', 'FP4'] }, /lists a type twice/);
    rejects({ termExpW: 2 }, /termExpW = 2 cannot hold term position 4/);
    expect(bitmodParams({ termExpW: 2, weightTypes: ['FP3'] }).termExpW).toBe(2);
    rejects({ activation: 'FP8' as never }, /activation = FP8/);
    rejects({ specialPolicy: 'X' as never }, /specialPolicy = X/);
    rejects({ crossGroupAcc: 'Y' as never }, /crossGroupAcc = Y/);
    rejects({ outputFormat: 'BF16' as never }, /outputFormat = BF16/);
    rejects({ excludeInactiveLanes: 1 as never }, /excludeInactiveLanes/);
  });

  it('rejects scaleBits > G·T/L (spec §7, README test 7) and accepts the boundary', () => {
    const msg = rejects({ G: 32, L: 16 }, /scaleBits = 8 exceeds the 4 cycles of a FP4 group/);
    expect(msg).toMatch(/raise G, lower L or lower scaleBits/);
    expect(bitmodParams({ G: 32, L: 8 }).scaleBits).toBe(8); // 32·2/8 = 8 cycles
    expect(bitmodParams({ G: 32, L: 16, weightTypes: ['INT8'] }).L).toBe(16); // 32·4/16 = 8
    expect(() => validateBitmodParams({ ...BITMOD_DEFAULTS, G: 32, L: 16 })).toThrow(/scaleBits = 8 exceeds/);
  });
});
