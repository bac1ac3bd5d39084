/**
 * Leading-zero and leading-one counters (src/lib/arith/lzc.ts) against the golden counts
 * (leadingZerosGolden / leadingOnesGolden, bit by bit from the MSB): widths 1..12 read from one
 * 12-bit input, exhaustive on Verilator and Icarus; 64, 65, 100 and 128 bits on seeded operands
 * with every possible count (random words shifted right by a random amount, and their inverses).
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { leadingOnes, leadingZeros } from '../../../src/lib/arith/lzc.ts';
import { leadingOnesGolden, leadingZerosGolden } from '../../../src/lib/arith/golden-arith.ts';
import { Prng } from '../../../src/util/prng.ts';
import { emitComb, rtlTests, fieldOf } from './harness.ts';

const smallWidths = Array.from({ length: 12 }, (_, i) => i + 1);
const wideWidths = [64, 65, 100, 128];

function build(name: string, inputW: number, widths: number[]) {
  return module(name, (m) => {
    const x = m.input('x', uint(inputW));
    for (const w of widths) {
      const v = x.slice(w - 1, 0);
      m.output(`lzc${w}`, leadingZeros(v));
      m.output(`loc${w}`, leadingOnes(w % 2 ? v.asSigned() : v));
    }
  }, { clock: null });
}

function golden(widths: number[]) {
  return ([[x]]: bigint[][]): bigint[][] => [widths.flatMap((w) => [BigInt(leadingZerosGolden(fieldOf(x!, 0, w, false), w)), BigInt(leadingOnesGolden(fieldOf(x!, 0, w, false), w))])];
}

describe('leadingZeros / leadingOnes RTL', () => {
  const small = emitComb(build('lzc_small', 12, smallWidths), 'lzc-small');
  const wide = emitComb(build('lzc_wide', 128, wideWidths), 'lzc-wide');

  it('count into uint(ceil(log2(w + 1))) bits', () => {
    const w = Object.fromEntries(small.target.outputs.map((p) => [p.name, p.width]));
    expect(w).toMatchObject({ lzc1: 1, lzc2: 2, lzc3: 2, lzc4: 3, lzc7: 3, lzc8: 4, lzc12: 4, loc12: 4 });
    expect(wide.target.outputs.find((p) => p.name === 'lzc64')!.width).toBe(7);
  });

  rtlTests([
    { title: 'counts every value of every width 1..12', rtl: small, golden: golden(smallWidths), exhaustive: 4096 },
    {
      title: 'counts every leading-zero and leading-one run at 64..128 bits',
      rtl: wide,
      golden: golden(wideWidths),
      seeded: {
        icarusCount: 300,
        minPassed: 3300,
        vectors: () => {
          const rng = new Prng(23);
          const vectors: bigint[][][] = [];
          for (let i = 0; vectors.length < 3000; i++) {
            const x = rng.bits(128) >> BigInt(i % 129); // every leading-zero count 0..128 at the top width
            vectors.push([[x]], [[BigInt.asUintN(128, ~x)]]);
          }
          return vectors;
        },
      },
    },
  ]);
});
