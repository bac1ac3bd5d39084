/**
 * QFX item 3: every (Q, O, N) mode pair of the generated cast RTL, exhaustively over small source
 * formats (widths up to 10, several I, signed and unsigned, I < 0 and I > W) and seeded random on
 * wide formats, on Verilator and Icarus, against the exact golden model (src/golden/fixed).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { castBank, allModes, type CastBankPlan, type CastFormat } from '../../../src/pe/qfx/cast-bank.ts';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import { castFixed } from '../../../src/golden/fixed/cast.ts';
import { intToRaw, rawToInt } from '../../../src/golden/fixed/format.ts';
import type { CosimTarget, PortSpec, VectorOptions } from '../../../src/cosim/types.ts';
import { writeDesignRtl } from '../../../src/emit/write-output.ts';

const DSTS: CastFormat[] = [
  { w: 4, i: 2, signed: true },
  { w: 4, i: 2, signed: false },
  { w: 5, i: 7, signed: true }, // I > W
  { w: 3, i: -1, signed: true }, // I < 0
  { w: 9, i: 4, signed: true }, // wider than some sources
  { w: 1, i: 1, signed: true }, // 1-bit signed
];

async function cosimBank(plan: CastBankPlan, vectors: VectorOptions) {
  const { design } = elaborate(castBank(plan));
  const files = writeDesignRtl(design, join(mkdtempSync(join(tmpdir(), 'cast-bank-')), 'rtl'));
  const inputs: PortSpec[] = plan.sources.map((s, k) => ({ name: `x${k}`, width: s.src.w, signed: false }));
  const outputs: PortSpec[] = plan.sources.flatMap((s, k) => s.dsts.map((d, j) => ({ name: `y${k}_${j}`, width: d.w, signed: false })));
  const target: CosimTarget = { top: 'cast_bank', files, inputs, outputs, protocol: { kind: 'comb' } };
  const golden = ([xs]: bigint[][]) => [
    plan.sources.flatMap(({ src, dsts }, k) => {
      const v = rawToInt(xs![k]!, src);
      return dsts.map((d) => intToRaw(castFixed(v, src, d), d));
    }),
  ];
  return runCosim({ target, golden, vectorOptions: vectors, sim: 'both', seed: 7 });
}

describe('generated ap_fixed cast RTL', () => {
  it('matches the golden model for every mode pair, exhaustively on small formats (both simulators)', async () => {
    const sources: CastFormat[] = [
      { w: 10, i: 4, signed: true },
      { w: 10, i: 6, signed: false },
      { w: 8, i: -2, signed: true },
      { w: 7, i: 9, signed: true },
      { w: 6, i: 6, signed: false },
    ];
    let outputs = 0;
    // One build per source keeps each transaction exhaustive over its own input (2^w values).
    for (const src of sources) {
      const plan: CastBankPlan = { sources: [{ src, dsts: DSTS.flatMap((d) => allModes(d)) }] };
      outputs += plan.sources[0]!.dsts.length;
      const r = await cosimBank(plan, { exhaustiveMaxBits: 10 });
      expect(r.vectorsDescription).toContain('exhaustive');
      expect(r.vectors).toBe(2 ** src.w);
      expect(r.failed, formatCosimReport(r)).toBe(0);
      expect(r.passed).toBe(2 * 2 ** src.w);
    }
    // 7 Q x 5 O (signed) with N in {0,1,2} for the wrap modes: every pair appears for every destination.
    expect(outputs).toBeGreaterThan(5 * 200);
  });

  it('matches the golden model on wide formats with seeded random values (both simulators)', async () => {
    const sources: CastFormat[] = [
      { w: 24, i: 8, signed: true },
      { w: 40, i: 12, signed: false },
      { w: 70, i: 30, signed: true }, // wider than 64 bits
    ];
    const wideDsts: CastFormat[] = [
      { w: 16, i: 8, signed: true },
      { w: 12, i: 2, signed: false },
      { w: 33, i: 20, signed: true },
    ];
    const plan: CastBankPlan = { sources: sources.map((src) => ({ src, dsts: wideDsts.flatMap((d) => allModes(d, [0, 3])) })) };
    const r = await cosimBank(plan, { count: 3000 });
    expect(r.vectorsDescription).toContain('random');
    expect(r.failed, formatCosimReport(r)).toBe(0);
  });
});
