/** TPE cosim spec: stream protocol, beat shape, the spec's corner transactions first. */
import { describe, expect, it } from 'vitest';
import { tpeCorners, tpeCosimSpec } from '../../../src/pe/tpe/cosim-spec.ts';
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
});
