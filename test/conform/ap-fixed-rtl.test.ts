/**
 * QFX "done when": the generated RTL reproduces 100% of the untagged public ap_fixed vectors
 * (casts, add/sub/mul with their cast step, shifts, comparisons) on both simulators, and the tagged
 * ones follow the documented semantics. Also: a deliberately wrong unit is caught and reported.
 */
import { describe, expect, it } from 'vitest';
import { conformRtl, conformUnits, unitsOf } from '../../src/conform/ap-fixed-rtl.ts';
import { DEFAULT_AP_FIXED_VECTORS, parseApFixedVectors } from '../../src/conform/ap-fixed-records.ts';

describe('ap_fixed conformance of the generated RTL', () => {
  it('passes every untagged vector on Verilator and Icarus', async () => {
    const r = await conformRtl(DEFAULT_AP_FIXED_VECTORS, { sim: 'both' });
    expect(r.failed, r.text).toBe(0);
    expect(r.passed).toBe(19_581);
    expect(r.quirk).toEqual({
      sat_sym_1bit: { passed: 60, failed: 0 },
      wrap_sm_rounding_carry: { passed: 1, failed: 0 },
      cmp_mixed_sign_promotion: { passed: 11, failed: 0 },
    });
    expect(r.text.trim().split('\n').pop()).toBe('19581 passed, 0 failed');
  });

  it('reports a vector whose expected value is wrong', async () => {
    const records = parseApFixedVectors(
      [
        '{"op":"cast","src":{"w":7,"i":1,"s":true,"raw":"104"},"dst":{"w":5,"i":3,"s":true,"q":"AP_RND_CONV","o":"AP_SAT_SYM","n":0},"raw":"30"}',
        '{"op":"cast","src":{"w":7,"i":1,"s":true,"raw":"105"},"dst":{"w":5,"i":3,"s":true,"q":"AP_RND_CONV","o":"AP_SAT_SYM","n":0},"raw":"7"}',
      ].join('\n'),
    );
    const r = await conformUnits(unitsOf(records), { sim: 'icarus' });
    expect(r.passed).toBe(1);
    expect(r.failed).toBe(1);
    expect(r.text).toMatch(/FAIL icarus: cast ap_fixed<7,1> -> .*inputs 105 expected 7 got \d+/);
  });
});
