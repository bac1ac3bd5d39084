/**
 * INT8 baseline PE (src/pe/mixpe/baseline-int8-pe.ts) against `int8GroupSum`, bit for bit on Verilator
 * and Icarus: seeded random groups and the extreme groups (every product at its maximum or
 * minimum) for G = 32 and G = 128, through the valid/ready verification top.
 */
import { describe, expect, it } from 'vitest';
import { sint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import { Prng } from '../../../src/util/prng.ts';
import { int8GroupSum } from '../../../src/pe/mixpe/golden-baseline.ts';
import { int8BaselineAccW, int8BaselinePe } from '../../../src/pe/mixpe/baseline-int8-pe.ts';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { groupStreamTop } from '../../../src/lib/stream/group-top.ts';
import { emitToTemp, lintFailures, streamTarget } from '../../lib/rtl-harness.ts';

function groups(seed: number, G: number, n: number): bigint[][][] {
  const rng = new Prng(seed);
  const out: bigint[][][] = [];
  for (const [x, w] of [[-128n, -128n], [-128n, 127n], [127n, 127n], [127n, -128n]]) out.push(Array.from({ length: G }, () => [x!, w!]));
  while (out.length < n) out.push(Array.from({ length: G }, () => [BigInt(rng.int(-128, 127)), BigInt(rng.int(-128, 127))]));
  return out;
}

describe('INT8 baseline PE RTL', () => {
  it('sizes the accumulator exactly (23 b for G = 128, 21 b for G = 32)', () => {
    expect(int8BaselineAccW(128)).toBe(23);
    expect(int8BaselineAccW(32)).toBe(21);
    expect(int8BaselineAccW(128, 5)).toBe(20); // −128 · −16 = 2048 per product
  });

  for (const G of [32, 128]) {
    it(`equals int8GroupSum on random and extreme groups, G = ${G} (lint-clean; Verilator and Icarus)`, async () => {
      const p = mixpeParams({ G, rows: Math.min(32, G) });
      const top = groupStreamTop(`int8_pe_top_g${G}`, G, 0, [{ name: 'x', type: sint(8) }, { name: 'w', type: sint(8) }], [
        { inst: 'pe', def: int8BaselinePe(p), connect: (i) => ({ x: i.x!, w: i.w! }) },
      ]);
      const rtl = emitToTemp(top, `int8-pe-g${G}`);
      const bad = await lintFailures(rtl);
      expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
      const target = streamTarget(rtl, G);
      const golden = (beats: bigint[][]) => [[int8GroupSum(beats.map((b) => b[0]!), beats.map((b) => b[1]!))]];
      for (const [sim, n] of [['verilator', 1000], ['icarus', 60]] as const) {
        const r = await runCosim({ target, golden, vectors: groups(G + n, G, n), sim, seed: 3 });
        expect(r.failed, formatCosimReport(r)).toBe(0);
        expect(r.passed).toBe(n);
      }
    });
  }
});
