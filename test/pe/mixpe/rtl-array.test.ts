/**
 * The MixPE array (src/pe/mixpe/rtl-array.ts) against level b `gemmTile` for whole GEMM tiles
 * (spec test 8): 8×8 W4A8 arrays with UINT4 weights and zero points, and with INT4 weights,
 * K = 256 (two groups of G = 128), on Verilator and Icarus with random input bubbles and output stalls. Tiles: the
 * named spec corners (extreme groups, z = 0 and z = 15, all zero, the negative-scale regression tiles), realistic seeded tiles, and
 * uniformly random beats (every scale code, so Inf, NaN, zero and subnormal scales occur).
 */
import { describe, expect, it } from 'vitest';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { fpPe } from '../../../src/pe/mixpe/rtl-pe-fp.ts';
import { arrayCosimSpec, arrayInputNames, arrayOutputNames, inputsToBeats } from '../../../src/pe/mixpe/rtl-cosim.ts';
import { gemmTile } from '../../../src/pe/mixpe/golden-datapath.ts';
import { randomInputs } from '../../../src/pe/mixpe/vectors.ts';
import { cosim, emit } from '../../lib/cosim-harness.ts';
import { lintAll, readRtlDir } from '../../../src/lint/lint-rtl.ts';

describe('MixPE 8×8 W4A8 array', () => {
  it('equals level b bit for bit on GEMM tiles with K = 256, G = 128 (both simulators)', async () => {
    const p = mixpeParams({ rows: 8, cols: 8, G: 128, K: 256 });
    const top = mixpeArray(p);
    const ports = top.ir.ports.filter((q) => q.protocol === 'data');
    expect(ports.filter((q) => q.dir === 'input').map((q) => q.name)).toEqual(arrayInputNames(p));
    expect(ports.filter((q) => q.dir === 'output').map((q) => q.name)).toEqual(arrayOutputNames(p));
    const spec = arrayCosimSpec(p, { random: 4, tiles: 3 });
    expect(spec.corners!.length).toBe(7 + 3 + 1 + 3 + 4); // named corners, tiles, tie tile, tiny-s_x sweep tiles, special-s_x tiles (x2 signs)
    const r = await cosim(top, spec);
    expect(r.failed, r.report).toBe(0);
    expect(r.passed).toBe(2 * (7 + 3 + 1 + 3 + 4 + 4));
  });

  it('equals level b with signed INT4 weights (no zero point, no R_g path), K = 256, G = 128 (both simulators)', async () => {
    const p = mixpeParams({ rows: 8, cols: 8, G: 128, K: 256, weightSigned: true });
    const top = mixpeArray(p);
    expect(top.ir.ports.some((q) => q.name.startsWith('z_'))).toBe(false);
    const spec = arrayCosimSpec(p, { random: 4, tiles: 3, seed: 11 });
    expect(spec.corners!.length).toBe(7 + 3 + 1 + 3 + 4); // max-negative, max-positive, signed-min, zero-point-0, all-zero, negative-scale(s)
    const r = await cosim(top, spec, { seed: 5 });
    expect(r.failed, r.report).toBe(0);
  });
});

describe('MixPE array, accMode = BLOCK_ALIGN (INT8: block-aligned output accumulator)', () => {
  /** Group 0 tiny, group 1 huge (re-aligns the sum past its width), group 2 tiny (vanishes). */
  function vanishTile(p: ReturnType<typeof mixpeParams>): bigint[][] {
    const base = randomInputs(p, { seed: 40, M: 1, N: 1 });
    const tiny = p.scaleFormat === 'FP16' ? 0x0001n : p.scaleFormat === 'BF16' ? 0x0001n : 0x00000001n;
    const huge = p.scaleFormat === 'FP16' ? 0x7800n : p.scaleFormat === 'BF16' ? 0x7f00n : 0x7f000000n;
    const S = [[tiny], [huge], [tiny | (p.scaleFormat === 'FP32' ? 0x80000000n : 0x8000n)]];
    const inp = { ...base, S };
    // Level b: the third group's term is shifted out entirely (a lossy FLOOR), so b ≠ a but within the bound.
    const out = gemmTile(inp, p)[0]![0]!;
    expect(out.preBound!.mant).toBeGreaterThan(0n);
    return inputsToBeats(inp, p);
  }
  for (const c of [
    { guardBits: 3 },
    { guardBits: 0, weightSigned: true, scaleFormat: 'BF16', outputFormat: 'FP32' },
    { guardBits: 8, weightBits: 2, scaleFormat: 'FP32', actScaleFormat: 'BF16', outputRound: 'FLOOR' },
  ] as const) {
    it(`equals level b bit for bit: ${JSON.stringify(c)} (both simulators)`, async () => {
      const p = mixpeParams({ rows: 2, cols: 3, G: 32, K: 96, accMode: 'BLOCK_ALIGN', ...c });
      const spec = arrayCosimSpec(p, { random: 4, tiles: 2, seed: 7 });
      const corners = [...spec.corners!, vanishTile(p)];
      const r = await cosim(mixpeArray(p), { ...spec, corners }, { seed: 9 });
      expect(r.failed, r.report).toBe(0);
      expect(r.passed).toBe(2 * (corners.length + 4));
    });
  }

  it('lints clean (Verilator -Wall, Icarus, Yosys), FP16 activations (block PE, dequant align, block output accumulator) with the BIT_SERIAL unit', async () => {
    const p = mixpeParams({ rows: 2, cols: 2, G: 32, K: 96, accMode: 'BLOCK_ALIGN', activation: 'FP16', scaleFormat: 'BF16', dequantUnit: 'BIT_SERIAL' });
    const e = emit(mixpeArray(p, { pe: fpPe }));
    for (const r of await lintAll(readRtlDir(e.dir))) expect(r.ok, `${r.tool}:\n${r.output}`).toBe(true);
  });
});
