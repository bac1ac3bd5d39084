/**
 * MixPE W4A16 product unit (src/pe/mixpe/rtl-fp-product.ts) against level b `macProductFp`:
 * every 16-bit activation code × every 4-bit weight pattern (2^20 vectors) on Verilator, for
 * FP16 and BF16 activations and unsigned and signed weights at once (one bank of four units);
 * on Icarus the spec §4 corner activations × all 16 weights plus seeded random codes.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimTarget } from '../../../src/cosim/types.ts';
import { Prng } from '../../../src/util/prng.ts';
import { macProductFp } from '../../../src/pe/mixpe/golden-mac.ts';
import { mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { fpConfigTag, mixpeFpProduct } from '../../../src/pe/mixpe/rtl-fp-product.ts';
import { dataPorts, emitToTemp, lintFailures } from '../../lib/rtl-harness.ts';

const CONFIGS: MixpeParams[] = [
  mixpeParams({ activation: 'FP16', weightSigned: false }),
  mixpeParams({ activation: 'FP16', weightSigned: true }),
  mixpeParams({ activation: 'BF16', weightSigned: false }),
  mixpeParams({ activation: 'BF16', weightSigned: true }),
];

/** Four product units on one activation code and one weight bit pattern. */
function bank() {
  return module(
    'fp_mul_bank',
    (m) => {
      const x = m.input('x', uint(16));
      const q = m.input('q', uint(4));
      for (const p of CONFIGS) {
        const tag = fpConfigTag(p);
        const o = m.instance(`u_${tag}`, mixpeFpProduct(p, { normalize: true }), { x, q: p.weightSigned ? q.asSigned() : q });
        for (const port of ['s', 'e', 'neg', 'nan', 'inf', 'shift', 'ep']) m.output(`${tag}_${port}`, o[port]!);
      }
    },
    { clock: null },
  );
}

/** Level b for one (code, weight bits) pair, in the bank's output order. */
function golden([[a, qBits]]: bigint[][]): bigint[][] {
  const out: bigint[] = [];
  for (const p of CONFIGS) {
    const q = p.weightSigned && qBits! >= 8n ? qBits! - 16n : qBits!;
    const r = macProductFp(a!, q, p);
    out.push(r.S, BigInt(r.E), r.neg ? 1n : 0n, r.kind === 'nan' ? 1n : 0n, r.kind === 'inf' ? 1n : 0n, BigInt(r.shift ?? 0), BigInt(r.Ep ?? 0));
  }
  return [out];
}

/** Spec test case 4 activations (FP16), the same roles in BF16, and sign-flipped copies. */
const CORNERS = [
  0x0000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0x7bff, 0x7c00, 0x7e00, 0x7c01, 0x7fff, // FP16: +0, min/max subnormal, min normal, 1.0, 65504, Inf, NaNs
  0x0001, 0x007f, 0x0080, 0x3f80, 0x7f7f, 0x7f80, 0x7fc0, 0x7f81, // BF16: min/max subnormal, min normal, 1.0, max, Inf, NaNs
].flatMap((c) => [c, c | 0x8000]);

describe('MixPE W4A16 product unit RTL', () => {
  const rtl = emitToTemp(bank(), 'fp-mul-bank');
  const target: CosimTarget = {
    top: rtl.top,
    files: rtl.files,
    inputs: dataPorts(rtl, 'input'),
    outputs: dataPorts(rtl, 'output'),
    protocol: { kind: 'comb' },
  };

  it('refuses INT8 activations with the parameter named', () => {
    expect(() => mixpeFpProduct(mixpeParams({ activation: 'INT8' }))).toThrow(/activation = INT8/);
  });

  it('is lint-clean (Verilator -Wall, Icarus, Yosys)', async () => {
    const bad = await lintFailures(rtl);
    expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
  });

  it('equals macProductFp for all 2^16 codes × 16 weights, FP16/BF16 × UINT4/INT4 (Verilator)', async () => {
    const r = await runCosim({ target, golden, vectorOptions: { exhaustiveMaxBits: 20 }, sim: 'verilator' });
    expect(r.vectorsDescription).toBe('exhaustive 2^20');
    expect(r.failed, formatCosimReport(r)).toBe(0);
    expect(r.passed).toBe(2 ** 20);
  });

  it('equals macProductFp on corner codes × all weights and random codes (Icarus)', async () => {
    const rng = new Prng(4);
    const txns: bigint[][][] = [];
    for (const c of CORNERS) for (let q = 0; q < 16; q++) txns.push([[BigInt(c), BigInt(q)]]);
    for (let i = 0; i < 3000; i++) txns.push([[BigInt(rng.u32() & 0xffff), BigInt(rng.u32() & 15)]]);
    const r = await runCosim({ target, golden, vectors: txns, sim: 'icarus' });
    expect(r.failed, formatCosimReport(r)).toBe(0);
    expect(r.passed).toBe(CORNERS.length * 16 + 3000);
  });
});
