import { describe, expect, it } from 'vitest';
import { formatNumber, formatRatio, formatTable } from '../../src/synth/format-table.ts';

describe('formatTable', () => {
  it('aligns columns (left/right), with a dashed rule under the header', () => {
    const t = formatTable(['metric', 'value'], [['cells', '7'], ['transistors', '3618']], ['left', 'right']);
    expect(t.split('\n')).toEqual([
      'metric       value',
      '-----------  -----',
      'cells            7',
      'transistors   3618',
    ]);
  });
  it('every line of a right-aligned last column ends at the same column', () => {
    const rows = [['a', '1', '123456'], ['bbbbbbbbb', '22', '3']];
    const lens = formatTable(['m', 'x', 'y'], rows, ['left', 'right', 'right']).split('\n').map((l) => l.length);
    expect(new Set(lens).size).toBe(1);
  });
  it('rejects ragged rows', () => {
    expect(() => formatTable(['a', 'b'], [['1']], ['left', 'left'])).toThrow(/1 cells/);
  });
});

describe('formatNumber / formatRatio', () => {
  it('prints integers plainly and fractions to 3 decimals', () => {
    expect(formatNumber(3618)).toBe('3618');
    expect(formatNumber(103.5)).toBe('103.5');
    expect(formatNumber(1 / 3)).toBe('0.333');
    expect(formatNumber(null)).toBe('-');
  });
  it('prints ratios with 3 decimals', () => {
    expect(formatRatio(2)).toBe('2.000');
    expect(formatRatio(0.125)).toBe('0.125');
    expect(formatRatio(null)).toBe('-');
  });
});
