import { describe, expect, it } from 'vitest';
import { absD, addD, cmpD, DYADIC_ZERO, subD, type Dyadic } from '../../../src/golden/float/dyadic.ts';
import {
  BLOCK_EMPTY,
  blockAdd,
  blockValue,
  floorShift,
  normalizeTerm,
  type BlockConfig,
  type BlockTerm,
} from '../../../src/pe/mixpe/golden-block.ts';
import { Prng } from '../../../src/util/prng.ts';

const cfg: BlockConfig = { tw: 15, guard: 3, width: 26 };

function termValue(t: BlockTerm): Dyadic {
  return { mant: t.neg ? -t.N : t.N, exp: t.top - cfg.tw };
}

describe('BLOCK_ALIGN accumulator primitive', () => {
  it('normalizeTerm is lossless and left-aligns the significand', () => {
    const t = normalizeTerm(false, 30705n, -25, 15);
    expect(t.N).toBe(30705n);
    expect(t.top).toBe(-10);
    const s = normalizeTerm(true, 1n, -24, 15);
    expect(s.N).toBe(1n << 14n);
    expect(s.top).toBe(-23);
    expect(cmpD(termValue(s), { mant: -1n, exp: -24 })).toBe(0);
    expect(() => normalizeTerm(false, 1n << 15n, 0, 15)).toThrow(/exceeds/);
  });

  it('floorShift is an arithmetic right shift that reports lost bits', () => {
    expect(floorShift(-5n, 1)).toEqual({ v: -3n, lossy: true });
    expect(floorShift(8n, 3)).toEqual({ v: 1n, lossy: false });
    expect(floorShift(5n, 100)).toEqual({ v: 0n, lossy: true });
    expect(floorShift(-5n, 100)).toEqual({ v: -1n, lossy: true });
  });

  it('a product whose alignment shift exceeds the accumulator width vanishes (positive) or leaves -1 LSB (negative)', () => {
    const big = normalizeTerm(false, 30705n, 0, 15); // 30705, top 15
    const tiny = normalizeTerm(false, 1n, -40, 15); // 2^-40: shift 55 > tw + guard
    let s = blockAdd(BLOCK_EMPTY, big, cfg);
    const before = s.acc;
    s = blockAdd(s, tiny, cfg);
    expect(s.acc).toBe(before); // vanished
    expect(s.err).toEqual({ mant: 1n, exp: 15 - 15 - 3 }); // one LSB of the block
    const neg = blockAdd(blockAdd(BLOCK_EMPTY, big, cfg), { ...tiny, neg: true }, cfg);
    expect(neg.acc).toBe(before - 1n); // FLOOR of a negative sliver is -1 LSB
  });

  it('a later term with a larger exponent re-aligns the running sum (FLOOR)', () => {
    const small = normalizeTerm(false, 3n, 0, 15); // 3 = 0b11, top 2
    const big = normalizeTerm(false, 1n, 20, 15); // 2^20, top 21
    let s = blockAdd(BLOCK_EMPTY, small, cfg);
    expect(s.top).toBe(2);
    expect(blockValue(s, cfg)).toEqual({ mant: 3n << 16n, exp: 2 - 18 });
    s = blockAdd(s, big, cfg);
    expect(s.top).toBe(21);
    // The 3 is shifted down by 19 positions; LSB now 2^(21 − 18) = 8: 3 floors to 0.
    expect(cmpD(blockValue(s, cfg), { mant: 1n, exp: 20 })).toBe(0);
    expect(cmpD(s.err, { mant: 1n, exp: 3 })).toBe(0);
    // Zero terms neither add nor move the maximum.
    expect(blockAdd(s, normalizeTerm(false, 0n, 99, 15), cfg)).toBe(s);
  });

  it('random term sequences: value <= exact (FLOOR only) and exact - value <= reported bound', () => {
    const rng = new Prng(77);
    for (let i = 0; i < 400; i++) {
      let s = BLOCK_EMPTY;
      let exact: Dyadic = DYADIC_ZERO;
      const n = rng.int(1, 128);
      for (let k = 0; k < n; k++) {
        const t = normalizeTerm(rng.chance(0.5), BigInt(rng.int(0, 32767)), rng.int(-40, 10), 15);
        s = blockAdd(s, t, cfg);
        if (t.N !== 0n) exact = addD(exact, termValue(t));
      }
      const v = blockValue(s, cfg);
      expect(cmpD(v, exact)).toBeLessThanOrEqual(0);
      expect(cmpD(absD(subD(exact, v)), s.err)).toBeLessThanOrEqual(0);
    }
  });

  it('overflowing the register is an internal error (validation sizes it)', () => {
    const tiny: BlockConfig = { tw: 15, guard: 3, width: 19 };
    const t = normalizeTerm(false, 32767n, 0, 15);
    expect(() => blockAdd(blockAdd(BLOCK_EMPTY, t, tiny), t, tiny)).toThrow(/overflows its 19-bit register/);
  });
});
