import { describe, expect, it } from 'vitest';
import { dyadicFromDouble } from '../../../src/golden/float/dyadic.ts';
import { quantizeMatrix } from '../../../src/pe/bitmod/quantizer.ts';
import { quantizeMatrixFast } from '../../../src/pe/bitmod/quantizer-fast.ts';
import type { BitmodWeightType } from '../../../src/pe/bitmod/params.ts';
import { Prng } from '../../../src/util/prng.ts';

function matrix(g: Prng, rows: number, cols: number, kind: number): Float64Array[] {
  return Array.from({ length: rows }, () => {
    const r = new Float64Array(cols);
    for (let i = 0; i < cols; i++) {
      const u = g.u32() / 2 ** 32 - 0.5;
      switch (kind) {
        case 0: r[i] = Math.fround(u * 0.1); break; // FP32 values
        case 1: r[i] = g.int(-12, 12) / 4; break; // grid-like: exact midpoints and equal errors
        case 2: r[i] = g.chance(0.9) ? 0 : g.int(-16, 16); break; // zero groups, single weights, selection ties
        case 3: r[i] = Math.fround(u * 1e-9); break; // scale clamped at 1e−5
        case 4: r[i] = Math.fround(u * 1e6); break; // scale clamped at 1e4
        default: r[i] = u * 0.1; // float64 values (exact path)
      }
    }
    return r;
  });
}

describe('BitMoD fast quantizer', () => {
  it('gives the exact quantizer\'s datatypes, codes, Δ and s_ch on every kind of input', () => {
    const g = new Prng(123);
    let groups = 0;
    for (const wtype of ['FP4', 'FP3', 'INT8', 'INT6', 'INT4', 'INT3'] as BitmodWeightType[]) {
      for (let kind = 0; kind < 6; kind++) {
        const m = matrix(g, 3, 64, kind);
        const G = kind === 2 ? 4 : 16;
        const fast = quantizeMatrixFast(m, { wtype, G });
        const exact = quantizeMatrix(m.map((r) => Array.from(r, dyadicFromDouble)), { wtype, G });
        fast.rows.forEach((fr, i) => {
          const er = exact[i]!;
          expect(fr.schCode).toBe(er.schCode);
          fr.groups.forEach((fg, j) => {
            const eg = er.groups[j]!;
            expect([fg.dtId, fg.delta, [...fg.codes]]).toEqual([eg.dtId, eg.delta, [...eg.codes]]);
            groups++;
          });
        });
      }
    }
    expect(groups).toBe(6 * (5 * 3 * 4 + 3 * 16));
  });

  it('decides most groups in doubles (fallbacks are rare on Gaussian-like data)', () => {
    const g = new Prng(5);
    const m = matrix(g, 8, 256, 0);
    const r = quantizeMatrixFast(m, { wtype: 'FP4', G: 128 });
    expect(r.exactFallbacks).toBeLessThan(8);
  });
});
