/**
 * Multi-operand adders (src/lib/arith/sum.ts) against the exact sum (sumGolden): tree and heap
 * methods, every CPA kind, Wallace/Dadda with and without 4:2, full/eliminated sign extension,
 * mixed signedness and widths — one module over a 12-bit input, exhaustive, both simulators;
 * seeded random with eight 64-bit operands. The result type never depends on the method (it is
 * the DSL `sum` type), and method 'tree' with '+' is the DSL `sum` itself.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sum as dslSum } from '../../../src/dsl/ops.ts';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { uint } from '../../../src/dsl/types.ts';
import type { Signal } from '../../../src/dsl/signal.ts';
import { sum, sumType, type SumOptions } from '../../../src/lib/arith/sum.ts';
import { sumGolden } from '../../../src/lib/arith/golden-arith.ts';
import { CPA_KINDS } from '../../../src/lib/arith/check.ts';
import { emitComb, rtlTests, fieldOf } from './harness.ts';

interface Opnd { input: number; lsb: number; w: number; signed: boolean }
interface Case { ops: Opnd[]; opts: SumOptions }

const variants: SumOptions[] = [
  ...CPA_KINDS.map((cpa) => ({ method: 'tree' as const, cpa })),
  ...CPA_KINDS.map((cpa, i) => ({ method: 'heap' as const, cpa, schedule: i % 2 ? ('wallace' as const) : ('dadda' as const), use42: i >= 2, signExtension: i % 3 ? ('full' as const) : ('eliminated' as const) })),
];
const shapes: Opnd[][] = [
  [0, 3, 6, 9].map((lsb) => ({ input: 0, lsb, w: 3, signed: false })),
  [0, 3, 6, 9].map((lsb, i) => ({ input: 0, lsb, w: 3, signed: i % 2 === 0 })),
  [{ input: 0, lsb: 0, w: 5, signed: true }, { input: 0, lsb: 5, w: 2, signed: false }, { input: 0, lsb: 7, w: 5, signed: true }],
  Array.from({ length: 12 }, (_, i) => ({ input: 0, lsb: i, w: 1, signed: false })),
  [{ input: 0, lsb: 0, w: 12, signed: true }],
];
const smallCases: Case[] = shapes.flatMap((ops) => variants.map((opts) => ({ ops, opts })));
const wideCases: Case[] = [
  Array.from({ length: 8 }, (_, i) => ({ input: i, lsb: 0, w: 64, signed: i % 3 !== 1 })),
  Array.from({ length: 5 }, (_, i) => ({ input: i, lsb: 0, w: 64 - 7 * i, signed: i % 2 === 0 })),
].flatMap((ops) => [
  { ops, opts: { method: 'heap' as const, schedule: 'dadda' as const, cpa: 'kogge-stone' as const } },
  { ops, opts: { method: 'heap' as const, schedule: 'wallace' as const, use42: true, cpa: 'plus' as const, signExtension: 'eliminated' as const } },
  { ops, opts: { method: 'tree' as const, cpa: 'brent-kung' as const } },
]);

function operands(xs: Signal[], ops: Opnd[]): Signal[] {
  return ops.map((o) => {
    const v = xs[o.input]!.slice(o.lsb + o.w - 1, o.lsb);
    return o.signed ? v.asSigned() : v;
  });
}

function build(name: string, inputs: number[], cases: Case[]) {
  return module(name, (m) => {
    const xs = inputs.map((w, i) => m.input(`x${i}`, uint(w)));
    cases.forEach((c, i) => m.output(`s${i}`, sum(operands(xs, c.ops), c.opts)));
  }, { clock: null });
}

function golden(cases: Case[]) {
  return ([xs]: bigint[][]): bigint[][] => [cases.map((c) => sumGolden(c.ops.map((o) => fieldOf(xs![o.input]!, o.lsb, o.w, o.signed))))];
}

describe('sum RTL', () => {
  const small = emitComb(build('sum_small', [12], smallCases), 'sum-small');
  const wide = emitComb(build('sum_wide', Array(8).fill(64), wideCases), 'sum-wide');

  it('has the DSL sum type for every method, and tree + "+" is the DSL sum itself', () => {
    small.target.outputs.forEach((p, i) => {
      const t = sumType(smallCases[i]!.ops.map((o) => ({ width: o.w, signed: o.signed })));
      expect([p.width, p.signed]).toEqual([t.width, t.signed]);
    });
    const a = module('a', (m) => void m.output('y', dslSum([0, 1, 2].map((i) => m.input(`x${i}`, uint(4 + i))))), { clock: null });
    const b = module('a', (m) => void m.output('y', sum([0, 1, 2].map((i) => m.input(`x${i}`, uint(4 + i))))), { clock: null });
    expect(JSON.stringify(elaborate(b).design.modules, (k, v) => (k === 'loc' ? undefined : v))).toBe(JSON.stringify(elaborate(a).design.modules, (k, v) => (k === 'loc' ? undefined : v)));
  });

  rtlTests([
    { title: `equals the exact sum in ${smallCases.length} adders for every 12-bit input`, rtl: small, golden: golden(smallCases), exhaustive: 4096 },
    { title: 'equals the exact sum of eight 64-bit operands', rtl: wide, golden: golden(wideCases), seeded: { count: 2000, icarusCount: 200, seed: 17, minPassed: 2200 } },
  ]);

  it('rejects an empty operand list with the golden model\'s message', () => {
    let hw = '';
    module('bad', () => {
      try {
        sum([]);
      } catch (e) {
        hw = (e as Error).message;
      }
    }, { clock: null });
    expect(hw).toMatch(/sum\.test\.ts:\d+:\d+: error: sum needs at least one operand — pass a non-empty list of values/);
    expect(() => sumGolden([])).toThrow(hw.replace(/^.*?error: /, ''));
  });
});
