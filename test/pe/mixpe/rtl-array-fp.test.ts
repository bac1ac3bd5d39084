/**
 * The MixPE array with a pluggable PE (rtl-pe-interface.ts): the W4A16 FP16-activation PE
 * (rtl-pe-fp.ts `fpPe`, EXACT_WIDE Kulisch P_g with LSB 2^−24 and IEEE special flags) in the
 * same array, row edge (R_g from the same PE with the weight tied to 1) and epilogue as the
 * W4A8 path, against level b `gemmTile` on both simulators. Tiles: the FP spec corners
 * (subnormals, output overflow and near-max, cancellation, ±0/±Inf/NaN activations),
 * realistic seeded tiles, tiles with 5 % special activations, and uniformly random codes. The
 * array option `zeroPoint: 'COLUMN_EDGE'` with FP16 (in the same Verilator build as the UINT4
 * ROW_SUM array, `rowSumAndFolded`) and BF16 activations. Also `accMode = BLOCK_ALIGN` with FP16
 * (UINT4 + zero point, 3 guard bits) and BF16 (INT4, 0 guard bits, FP32 output, CEIL,
 * BIT_SERIAL dequantization) activations.
 */
import { describe, expect, it } from 'vitest';
import { module, type ModuleDef } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import type { CosimSpec } from '../../../src/dsl/design.ts';
import { mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { fpPe } from '../../../src/pe/mixpe/rtl-pe-fp.ts';
import { arrayCosimSpec, arrayInputNames, arrayOutputNames, inputsToBeats } from '../../../src/pe/mixpe/rtl-cosim.ts';
import { randomInputs } from '../../../src/pe/mixpe/vectors.ts';
import { cosim } from '../../lib/cosim-harness.ts';
import { baselineArrayCosimSpec, swapZeroPoints } from '../../../src/pe/mixpe/baseline-int8-array-cosim.ts';

/**
 * One Verilator build for two arrays of the same parameters (CI time): `mixpeArray(p, { pe: fpPe })`
 * (ROW_SUM: z on the last beat of a group) and `mixpeArray(p, { zeroPoint: 'COLUMN_EDGE' })` (z on
 * the first beat, ports `zf_<c>`), side by side behind a join of their handshakes (a beat enters
 * both or neither; an output beat leaves both or neither), outputs `y_<c>` and `yf_<c>`. Each
 * array keeps its own ports, so each is checked against its own protocol: the golden model is
 * level b of the ROW_SUM beats, and level b of the same beats with zf in the z slots read from the
 * first beat (`baselineArrayGolden`).
 */
function rowSumAndFolded(p: MixpeParams): { def: ModuleDef; spec: (rs: CosimSpec, folded: CosimSpec) => CosimSpec; names: { zf: string[] } } {
  const a = mixpeArray(p, { pe: fpPe, name: 'mixpe_rowsum' });
  const b = mixpeArray(p, { zeroPoint: 'COLUMN_EDGE', name: 'mixpe_folded' });
  const names = arrayInputNames(p);
  const zf = Array.from({ length: p.cols }, (_, c) => `zf_${c}`);
  const def = module('mixpe_pair', (m) => {
    const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
    // Each input as wide as the ROW_SUM array's port of that name (all unsigned codes).
    const width = (n: string): number => a.ir.signals[a.ir.ports.find((q) => q.name === n)!.signal]!.width;
    const ins = Object.fromEntries(names.map((n) => [n, m.input(n, uint(width(n)))]));
    const zfs = zf.map((_, c) => m.input(`zf_${c}`, uint(width(`z_${c}`))));
    const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
    // Join: ready only when both are; valid out only when both are.
    const wA = m.wire('ready_a', uint(1));
    const wB = m.wire('ready_b', uint(1));
    const vA = m.wire('valid_a', uint(1));
    const vB = m.wire('valid_b', uint(1));
    const inGo = inValid.and(wA).and(wB);
    const outGo = outReady.and(vA).and(vB);
    const oa = m.instance('a', a, { ...ins, in_valid: inGo, out_ready: outGo });
    const ob = m.instance('b', b, { ...ins, ...Object.fromEntries(zfs.map((z, c) => [`z_${c}`, z])), in_valid: inGo, out_ready: outGo });
    wA.set(oa.in_ready!);
    wB.set(ob.in_ready!);
    vA.set(oa.out_valid!);
    vB.set(ob.out_valid!);
    for (let c = 0; c < p.cols; c++) m.output(`y_${c}`, oa[`y_${c}`]!);
    for (let c = 0; c < p.cols; c++) m.output(`yf_${c}`, ob[`y_${c}`]!);
    m.output('in_ready', wA.and(wB), { protocol: 'ready' });
    m.output('out_valid', vA.and(vB), { protocol: 'valid' });
  });
  const zSlots = names.flatMap((n, i) => (/^z_\d+$/.test(n) ? [i] : []));
  // The folded array's view of a pair beat: its z slots are the zf inputs.
  const foldedView = (beats: readonly (readonly bigint[])[]): bigint[][] =>
    beats.map((bt) => bt.slice(0, names.length).map((v, i) => (zSlots.includes(i) ? bt[names.length + zSlots.indexOf(i)]! : v)));
  const spec = (rs: CosimSpec, folded: CosimSpec): CosimSpec => ({
    ...rs,
    inputs: [...names, ...zf],
    outputs: [...arrayOutputNames(p), ...zf.map((_, c) => `yf_${c}`)],
    golden: (beats) => {
      const ya = rs.golden(beats.map((bt) => bt.slice(0, names.length)));
      const yb = folded.golden(foldedView(beats));
      return ya.map((row, r) => [...row, ...yb[r]!]);
    },
  });
  return { def, spec, names: { zf } };
}

/** A pair transaction from a ROW_SUM tile and a first-beat (COLUMN_EDGE) tile of the same shape. */
const pairBeats = (rs: readonly (readonly bigint[])[], folded: readonly (readonly bigint[])[], p: MixpeParams): bigint[][] => {
  const names = arrayInputNames(p);
  const zSlots = names.flatMap((n, i) => (/^z_\d+$/.test(n) ? [i] : []));
  return rs.map((bt, k) => [...bt, ...zSlots.map((i) => folded[k]![i]!)]);
};

describe('MixPE array with the FP16-activation PE', () => {
  // UINT4 + zero point: the ROW_SUM array and its zeroPoint COLUMN_EDGE variant (Q − z at the
  // column edge, zero-folded PEs, no R_g row edge; z on the first beat of each group) in one
  // build. Each pair tile drives the ROW_SUM array with a MixPE tile (z on the last beat, junk on
  // the first) and the folded array with the same tile with its z slots swapped (z on the first
  // beat, junk on the last), so both compute the same outputs and an array that sampled the
  // wrong beat fails.
  it('equals level b with UINT4 + zero point weights, zeroPoint ROW_SUM and COLUMN_EDGE (both simulators, one build)', async () => {
    const p = mixpeParams({ activation: 'FP16', rows: 2, cols: 3, G: 32, K: 64 });
    const rs = arrayCosimSpec(p, { random: 6, tiles: 2, seed: 51 });
    const pair = rowSumAndFolded(p);
    const specials = [1, 2, 3].map((s) => inputsToBeats(randomInputs(p, { seed: 60 + s, specials: 0.05 }), p));
    const folded = baselineArrayCosimSpec(p, { random: 6, tiles: 2, seed: 51 });
    const corners = [...rs.corners!, ...specials].map((t) => pairBeats(t, swapZeroPoints(t, p), p));
    // The folded tiles of the old separate test (seed 53 realistic tiles, 5 % special activations).
    const extra = [...baselineArrayCosimSpec(p, { corners: false, tiles: 2, seed: 53 }).corners!, ...[0, 1, 2].map((s) => swapZeroPoints(inputsToBeats(randomInputs(p, { seed: 71 + s, specials: 0.05 }), p), p))];
    const all = [...corners, ...extra.map((t) => pairBeats(swapZeroPoints(t, p), t, p))];
    const r = await cosim(pair.def, { ...pair.spec(rs, folded), corners: all }, { seed: 6 });
    expect(r.failed, r.report).toBe(0);
    expect(r.vectors).toBe(all.length + 6);
    expect(r.passed).toBe(2 * (all.length + 6));
  });

  it('equals level b with INT4 weights (both simulators)', async () => {
    const p = mixpeParams({ activation: 'FP16', rows: 2, cols: 3, G: 32, K: 64, weightSigned: true });
    const spec = arrayCosimSpec(p, { random: 6, tiles: 2, seed: 51 });
    const specials = [1, 2, 3].map((s) => inputsToBeats(randomInputs(p, { seed: 60 + s, specials: 0.05 }), p));
    const r = await cosim(mixpeArray(p, { pe: fpPe }), { ...spec, corners: [...spec.corners!, ...specials] }, { seed: 6 });
    expect(r.failed, r.report).toBe(0);
    expect(r.vectors).toBe(spec.corners!.length + specials.length + 6);
  });

  // zeroPoint COLUMN_EDGE with BF16 activations (a ~290-bit Kulisch register per PE, so a 1 × 2
  // array with fewer tiles); z on the first beat (the baseline mapping swaps the z slots).
  for (const c of [
    { activation: 'BF16', scaleFormat: 'BF16', outputFormat: 'FP32', rows: 1, cols: 2, n: 2, specials: 1 },
  ] as const) {
    it(`equals level b with zeroPoint COLUMN_EDGE: ${JSON.stringify(c)} (both simulators)`, async () => {
      const { n, specials: ns, ...o } = c;
      const p = mixpeParams({ G: 32, K: 64, ...o });
      const spec = baselineArrayCosimSpec(p, { random: n, tiles: 2, seed: 53 });
      const specials = Array.from({ length: ns }, (_, s) => swapZeroPoints(inputsToBeats(randomInputs(p, { seed: 71 + s, specials: 0.05 }), p), p));
      const corners = [...spec.corners!, ...specials];
      const r = await cosim(mixpeArray(p, { zeroPoint: 'COLUMN_EDGE' }), { ...spec, corners }, { seed: 7 });
      expect(r.failed, r.report).toBe(0);
      expect(r.passed).toBe(2 * (corners.length + n));
    });
  }

  // crossGroupAcc FP32_RNE: exact P_g / R_g (EXACT_WIDE PEs and row edge), u exact, then u, v and
  // Y rounded to FP32 in the FP32 epilogue (rtl-epilogue-fp32.ts); ROW_SUM and COLUMN_EDGE in one
  // build (two-group tile, FP32 output so that each FP32 rounding shows), and BF16 INT4 with three groups, FP32 output and SATURATE.
  it('equals level b with crossGroupAcc FP32_RNE, zeroPoint ROW_SUM and COLUMN_EDGE (both simulators, one build)', async () => {
    const p = mixpeParams({ activation: 'FP16', rows: 2, cols: 3, G: 32, K: 64, outputFormat: 'FP32', crossGroupAcc: 'FP32_RNE' });
    const rs = arrayCosimSpec(p, { random: 6, tiles: 2, seed: 57 });
    const folded = baselineArrayCosimSpec(p, { random: 6, tiles: 2, seed: 57 });
    const specials = [1, 2].map((s) => inputsToBeats(randomInputs(p, { seed: 90 + s, specials: 0.05 }), p));
    const all = [...rs.corners!, ...specials].map((t) => pairBeats(t, swapZeroPoints(t, p), p));
    const pair = rowSumAndFolded(p);
    const r = await cosim(pair.def, { ...pair.spec(rs, folded), corners: all }, { seed: 9 });
    expect(r.failed, r.report).toBe(0);
    expect(r.passed).toBe(2 * (all.length + 6));
  });

  it('equals level b with crossGroupAcc FP32_RNE, BF16 INT4, three groups, FP32 output, SATURATE (both simulators)', async () => {
    const p = mixpeParams({ activation: 'BF16', rows: 1, cols: 2, G: 32, K: 96, weightSigned: true, scaleFormat: 'BF16', outputFormat: 'FP32', outputOverflow: 'SATURATE', crossGroupAcc: 'FP32_RNE' });
    const spec = arrayCosimSpec(p, { random: 4, tiles: 2, seed: 58 });
    const specials = [inputsToBeats(randomInputs(p, { seed: 95, specials: 0.05 }), p)];
    const corners = [...spec.corners!, ...specials];
    const r = await cosim(mixpeArray(p, { pe: fpPe }), { ...spec, corners }, { seed: 10 });
    expect(r.failed, r.report).toBe(0);
    expect(r.passed).toBe(2 * (corners.length + 4));
  });

  it('refuses zeroPoint COLUMN_EDGE where u is not one exact sum', () => {
    for (const o of [{ weightSigned: true }, { accMode: 'FP32_RNE' }, { accMode: 'BLOCK_ALIGN' }] as const) {
      expect(() => mixpeArray(mixpeParams({ activation: 'FP16', rows: 2, cols: 2, G: 32, K: 64, ...o }), { zeroPoint: 'COLUMN_EDGE' })).toThrow(/zeroPoint COLUMN_EDGE needs/);
    }
    expect(() => mixpeArray(mixpeParams({ rows: 2, cols: 2, G: 32, K: 64 }), { zeroPoint: 'COLUMN_EDGE' })).toThrow(/zeroPoint COLUMN_EDGE needs/);
    expect(() => mixpeArray(mixpeParams({ activation: 'FP16', rows: 2, cols: 2, G: 32, K: 64 }), { pe: fpPe, zeroPoint: 'COLUMN_EDGE' })).toThrow(/needs a zero-folded PE/);
  });

  // BLOCK_ALIGN: block-aligned P_g / R_g (PE `pg_e` ceilings through the drain chains), the
  // FLOOR "dequant align" of P_g and z·R_g, and the block-aligned output accumulator.
  for (const c of [
    { activation: 'FP16', guardBits: 3, K: 96 },
    { activation: 'BF16', guardBits: 0, weightSigned: true, cols: 2, outputFormat: 'FP32', outputRound: 'CEIL', dequantUnit: 'BIT_SERIAL' },
  ] as const) {
    it(`equals level b with accMode BLOCK_ALIGN: ${JSON.stringify(c)} (both simulators)`, async () => {
      const p = mixpeParams({ rows: 2, cols: 3, G: 32, K: 64, accMode: 'BLOCK_ALIGN', ...c });
      const spec = arrayCosimSpec(p, { random: 4, tiles: 2, seed: 33 });
      const specials = [1, 2].map((s) => inputsToBeats(randomInputs(p, { seed: 80 + s, specials: 0.05 }), p));
      const corners = [...spec.corners!, ...specials];
      const r = await cosim(mixpeArray(p, { pe: fpPe }), { ...spec, corners }, { seed: 8 });
      expect(r.failed, r.report).toBe(0);
      expect(r.passed).toBe(2 * (corners.length + 4));
    });
  }
});
