/**
 * The block floating-point accumulation step (src/lib/fp/block-acc.ts `blockAddLogic`) against
 * the golden `blockAdd` / `normalizeTerm` of src/pe/mixpe/golden-block.ts, on Icarus:
 * seeded register states (empty, and every ceiling relation to the term: re-align by 0 … beyond
 * the register width, align by 0 … beyond the term width) with terms of both signs, zero
 * magnitudes and invalid terms, for guard bits 0 and 3 (two instances in one combinational unit),
 * on Icarus; on Verilator the block is cosimulated inside the MixPE BLOCK_ALIGN PE and array builds.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimTarget } from '../../../src/cosim/types.ts';
import { Prng } from '../../../src/util/prng.ts';
import { DYADIC_ZERO } from '../../../src/golden/float/dyadic.ts';
import { blockAdd, normalizeTerm } from '../../../src/pe/mixpe/golden-block.ts';
import { blockAddLogic } from '../../../src/lib/fp/block-acc.ts';
import { dataPorts, emitToTemp, lintFailures } from '../rtl-harness.ts';

const TW = 12;
const WIDTH = 24;
const TOPW = 7;
const GUARDS = [0, 3] as const;

function unit() {
  return module(
    'block_acc_unit',
    (m) => {
      const acc = m.input('acc', sint(WIDTH));
      const top = m.input('top', uint(TOPW));
      const mag = m.input('mag', uint(TW));
      const neg = m.input('neg', uint(1));
      const topBase = m.input('top_base', uint(TOPW - 1));
      const valid = m.input('valid', uint(1));
      for (const g of GUARDS) {
        const r = blockAddLogic(m, `b${g}`, { acc, top }, { mag, neg, topBase, valid }, { tw: TW, guard: g, width: WIDTH, topW: TOPW });
        m.output(`acc_g${g}`, r.acc);
        m.output(`top_g${g}`, r.top);
      }
    },
    { clock: null },
  );
}

function golden([[acc, top, mag, neg, topBase, valid]]: bigint[][]): bigint[][] {
  const out: bigint[] = [];
  for (const g of GUARDS) {
    const cfg = { tw: TW, guard: g, width: WIDTH };
    const st = { acc: acc!, top: top === 0n ? null : Number(top), err: DYADIC_ZERO };
    // A term whose LSB has ceiling topBase + 1: lsbExp = topBase in the golden's units.
    const r = valid === 1n ? blockAdd(st, normalizeTerm(neg === 1n, mag!, Number(topBase), TW), cfg) : st;
    out.push(r.acc, BigInt(r.top ?? 0));
  }
  return [out];
}

function vectors(n: number): bigint[][][] {
  const rng = new Prng(29);
  const out: bigint[][][] = [];
  while (out.length < n) {
    const empty = rng.below(6) === 0;
    const top = empty ? 0 : rng.int(1, 100);
    const topBase = rng.int(0, 60);
    const len = rng.int(0, TW);
    const mag = len === 0 ? 0n : (1n << BigInt(len - 1)) | rng.bits(len - 1);
    // A register value the golden can hold without overflow after one add: |acc| < 2^(WIDTH − 2).
    const acc = empty ? 0n : BigInt(rng.int(-(2 ** 21), 2 ** 21 - 1)) >> BigInt(rng.below(20));
    const tTerm = topBase + len;
    // Keep the ceiling in range (the caller sizes topW for it).
    if (tTerm >= 2 ** TOPW) continue;
    out.push([[acc, BigInt(top), mag, BigInt(rng.below(2)), BigInt(topBase), BigInt(rng.below(8) === 0 ? 0 : 1)]]);
  }
  return out;
}

describe('block accumulation step (lib fp block-acc)', () => {
  const rtl = emitToTemp(unit(), 'block-acc');
  const t: CosimTarget = { top: rtl.top, files: rtl.files, inputs: dataPorts(rtl, 'input'), outputs: dataPorts(rtl, 'output'), protocol: { kind: 'comb' } };

  it('is lint-clean (Verilator -Wall, Icarus, Yosys)', async () => {
    const bad = await lintFailures(rtl);
    expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
  });

  // Icarus here; the same block runs on Verilator and Icarus inside the MixPE array cosims
  // (CI time: one Verilator build fewer).
  for (const sim of ['icarus'] as const) {
    it(`equals golden blockAdd on 4000 seeded states and terms (${sim})`, async () => {
      const r = await runCosim({ target: t, golden, vectors: vectors(4000), sim });
      expect(r.failed, formatCosimReport(r)).toBe(0);
      expect(r.passed).toBe(4000);
    });
  }
});
