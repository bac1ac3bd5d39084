/** Grid parsing: typed values, ranges, errors; the cartesian product order. */
import { describe, expect, it } from 'vitest';
import { gridPoints, parseGrid, parseGridArg, SweepUsageError, MAX_POINTS } from '../../src/sweep/grid.ts';
import type { ParamInfo } from '../../src/cli/design-params.ts';

const loc = { file: 'd.ts', line: 1, col: 1 };
const infos: ParamInfo[] = [
  { name: 'width', kind: 'number', doc: '', optional: false, loc, typeText: 'number' },
  { name: 'signed', kind: 'boolean', doc: '', optional: false, loc, typeText: 'boolean' },
  { name: 'k', kind: 'enum', values: [1, 2, 3], doc: '', optional: false, loc, typeText: '1 | 2 | 3' },
  { name: 'enc', kind: 'enum', values: ['PLAIN', 'CSD'], doc: '', optional: false, loc, typeText: "'PLAIN' | 'CSD'" },
  { name: 'name', kind: 'string', doc: '', optional: true, loc, typeText: 'string' },
];
const defaults = { width: 8, signed: true, k: 2, enc: 'PLAIN' };

describe('parseGridArg', () => {
  it('types values by the parameter kind', () => {
    expect(parseGridArg('width=4,8, 16', infos, defaults)).toEqual({ name: 'width', values: [4, 8, 16] });
    expect(parseGridArg('signed=true,false', infos, defaults).values).toEqual([true, false]);
    expect(parseGridArg('k=1,3', infos, defaults).values).toEqual([1, 3]);
    expect(parseGridArg('enc=CSD,PLAIN', infos, defaults).values).toEqual(['CSD', 'PLAIN']);
    expect(parseGridArg('name=a,b', infos, defaults).values).toEqual(['a', 'b']);
  });
  it('expands integer ranges with an optional step and drops repeats', () => {
    expect(parseGridArg('width=2..5', infos, defaults).values).toEqual([2, 3, 4, 5]);
    expect(parseGridArg('width=4..16:4', infos, defaults).values).toEqual([4, 8, 12, 16]);
    expect(parseGridArg('width=4,4,8', infos, defaults).values).toEqual([4, 8]);
  });
  it('falls back to the defaults for designs without declared types', () => {
    expect(parseGridArg('width=3,5', [], { width: 1 }).values).toEqual([3, 5]);
  });
  it.each([
    ['width', /expected name=v1/],
    ['=1,2', /expected name=v1/],
    ['depth=1,2', /unknown parameter 'depth' \(the design's parameters are: width, signed, k, enc, name\)/],
    ['width=4,,8', /empty value/],
    ['width=4,x', /'x' is not a number/],
    ['signed=yes', /'yes' is not true or false/],
    ['k=4', /'4' is not one of 1, 2, 3/],
    ['width=5..2', /empty range/],
    ['width=0..1000000', /more than/],
  ])('rejects --grid %s', (arg, msg) => {
    expect(() => parseGridArg(arg, infos, defaults)).toThrow(SweepUsageError);
    expect(() => parseGridArg(arg, infos, defaults)).toThrow(msg);
  });
});

describe('parseGrid and gridPoints', () => {
  it('enumerates the product, first axis slowest', () => {
    const axes = parseGrid(['width=4,8', 'k=1,2,3'], infos, defaults);
    const pts = gridPoints(axes);
    expect(pts).toHaveLength(6);
    expect(pts[0]).toEqual({ width: 4, k: 1 });
    expect(pts[2]).toEqual({ width: 4, k: 3 });
    expect(pts[3]).toEqual({ width: 8, k: 1 });
  });
  it('gives one point (the defaults) without axes', () => {
    expect(gridPoints([])).toEqual([{}]);
  });
  it('rejects a parameter given twice and oversized grids', () => {
    expect(() => parseGrid(['width=4', 'width=8'], infos, defaults)).toThrow(/given twice/);
    const big = [`width=1..${Math.ceil(MAX_POINTS / 50)}`, `name=${Array.from({ length: 60 }, (_, i) => `n${i}`).join(',')}`];
    expect(() => parseGrid(big, infos, defaults)).toThrow(/more than/);
  });
});
