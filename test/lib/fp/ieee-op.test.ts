/**
 * IEEE operations rounded once (src/lib/fp/ieee-op.ts) against the golden `fpAdd` / `fpSub` /
 * `fpMul` of src/golden/float/arith.ts: E5M2 add, subtract and multiply exhaustively over all
 * 2^16 code pairs (Verilator; every 16th on Icarus), FP32 add, subtract and multiply on 2^16
 * seeded operands spanning subnormals, near-cancellation, overflow and specials, and an integer
 * × FP32 product (`exactInt`) and the same integer as a fixed-point register i · 2^−30 with a
 * special flag beside it (`exactFixed`) rounded to FP32, on both simulators (one combinational
 * module holds every unit).
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimTarget } from '../../../src/cosim/types.ts';
import { Prng } from '../../../src/util/prng.ts';
import { fpAdd, fpMul, fpSub } from '../../../src/golden/float/arith.ts';
import { decode } from '../../../src/golden/float/decode.ts';
import { encodeValue } from '../../../src/golden/float/encode.ts';
import { FP32, FP8_E5M2, type FloatFormat } from '../../../src/golden/float/format.ts';
import { finiteFromDyadic } from '../../../src/golden/float/value.ts';
import { decodeFloat } from '../../../src/lib/fp/decode.ts';
import { alignedAdd, exactFixed, exactInt, exactMul, exactOf, roundExact } from '../../../src/lib/fp/ieee-op.ts';
import { flagClass } from '../../../src/lib/fp/special.ts';
import { dataPorts, emitToTemp, lintFailures } from '../rtl-harness.ts';

/** Both formats in one combinational module (one simulator build): E5M2 a, b; FP32 c, d; INT20 i. */
function unit() {
  return module(
    'ieee_op_unit',
    (m) => {
      const ops = (f: FloatFormat, pa: string, pb: string, pre: string) => {
        const n = 1 + f.expBits + f.manBits;
        const da = decodeFloat(m, m.input(pa, uint(n)), f, `d${pa}`);
        const db = decodeFloat(m, m.input(pb, uint(n)), f, `d${pb}`);
        m.output(`${pre}_sum`, roundExact(m, `${pre}_r_add`, alignedAdd(m, `${pre}_add`, da, db, f, false), f, 'TIES_EVEN', 'IEEE'));
        m.output(`${pre}_diff`, roundExact(m, `${pre}_r_sub`, alignedAdd(m, `${pre}_sub`, da, db, f, true), f, 'TIES_EVEN', 'IEEE'));
        m.output(`${pre}_prod`, roundExact(m, `${pre}_r_mul`, exactMul(exactOf(m, da, f), exactOf(m, db, f)), f, 'TIES_EVEN', 'IEEE'));
        return db;
      };
      ops(FP8_E5M2, 'a', 'b', 'e5');
      const dd = ops(FP32, 'c', 'd', 'f32');
      const i = m.input('i', sint(20));
      m.output('f32_iprod', roundExact(m, 'r_imul', exactMul(exactInt(m, i), exactOf(m, dd, FP32)), FP32, 'TIES_EVEN', 'IEEE'));
      // exactFixed: i · 2^-30 with the flag sp (0 finite, 1 +Inf, 2 −Inf, 3 NaN).
      const sp = m.input('sp', uint(2));
      m.output('f32_fixed', roundExact(m, 'r_fixed', exactFixed(m, i, -30, flagClass(sp, null)), FP32, 'TIES_EVEN', 'IEEE'));
    },
    { clock: null },
  );
}

const enc = (r: { value: Parameters<typeof encodeValue>[0] }, f: FloatFormat): bigint => encodeValue(r.value, f).code;

/** FP32 code of a fixed-point register i · 2^-30 beside its special flag. */
function fixedCode(i: bigint, sp: bigint): bigint {
  if (sp === 3n) return 0x7fc00000n;
  if (sp !== 0n) return sp === 1n ? 0x7f800000n : 0xff800000n;
  return encodeValue(finiteFromDyadic({ mant: i, exp: -30 }), FP32).code;
}

