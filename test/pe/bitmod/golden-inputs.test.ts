import { describe, expect, it } from 'vitest';
import { checkDotInput, DEFAULT_SV, svOf } from '../../../src/pe/bitmod/golden-inputs.ts';
import { bitmodParams } from '../../../src/pe/bitmod/params.ts';

describe('BitMoD transaction checks', () => {
  const p = bitmodParams({ G: 32, K: 64, weightTypes: ['FP4', 'INT8'] });
  const good = { wtype: 'FP4' as const, acts: Array(32).fill(0x3c00), groups: [{ dtId: 0, delta: 1, codes: Array(32).fill(0) }], sch: 0x3c00 };
  it('accepts a well-formed transaction and defaults the SV register', () => {
    expect(() => checkDotInput(p, good)).not.toThrow();
    expect(svOf(good)).toEqual(DEFAULT_SV.FP4);
    expect(svOf({ ...good, wtype: 'INT8' })).toEqual([]);
  });
  it('rejects each malformed field with a message naming it', () => {
    const cases: [object, RegExp][] = [
      [{ groups: [] }, /has 0 groups/],
      [{ groups: [good.groups[0], good.groups[0], good.groups[0]], acts: Array(96).fill(0) }, /has 3 groups/],
      [{ groups: [{ ...good.groups[0], dtId: 4 }] }, /datatype id 4/],
      [{ groups: [{ ...good.groups[0], codes: Array(31).fill(0) }] }, /31 codes, not G = 32/],
      [{ acts: [...Array(31).fill(0), 0x10000] }, /not a FP16 code/],
      [{ sch: 0x7e00 }, /s_ch 0x7e00 is nan/],
      [{ sv: [1, 2, 3] }, /SV register has 3 entries/],
    ];
    for (const [patch, re] of cases) expect(() => checkDotInput(p, { ...good, ...patch })).toThrow(re);
  });
});
