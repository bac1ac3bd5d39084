/**
 * FP16 FMA baseline PE (src/pe/mixpe/baseline-fp16-fma-pe.ts) against `fp16FmaGroupSum`, bit for bit on
 * Verilator and Icarus: the plain PE (FP16 weight in) and the PE with the in-PE dequantizer
 * (q, z, s in; golden: `dequantWeightFp16` then the FMA chain) on the same seeded groups —
 * wide and narrow exponents, cancellation, Inf/NaN, zeros and subnormals, extremes.
 */
import { describe, expect, it } from 'vitest';
import { uint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import { Prng } from '../../../src/util/prng.ts';
import { dequantWeightFp16, fp16FmaGroupSum } from '../../../src/pe/mixpe/golden-baseline.ts';
import { fp16FmaBaselinePe } from '../../../src/pe/mixpe/baseline-fp16-fma-pe.ts';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { groupStreamTop } from '../../../src/lib/stream/group-top.ts';
import { emitToTemp, lintFailures, streamTarget } from '../../lib/rtl-harness.ts';

const G = 32;
const fp16 = (sign: number, field: number, frac: number): bigint => BigInt((sign << 15) | (field << 10) | frac);

/** Beats [x, w, q, z, s]; s and z are constant over a group (one quantization group). */
function group(rng: Prng, kind: number): bigint[][] {
  const fin = (lo = 0, hi = 30): bigint => fp16(rng.u32() & 1, rng.int(lo, hi), rng.u32() & 0x3ff);
  const s = kind === 6 ? 0x7bffn : fin(5, 20);
  const z = BigInt(rng.below(16));
  const beats: bigint[][] = [];
  for (let k = 0; k < G; k++) {
    let x = fin();
    let w = fin();
    if (kind === 1) [x, w] = [fin(10, 16), fin(12, 18)];
    if (kind === 4) [x, w] = [fp16(rng.u32() & 1, 0, rng.u32() & 0x3ff), fp16(rng.u32() & 1, rng.int(0, 1), rng.u32() & 0x3ff)];
    if (kind === 5) [x, w] = [k % 2 ? 0xfbffn : 0x7bffn, 0x7bffn];
    beats.push([x, w, BigInt(rng.below(16)), z, s]);
  }
  if (kind === 2) for (let i = 1 + rng.below(3); i > 0; i--) beats[rng.below(G)]![rng.below(2)] = [0x7c00n, 0xfc00n, 0x7e00n, 0x0000n][rng.below(4)]!;
  if (kind === 3) for (let k = G / 2; k < G; k++) beats[k] = [beats[k - G / 2]![0]! ^ 0x8000n, ...beats[k - G / 2]!.slice(1)];
  return beats;
}

function groups(seed: number, n: number): bigint[][][] {
  const rng = new Prng(seed);
  return Array.from({ length: n }, (_, i) => group(rng, i < 7 ? i : rng.below(7)));
}

function golden(beats: bigint[][]): bigint[][] {
  const xs = beats.map((b) => b[0]!);
  const ws = beats.map((b) => b[1]!);
  const dq = beats.map((b) => dequantWeightFp16(b[4]!, b[2]!, b[3]!));
  return [[fp16FmaGroupSum(xs, ws), fp16FmaGroupSum(xs, dq)]];
}

describe('FP16 FMA baseline PE RTL', () => {
  it('equals the FMA golden chain, with and without in-PE dequantization (lint-clean; Verilator and Icarus)', async () => {
    const p = mixpeParams({ activation: 'FP16', G, K: 4 * G });
    const top = groupStreamTop('fma_pe_top', G, 0, ['x', 'w', 'q', 'z', 's'].map((name) => ({ name, type: uint(name === 'q' || name === 'z' ? 4 : 16) })), [
      { inst: 'fma', def: fp16FmaBaselinePe(p), connect: (i) => ({ x: i.x!, w: i.w! }) },
      { inst: 'fma_dq', def: fp16FmaBaselinePe(p, { dequantInPe: true }), connect: (i) => ({ x: i.x!, q: i.q!, z: i.z!, s: i.s! }) },
    ]);
    const rtl = emitToTemp(top, 'fma-pe');
    const bad = await lintFailures(rtl);
    expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
    const target = streamTarget(rtl, G);
    for (const [sim, n] of [['verilator', 3000], ['icarus', 150]] as const) {
      const r = await runCosim({ target, golden, vectors: groups(n, n), sim, seed: 5 });
      expect(r.failed, formatCosimReport(r)).toBe(0);
      expect(r.passed).toBe(n);
    }
  });
});
