/**
 * The column core (the published column's boundary: PEs + sparse encoder, operands from buffers),
 * driven in the IR simulator with a model of the shell's buffers: the weight row B[row][·] (and
 * a_row) at the core's row index, the EN-T digits of block `blk` at weight `pass` built from the
 * golden EN-T recoder. Checks the exact GEMM, the `done` cycle against the datasheet (baseline k + 1,
 * opt Σ_j Σ_blocks max(1, nz) + 3 after start) and that the results hold until the next start.
 */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { entDigitsGolden } from '../../../src/lib/arith/golden-recode.ts';
import { operandRange, tpeColumnCycles, tpeGemm } from '../../../src/pe/tpe/golden.ts';
import { tpeParams, type TpeParams } from '../../../src/pe/tpe/params.ts';
import { COLUMN_CORE_BASELINE_PIPE, columnCoreOptPipe, columnFuseChunks, tpeColumnCore } from '../../../src/pe/tpe/rtl-column-core.ts';
import { Prng } from '../../../src/util/prng.ts';

/** One transaction through the core: cycles from start to done, and the results over 3 later cycles. */
function runCore(p: TpeParams, a: bigint[], b: bigint[][]): { doneAt: number; results: bigint[][] } {
  const sim = new IrSimulator(elaborate(tpeColumnCore(p)).design);
  const digits = a.map((x) => entDigitsGolden(x, p.W, p.aSigned));
  const answer = (): void => {
    sim.eval();
    const row = Number(sim.peek('row'));
    for (let j = 0; j < p.n; j++) sim.poke(`w_row_${j}`, row < p.k ? b[row]![j]! : 0n);
    if (p.form === 'baseline') sim.poke('a_row', row < p.k ? a[row]! : 0n);
    else {
      const q = Number(sim.peek('pass'));
      const blk = Number(sim.peek('blk'));
      let word = 0n;
      for (let i = 0; i < p.block; i++) {
        const t = blk * p.block + i;
        const d = t < p.k ? digits[t]![q]! : 0;
        const code = (d < 0 ? 4n : 0n) | (Math.abs(d) === 1 ? 2n : 0n) | (Math.abs(d) === 2 ? 1n : 0n);
        word |= code << BigInt(3 * i);
      }
      sim.poke('word', word);
    }
    sim.eval();
  };
  for (let i = 0; i < 3; i++) sim.step(); // idle cycles: nothing moves
  sim.poke('start', 1n);
  answer();
  sim.step();
  sim.poke('start', 0n);
  let cycle = 1;
  let doneAt = -1;
  for (; cycle < 40 * (p.k + 4) && doneAt < 0; cycle++) {
    answer();
    if (sim.peek('done') === 1n) doneAt = cycle;
    sim.step();
  }
  const results: bigint[][] = [];
  for (let i = 0; i < 3; i++) {
    answer();
    results.push(Array.from({ length: p.n }, (_, j) => sim.peek(`c_${j}`)));
    sim.step();
  }
  return { doneAt, results };
}

const CONFIGS: Partial<TpeParams>[] = [
  { form: 'baseline', k: 5, n: 3, W: 8 },
  { form: 'baseline', k: 3, n: 2, W: 4, aSigned: false, bSigned: true },
  { form: 'opt', k: 5, n: 3, W: 8, block: 2 },
  { form: 'opt', k: 4, n: 2, W: 4, aSigned: false, bSigned: false, block: 4 },
  { form: 'opt', k: 6, n: 2, W: 6, aSigned: true, bSigned: false, block: 4, signExt: 'eliminated', compress42: true },
  { form: 'opt', k: 3, n: 1, W: 2, block: 1, tree: 'wallace', edgeCpa: 'sklansky' },
  { form: 'opt', k: 7, n: 2, W: 8, block: 3, edgeCpa: 'brent-kung' },
];

describe('columnFuseChunks', () => {
  it('covers accW in ceil(accW / 8) chunks of at most 8 bits, least significant first', () => {
    const chunks = (accW: number) => columnFuseChunks(tpeParams('column', 'opt', { k: 32, n: 1, accW }));
    expect(chunks(26)).toEqual([[0, 6], [7, 13], [14, 20], [21, 25]]);
    expect(chunks(21)).toEqual([[0, 6], [7, 13], [14, 20]]);
    expect(chunks(8 + 8 + 5)).toHaveLength(3);
    for (let accW = 21; accW <= 128; accW++) {
      const c = chunks(accW);
      expect(c.length).toBe(Math.ceil(accW / 8));
      expect(c[0]![0]).toBe(0);
      expect(c.at(-1)![1]).toBe(accW - 1);
      c.forEach(([lo, hi], i) => {
        expect(hi - lo + 1).toBeLessThanOrEqual(8);
        if (i > 0) expect(lo).toBe(c[i - 1]![1] + 1);
      });
    }
  });
});

describe('tpeColumnCore in the IR simulator with buffer models', () => {
  for (const c of CONFIGS) {
    it(`${c.form} k=${c.k} n=${c.n} W=${c.W} ${c.aSigned === false ? 'u' : 's'}${c.bSigned === false ? 'u' : 's'} block ${c.block ?? '-'} ${c.signExt ?? 'full'}: exact GEMM, done cycle, results held`, () => {
      const p = tpeParams('column', c.form!, c);
      const ra = operandRange(p.W, p.aSigned);
      const rb = operandRange(p.W, p.bSigned);
      const rng = new Prng(7 + p.k);
      const pick = (r: { lo: bigint; hi: bigint }) => r.lo + BigInt(rng.below(Number(r.hi - r.lo) + 1));
      const cases: bigint[][] = [Array(p.k).fill(ra.lo), Array(p.k).fill(0n), Array(p.k).fill(ra.hi), ...Array.from({ length: 6 }, () => Array.from({ length: p.k }, () => pick(ra)))];
      for (const a of cases) {
        const b = Array.from({ length: p.k }, () => Array.from({ length: p.n }, () => pick(rb)));
        const { doneAt, results } = runCore(p, a, b);
        // The shell adds its load cycle and the done → out_valid cycle to the core's done cycle.
        expect(doneAt).toBe(tpeColumnCycles(a, p) - 1);
        const pipe = p.form === 'opt' ? columnCoreOptPipe(p) : COLUMN_CORE_BASELINE_PIPE;
        expect(doneAt).toBeGreaterThan(pipe);
        const want = tpeGemm([a], b, p)[0]!;
        for (const r of results) expect(r).toEqual(want);
      }
    });
  }
});
