/** TPE golden models: exact GEMM (level a), bit-weight order (level b) = a, column cycle counts. */
import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import { checkTpeParams, TPE_ARCHS, TPE_FORMS, tpeParams, type TpeParams } from '../../../src/pe/tpe/params.ts';
import {
  COLUMN_BASELINE_TAIL_CYCLES,
  COLUMN_LOAD_CYCLES,
  columnOptTailCycles,
  columnNonZeroDigits,
  operandRange,
  toResult,
  tpeColumnCycles,
  tpeGemm,
  tpeGemmBitWeight,
  type Matrix,
} from '../../../src/pe/tpe/golden.ts';
import { Prng } from '../../../src/util/prng.ts';

const SMALL: Record<TpeParams['arch'], { m: number; k: number; n: number }> = {
  'systolic-os': { m: 3, k: 5, n: 4 },
  'systolic-ws': { m: 3, k: 3, n: 4 },
  cube: { m: 3, k: 3, n: 3 },
  'mul-tree': { m: 2, k: 4, n: 3 },
  column: { m: 1, k: 6, n: 4 },
};

function randomMatrix(rng: Prng, rows: number, cols: number, W: number, signed: boolean): bigint[][] {
  const { lo, hi } = operandRange(W, signed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => lo + BigInt(rng.below(Number(hi - lo) + 1))));
}
const fill = (rows: number, cols: number, v: bigint): bigint[][] => Array.from({ length: rows }, () => new Array<bigint>(cols).fill(v));

describe('tpeGemm (level a)', () => {
  it('a hand-computed 2×3 · 3×2 signed GEMM', () => {
    const p = tpeParams('systolic-os', 'baseline', { m: 2, k: 3, n: 2, W: 4 });
    const a: Matrix = [[1n, -2n, 3n], [-8n, 7n, 0n]];
    const b: Matrix = [[2n, -1n], [4n, 5n], [-6n, 7n]];
    expect(tpeGemm(a, b, p)).toEqual([[-24n, 10n], [12n, 43n]]);
  });
  it('rejects a wrong shape or an out-of-range operand', () => {
    const p = tpeParams('systolic-os', 'baseline', { m: 1, k: 2, n: 1, W: 4 });
    expect(() => tpeGemm([[1n]], [[1n], [1n]], p)).toThrow(/A must be 1×2/);
    expect(() => tpeGemm([[1n, 8n]], [[1n], [1n]], p)).toThrow(/A\[0\]\[1\] = 8 is not a signed 4-bit value .* -8\.\.7/);
    const u = { ...p, bSigned: false };
    expect(() => tpeGemm([[1n, 1n]], [[-1n], [1n]], u)).toThrow(/B\[0\]\[0\] = -1 is not a unsigned 4-bit value/);
  });
  it('bad parameters give the same message as the generator-side validation', () => {
    for (const over of [{ m: 0 }, { W: 5 }, { accW: 3 }, { recoder: 'ent' as const }]) {
      const p = { ...tpeParams('systolic-os', 'baseline', { m: 1, k: 1, n: 1, W: 4 }), ...over };
      const want = checkTpeParams(p)!.message;
      let got: unknown;
      try {
        tpeGemm([[0n]], [[0n]], p);
      } catch (e) {
        got = e;
      }
      expect(got).toBeInstanceOf(LowbitError);
      expect((got as LowbitError).diagnostics[0].message).toBe(want);
    }
  });
});

