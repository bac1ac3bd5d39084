import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { template, TEMPLATE_DIR } from '../../src/emit/templates.ts';

describe('templates', () => {
  it('finds the template directory of the package', () => {
    expect(existsSync(`${TEMPLATE_DIR}verilog/module.v.hbs`)).toBe(true);
    expect(existsSync(`${TEMPLATE_DIR}outputs/filelist.f.hbs`)).toBe(true);
  });

  it('compiles once per name and caches the result', () => {
    expect(template('outputs/filelist.f.hbs')).toBe(template('outputs/filelist.f.hbs'));
  });

  it('renders lists and does not HTML-escape (Verilog and Markdown text)', () => {
    expect(template('outputs/filelist.f.hbs')({ files: ['a.v', 'b.v'] })).toBe('a.v\nb.v\n');
    const md = template('outputs/datasheet.md.hbs')({ top: 't', version: '1', ports: [], timing: 'Clocked on `clk` & <sync> = "x"\'s', params: [], modules: [] });
    expect(md).toContain('Clocked on `clk` & <sync> = "x"\'s');
  });

  it('refuses an unknown template', () => {
    expect(() => template('nope/missing.hbs')).toThrow(/ENOENT/);
  });
});
