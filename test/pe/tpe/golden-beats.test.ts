/** Beat packing of the TPE transactions and the beat golden model. */
import { describe, expect, it } from 'vitest';
import { tpeBeatGolden, tpeBeatShape, tpeInputBeats, tpeOutputBeats } from '../../../src/pe/tpe/golden-beats.ts';
import { tpeParams } from '../../../src/pe/tpe/params.ts';

describe('systolic-os beats', () => {
  const p = tpeParams('systolic-os', 'baseline', { m: 2, k: 3, n: 2, W: 4 });
  const a = [[1n, -2n, 3n], [-8n, 7n, 0n]];
  const b = [[2n, -1n], [4n, 5n], [-6n, 7n]];
  it('k input beats of (A column, B row); n output beats of C columns, east first', () => {
    expect(tpeBeatShape(p)).toEqual({ in: 3, out: 2 });
    expect(tpeInputBeats(a, b, p)).toEqual([[1n, -8n, 2n, -1n], [-2n, 7n, 4n, 5n], [3n, 0n, -6n, 7n]]);
    expect(tpeOutputBeats([[-24n, 10n], [12n, 43n]], p)).toEqual([[10n, 43n], [-24n, 12n]]);
  });
  it('the beat golden model is the GEMM of the unpacked beats', () => {
    expect(tpeBeatGolden(p)(tpeInputBeats(a, b, p))).toEqual([[10n, 43n], [-24n, 12n]]);
  });
});

for (const arch of ['mul-tree', 'systolic-ws'] as const) describe(`${arch} beats`, () => {
  const p = tpeParams(arch, 'baseline', { m: 2, k: 2, n: 2, W: 4 });
  const a = [[1n, -2n], [3n, 4n]];
  const b = [[5n, 6n], [-7n, 0n]];
  it('m beats of (A row, B row-major on the first beat only); m output beats of C rows', () => {
    expect(tpeBeatShape(p)).toEqual({ in: 2, out: 2 });
    const beats = tpeInputBeats(a, b, p);
    expect(beats).toEqual([[1n, -2n, 5n, 6n, -7n, 0n], [3n, 4n, 0n, 0n, 0n, 0n]]);
    expect(tpeBeatGolden(p)(beats)).toEqual([[19n, 6n], [-13n, 18n]]);
  });
  it('weights on later beats are ignored (read on the first beat only)', () => {
    const beats = tpeInputBeats(a, b, p);
    beats[1]!.splice(2, 4, 7n, 7n, 7n, 7n);
    expect(tpeBeatGolden(p)(beats)).toEqual([[19n, 6n], [-13n, 18n]]);
  });
});

describe('column beats', () => {
  it('one beat in (activations, B row-major), one out (C row, predicted cycles)', () => {
    const p = tpeParams('column', 'opt', { k: 2, n: 2, W: 8 });
    const beats = tpeInputBeats([[3n, 0n]], [[1n, 2n], [3n, 4n]], p);
    expect(tpeBeatShape(p)).toEqual({ in: 1, out: 1 });
    expect(beats).toEqual([[3n, 0n, 1n, 2n, 3n, 4n]]);
    // 3 → EN-T [-1, 1, 0, 0], 0 → all zero; one block of 4, one cycle per pass: 1 (load) + 4 +
    // 2 (issue and weight registers) + 3 (fuse chunks of accW 17) = 10.
    expect(tpeBeatGolden(p)(beats)).toEqual([[3n, 6n, 10n]]);
    const q = tpeParams('column', 'baseline', { k: 2, n: 2, W: 8 });
    // 1 (load) + k + 1 (operand register).
    expect(tpeBeatGolden(q)(beats)).toEqual([[3n, 6n, 4n]]);
  });
});

describe('cube beats', () => {
  const p = tpeParams('cube', 'baseline', { m: 2, k: 2, n: 2, W: 4 });
  const a = [[1n, -2n], [3n, 4n]];
  const b = [[5n, 6n], [-7n, 0n]];
  it('one beat in (A row-major, B row-major), one out (C row-major)', () => {
    expect(tpeBeatShape(p)).toEqual({ in: 1, out: 1 });
    const beats = tpeInputBeats(a, b, p);
    expect(beats).toEqual([[1n, -2n, 3n, 4n, 5n, 6n, -7n, 0n]]);
    expect(tpeBeatGolden(p)(beats)).toEqual([[19n, 6n, -13n, 18n]]);
    expect(tpeOutputBeats([[19n, 6n], [-13n, 18n]], p)).toEqual([[19n, 6n, -13n, 18n]]);
  });
  it('a 3-cube GEMM unpacks the beat row-major (non-square values)', () => {
    const q = tpeParams('cube', 'opt', { m: 3, k: 3, n: 3, W: 4 });
    const A = [[1n, 2n, 3n], [0n, 0n, 0n], [-1n, 0n, 0n]];
    const B = [[1n, 0n, 0n], [0n, 1n, 0n], [0n, 0n, 7n]];
    expect(tpeBeatGolden(q)(tpeInputBeats(A, B, q))).toEqual([[1n, 2n, 21n, 0n, 0n, 0n, -1n, 0n, 0n]]);
  });
});
