/**
 * The bit-serial multiplier (src/lib/arith/serial-mul.ts) against the exact product: a stream
 * wrapper loads (x, y) on the last beat of an (S + 1)-beat transaction and steps
 * the S − 1 following cycles (a delay line of the load pulse), and the product is read S cycles
 * after the load. Signed 12-bit × 11-bit (the MixPE FP16-scale geometry) and unsigned 24-bit ×
 * 8-bit (FP32_RNE significand × BF16 scale), seeded random operands plus the extremes, on Icarus;
 * on Verilator it is cosimulated inside the MixPE BIT_SERIAL array builds.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import { Prng } from '../../../src/util/prng.ts';
import { serialMultiplier } from '../../../src/lib/arith/serial-mul.ts';
import { groupStreamTop } from '../../../src/lib/stream/group-top.ts';
import { shiftChain } from '../../../src/lib/array/topology.ts';
import { emitToTemp, lintFailures, streamTarget } from '../rtl-harness.ts';

/** One unit: x (signed when `signed`), y (S bits); product after S − 1 steps. */
function unit(name: string, xw: number, S: number, signed: boolean) {
  return module(
    name,
    (m) => {
      const x = m.input('x', signed ? sint(xw) : uint(xw));
      const y = m.input('y', uint(S));
      const en = m.input('en', uint(1));
      const last = m.input('last', uint(1));
      const load = m.wire('load', en.and(last));
      const taps = shiftChain(m, 'stp', load, S - 1);
      const step = taps.slice(1).reduce((a, b) => a.or(b), taps[0]!);
      m.output('p', serialMultiplier(m, 'sm', { load, step, x, y }));
    },
  );
}

const S = 11;
const A = unit('sm_s12x11', 12, 11, true);
const B = unit('sm_u24x8', 24, 8, false);
// The products are complete S − 1 steps after the load, read one cycle later: latency S, G = S + 1 beats.
const G = S + 1;
const top = groupStreamTop('serial_mul_top', G, S, [
  { name: 'xa', type: uint(12) },
  { name: 'ya', type: uint(11) },
  { name: 'xb', type: uint(24) },
  { name: 'yb', type: uint(8) },
], [
  { inst: 'a', def: A, connect: (i) => ({ x: i.xa!.asSigned(), y: i.ya! }) },
  { inst: 'b', def: B, connect: (i) => ({ x: i.xb!, y: i.yb! }) },
]);

function vectors(n: number): bigint[][][] {
  const rng = new Prng(17);
  const ex: [bigint, bigint, bigint, bigint][] = [
    [0x800n, 0x7ffn, 0xffffffn, 0xffn],
    [0x7ffn, 0x7ffn, 0n, 0xffn],
    [0xfffn, 0x400n, 1n, 0x80n],
    [0n, 0n, 0x800000n, 1n],
  ];
  const out: bigint[][][] = [];
  for (let i = 0; i < n; i++) {
    const [xa, ya, xb, yb] = i < ex.length ? ex[i]! : [rng.bits(12), rng.bits(11), rng.bits(24), rng.bits(8)];
    // The operands are read on the last beat only; earlier beats carry junk.
    out.push(Array.from({ length: G }, (_, k) => (k === G - 1 ? [xa, ya, xb, yb] : [rng.bits(12), rng.bits(11), rng.bits(24), rng.bits(8)])));
  }
  return out;
}

function golden(beats: bigint[][]): bigint[][] {
  const [xa, ya, xb, yb] = beats[G - 1]!;
  const sa = xa! >= 0x800n ? xa! - 0x1000n : xa!;
  return [[sa * ya!, xb! * yb!]];
}

describe('bit-serial multiplier (lib arith serial-mul)', () => {
  const rtl = emitToTemp(top, 'serial-mul');
  const target = streamTarget(rtl, G);

  it('is lint-clean (Verilator -Wall, Icarus, Yosys)', async () => {
    const bad = await lintFailures(rtl);
    expect(bad.map((r) => `${r.tool}: ${r.output}`).join('\n')).toBe('');
  });

  // Icarus here; the same block runs on Verilator and Icarus inside the MixPE array cosims
  // (CI time: one Verilator build fewer).
  for (const sim of ['icarus'] as const) {
    it(`equals the exact products on 600 operand pairs with random stalls (${sim})`, async () => {
      const r = await runCosim({ target, golden, vectors: vectors(600), sim, seed: 3 });
      expect(r.failed, formatCosimReport(r)).toBe(0);
      expect(r.passed).toBe(600);
    });
  }

  it('refuses a multiplier narrower than 2 bits or signed', () => {
    expect(() => module('bad', (m) => { m.output('p', serialMultiplier(m, 'sm', { load: m.input('l', uint(1)), step: m.input('s', uint(1)), x: m.input('x', uint(4)), y: m.input('y', uint(1)) })); })).toThrow(/at least 2 bits/);
  });
});
