/** `--where`: the expression language, its errors, and that it evaluates nothing but itself. */
import { describe, expect, it } from 'vitest';
import { parseWhere } from '../../src/sweep/where.ts';
import { SweepUsageError } from '../../src/sweep/grid.ts';

const names = ['rows', 'G', 'weightBits', 'enc', 'signed'];
const pt = { rows: 4, G: 32, weightBits: 4, enc: 'CSD', signed: true };
const t = (e: string, p: Record<string, number | string | boolean> = pt): boolean => parseWhere(e, names).test(p);

describe('parseWhere', () => {
  it('evaluates comparisons, logic, arithmetic and precedence', () => {
    expect(t('rows <= G')).toBe(true);
    expect(t('rows * 8 == G')).toBe(true);
    expect(t('rows + 2 * 3 == 10')).toBe(true);
    expect(t('(rows + 2) * 3 == 18')).toBe(true);
    expect(t('G % 3 == 2 && !(rows > 4)')).toBe(true);
    expect(t('rows > 4 || weightBits == 4')).toBe(true);
    expect(t('rows > 4 || weightBits == 3')).toBe(false);
    expect(t("enc == 'CSD' && signed")).toBe(true);
    expect(t('enc != "PLAIN"')).toBe(true);
    expect(t('-rows < 0')).toBe(true);
    expect(t('rows >= 4 ? G == 32 : false')).toBe(true);
    expect(t('1.5e1 > rows')).toBe(true);
  });
  it('has a few pure functions', () => {
    expect(t('log2(G) == 5')).toBe(true);
    expect(t('min(rows, G, 2) == 2 && max(rows, G) == 32')).toBe(true);
    expect(t('ceil(G / 5) == 7 && floor(G / 5) == 6 && abs(-rows) == 4 && pow(2, rows) == 16')).toBe(true);
  });
  it('lists the names it reads', () => {
    expect([...parseWhere('rows * G > 2 && signed', names).names].sort()).toEqual(['G', 'rows', 'signed']);
  });
  it.each([
    ['', /empty expression/],
    ['rows <', /ends too early at column 7/],
    ['rows < G < 3', /do not chain/],
    ['(rows', /expected '\)'/],
    ['rows ) ', /unexpected '\)' at column 6/],
    ['depth > 2', /unknown parameter 'depth'/],
    ['sqrt(G) > 2', /unknown function 'sqrt'/],
    ['abs(1, 2) > 0', /abs\(\) takes 1 argument/],
    ["enc == 'CSD", /unterminated string/],
    ['rows; process.exit(1)', /unexpected character ';'/],
    ['process.exit(1)', /unexpected character '\.'/],
    ['constructor', /unknown parameter 'constructor'/],
    ['rows = 4', /unexpected character '='/],
  ])('rejects %j', (src, msg) => {
    expect(() => parseWhere(src, names)).toThrow(SweepUsageError);
    expect(() => parseWhere(src, names)).toThrow(msg);
  });
  it('reports type errors with the point', () => {
    expect(() => t('enc > 2')).toThrow(/expected a number, got "CSD"/);
    expect(() => t('rows && signed')).toThrow(/expected true or false, got 4/);
    expect(() => t("rows == '4'")).toThrow(/cannot compare 4 with "4"/);
    expect(() => t('rows + 1')).toThrow(/gives 5, not true or false/);
    expect(() => parseWhere('G > 2', names).test({ rows: 1 })).toThrow(/'G' has no value/);
  });
});
