import { describe, expect, it } from 'vitest';
import {
  checkApFixedFile,
  checkApFixedRecord,
  checkApFixedRecords,
  formatApFixedReport,
} from '../../src/conform/ap-fixed.ts';
import { parseApFixedVectors, readApFixedVectors } from '../../src/conform/ap-fixed-records.ts';

const records = readApFixedVectors();
const untagged = records.filter((r) => r.quirk === undefined).length;

describe('the shared vector file (19,653 records)', () => {
  it('has the documented size and quirk tags 60 / 1 / 11', () => {
    expect(records.length).toBe(19_653);
    const count = (k: string) => records.filter((r) => r.quirk === k).length;
    expect([count('sat_sym_1bit'), count('wrap_sm_rounding_carry'), count('cmp_mixed_sign_promotion')]).toEqual([60, 1, 11]);
  });

  it('documented semantics: 100% of untagged vectors pass; every tagged vector differs', () => {
    const r = checkApFixedRecords(records);
    expect(r.failed).toBe(0);
    expect(r.passed).toBe(untagged);
    expect(r.firstFailures).toEqual([]);
    expect(r.quirk).toEqual({
      sat_sym_1bit: { passed: 0, failed: 60 },
      wrap_sm_rounding_carry: { passed: 0, failed: 1 },
      cmp_mixed_sign_promotion: { passed: 0, failed: 11 },
    });
    const ops = Object.values(r.byOp).reduce((s, pf) => s + pf.passed + pf.failed, 0);
    expect(ops).toBe(untagged);
  });

  it('hlsCompat: 100% of all vectors pass, tagged ones included', () => {
    const r = checkApFixedFile(undefined, { hlsCompat: true });
    expect(r.failed).toBe(0);
    expect(r.passed).toBe(untagged);
    expect(r.quirk).toEqual({
      sat_sym_1bit: { passed: 60, failed: 0 },
      wrap_sm_rounding_carry: { passed: 1, failed: 0 },
      cmp_mixed_sign_promotion: { passed: 11, failed: 0 },
    });
  });

  it('the report ends with "N passed, M failed" and puts the tagged vectors on their own line', () => {
    const text = formatApFixedReport(checkApFixedFile());
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe(`${untagged} passed, 0 failed`);
    expect(lines.at(-2)).toBe(
      'tagged (reference quirks, not counted below): sat_sym_1bit 0/60, wrap_sm_rounding_carry 0/1, cmp_mixed_sign_promotion 0/11 passed',
    );
    expect(lines[0]).toContain('documented semantics');
  });
});

describe('failures are reported with the line and both values', () => {
  const good = '{"op":"cast","src":{"w":7,"i":1,"s":true,"raw":"104"},"dst":{"w":5,"i":3,"s":true,"q":"AP_RND_CONV","o":"AP_SAT_SYM","n":0},"raw":"30"}';
  const bad = good.replace('"raw":"30"', '"raw":"31"');
  const badMul =
    '{"op":"mul","a":{"w":4,"i":4,"s":true,"raw":"3"},"b":{"w":4,"i":4,"s":true,"raw":"2"},"res":{"w":8,"i":8,"s":true,"raw":"7"},"dst":{"w":8,"i":8,"s":true,"q":"AP_TRN","o":"AP_WRAP","n":0},"raw":"6"}';
  const badType = badMul.replace('"res":{"w":8', '"res":{"w":9').replace('"i":8,"s":true,"raw":"7"', '"i":9,"s":true,"raw":"6"');
  it('lists untagged failures and counts them', () => {
    const r = checkApFixedRecords(parseApFixedVectors([good, bad, badMul, badType].join('\n'), 'mini.jsonl'), {}, 'mini.jsonl');
    expect([r.passed, r.failed]).toEqual([1, 3]);
    expect(r.firstFailures.map((f) => f.line)).toEqual([2, 3, 4]);
    expect(r.firstFailures[0]).toMatchObject({
      what: 'cast ap_fixed<7,1>(-0.375) -> ap_fixed<5,3,AP_RND_CONV,AP_SAT_SYM,0>',
      expected: 'raw 31 (-0.25)',
      actual: 'raw 30 (-0.5)',
    });
    expect(r.firstFailures[1]).toMatchObject({ expected: 'result raw 7 (7)', actual: 'result raw 6 (6)' });
    expect(r.firstFailures[2]).toMatchObject({ expected: 'result type ap_fixed<9,9>', actual: 'result type ap_fixed<8,8>' });
    const text = formatApFixedReport(r);
    expect(text).toContain('FAIL line 2: cast ap_fixed<7,1>(-0.375)');
    expect(text.split('\n').at(-1)).toBe('1 passed, 3 failed');
  });
  it('keeps at most maxFailures failures', () => {
    const r = checkApFixedRecords(parseApFixedVectors([bad, bad, bad].join('\n')), { maxFailures: 1 });
    expect(r.firstFailures.length).toBe(1);
    expect(formatApFixedReport(r)).toContain('... and 2 more failures');
  });
  it('checks single records', () => {
    const [rec] = parseApFixedVectors(good);
    expect(checkApFixedRecord(rec!)).toMatchObject({ ok: true, expected: 'raw 30 (-0.5)' });
  });
});
