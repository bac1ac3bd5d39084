import { describe, expect, it } from 'vitest';
import { bitmodDot } from '../../../src/pe/bitmod/golden-dot.ts';
import { bitmodParams } from '../../../src/pe/bitmod/params.ts';
import { arrayInputNames, arrayOutputNames, beatsToInput, bitmodArrayCosimSpec, bitmodArrayGolden, tileBeats, tilePe, transactionBeats } from '../../../src/pe/bitmod/rtl-cosim.ts';
import { randomDotInput, randomTile } from '../../../src/pe/bitmod/vectors.ts';
import { Prng } from '../../../src/util/prng.ts';

describe('BitMoD cosim glue', () => {
  it('PE beats round-trip to the same transaction (custom SV, multi-type mode)', () => {
    const p = bitmodParams({ G: 32, K: 64, weightTypes: ['FP4', 'INT8'] });
    const g = new Prng(1);
    const x = { ...randomDotInput(g, p, 'FP4', { groups: 2 }), sv: [5, -9, 24, -17] };
    const beats = transactionBeats(p, x);
    expect(beats.length).toBe(16);
    expect(beats[15]![2 * 4 + 3]).toBe(1n); // last
    expect(beatsToInput(p, beats)).toEqual(x);
    const y = randomDotInput(g, p, 'INT8', { groups: 1 });
    expect(beatsToInput(p, transactionBeats(p, y))).toEqual(y);
  });

  it('array beats: port order, golden = level b of each PE', () => {
    const p = bitmodParams({ rows: 2, cols: 3, G: 32, K: 64 });
    const t = randomTile(new Prng(2), p, 'FP4', { groups: 2 });
    const beats = tileBeats(p, t);
    expect(beats[0]!.length).toBe(arrayInputNames(p).length);
    const out = bitmodArrayGolden(p)(beats)[0]!;
    expect(out.length).toBe(arrayOutputNames(p).length);
    for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) expect(out[r * 3 + c]).toBe(bitmodDot(p, tilePe(t, r, c)).code);
    const spec = bitmodArrayCosimSpec(p, { tiles: 2 });
    expect(spec.beats).toEqual({ in: 16, out: 1 });
    expect(spec.corners!.length).toBe(2 + 2 + 1); // random tiles, two rounding corners, one Inf/NaN corner (PROPAGATE)
    expect(bitmodArrayCosimSpec({ ...p, specialPolicy: 'ASSUME_FINITE' }, { tiles: 3 }).corners!.length).toBe(3 + 2);
    for (const c of spec.corners!) expect(c.length).toBe(16);
  });
});
