/**
 * Design files load from any kind of project (src/cli/design-hooks.mjs): a CommonJS package as
 * `npm init -y` makes it, an ES module package, and a directory outside any package; `.ts` and
 * `.mts`; a design importing a helper file of its own. None of these projects has lowbit-hdl in a
 * node_modules, so `lowbit-hdl` resolves to the running copy. A throw in the design is still
 * located at its line (source maps through the hooks).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliBatch, type CliResult } from './run-cli.ts';

const HELPER = `export const width = (n: number): number => n + 1;\n`;
const DESIGN = (helper: string): string => `import { defineDesign, module, uint } from 'lowbit-hdl';
import { width } from './${helper}';

export default defineDesign<{ n: number }>({
  defaults: { n: 3 },
  build: (p) => {
    if (p.n > 8) throw new RangeError('n is at most 8'); // throws here
    return module('loaded', (m) => void m.output('y', m.input('a', uint(width(p.n))).not()), { clock: null });
  },
});
`;

const PROJECTS: Record<string, { pkg?: object; design: string; helper: string }> = {
  'a CommonJS package (npm init -y), .ts design': { pkg: { name: 'cjs', version: '1.0.0', main: 'index.js', type: 'commonjs' }, design: 'my-design.ts', helper: 'helper.ts' },
  'a CommonJS package without a type field, .mts design': { pkg: { name: 'cjs2', version: '1.0.0' }, design: 'my-design.mts', helper: 'helper.mts' },
  'an ES module package': { pkg: { name: 'esm', version: '1.0.0', type: 'module' }, design: 'my-design.ts', helper: 'helper.ts' },
  'outside any package': { design: 'my-design.ts', helper: 'helper.ts' },
};

let base: string;
let results: CliResult[];
const entries = Object.entries(PROJECTS);

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'lowbit-projects-'));
  const argvs: string[][] = [];
  entries.forEach(([, p], k) => {
    const dir = join(base, `p${k}`);
    mkdirSync(dir);
    if (p.pkg) writeFileSync(join(dir, 'package.json'), JSON.stringify(p.pkg, null, 2));
    writeFileSync(join(dir, p.helper), HELPER);
    writeFileSync(join(dir, p.design), DESIGN(p.helper));
    argvs.push(['gen', join(dir, p.design), '-o', join(dir, 'out')], ['gen', join(dir, p.design), '-o', join(dir, 'out2'), '--param', 'n=9']);
  });
  results = await runCliBatch(argvs, base);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('design files load from every kind of project', () => {
  it('the scratch directory is outside any package', () => {
    let dir = base;
    const found: string[] = [];
    while (dir !== '/') {
      try {
        readFileSync(join(dir, 'package.json'));
        found.push(dir);
      } catch {
        /* none here */
      }
      dir = join(dir, '..');
    }
    expect(found).toEqual([]);
  });

  entries.forEach(([title, p], k) => {
    it(title, () => {
      const ok = results[2 * k]!;
      expect(ok).toEqual({ code: 0, stdout: `wrote ${join(base, `p${k}`, 'out')}/ (1 module, top loaded, 7 files)`, stderr: '' });
      expect(readFileSync(join(base, `p${k}`, 'out', 'loaded.v'), 'utf8')).toContain('input  wire [3:0] a');
      const lines = DESIGN(p.helper).split('\n');
      const line = lines.findIndex((l) => l.includes('// throws here')) + 1;
      const col = lines[line - 1]!.indexOf('new RangeError') + 1;
      expect(results[2 * k + 1]).toEqual({ code: 1, stdout: '', stderr: `p${k}/${p.design}:${line}:${col}: error: the design threw while elaborating: n is at most 8 — fix the exception at this line` });
    });
  });
});
