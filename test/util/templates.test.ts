/**
 * The one template loader: it finds the package's templates, compiles each once, escapes nothing,
 * looks fields up strictly, and gives a folder's `_name` files to its templates as partials.
 * Every Handlebars user in src goes through it (checked below on the source text).
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadTemplate, renderTemplate, TEMPLATE_ROOT } from '../../src/util/templates.ts';

describe('templates', () => {
  it('finds the template directory of the package', () => {
    for (const f of ['verilog/module.v.hbs', 'outputs/filelist.f.hbs', 'cosim/icarus-tb.v.hbs', 'synth/generic.ys.hbs']) expect(existsSync(join(TEMPLATE_ROOT, f))).toBe(true);
  });

  it('compiles once per name and keeps the source text', () => {
    expect(loadTemplate('outputs/filelist.f.hbs')).toBe(loadTemplate('outputs/filelist.f.hbs'));
    expect(loadTemplate('outputs/filelist.f.hbs').text).toBe(readFileSync(join(TEMPLATE_ROOT, 'outputs/filelist.f.hbs'), 'utf8'));
  });

  it('renders lists and does not HTML-escape (Verilog and Markdown text)', () => {
    expect(renderTemplate('outputs/filelist.f.hbs', { files: ['a.v', 'b.v'] })).toBe('a.v\nb.v\n');
    expect(renderTemplate('outputs/filelist.f.hbs', { files: ['dir/a&<b>"c\'s.v'] })).toBe('dir/a&<b>"c\'s.v\n');
  });

  it('is strict: a field missing from the view is an error (present but undefined renders empty)', () => {
    expect(() => renderTemplate('outputs/core.hbs', { top: 't', files: [], description: 'd' })).toThrow(/"version" not defined/);
    expect(renderTemplate('outputs/core.hbs', { top: 't', files: [], description: 'd', version: undefined, vlnv: 'x:y:t:1' })).toContain('name: x:y:t:1');
  });

  it("registers a folder's _name files as partials of its templates", () => {
    const script = renderTemplate('synth/generic.ys.hbs', { top: 'dut', sources: [{ path: '/x.v', sv: false }], liberty: false, dsp: false, nodsp: true, family: 'xc7', cut: [], out: { stat: 's.json', ltp: 'l.txt', libertyJson: 'j', libertyText: 't' } });
    expect(script).toContain('/x.v');
    expect(script).not.toContain('{{');
  });

  it('refuses an unknown template', () => {
    expect(() => loadTemplate('nope/missing.hbs')).toThrow(/ENOENT/);
  });

  it('is the only place in src that uses Handlebars', () => {
    const src = resolve(import.meta.dirname, '../../src');
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : f.endsWith('.ts') ? [join(d, f)] : []));
    const users = walk(src).filter((f) => /from 'handlebars'/.test(readFileSync(f, 'utf8'))).map((f) => relative(src, f));
    expect(users).toEqual(['util/templates.ts']);
  });
});
