/**
 * Leading-one detector (src/lib/fp/leading-one.ts) against its definition: `pos` is the index of
 * the highest set bit (0 for the zero vector) in uint(max(1, ceil(log2 w))) bits and `any` is
 * v ≠ 0, computed in the test bit by bit from the MSB. Widths 1..16 read from one 16-bit input,
 * exhaustive on Verilator and Icarus; 33, 64, 65, 100 and 128 bits on seeded operands with every
 * leading-one position (random words shifted right by every amount, plus single bits).
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { cat } from '../../../src/dsl/ops.ts';
import { uint } from '../../../src/dsl/types.ts';
import { leadingOne } from '../../../src/lib/fp/leading-one.ts';
import { Prng } from '../../../src/util/prng.ts';
import { emitComb, fieldOf, rtlTests } from '../arith/harness.ts';

const smallWidths = Array.from({ length: 16 }, (_, i) => i + 1);
const wideWidths = [33, 64, 65, 100, 128];

/** The golden model: scan from bit w − 1 down; the first set bit is the position. */
function msbGolden(v: bigint, w: number): { pos: bigint; any: bigint } {
  for (let i = w - 1; i >= 0; i--) if ((v >> BigInt(i)) & 1n) return { pos: BigInt(i), any: 1n };
  return { pos: 0n, any: 0n };
}

/** One output `lo<w>` = {any, pos} per width, the vector being the low w bits of `x`. */
function build(name: string, inputW: number, widths: readonly number[]) {
  return module(
    name,
    (m) => {
      const x = m.input('x', uint(inputW));
      for (const w of widths) {
        const r = leadingOne(x.slice(w - 1, 0));
        m.output(`pos${w}`, r.pos);
        m.output(`any${w}`, r.any);
      }
      // A signed vector is read as unsigned bits.
      const s = leadingOne(x.slice(7, 0).asSigned());
      m.output('pos_s8', cat(s.any, s.pos));
    },
    { clock: null },
  );
}

function golden(widths: readonly number[]) {
  return ([[x]]: bigint[][]): bigint[][] => {
    const out = widths.flatMap((w) => {
      const g = msbGolden(fieldOf(x!, 0, w, false), w);
      return [g.pos, g.any];
    });
    const s = msbGolden(fieldOf(x!, 0, 8, false), 8);
    return [[...out, (s.any << 3n) | s.pos]];
  };
}

describe('lib/fp leadingOne', () => {
  const small = emitComb(build('lo_small', 16, smallWidths), 'lo-small');
  const wide = emitComb(build('lo_wide', 128, wideWidths), 'lo-wide');

  it('gives pos in uint(max(1, ceil(log2 w))) bits and any in 1 bit', () => {
    const w = Object.fromEntries([...small.target.outputs, ...wide.target.outputs].map((p) => [p.name, p.width]));
    expect(w).toMatchObject({ pos1: 1, pos2: 1, pos3: 2, pos4: 2, pos5: 3, pos8: 3, pos9: 4, pos16: 4, pos33: 6, pos64: 6, pos65: 7, pos100: 7, pos128: 7 });
    for (const x of [...smallWidths, ...wideWidths]) expect(w[`any${x}`]).toBe(1);
  });

  it('golden model: position of the highest set bit', () => {
    expect(msbGolden(0n, 8)).toEqual({ pos: 0n, any: 0n });
    expect(msbGolden(1n, 1)).toEqual({ pos: 0n, any: 1n });
    expect(msbGolden(0b0101_0000n, 8)).toEqual({ pos: 6n, any: 1n });
    expect(msbGolden(1n << 127n, 128)).toEqual({ pos: 127n, any: 1n });
  });

  rtlTests([
    { title: 'finds the leading one of every value of every width 1..16', rtl: small, golden: golden(smallWidths), exhaustive: 1 << 16 },
    {
      title: 'finds every leading-one position at 33..128 bits',
      rtl: wide,
      golden: golden(wideWidths),
      seeded: {
        icarusCount: 400,
        minPassed: 4400,
        vectors: () => {
          const rng = new Prng(31);
          const vectors: bigint[][][] = [];
          for (let i = 0; i < 128; i++) vectors.push([[1n << BigInt(i)]]);
          for (let i = 0; vectors.length < 4000; i++) vectors.push([[rng.bits(128) >> BigInt(i % 129)]]);
          return vectors;
        },
      },
    },
  ]);
});
