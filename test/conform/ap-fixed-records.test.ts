import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../src/diag/error.ts';
import { formatName } from '../../src/golden/fixed/format.ts';
import {
  type ArithRecord,
  type CastRecord,
  type ShiftRecord,
  groupCastVectors,
  parseApFixedVectors,
  readApFixedVectors,
} from '../../src/conform/ap-fixed-records.ts';

const CAST = '{"op":"cast","src":{"w":7,"i":1,"s":true,"raw":"104"},"dst":{"w":5,"i":3,"s":true,"q":"AP_RND_CONV","o":"AP_SAT_SYM","n":0},"raw":"30"}';
const MUL =
  '{"op":"mul","a":{"w":16,"i":14,"s":false,"raw":"62553"},"b":{"w":17,"i":12,"s":false,"raw":"78108"},"res":{"w":33,"i":26,"s":false,"raw":"4885889724"},"dst":{"w":20,"i":14,"s":false,"q":"AP_TRN","o":"AP_WRAP","n":0},"raw":"811358"}';
const SHR = '{"op":"shr","a":{"w":15,"i":4,"s":false,"q":"AP_RND_MIN_INF","o":"AP_SAT","n":0,"raw":"1"},"sh":1,"raw":"0"}';
const CMP =
  '{"op":"cmp","a":{"w":1,"i":-3,"s":true,"raw":"1"},"b":{"w":4,"i":-3,"s":true,"raw":"8"},"lt":false,"le":true,"gt":false,"ge":true,"eq":true,"ne":false,"quirk":"cmp_mixed_sign_promotion"}';

describe('parsing the README examples', () => {
  it('reads each record type with BigInt patterns and line numbers', () => {
    const recs = parseApFixedVectors([CAST, '', MUL, SHR, CMP].join('\n'), 'x.jsonl');
    expect(recs.map((r) => [r.op, r.line])).toEqual([['cast', 1], ['mul', 3], ['shr', 4], ['cmp', 5]]);
    const cast = recs[0] as CastRecord;
    expect(cast.src).toEqual({ fmt: { w: 7, i: 1, signed: true }, raw: 104n });
    expect(cast.dst).toEqual({ w: 5, i: 3, signed: true, q: 'AP_RND_CONV', o: 'AP_SAT_SYM', n: 0 });
    expect(cast.raw).toBe(30n);
    const mul = recs[1] as ArithRecord;
    expect(mul.res.raw).toBe(4885889724n);
    const shr = recs[2] as ShiftRecord;
    expect(shr.a.fmt.q).toBe('AP_RND_MIN_INF');
    expect(shr.sh).toBe(1);
    expect(recs[3]!.quirk).toBe('cmp_mixed_sign_promotion');
  });
});

