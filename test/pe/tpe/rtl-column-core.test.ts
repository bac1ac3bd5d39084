/**
 * The column core (the published column's boundary: PEs + sparse encoder, operands from buffers),
 * driven in the IR simulator with a model of the shell's buffers: the weight row B[row][·] (and
 * a_row) at the core's row index, the EN-T digits of block `blk` at weight `pass` built from the
 * golden EN-T recoder. Checks the exact GEMM, the `done` cycle against the datasheet (baseline k + 1,
 * opt Σ_j Σ_blocks max(1, nz) + 3 after start) and that the results hold until the next start.
 *
 * The `published` boundary (per-pass carry-save pairs, no fuse-shift-accumulate) runs on Verilator
 * and Icarus inside a test-only valid/ready wrapper (`pairWrapper`) that holds the operand buffers
 * and drives a full core and a published-boundary core side by side, each from its own read
 * addresses; it captures s + k of each pass of the published core (the cycle after `part_done`).
 * Both are checked against the spec: C = the exact GEMM (full core) and pass q's partial =
 * Σ_t d_{t,q} · B[t][j] mod 2^accW from the golden EN-T digits — whose Horner sum Σ_q 4^q · partial
 * is (checked here too) C mod 2^accW, the value the full core feeds its fuse.
 */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { module, type ModuleDef, type Wire } from '../../../src/dsl/module-builder.ts';
import { cat, mux, select } from '../../../src/dsl/ops.ts';
import type { Signal } from '../../../src/dsl/signal.ts';
import { uint } from '../../../src/dsl/types.ts';
import { isLowbitError } from '../../../src/diag/error.ts';
import { entRecode } from '../../../src/lib/arith/recode.ts';
import { tpeInputBeats } from '../../../src/pe/tpe/golden-beats.ts';
import { tpeCorners, tpeColumnSparseCorners } from '../../../src/pe/tpe/cosim-spec.ts';
import { tpeDigits } from '../../../src/pe/tpe/params.ts';
import { tpeTypes } from '../../../src/pe/tpe/rtl-common.ts';
import { emitAndCheck, thrown } from './tpe-harness.ts';
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

/**
 * Test-only valid/ready wrapper: one input beat (a_0 … a_{k−1}, B row-major) loaded into buffers
 * (weights as they are, activations EN-T encoded with the library recoder); a full core and a
 * published-boundary core started together, each reading the buffers at its own addresses; output
 * beat (after the full core's done, held until taken): c_<j> of the full core, then part_<q>_<j> =
 * s_<j> + k_<j> (mod 2^accW) of the published core captured in the cycle after its part_done of
 * pass q (passes D−1 … 0). The last capture is written no later than the full core's done edge
 * (its fuse takes ≥ 1 cycle more than the last accumulation), so the beat is complete.
 */
function pairWrapper(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  const D = tpeDigits(p);
  const nb = Math.ceil(p.k / p.block);
  const accW = t.acc.width;
  return module(`tpe_col_core_pair_k${p.k}_n${p.n}`, (m) => {
    const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
    const as = Array.from({ length: p.k }, (_, i) => m.input(`a_${i}`, t.a));
    const bs = Array.from({ length: p.k }, (_, i) => Array.from({ length: p.n }, (_, j) => m.input(`b_${i}_${j}`, t.b)));
    const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
    const state = m.reg('state', uint(2), { reset: 0 });
    const idle = m.wire('idle', state.eq(0));
    const take = m.wire('take', idle.and(inValid));
    const wBuf = bs.map((row, i) => row.map((b, j) => {
      const r = m.reg(`w_q${i}_${j}`, t.b, { en: take });
      r.set(b);
      return r;
    }));
    const digits = as.map((a, i) => {
      const r = m.reg(`dig_q${i}`, uint(3 * D), { en: take });
      r.set(cat(...entRecode(a).reverse().flatMap((d) => [d.neg, d.one, d.two])));
      return r;
    });
    const zero3 = m.constant(0, uint(3));
    const word = (b: number, q: number): Signal =>
      cat(...Array.from({ length: p.block }, (_, i) => (b * p.block + i < p.k ? digits[b * p.block + i]!.slice(3 * q + 2, 3 * q) : zero3)).reverse());
    const core = (tag: string, def: ModuleDef): Record<string, Signal> => {
      const row: Wire = m.wire(`${tag}_row`, uint(Math.max(1, Math.ceil(Math.log2(p.k)))));
      const pass: Wire = m.wire(`${tag}_pass`, uint(Math.max(1, Math.ceil(Math.log2(D)))));
      const blk: Wire = m.wire(`${tag}_blk`, uint(Math.max(1, Math.ceil(Math.log2(nb)))));
      const conn: Record<string, Signal> = { start: take };
      for (let j = 0; j < p.n; j++) conn[`w_row_${j}`] = m.wire(`${tag}_w_row_${j}`, select(row, wBuf.map((r) => r[j]!)));
      conn.word = m.wire(`${tag}_word`, select(pass, Array.from({ length: D }, (_, q) => select(blk, Array.from({ length: nb }, (_, b) => word(b, q))))));
      const outs = m.instance(tag, def, conn);
      row.set(outs.row!);
      pass.set(outs.pass!);
      blk.set(outs.blk!);
      return outs;
    };
    const full = core('full', tpeColumnCore(p));
    const pub = core('pub', tpeColumnCore(p, { boundary: 'published' }));
    const qw = Math.max(1, Math.ceil(Math.log2(D)));
    const cap = m.reg('cap_q', uint(1), { reset: 0 });
    cap.set(pub.part_done!);
    const capQ = m.reg('cap_pass_q', uint(qw), { reset: 0 });
    capQ.set(mux(take, D - 1, mux(cap, capQ.sub(1).trunc(qw).asUnsigned(), capQ)));
    const parts = Array.from({ length: D }, (_, q) =>
      Array.from({ length: p.n }, (_, j) => {
        const r = m.reg(`part_q${q}_${j}`, uint(accW), { en: cap.and(capQ.eq(q)) });
        r.set(pub[`s_${j}`]!.add(pub[`k_${j}`]!).resize(accW));
        return r;
      }),
    );
    state.set(mux(take, 1, mux(state.eq(1).and(full.done!), 2, mux(state.eq(2).and(outReady), 0, state))));
    for (let j = 0; j < p.n; j++) m.output(`c_${j}`, full[`c_${j}`]!);
    parts.forEach((row, q) => row.forEach((r, j) => m.output(`part_${q}_${j}`, r)));
    m.output('in_ready', idle, { protocol: 'ready' });
    m.output('out_valid', state.eq(2), { protocol: 'valid' });
  });
}

