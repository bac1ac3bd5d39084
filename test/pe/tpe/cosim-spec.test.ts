/** TPE cosim spec: stream protocol, beat shape, the spec's corner transactions first. */
import { describe, expect, it } from 'vitest';
import { tpeColumnSparseCorners, tpeCorners, tpeCosimSpec } from '../../../src/pe/tpe/cosim-spec.ts';
import { columnNonZeroDigits } from '../../../src/pe/tpe/golden.ts';
import { tpeParams } from '../../../src/pe/tpe/params.ts';

describe('tpeCosimSpec', () => {
  it('stream, k in / n out beats, corners include all-min, all-max, zeros and alternating signs', () => {
    const p = tpeParams('systolic-os', 'baseline', { m: 2, k: 3, n: 4, W: 4 });
    const s = tpeCosimSpec(p, { count: 9 });
    expect(s.protocol).toEqual({ kind: 'stream' });
    expect(s.beats).toEqual({ in: 3, out: 4 });
    expect(s.vectors).toEqual({ count: 9, corners: false });
    const c = tpeCorners(p);
    expect(c[0]![0].flat().every((v) => v === -8n)).toBe(true);
    expect(c[1]![1].flat().every((v) => v === 7n)).toBe(true);
    expect(c[4]![0].flat().every((v) => v === 0n)).toBe(true);
    expect(new Set(c[5]![0].flat())).toEqual(new Set([-8n, 7n]));
    expect(s.corners!.length).toBe(c.length);
    expect(s.golden(s.corners![0]! as bigint[][])).toEqual(Array.from({ length: 4 }, () => [3n * 64n, 3n * 64n]));
  });
  it('unsigned corners stay in range', () => {
    const p = tpeParams('systolic-os', 'baseline', { m: 1, k: 2, n: 1, W: 4, aSigned: false, bSigned: false });
    for (const [a, b] of tpeCorners(p)) for (const v of [...a.flat(), ...b.flat()]) expect(v >= 0n && v <= 15n).toBe(true);
  });
  it('the column adds sparse activation vectors (empty blocks, a lone last activation), in range', () => {
    for (const [aSigned, bSigned] of [[true, true], [false, false], [false, true]] as const) {
      const p = tpeParams('column', 'opt', { k: 12, n: 2, W: 4, aSigned, bSigned });
      const sparse = tpeColumnSparseCorners(p);
      expect(tpeCosimSpec(p).corners!.length).toBe(tpeCorners(p).length + 2);
      const [lo, hi] = aSigned ? [-8n, 7n] : [0n, 15n];
      for (const [a, b] of sparse) {
        for (const v of a.flat()) expect(v >= lo && v <= hi).toBe(true);
        for (const v of b.flat()) expect(v >= (bSigned ? -8n : 0n) && v <= (bSigned ? 7n : 15n)).toBe(true);
      }
      // Pattern 0,1,0,−2,0,0,0,0,4,−1,0,16→clamped: 4 of 12 non-zero digits per pass at most.
      const nz = columnNonZeroDigits(sparse[0]![0][0]!, p);
      expect(nz.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(8);
      expect(sparse[1]![0][0]!.filter((v) => v !== 0n)).toHaveLength(1);
      expect(sparse[1]![0][0]![11]).not.toBe(0n);
    }
  });
});

