/**
 * Barrel shifters (src/lib/arith/shift.ts) against floor division / multiplication by 2^s and the
 * shifted-out bits (shiftLeftGolden / shiftRightGolden): every value width 1..8 with amount widths
 * 1..4 (amounts past the width included), left, logical and arithmetic right, sticky bits — one
 * module over an 8-bit value and a 4-bit amount, exhaustive (2^12) on Verilator and Icarus; 64- and
 * 100-bit values with 7-bit amounts on seeded vectors covering every amount.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { shiftLeft, shiftRightArith, shiftRightLogical } from '../../../src/lib/arith/shift.ts';
import { shiftLeftGolden, shiftRightGolden } from '../../../src/lib/arith/golden-arith.ts';
import { Prng } from '../../../src/util/prng.ts';
import { emitComb, rtlTests, fieldOf } from './harness.ts';

interface Case { w: number; sw: number }

const smallCases: Case[] = [];
for (let w = 1; w <= 8; w++) for (const sw of [1, 2, 3, 4]) if (sw <= 3 || w === 8 || w === 5) smallCases.push({ w, sw });
const wideCases: Case[] = [{ w: 64, sw: 7 }, { w: 100, sw: 7 }, { w: 65, sw: 5 }];

function build(name: string, wx: number, ws: number, cases: Case[]) {
  return module(name, (m) => {
    const x = m.input('x', uint(wx));
    const s = m.input('s', uint(ws));
    for (const c of cases) {
      const v = x.slice(c.w - 1, 0);
      const sh = s.slice(c.sw - 1, 0);
      const tag = `${c.w}_${c.sw}`;
      const l = shiftLeft(c.w % 2 ? v.asSigned() : v, sh);
      const r = shiftRightLogical(v, sh);
      const a = shiftRightArith(v.asSigned(), sh);
      m.output(`shl${tag}`, l.value);
      m.output(`shl${tag}_st`, l.sticky);
      m.output(`shr${tag}`, r.value);
      m.output(`shr${tag}_st`, r.sticky);
      m.output(`sra${tag}`, a.value);
      m.output(`sra${tag}_st`, a.sticky);
    }
  }, { clock: null });
}

function golden(cases: Case[]) {
  return ([[x, s]]: bigint[][]): bigint[][] => [
    cases.flatMap((c) => {
      const amt = Number(fieldOf(s!, 0, c.sw, false));
      const l = shiftLeftGolden(fieldOf(x!, 0, c.w, c.w % 2 === 1), c.w, c.w % 2 === 1, amt);
      const r = shiftRightGolden(fieldOf(x!, 0, c.w, false), c.w, false, amt);
      const a = shiftRightGolden(fieldOf(x!, 0, c.w, true), c.w, true, amt);
      return [l.value, l.sticky, r.value, r.sticky, a.value, a.sticky];
    }),
  ];
}

describe('barrel shifters RTL', () => {
  const small = emitComb(build('shift_small', 8, 4, smallCases), 'shift-small');
  const wide = emitComb(build('shift_wide', 100, 7, wideCases), 'shift-wide');

  it('keep the operand width; logical right is unsigned, arithmetic right signed', () => {
    const t = Object.fromEntries(small.target.outputs.map((p) => [p.name, [p.width, p.signed]]));
    expect(t.shl5_3).toEqual([5, true]);
    expect(t.shl8_4).toEqual([8, false]);
    expect(t.shr8_4).toEqual([8, false]);
    expect(t.sra8_4).toEqual([8, true]);
    expect(t.sra8_4_st).toEqual([1, false]);
  });

  rtlTests([
    { title: 'shift every value by every amount, widths 1..8', rtl: small, golden: golden(smallCases), exhaustive: 4096 },
    {
      title: 'shift 64/65/100-bit values by every 7-bit amount',
      rtl: wide,
      golden: golden(wideCases),
      seeded: {
        icarusCount: 256,
        minPassed: 2560 + 256,
        vectors: () => {
          const rng = new Prng(29);
          const vectors: bigint[][][] = [];
          for (let i = 0; i < 2560; i++) vectors.push([[rng.bits(100) >> BigInt(rng.below(3) === 0 ? rng.below(100) : 0), BigInt(i % 128)]]);
          return vectors;
        },
      },
    },
  ]);

  it('rejects a signed shift amount with the block name, at the caller', () => {
    expect(() => module('bad', (m) => void shiftRightArith(m.input('x', sint(8)), m.input('s', sint(3))), { clock: null }))
      .toThrow(/shift\.test\.ts:\d+:\d+: error: shiftRightArith: the shift amount must be unsigned — use \.asUnsigned\(\) or a uint signal/);
  });
});