/** Spec golden of the wrapper's beat: C (exact GEMM) and the pass partials from the golden EN-T digits. */
function pairGolden(p: TpeParams): (beats: bigint[][]) => bigint[][] {
  const accW = BigInt(tpeTypes(p).acc.width);
  const mod = (x: bigint): bigint => ((x % (1n << accW)) + (1n << accW)) % (1n << accW);
  return ([beat]) => {
    const a = beat!.slice(0, p.k);
    const B = Array.from({ length: p.k }, (_, t) => beat!.slice(p.k + t * p.n, p.k + (t + 1) * p.n));
    const c = tpeGemm([a], B, p)[0]!;
    const digits = a.map((x) => entDigitsGolden(x, p.W, p.aSigned));
    const parts = Array.from({ length: tpeDigits(p) }, (_, q) =>
      Array.from({ length: p.n }, (_, j) => mod(digits.reduce((s, d, t) => s + BigInt(d[q]!) * B[t]![j]!, 0n))),
    );
    // What the full core feeds its fuse: the Horner sum of the pass partials ≡ C (mod 2^accW).
    for (let j = 0; j < p.n; j++) {
      const horner = parts.reduceRight((s, row) => s * 4n + row[j]!, 0n);
      if (mod(horner) !== mod(c[j]!)) throw new Error(`pass partials do not fold to C[0][${j}]`);
    }
    return [[...c, ...parts.flat()]];
  };
}

describe("tpeColumnCore boundary 'published' (per-pass carry-save pairs, no fuse-shift-accumulate)", () => {
  // One build (CI time): block 3 (not a power of two: the block-base register), mixed signedness,
  // eliminated sign extension with 4:2 compressors; the IR-simulator tests above cover the rest of
  // the shared sequencer and PE logic at the full boundary.
  const PUB: Partial<TpeParams>[] = [{ form: 'opt', k: 5, n: 2, W: 6, aSigned: true, bSigned: false, block: 3, signExt: 'eliminated', compress42: true }];
  for (const c of PUB) {
    it(`k=${c.k} n=${c.n} W=${c.W} block ${c.block} ${c.signExt ?? 'full'}: pass partials and C, Verilator + Icarus`, async () => {
      const p = tpeParams('column', 'opt', c);
      const count = 8;
      const corners = [...tpeCorners(p), ...tpeColumnSparseCorners(p)].map(([a, b]) => tpeInputBeats(a, b, p));
      const spec = { protocol: { kind: 'stream' as const }, golden: pairGolden(p), corners, vectors: { count, corners: false } };
      const { cosim, lint } = await emitAndCheck(pairWrapper(p), spec);
      for (const l of lint) expect(l.ok, `${l.tool}: ${l.output}`).toBe(true);
      expect(cosim.outputs.map((o) => o.name)).toHaveLength(p.n * (1 + tpeDigits(p)));
      expect(cosim.failed, cosim.report).toBe(0);
      expect(cosim.passed).toBe(2 * (corners.length + count));
    }, 120_000);
  }

  it('is a located error for the baseline form and for an unknown boundary', () => {
    const base = thrown(() => tpeColumnCore(tpeParams('column', 'baseline', { k: 4, n: 2 }), { boundary: 'published' }));
    expect(isLowbitError(base) && base.message).toMatch(/boundary 'published' needs form opt, not baseline/);
    const bad = thrown(() => tpeColumnCore(tpeParams('column', 'opt', { k: 4, n: 2 }), { boundary: 'edge' as 'full' }));
    expect(isLowbitError(bad) && bad.message).toMatch(/boundary 'edge' is not one of full, published/);
  });
});
