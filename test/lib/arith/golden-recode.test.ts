/**
 * The recoders' golden twins against their definitions (tpe.md §3.1–3.2, bitmod.md §5.1): the
 * published vectors, exact reconstruction `Σ d_k · 4^k = a` and the digit ranges for every INT2…INT10
 * and UINT1…UINT10 value (odd signed widths sign-padded), and seeded random 64/65/128-bit operands.
 */
import { describe, expect, it } from 'vitest';
import { boothDigitsGolden, entDigitsGolden } from '../../../src/lib/arith/golden-recode.ts';
import { LowbitError } from '../../../src/diag/error.ts';
import { Prng } from '../../../src/util/prng.ts';

const value = (ds: number[]): bigint => ds.reduce((acc, d, k) => acc + BigInt(d) * 4n ** BigInt(k), 0n);

function range(width: number, signed: boolean): bigint[] {
  const lo = signed ? -(1n << BigInt(width - 1)) : 0n;
  const hi = signed ? (1n << BigInt(width - 1)) - 1n : (1n << BigInt(width)) - 1n;
  const out: bigint[] = [];
  for (let v = lo; v <= hi; v++) out.push(v);
  return out;
}

describe('boothDigitsGolden', () => {
  it('gives the spec vectors (tpe.md §3.1, bitmod.md §5.1)', () => {
    const cases: [bigint, number, number[]][] = [
      [127n, 8, [-1, 0, 0, 2]], [-128n, 8, [0, 0, 0, -2]], [-1n, 8, [-1, 0, 0, 0]], [85n, 8, [1, 1, 1, 1]],
      [-86n, 8, [-2, -1, -1, -1]], [-3n, 8, [1, -1, 0, 0]], [-8n, 4, [0, -2]], [7n, 4, [-1, 2]],
      [-32n, 6, [0, 0, -2]], [31n, 6, [-1, 0, 2]],
    ];
    for (const [a, w, ds] of cases) expect(boothDigitsGolden(a, w, true), `${a}`).toEqual(ds);
  });

  it('reconstructs every INT1..INT10 and UINT1..UINT10 value with digits in -2..2', () => {
    let n = 0;
    for (let w = 1; w <= 10; w++) {
      for (const signed of [true, false]) {
        const D = Math.ceil((signed ? w : w + 1) / 2);
        for (const a of range(w, signed)) {
          const ds = boothDigitsGolden(a, w, signed, { signPad: true });
          expect(ds.length).toBe(D);
          expect(ds.every((d) => d >= -2 && d <= 2)).toBe(true);
          expect(value(ds)).toBe(a);
          n++;
        }
      }
    }
    expect(n).toBe(2 * (2 ** 11 - 2)); // every value of both signednesses, widths 1..10
  });

  it('INT3 sign-padded equals INT4 (bitmod.md §5.1: INT3 is sign-extended to 4 bits)', () => {
    for (const a of range(3, true)) expect(boothDigitsGolden(a, 3, true, { signPad: true })).toEqual(boothDigitsGolden(a, 4, true));
  });

  it('reconstructs seeded random 64-, 65- and 128-bit operands', () => {
    const rng = new Prng(7);
    for (const [w, signed] of [[64, true], [64, false], [65, true], [128, true], [128, false]] as const) {
      for (let i = 0; i < 300; i++) {
        const raw = rng.bits(w);
        const a = signed ? BigInt.asIntN(w, raw) : raw;
        const ds = boothDigitsGolden(a, w, signed, { signPad: true });
        expect(value(ds)).toBe(a);
        expect(ds.every((d) => d >= -2 && d <= 2)).toBe(true);
      }
    }
  });

  it('rejects an odd signed width without sign padding, width 0 and out-of-range values', () => {
    expect(() => boothDigitsGolden(1n, 7, true)).toThrow(LowbitError);
    expect(() => boothDigitsGolden(1n, 7, true)).toThrow(/radix-4 Booth recoding of a 7-bit signed operand needs an even width — pass \{ signPad: true \}/);
    expect(() => boothDigitsGolden(0n, 0, false)).toThrow(/operand width must be an integer from 1/);
    expect(() => boothDigitsGolden(8n, 4, true)).toThrow(/value 8 does not fit a signed 4-bit operand/);
    expect(boothDigitsGolden(5n, 7, false)).toEqual([1, 1, 0, 0]); // unsigned: 8 effective bits, no padding needed
  });
});

describe('entDigitsGolden', () => {
  it('gives the spec vectors (tpe.md §3.2)', () => {
    const cases: [bigint, number[]][] = [[127n, [-1, 0, 0, 2]], [-128n, [0, 0, 0, -2]], [3n, [-1, 1, 0, 0]], [-86n, [-2, -1, -1, -1]], [0n, [0, 0, 0, 0]]];
    for (const [a, ds] of cases) expect(entDigitsGolden(a, 8, true), `${a}`).toEqual(ds);
  });

  it('reconstructs every INT1..INT10 and UINT1..UINT10 value; digit signs follow the operand sign', () => {
    for (let w = 1; w <= 10; w++) {
      for (const signed of [true, false]) {
        for (const a of range(w, signed)) {
          const ds = entDigitsGolden(a, w, signed, { signPad: true });
          expect(ds.length).toBe(Math.ceil((signed ? w : w + 1) / 2));
          expect(value(ds)).toBe(a);
          // sign-magnitude: magnitudes in {-1, 0, 1, 2}, all flipped by the sign of a
          const mags = ds.map((d) => (a < 0n ? -d : d));
          expect(mags.every((d) => d >= -1 && d <= 2), `${a}`).toBe(true);
        }
      }
    }
  });

  it('needs n/2 + 1 digits for an unsigned even-width operand (tpe.md §3.2)', () => {
    expect(entDigitsGolden(255n, 8, false)).toEqual([-1, 0, 0, 0, 1]);
    expect(entDigitsGolden(-1n, 2, true)).toEqual([-1]);
  });

  it('reconstructs seeded random 64- and 128-bit operands', () => {
    const rng = new Prng(9);
    for (const [w, signed] of [[64, true], [64, false], [127, true], [128, false]] as const) {
      for (let i = 0; i < 300; i++) {
        const raw = rng.bits(w);
        const a = signed ? BigInt.asIntN(w, raw) : raw;
        expect(value(entDigitsGolden(a, w, signed, { signPad: true }))).toBe(a);
      }
    }
  });

  it('rejects an odd signed width without sign padding', () => {
    expect(() => entDigitsGolden(1n, 5, true)).toThrow(/EN-T recoding of a 5-bit signed operand needs an even width/);
  });
});
