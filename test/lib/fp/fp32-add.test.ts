/**
 * The FP32 accumulate adder (src/lib/fp/fp32-add.ts `fp32AddLogic`) on its own, against
 * `fpAdd(acc, term, FP32)` of src/golden/float/arith.ts: an FP32 accumulator code plus an exact
 * term `±S · 2^(X − 50)` (the FP16 × FP16 product geometry of the FMA baseline, 22-bit S), on
 * seeded random operands across the alignment range, near-cancelling pairs (the result loses up
 * to all 24 leading bits), ties, zeros and IEEE specials, on Verilator and Icarus.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimTarget } from '../../../src/cosim/types.ts';
import { Prng } from '../../../src/util/prng.ts';
import { fpAdd } from '../../../src/golden/float/arith.ts';
import { decode } from '../../../src/golden/float/decode.ts';
import { encodeValue } from '../../../src/golden/float/encode.ts';
import { FP32 } from '../../../src/golden/float/format.ts';
import { NAN, inf, type FloatValue } from '../../../src/golden/float/value.ts';
import { fp32AddLogic } from '../../../src/lib/fp/fp32-add.ts';
import { dataPorts, emitToTemp, lintFailures } from '../rtl-harness.ts';

const C = -50;

function adder() {
  return module(
    'fp32_add_unit',
    (m) => {
      const acc = m.input('acc', uint(32));
      const S = m.input('s', uint(22));
      const X = m.input('x', uint(6));
      const neg = m.input('neg', uint(1));
      const nan = m.input('nan', uint(1));
      const infIn = m.input('inf', uint(1));
      m.output('sum', fp32AddLogic(acc, { S, X, neg, nan, inf: infIn }, C));
    },
    { clock: null },
  );
}

function termValue(S: bigint, X: bigint, neg: bigint, nan: bigint, isInf: bigint): FloatValue {
  if (nan) return NAN;
  if (isInf) return inf(neg === 1n);
  return { kind: 'finite', neg: neg === 1n, mag: S, exp: Number(X) + C };
}

function golden([[acc, S, X, neg, nan, isInf]]: bigint[][]): bigint[][] {
  return [[encodeValue(fpAdd(decode(acc!, FP32), termValue(S!, X!, neg!, nan!, isInf!), FP32).value, FP32).code]];
}

/** FP32 code of a finite term if it is exact in FP32 (it always is: S < 2^24, normal range). */
function termCode(S: bigint, X: bigint, neg: bigint): bigint {
  return encodeValue(termValue(S, X, neg, 0n, 0n), FP32).code;
}

function vectors(seed: number, n: number): bigint[][][] {
  const rng = new Prng(seed);
  const out: bigint[][][] = [];
  const randS = (): bigint => rng.bits(1 + rng.below(22));
  for (let i = 0; out.length < n; i++) {
    const kind = rng.below(8);
    let S = randS();
    const X = BigInt(rng.int(2, 60));
    let neg = BigInt(rng.below(2));
    let nan = 0n;
    let isInf = 0n;
    let acc: bigint;
    if (kind <= 2) {
      // random accumulator within ±40 binades of the term
      const field = Math.max(40, Math.min(220, Number(X) + 77 + rng.int(-40, 40)));
      acc = (BigInt(rng.below(2)) << 31n) | (BigInt(field) << 23n) | rng.bits(23);
    } else if (kind <= 5) {
      // near cancellation: acc = −term ± a few ulps (or the same sign: a carry-out)
      if (S === 0n) S = 1n;
      const t = termCode(S, X, neg);
      const flip = kind === 5 ? 0n : 1n << 31n;
      const delta = BigInt(rng.int(-3, 3));
      acc = (t ^ flip) + delta;
    } else if (kind === 6) {
      acc = [0n, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0x7f800001n][rng.below(5)]!;
      if (rng.below(2)) S = 0n; // ±0 term
    } else {
      acc = (BigInt(rng.below(2)) << 31n) | (BigInt(rng.int(60, 200)) << 23n) | rng.bits(23);
      if (rng.below(2)) nan = 1n;
      else isInf = 1n;
      S = 0n;
      if (nan) neg = 0n;
    }
    out.push([[acc, S, X, neg, nan, isInf]]);
  }
  return out;
}

describe('FP32 accumulate adder RTL', () => {
  const rtl = emitToTemp(adder(), 'fp32-add');
  const target: CosimTarget = { top: rtl.top, files: rtl.files, inputs: dataPorts(rtl, 'input'), outputs: dataPorts(rtl, 'output'), protocol: { kind: 'comb' } };

  it('is lint-clean (Verilator -Wall, Icarus, Yosys)', async () => {
    const bad = await lintFailures(rtl);
    expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
  });

  for (const [sim, n] of [['verilator', 200_000], ['icarus', 5000]] as const) {
    it(`equals fpAdd(acc, term, FP32) on ${n} seeded operand pairs (${sim})`, async () => {
      const r = await runCosim({ target, golden, vectors: vectors(n, n), sim });
      expect(r.failed, formatCosimReport(r)).toBe(0);
      expect(r.passed).toBe(n);
    });
  }
});
