/**
 * The arith golden models (src/lib/arith/golden-arith.ts) against independent statements of their
 * definitions: heap sums against row-by-row modular addition, products against repeated addition,
 * leading-zero counts against bit lengths, shifts against exact division and multiplication by 2^s,
 * and the parameter errors they share with the blocks.
 */
import { describe, expect, it } from 'vitest';
import {
  addGolden, heapSumGolden, leadingOnesGolden, leadingZerosGolden, multiplyGolden, shiftLeftGolden, shiftRightGolden, sumGolden,
} from '../../../src/lib/arith/golden-arith.ts';
import { Prng } from '../../../src/util/prng.ts';

const bitLength = (x: bigint): number => x.toString(2).replace(/^0$/, '').length;

describe('arith golden models', () => {
  it('heap sum, add and sum', () => {
    expect(heapSumGolden([{ value: -1n }, { value: 3n, shift: 2 }], 4)).toBe(11n); // -1 + 12 = 11
    expect(heapSumGolden([{ value: 7n, shift: 3 }], 4, 1n)).toBe(9n); // 56 + 1 = 57 ≡ 9 (mod 16)
    expect(addGolden('ripple', -5n, 3n, 1n)).toBe(-1n);
    expect(sumGolden([1n, -2n, 3n])).toBe(2n);
  });

  it('products equal repeated addition for every INT4 x UINT4 pair', () => {
    for (let a = -8n; a < 8n; a++) {
      for (let b = 0n; b < 16n; b++) {
        let r = 0n;
        for (let i = 0n; i < b; i++) r += a;
        expect(multiplyGolden(a, 4, true, b, 4, false)).toBe(r);
      }
    }
    expect(() => multiplyGolden(8n, 4, true, 0n, 4, false)).toThrow(/value 8 does not fit a signed 4-bit operand/);
  });

  it('leading zeros = width − bit length; leading ones of x = leading zeros of ~x', () => {
    const rng = new Prng(31);
    for (const w of [1, 5, 64, 100]) {
      for (let i = 0; i < 200; i++) {
        const x = rng.bits(w) >> BigInt(rng.below(w + 1));
        expect(leadingZerosGolden(x, w)).toBe(w - bitLength(x));
        expect(leadingOnesGolden(BigInt.asUintN(w, ~x), w)).toBe(w - bitLength(x));
      }
    }
    expect(leadingZerosGolden(0n, 7)).toBe(7);
  });

  it('right shifts are floor division by 2^s; sticky = a remainder; left shifts wrap', () => {
    const rng = new Prng(37);
    for (let i = 0; i < 500; i++) {
      const w = 1 + rng.below(70);
      const s = rng.below(80);
      const signed = rng.below(2) === 1;
      const raw = rng.bits(w);
      const x = signed ? BigInt.asIntN(w, raw) : raw;
      const d = 1n << BigInt(s);
      const q = x >= 0n ? x / d : -((-x + d - 1n) / d); // floor
      const r = shiftRightGolden(x, w, signed, s);
      expect(r.value).toBe(q);
      expect(r.sticky).toBe(x - q * d !== 0n ? 1n : 0n);
      const l = shiftLeftGolden(x, w, signed, s);
      const mod = (BigInt.asUintN(w, x) * d) % (1n << BigInt(w));
      expect(BigInt.asUintN(w, l.value)).toBe(mod);
      expect(l.sticky).toBe(BigInt.asUintN(w, x) * d >= 1n << BigInt(w) ? 1n : 0n);
    }
  });

  it('reject widths of 0 and empty operand lists', () => {
    expect(() => heapSumGolden([], 4)).toThrow(/bit heap has no bits/);
    expect(() => leadingZerosGolden(0n, 0)).toThrow(/leadingZeros: width must be/);
    expect(() => sumGolden([])).toThrow(/sum needs at least one operand/);
    expect(() => addGolden('wallace', 0n, 0n)).toThrow(/unknown carry-propagate adder 'wallace'/);
  });
});
