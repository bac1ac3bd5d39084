/** CSV/JSON export: columns from every row, RFC 4180 quoting. */
import { describe, expect, it } from 'vitest';
import { toCsv, toJson, paramColumns, valueColumns } from '../../src/sweep/export.ts';
import type { StoredPoint } from '../../src/sweep/store.ts';

const row = (over: Partial<StoredPoint>): StoredPoint => ({
  key: 'k', design: 'd.ts', designHash: 'h', params: {}, metrics: ['synth:generic'], tools: { yosys: '0.55' },
  status: 'ok', message: '', values: {}, rtlSha256: 'r', wallMs: 5, worker: 'local', finishedAt: 't', attempts: 1, ...over,
});

describe('export', () => {
  const pts = [row({ key: 'a', params: { w: 4 }, values: { 'generic.cells': 10 } }), row({ key: 'b', params: { w: 8, k: 2 }, status: 'invalid', message: 'd.ts:3:1: error: "bad", really\nsecond line' })];
  it('collects the columns of all rows', () => {
    expect(paramColumns(pts)).toEqual(['k', 'w']);
    expect(valueColumns(pts)).toEqual(['generic.cells']);
  });
  it('writes CSV with quoting and empty cells for missing values', () => {
    const lines = toCsv(pts).split('\n');
    expect(lines[0]).toBe('design,key,k,w,status,message,generic.cells,rtl_sha256,wall_ms,worker,metrics,tools');
    expect(lines[1]).toBe('d.ts,a,,4,ok,,10,r,5,local,synth:generic,"{""yosys"":""0.55""}"');
    expect(toCsv(pts)).toContain('b,2,8,invalid,"d.ts:3:1: error: ""bad"", really\nsecond line",,r');
  });
  it('writes JSON that round-trips', () => {
    expect(JSON.parse(toJson(pts))).toEqual(pts);
  });
});
