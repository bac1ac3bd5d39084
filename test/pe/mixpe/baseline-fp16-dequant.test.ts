/**
 * FP16 weight dequantizer (src/pe/mixpe/baseline-fp16-dequant.ts) against `dequantWeightFp16`: every
 * FP16 scale code (each with a different (Q, z) pair, cycling through all 256) plus the spec
 * corner scales × every (Q, z), for UINT4 (with z) and INT4 (z = 0) weights at once; Verilator
 * runs them all, Icarus the corners and a seeded sample.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimTarget } from '../../../src/cosim/types.ts';
import { Prng } from '../../../src/util/prng.ts';
import { dequantWeightFp16 } from '../../../src/pe/mixpe/golden-baseline.ts';
import { fp16DequantUnit } from '../../../src/pe/mixpe/baseline-fp16-dequant.ts';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { dataPorts, emitToTemp, lintFailures } from '../../lib/rtl-harness.ts';

const CORNER_SCALES = [0x0000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0x3c01, 0x7bff, 0x7c00, 0x7e00, 0x7c01].flatMap((c) => [c, c | 0x8000]);

function bank() {
  return module(
    'dequant_bank',
    (m) => {
      const q = m.input('q', uint(4));
      const z = m.input('z', uint(4));
      const s = m.input('s', uint(16));
      m.output('w_u', m.instance('u_u', fp16DequantUnit(mixpeParams({ activation: 'FP16' })), { q, z, s }).w!);
      m.output('w_s', m.instance('u_s', fp16DequantUnit(mixpeParams({ activation: 'FP16', weightSigned: true })), { q: q.asSigned(), s }).w!);
    },
    { clock: null },
  );
}

function golden([[q, z, s]]: bigint[][]): bigint[][] {
  return [[dequantWeightFp16(s!, q!, z!), dequantWeightFp16(s!, q! >= 8n ? q! - 16n : q!, 0n)]];
}

describe('FP16 weight dequantizer RTL', () => {
  const rtl = emitToTemp(bank(), 'dequant-bank');
  const target: CosimTarget = { top: rtl.top, files: rtl.files, inputs: dataPorts(rtl, 'input'), outputs: dataPorts(rtl, 'output'), protocol: { kind: 'comb' } };
  const corners: bigint[][][] = CORNER_SCALES.flatMap((s) => Array.from({ length: 256 }, (_, i) => [[BigInt(i & 15), BigInt(i >> 4), BigInt(s)]]));

  it('is lint-clean (Verilator -Wall, Icarus, Yosys)', async () => {
    const bad = await lintFailures(rtl);
    expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
  });

  it('equals dequantWeightFp16 for every scale code and every (Q, z) on corner scales (Verilator)', async () => {
    const all: bigint[][][] = Array.from({ length: 65536 }, (_, s) => [[BigInt((s * 7) & 15), BigInt((s * 13 >> 4) & 15), BigInt(s)]]);
    const r = await runCosim({ target, golden, vectors: [...corners, ...all], sim: 'verilator' });
    expect(r.failed, formatCosimReport(r)).toBe(0);
    expect(r.passed).toBe(corners.length + 65536);
  });

  it('equals dequantWeightFp16 on the corners and seeded random codes (Icarus)', async () => {
    const rng = new Prng(9);
    const rand: bigint[][][] = Array.from({ length: 3000 }, () => [[BigInt(rng.below(16)), BigInt(rng.below(16)), BigInt(rng.below(65536))]]);
    const r = await runCosim({ target, golden, vectors: [...corners, ...rand], sim: 'icarus' });
    expect(r.failed, formatCosimReport(r)).toBe(0);
  });
});