function golden([[a, b, c, d, i, sp]]: bigint[][]): bigint[][] {
  const ops = (x: bigint, y: bigint, f: FloatFormat): bigint[] => {
    const vx = decode(x, f);
    const vy = decode(y, f);
    return [enc(fpAdd(vx, vy, f), f), enc(fpSub(vx, vy, f), f), enc(fpMul(vx, vy, f), f)];
  };
  return [[...ops(a!, b!, FP8_E5M2), ...ops(c!, d!, FP32), enc(fpMul(finiteFromDyadic({ mant: i!, exp: 0 }), decode(d!, FP32), FP32), FP32), fixedCode(i!, sp!)]];
}

/** FP32 operands: random codes, near-cancelling pairs, subnormals, overflow, specials. */
function fp32Vectors(seed: number, n: number): bigint[][][] {
  const rng = new Prng(seed);
  const out: bigint[][][] = [];
  const code = (field: number): bigint => (BigInt(rng.below(2)) << 31n) | (BigInt(field) << 23n) | rng.bits(23);
  const specials = [0n, 0x80000000n, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0x7f7fffffn, 0x00000001n, 0x007fffffn, 0x00800000n];
  while (out.length < n) {
    const kind = rng.below(7);
    let a: bigint;
    let b: bigint;
    if (kind === 0) [a, b] = [rng.bits(32), rng.bits(32)];
    else if (kind === 1) {
      a = code(rng.int(0, 254));
      b = (a ^ (BigInt(rng.below(2)) << 31n)) + BigInt(rng.int(-3, 3)); // near cancellation or a carry-out
      b &= 0xffffffffn;
    } else if (kind === 2) [a, b] = [code(rng.int(0, 3)), code(rng.int(0, 3))]; // subnormal range
    else if (kind === 3) [a, b] = [code(rng.int(240, 254)), code(rng.int(240, 254))]; // overflow
    else if (kind === 4) {
      const e = rng.int(1, 254);
      [a, b] = [code(e), code(Math.max(0, Math.min(254, e + rng.int(-30, 30))))];
    } else if (kind === 5) [a, b] = [code(rng.int(50, 140)), code(rng.int(1, 110))]; // products into the subnormal range
    else [a, b] = [specials[rng.below(specials.length)]!, rng.below(2) ? specials[rng.below(specials.length)]! : code(rng.int(0, 254))];
    const i = BigInt(rng.int(-(2 ** 19), 2 ** 19 - 1)) >> BigInt(rng.below(19));
    out.push([[a, b, i]]);
  }
  return out;
}

describe('IEEE ops rounded once (lib fp ieee-op)', () => {
  const rtl = emitToTemp(unit(), 'ieee-op');
  const t: CosimTarget = { top: rtl.top, files: rtl.files, inputs: dataPorts(rtl, 'input'), outputs: dataPorts(rtl, 'output'), protocol: { kind: 'comb' } };
  // Every E5M2 code pair, each beside a seeded FP32 pair and integer.
  const f32 = fp32Vectors(11, 65536);
  // The flag beside the fixed-point register: finite mostly, each special in turn on every 8th vector.
  const all: bigint[][][] = f32.map(([[c, d, i]], k) => [[BigInt(k >> 8), BigInt(k & 255), c!, d!, i!, k % 8 === 0 ? BigInt((k >> 3) % 4) : 0n]]);

  it('is lint-clean (Verilator -Wall, Icarus, Yosys)', async () => {
    const bad = await lintFailures(rtl);
    expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
  });

  for (const sim of ['verilator', 'icarus'] as const) {
    // Icarus is ~40× slower on this module: every 16th vector (E5M2 pairs of every a, 16 b each).
    const vs = sim === 'verilator' ? all : all.filter((_, k) => k % 16 === 5);
    it(`equal fpAdd/fpSub/fpMul on ${vs.length} vectors (E5M2 pairs, FP32 pairs, INT20 × FP32; ${sim})`, async () => {
      const r = await runCosim({ target: t, golden, vectors: vs, sim });
      expect(r.failed, formatCosimReport(r)).toBe(0);
      expect(r.passed).toBe(vs.length);
    });
  }
});