describe('malformed lines: LowbitError at file:line', () => {
  const at = (text: string) => {
    try {
      parseApFixedVectors(`${CAST}\n${text}\n`, 'vec.jsonl');
    } catch (e) {
      expect(e).toBeInstanceOf(LowbitError);
      const d = (e as LowbitError).diagnostics[0]!;
      expect(d.loc).toEqual({ file: 'vec.jsonl', line: 2, col: 1 });
      return (e as LowbitError).message;
    }
    throw new Error('expected an error');
  };
  it.each([
    ['truncated JSON', '{"op":"cast",', 'invalid JSON'],
    ['not an object', '[1,2]', 'record must be a JSON object'],
    ['unknown op', '{"op":"div"}', 'unknown op "div"'],
    ['numeric raw', CAST.replace('"raw":"30"', '"raw":30'), "'raw' must be a decimal string"],
    ['negative raw', CAST.replace('"raw":"104"', '"raw":"-1"'), "'src.raw' must be a decimal string"],
    ['raw too wide', CAST.replace('"raw":"104"', '"raw":"128"'), "'src.raw' = 128 does not fit in 7 bits"],
    ['W = 0', CAST.replace('"w":7', '"w":0'), 'width W must be an integer >= 1'],
    ['ap_ufixed + AP_WRAP_SM', CAST.replace('"s":true,"q"', '"s":false,"q"').replace('AP_SAT_SYM', 'AP_WRAP_SM'), 'ap_ufixed does not support AP_WRAP_SM'],
    ['unknown Q mode', CAST.replace('AP_RND_CONV', 'AP_RND_EVEN'), "'dst.q' must be one of"],
    ['missing n', CAST.replace(',"n":0', ''), "'dst.n' must be an integer"],
    ['missing s', CAST.replace('"s":true,"raw"', '"raw"'), "'src.s' must be a boolean"],
    ['fractional shift', SHR.replace('"sh":1', '"sh":1.5'), "'sh' must be an integer"],
    ['non-boolean flag', CMP.replace('"eq":true', '"eq":1'), "'eq' must be a boolean"],
    ['unknown quirk tag', `${CAST.slice(0, -1)},"quirk":"other"}`, "'quirk' must be one of"],
  ])('%s', (_what, line, message) => {
    const msg = at(line);
    expect(msg).toMatch(/^vec\.jsonl:2:1: error: malformed ap_fixed vector: /);
    expect(msg).toContain(message);
  });
  it('a missing file is a LowbitError naming the path', () => {
    expect(() => readApFixedVectors('/nonexistent/vectors.jsonl')).toThrow(/cannot read ap_fixed vectors '\/nonexistent\/vectors.jsonl'/);
  });
});

describe('groupCastVectors', () => {
  it('groups by (source format, destination format with modes), in first-appearance order', () => {
    const other = CAST.replace('"raw":"104"', '"raw":"3"').replace('"raw":"30"', '"raw":"0"');
    const sat = CAST.replace('AP_SAT_SYM', 'AP_SAT');
    const groups = groupCastVectors(parseApFixedVectors([CAST, sat, other, MUL].join('\n')));
    expect(groups.map((g) => [g.key, g.vectors.map((v) => v.line)])).toEqual([
      ['ap_fixed<7,1> -> ap_fixed<5,3,AP_RND_CONV,AP_SAT_SYM,0>', [1, 3]],
      ['ap_fixed<7,1> -> ap_fixed<5,3,AP_RND_CONV,AP_SAT,0>', [2]],
    ]);
    expect(groups[0]!.vectors[1]).toEqual({ line: 3, op: 'cast', srcRaw: 3n, raw: 0n });
    const withArith = groupCastVectors(parseApFixedVectors([CAST, MUL].join('\n')), { includeArith: true });
    expect(withArith[1]!.key).toBe('ap_ufixed<33,26> -> ap_ufixed<20,14,AP_TRN,AP_WRAP,0>');
    expect(withArith[1]!.vectors[0]).toEqual({ line: 2, op: 'mul', srcRaw: 4885889724n, raw: 811358n });
  });
  it('partitions every conversion of the shared vector file', () => {
    const recs = readApFixedVectors();
    const casts = recs.filter((r) => r.op === 'cast');
    const groups = groupCastVectors(recs);
    expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
    expect(groups.reduce((s, g) => s + g.vectors.length, 0)).toBe(casts.length);
    const byLine = new Map(recs.map((r) => [r.line, r]));
    for (const g of groups) {
      for (const v of g.vectors) {
        const r = byLine.get(v.line) as CastRecord;
        expect(formatName({ ...r.src.fmt })).toBe(formatName(g.src));
        expect(r.dst).toEqual(g.dst);
        expect(v.srcRaw).toBe(r.src.raw);
      }
    }
    const all = groupCastVectors(recs, { includeArith: true });
    expect(all.reduce((s, g) => s + g.vectors.length, 0)).toBe(recs.filter((r) => r.op !== 'shl' && r.op !== 'shr' && r.op !== 'cmp').length);
  });
});
