/**
 * Multipliers (src/lib/arith/multiply.ts) against the exact product `a · b` (multiplyGolden):
 * every recoder (array, Booth, EN-T) x schedule (Wallace, Dadda, each with and without 4:2) x
 * signedness pair at 6 x 6, CPA kinds and sign extensions rotated across them, plus odd shapes
 * (5 x 3, 3 x 5, 1 x 1, 1 x 6, 6 x 1) — all in one module reading slices of two 6-bit inputs,
 * exhaustive (2^12) on Verilator and Icarus; seeded random at 64 x 64 (Booth), 65 x 33 (EN-T) and 72 x 16 (array).
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { multiply, type MultiplyOptions } from '../../../src/lib/arith/multiply.ts';
import { multiplyGolden } from '../../../src/lib/arith/golden-arith.ts';
import { CPA_KINDS, type Recoder } from '../../../src/lib/arith/check.ts';
import { emitComb, rtlTests, fieldOf } from './harness.ts';

interface Case { wa: number; sa: boolean; wb: number; sb: boolean; opts: MultiplyOptions }

const smallCases: Case[] = [];
let k = 0;
for (const recoder of ['array', 'booth', 'ent'] as const) {
  for (const [schedule, use42] of [['wallace', false], ['wallace', true], ['dadda', false], ['dadda', true]] as const) {
    for (const [sa, sb] of [[false, false], [true, true], [true, false], [false, true]]) {
      const opts: MultiplyOptions = { recoder, schedule, use42, cpa: CPA_KINDS[k % 5], signExtension: k % 2 ? 'eliminated' : 'full' };
      smallCases.push({ wa: 6, sa: sa!, wb: 6, sb: sb!, opts });
      k++;
    }
  }
}
for (const [wa, wb] of [[5, 3], [3, 5], [1, 1], [1, 6], [6, 1]]) {
  for (const recoder of ['array', 'booth', 'ent'] as Recoder[]) {
    smallCases.push({ wa, sa: true, wb, sb: true, opts: { recoder, cpa: 'kogge-stone' } });
    smallCases.push({ wa, sa: false, wb, sb: true, opts: { recoder, schedule: 'wallace', signExtension: 'eliminated' } });
  }
}

// Kept to three (a 64 x 64 tree is ~10 MB of Verilator C++); the generators are width-generic.
const wideCases: Case[] = [
  { wa: 64, sa: true, wb: 64, sb: true, opts: { recoder: 'booth', schedule: 'dadda', cpa: 'kogge-stone', signExtension: 'eliminated' } },
  { wa: 65, sa: true, wb: 33, sb: false, opts: { recoder: 'ent', schedule: 'wallace', use42: true, cpa: 'brent-kung', signExtension: 'eliminated' } },
  { wa: 72, sa: false, wb: 16, sb: true, opts: { recoder: 'array', schedule: 'dadda', cpa: 'sklansky' } },
];

function build(name: string, wx: number, wy: number, cases: Case[]) {
  return module(name, (m) => {
    const x = m.input('x', uint(wx));
    const y = m.input('y', uint(wy));
    cases.forEach((c, i) => {
      const a = x.slice(c.wa - 1, 0);
      const b = y.slice(c.wb - 1, 0);
      m.output(`p${i}`, multiply(c.sa ? a.asSigned() : a, c.sb ? b.asSigned() : b, c.opts));
    });
  }, { clock: null });
}

function golden(cases: Case[]) {
  return ([[x, y]]: bigint[][]): bigint[][] => [cases.map((c) => multiplyGolden(fieldOf(x!, 0, c.wa, c.sa), c.wa, c.sa, fieldOf(y!, 0, c.wb, c.sb), c.wb, c.sb))];
}

describe('multiply RTL', () => {
  const small = emitComb(build('mul_small', 6, 6, smallCases), 'mul-small');
  const wide = emitComb(build('mul_wide', 72, 64, wideCases), 'mul-wide');

  it('gives the exact product type: wa + wb bits, signed when either operand is', () => {
    small.target.outputs.forEach((p, i) => {
      const c = smallCases[i]!;
      expect([p.width, p.signed]).toEqual([c.wa + c.wb, c.sa || c.sb]);
    });
  });

  rtlTests([
    { title: `equals a·b for every operand pair in ${smallCases.length} multipliers`, rtl: small, golden: golden(smallCases), exhaustive: 4096 },
    { title: 'equals a·b on seeded random 64 x 64, 65 x 33 and 72 x 16 operands', rtl: wide, golden: golden(wideCases), seeded: { count: 2000, icarusCount: 150, seed: 13, minPassed: 2150 } },
  ]);

  it('rejects an unknown recoder, with the golden model\'s checks shared', () => {
    expect(() => module('bad', (m) => void multiply(m.input('a', uint(4)), m.input('b', uint(4)), { recoder: 'wallace' as Recoder }), { clock: null }))
      .toThrow(/multiply\.test\.ts:\d+:\d+: error: unknown partial-product recoder 'wallace' — use one of array, booth, ent/);
    expect(() => multiplyGolden(1n, 0, false, 1n, 4, false)).toThrow(/multiply: operand width must be an integer from 1/);
  });
});