describe('tpeGemmBitWeight (level b) equals level a', () => {
  it('every INT4 product, every signedness, every form and recoder (exhaustive, k = 1)', () => {
    for (const [aS, bS] of [[true, true], [true, false], [false, true], [false, false]] as const) {
      for (const [arch, form, recoder] of [
        ['systolic-os', 'baseline', 'default'], ['systolic-os', 'opt', 'booth'], ['systolic-os', 'opt', 'ent'], ['column', 'opt', 'ent'],
      ] as const) {
        const p = tpeParams(arch, form, { m: 1, k: 1, n: 1, W: 4, aSigned: aS, bSigned: bS, recoder });
        const ra = operandRange(4, aS);
        const rb = operandRange(4, bS);
        for (let x = ra.lo; x <= ra.hi; x++) {
          for (let y = rb.lo; y <= rb.hi; y++) {
            expect(tpeGemmBitWeight([[x]], [[y]], p)[0][0]).toBe(x * y);
          }
        }
      }
    }
  });
  it('random INT4/INT8 GEMMs plus corners on every architecture and form at small sizes', () => {
    const rng = new Prng(12);
    let checked = 0;
    for (const arch of TPE_ARCHS) {
      for (const form of TPE_FORMS) {
        for (const W of [4, 8]) {
          for (const [aS, bS] of [[true, true], [false, false], [false, true]] as const) {
            const p = tpeParams(arch, form, { ...SMALL[arch], W, aSigned: aS, bSigned: bS });
            const ra = operandRange(W, aS);
            const rb = operandRange(W, bS);
            const inputs: [bigint[][], bigint[][]][] = [
              [fill(p.m, p.k, ra.lo), fill(p.k, p.n, rb.lo)],
              [fill(p.m, p.k, ra.hi), fill(p.k, p.n, rb.hi)],
              [fill(p.m, p.k, ra.lo), fill(p.k, p.n, rb.hi)],
              [fill(p.m, p.k, 0n), fill(p.k, p.n, rb.lo)],
              [
                Array.from({ length: p.m }, (_, i) => Array.from({ length: p.k }, (_, t) => ((i + t) % 2 ? ra.lo : ra.hi))),
                Array.from({ length: p.k }, (_, t) => Array.from({ length: p.n }, (_, j) => ((t + j) % 2 ? rb.hi : rb.lo))),
              ],
            ];
            for (let r = 0; r < 20; r++) inputs.push([randomMatrix(rng, p.m, p.k, W, aS), randomMatrix(rng, p.k, p.n, W, bS)]);
            for (const [a, b] of inputs) {
              expect(tpeGemmBitWeight(a, b, p)).toEqual(tpeGemm(a, b, p));
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBe(5 * 2 * 2 * 3 * 25);
  });
  it('the all-minimum corner reaches k · 2^(2W−2), which the minimum accW holds exactly', () => {
    const p = tpeParams('systolic-ws', 'opt', { m: 1, k: 16, n: 1, W: 8 });
    expect(tpeGemmBitWeight(fill(1, 16, -128n), fill(16, 1, -128n), p)).toEqual([[16n * 16384n]]);
  });
  it('toResult reads an accW-bit register: a planted one-bit-too-narrow width would wrap and be caught', () => {
    expect(toResult(262144n, 20, true)).toBe(262144n);
    expect(toResult(262144n, 19, true)).toBe(-262144n);
    expect(toResult(-1n, 8, false)).toBe(255n);
  });
});

describe('tpeColumnCycles', () => {
  const p = (over: Partial<TpeParams> = {}) => tpeParams('column', 'opt', { k: 4, n: 2, ...over });
  it('the timing constants: one load cycle; opt tail 2 + ceil(accW / 8) (issue and weight registers, chunked fuse); baseline tail 1', () => {
    expect([COLUMN_LOAD_CYCLES, COLUMN_BASELINE_TAIL_CYCLES]).toEqual([1, 1]);
    expect(columnOptTailCycles(p())).toBe(2 + 3); // k = 4, W = 8: accW 18
    expect(columnOptTailCycles(p({ accW: 26 }))).toBe(2 + 4);
    expect(columnOptTailCycles(p({ W: 2, k: 1 }))).toBe(2 + 1);
  });
  it('hand-counted: the EN-T vectors of tpe.md §3.2 as one block of 4 and as two blocks of 2', () => {
    const a = [127n, -128n, 3n, -86n]; // digits [-1,0,0,2] [0,0,0,-2] [-1,1,0,0] [-2,-1,-1,-1]
    expect(columnNonZeroDigits(a, p())).toEqual([3, 2, 1, 3]);
    expect(tpeColumnCycles(a, p())).toBe(1 + 3 + 2 + 1 + 3 + 5);
    // Blocks {127, −128}, {3, −86}: pass 0 → 1, 2; pass 1 → 0 (empty: 1), 2; pass 2 → 0 (1), 1; pass 3 → 2, 1.
    expect(tpeColumnCycles(a, p({ block: 2 }))).toBe(1 + (1 + 2) + (1 + 2) + (1 + 1) + (2 + 1) + 5);
  });
  it('all-zero activations: one cycle per block and pass; baseline: one cycle per activation', () => {
    expect(tpeColumnCycles([0n, 0n, 0n, 0n], p())).toBe(1 + 4 * 1 + 5);
    expect(tpeColumnCycles([0n, 0n, 0n, 0n, 0n], p({ k: 5, block: 2 }))).toBe(1 + 4 * 3 + 5); // k = 5: accW 19
    expect(tpeColumnCycles([5n, -7n, 0n, 1n], tpeParams('column', 'baseline', { k: 4, n: 2 }))).toBe(1 + 4 + 1);
  });
  it('unsigned activations use W/2 + 1 passes (255 → [-1, 0, 0, 0, 1])', () => {
    expect(columnNonZeroDigits([255n], p({ k: 1, aSigned: false }))).toEqual([1, 0, 0, 0, 1]);
    expect(tpeColumnCycles([255n], p({ k: 1, aSigned: false }))).toBe(1 + 5 + 2 + 3); // k = 1, unsigned A, signed B: accW 17, 3 fuse chunks
  });
  it('dense random data: cycles = load + Σ_j Σ_blocks max(1, nz) + tail, between the non-zero count and one extra cycle per empty block', () => {
    const rng = new Prng(3);
    const q = p({ k: 32, block: 4 });
    for (let r = 0; r < 50; r++) {
      const a = randomMatrix(rng, 1, 32, 8, true)[0];
      const nz = columnNonZeroDigits(a, q).reduce((s, x) => s + x, 0);
      const c = tpeColumnCycles(a, q);
      expect(c).toBeGreaterThanOrEqual(1 + nz + 2 + 3);
      expect(c).toBeLessThanOrEqual(1 + nz + 4 * 8 + 2 + 3);
    }
  });
  it('refuses a non-column architecture', () => {
    expect(() => tpeColumnCycles([0n], tpeParams('systolic-os', 'opt', { m: 1, k: 1, n: 1 }))).toThrow(/cycle prediction is for arch column/);
  });
});
