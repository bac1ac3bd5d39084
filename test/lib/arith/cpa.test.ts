/**
 * Carry-propagate adders (src/lib/arith/cpa.ts), every kind, against `a + b + cin` (addGolden):
 * exhaustive at 8 bits (tpe.md §3 test 3: 2^8 x 2^8 x cin would be 2^17 inputs; one module holds
 * all five kinds for unsigned, signed and mixed 8-bit operands and odd widths 1..7, reading slices
 * of the same inputs), seeded random at 32, 64 and 100 bits. Both simulators, lint-clean.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { addCpa } from '../../../src/lib/arith/cpa.ts';
import { addGolden } from '../../../src/lib/arith/golden-arith.ts';
import { CPA_KINDS, type CpaKind } from '../../../src/lib/arith/check.ts';
import { emitComb, rtlTests, fieldOf } from './harness.ts';

interface Case { wa: number; sa: boolean; wb: number; sb: boolean; cin: boolean }

const smallCases: Case[] = [
  { wa: 8, sa: false, wb: 8, sb: false, cin: true },
  { wa: 8, sa: true, wb: 8, sb: true, cin: true },
  { wa: 8, sa: true, wb: 8, sb: false, cin: false },
  { wa: 5, sa: false, wb: 8, sb: true, cin: true },
  ...[1, 2, 3, 7].map((w) => ({ wa: w, sa: w > 1, wb: w, sb: false, cin: true })),
];
const wideCases: Case[] = [
  { wa: 32, sa: true, wb: 32, sb: true, cin: true },
  { wa: 64, sa: false, wb: 64, sb: false, cin: true },
  { wa: 64, sa: true, wb: 64, sb: true, cin: false },
  { wa: 100, sa: true, wb: 64, sb: false, cin: true },
];

function build(name: string, wa: number, wb: number, cases: Case[]) {
  return module(name, (m) => {
    const a = m.input('a', uint(wa));
    const b = m.input('b', uint(wb));
    const cin = m.input('cin', uint(1));
    cases.forEach((c, i) => {
      const x = a.slice(c.wa - 1, 0);
      const y = b.slice(c.wb - 1, 0);
      for (const kind of CPA_KINDS) {
        const s = addCpa(c.sa ? x.asSigned() : x, c.sb ? y.asSigned() : y, { kind, cin: c.cin ? cin : undefined });
        m.output(`c${i}_${kind.replace('-', '_')}`, s);
      }
    });
  }, { clock: null });
}

function golden(cases: Case[]) {
  return ([[a, b, cin]]: bigint[][]): bigint[][] => [
    cases.flatMap((c) => CPA_KINDS.map((kind: CpaKind) => addGolden(kind, fieldOf(a!, 0, c.wa, c.sa), fieldOf(b!, 0, c.wb, c.sb), c.cin ? cin! : 0n))),
  ];
}

describe('addCpa RTL', () => {
  const small = emitComb(build('cpa_small', 8, 8, smallCases), 'cpa-small');
  const wide = emitComb(build('cpa_wide', 100, 64, wideCases), 'cpa-wide');

  it('has the exact result width (common type + 1)', () => {
    const w = Object.fromEntries(small.target.outputs.map((p) => [p.name, [p.width, p.signed]]));
    expect(w.c0_ripple).toEqual([9, false]);
    expect(w.c1_kogge_stone).toEqual([9, true]);
    expect(w.c2_sklansky).toEqual([10, true]); // sint(8) + uint(8): common sint(9), + 1
    expect(w.c3_brent_kung).toEqual([9, true]); // uint(5) + sint(8): common sint(8), + 1
  });

  rtlTests([
    { title: 'equals a + b + cin for every 8-bit operand pair and carry', rtl: small, golden: golden(smallCases), exhaustive: 2 ** 17 },
    { title: 'equals a + b + cin on seeded random 32/64/100-bit operands', rtl: wide, golden: golden(wideCases), seeded: { count: 5000, seed: 11, minPassed: 5500 } },
  ]);

  it('rejects an unknown adder kind, with the golden model\'s message', () => {
    let hw = '';
    module('bad', (m) => {
      try {
        addCpa(m.input('a', uint(4)), m.input('b', uint(4)), { kind: 'carry-save' as CpaKind });
      } catch (e) {
        hw = (e as Error).message;
      }
    }, { clock: null });
    expect(hw).toMatch(/cpa\.test\.ts:\d+:\d+: error: unknown carry-propagate adder 'carry-save' — use one of ripple, kogge-stone, brent-kung, sklansky, plus/);
    expect(() => addGolden('carry-save', 1n, 2n)).toThrow(hw.replace(/^.*?error: /, ''));
  });
});
