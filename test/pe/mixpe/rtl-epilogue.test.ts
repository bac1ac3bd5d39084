/**
 * The per-column dequantization epilogue (src/pe/mixpe/rtl-epilogue.ts), through small arrays
 * whose every output passes it, against level b: special scale and activation-scale codes
 * (±Inf, NaN, ±0, subnormal, largest finite: IEEE through t, u, v, Y and y; Inf · 0 = NaN;
 * +Inf + −Inf = NaN; output overflow), weight widths 2/3/4 signed and unsigned, BF16 and FP32
 * scales, FP32 output, directed and tie rounding modes, SATURATE overflow, and a single-group
 * tile (first and last group at once). Three configurations use the BIT_SERIAL dequantization unit
 * (BF16 scales: 8 cycles per result; FP16: 11, into the two-group Y chain, and shared by two columns). Both simulators.
 */
import { describe, expect, it } from 'vitest';
import { infCode, maxFiniteCode, nanCode } from '../../../src/golden/float/encode.ts';
import { mixpeFormat, mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import type { MixpeInputs, Scalar } from '../../../src/pe/mixpe/golden-inputs.ts';
import { randomInputs, codeOf } from '../../../src/pe/mixpe/vectors.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { arrayCosimSpec, arrayGolden, inputsToBeats } from '../../../src/pe/mixpe/rtl-cosim.ts';
import { cosim } from '../../lib/cosim-harness.ts';

/** Tiles with special and extreme scale codes placed over a seeded random tile. */
function specialTiles(p: MixpeParams): MixpeInputs[] {
  const sf = mixpeFormat(p.scaleFormat);
  const xf = mixpeFormat(p.actScaleFormat);
  const groups = p.K / p.G;
  const s = {
    pinf: infCode(false, sf),
    ninf: infCode(true, sf),
    nan: nanCode(sf),
    pz: 0n,
    nz: 1n << BigInt(sf.expBits + sf.manBits),
    sub: 1n,
    max: maxFiniteCode(false, sf),
    one: codeOf(p.scaleFormat, 1n),
  };
  const x = { pinf: infCode(false, xf), nan: nanCode(xf), pz: 0n, max: maxFiniteCode(false, xf), neg: codeOf(p.actScaleFormat, -3n, 2n), sub: 1n };
  const base = (seed: number): MixpeInputs => randomInputs(p, { seed });
  const sRow = (vals: bigint[]): Scalar[] => Array.from({ length: p.cols }, (_, n) => vals[n % vals.length]!);
  const tiles: MixpeInputs[] = [];
  const order: bigint[][] = [
    [s.pinf, s.nan, s.pz, s.ninf, s.sub, s.one],
    [s.ninf, s.one, s.nz, s.pinf, s.max, s.nan],
  ];
  // Special scales per (group, column); a row of zero activations makes u = 0 (Inf · 0 = NaN).
  const a = base(101);
  tiles.push({
    ...a,
    X: a.X.map((r, m) => (m === 0 ? r.map(() => 0n) : r)),
    S: Array.from({ length: groups }, (_, g) => sRow(order[g % 2]!)),
  });
  // +Inf in group 0 and −Inf in the last group of one column: Y = +Inf + (−Inf) = NaN unless u = 0.
  const b = base(102);
  tiles.push({ ...b, S: Array.from({ length: groups }, (_, g) => sRow(g === 0 ? [s.pinf] : g === groups - 1 ? [s.ninf] : [s.one])) });
  // Special and extreme activation scales s_x (Inf, NaN, ±0 with finite Y, largest finite: overflow).
  const c = base(103);
  const sxVals = [x.pinf, x.nan, x.pz, x.max, x.neg, x.sub];
  tiles.push({ ...c, S: Array.from({ length: groups }, () => sRow([s.max, s.one])), SX: c.X.map((_, m) => sxVals[m % sxVals.length]!) });
  // Largest finite scales everywhere: results overflow the output format.
  const d = base(104);
  tiles.push({ ...d, S: Array.from({ length: groups }, () => sRow([s.max])), SX: d.X.map(() => x.max) });
  return tiles;
}

async function check(p: MixpeParams, seed: number) {
  const base = arrayCosimSpec(p, { random: 6, tiles: 2, seed });
  const special = specialTiles(p).map((t) => inputsToBeats(t, p));
  // The special tiles do produce non-finite outputs (all-ones exponent field).
  const f = mixpeFormat(p.outputFormat);
  const expMask = ((1n << BigInt(f.expBits)) - 1n) << BigInt(f.manBits);
  const golden = arrayGolden(p);
  const nonFinite = special.flatMap((t) => golden(t).flat()).filter((y) => (y & expMask) === expMask);
  expect(nonFinite.length).toBeGreaterThan(p.rows * p.cols);
  const r = await cosim(mixpeArray(p), { ...base, corners: [...base.corners!, ...special] }, { seed });
  expect(r.failed, r.report).toBe(0);
  expect(r.vectors).toBe(base.corners!.length + special.length + 6);
}

describe('MixPE column epilogue', () => {
  it('W4 unsigned, FP16 scales: special and extreme scales and activation scales (both simulators)', async () => {
    await check(mixpeParams({ rows: 2, cols: 3, G: 32, K: 64 }), 21);
  });

  it('W2 unsigned, BF16 scales, FP32 activation scale, FP32 output, TIES_AWAY, BIT_SERIAL dequantization (both simulators)', async () => {
    const p = mixpeParams({ rows: 3, cols: 2, G: 32, K: 96, weightBits: 2, scaleFormat: 'BF16', actScaleFormat: 'FP32', outputFormat: 'FP32', outputRound: 'TIES_AWAY', dequantUnit: 'BIT_SERIAL' });
    await check(p, 22);
  });

  it('W3 signed, FLOOR with SATURATE overflow, BIT_SERIAL into the two-group (compact) Y chain (both simulators)', async () => {
    const p = mixpeParams({ rows: 2, cols: 2, G: 32, K: 64, weightBits: 3, weightSigned: true, outputRound: 'FLOOR', outputOverflow: 'SATURATE', dequantUnit: 'BIT_SERIAL' });
    await check(p, 23);
  });

  it('a single group per tile (K = G = 128): the first group is the last; BIT_SERIAL, one epilogue for 2 columns (both simulators)', async () => {
    const p = mixpeParams({ rows: 1, cols: 2, G: 128, K: 128, dequantUnit: 'BIT_SERIAL' });
    expect(p.epilogues).toBe(1);
    await check(p, 24);
  });
});
