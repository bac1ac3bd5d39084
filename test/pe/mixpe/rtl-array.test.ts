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
import { arrayCosimSpec, arrayInputNames, arrayOutputNames } from '../../../src/pe/mixpe/rtl-cosim.ts';
import { cosim } from '../../lib/cosim-harness.ts';

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
