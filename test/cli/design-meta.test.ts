import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { designMeta, metaKey } from '../../src/cli/design-meta.ts';

const DESIGN = `import { defineDesign, module, uint } from 'lowbit-hdl';
import type { Params } from './types.ts';
export default defineDesign<Params>({ defaults: { width: 4 }, build: (p) => module('d', (m) => void m.output('y', m.input('a', uint(p.width))), { clock: null }) });
`;

describe('designMeta: syntax and parameter metadata cached by content hash', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lowbit-meta-'));
    writeFileSync(join(dir, 'types.ts'), 'export interface Params {\n  /** Width. */\n  width: number;\n}\n');
    writeFileSync(join(dir, 'd.ts'), DESIGN);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the parameters once, then from the cache file', async () => {
    const cache = join(dir, 'cache');
    const first = await designMeta(join(dir, 'd.ts'), cache);
    expect(first.syntax).toEqual([]);
    expect(first.params.map((p) => [p.name, p.kind, p.doc])).toEqual([['width', 'number', 'Width.']]);
    const files = readdirSync(cache);
    expect(files).toEqual([`${metaKey(join(dir, 'd.ts'))}.json`]);
    // A doctored cache entry is what the second call returns: proof it did not re-read the TypeScript.
    const doctored = { syntax: [], params: [{ ...first.params[0]!, doc: 'from the cache' }] };
    writeFileSync(join(cache, files[0]!), JSON.stringify(doctored));
    expect((await designMeta(join(dir, 'd.ts'), cache)).params[0]!.doc).toBe('from the cache');
  });

  it('the key follows the design file and the files it imports by relative path', () => {
    const k0 = metaKey(join(dir, 'd.ts'));
    writeFileSync(join(dir, 'types.ts'), readFileSync(join(dir, 'types.ts'), 'utf8').replace('width: number', 'width: 4 | 8'));
    const k1 = metaKey(join(dir, 'd.ts'));
    expect(k1).not.toBe(k0);
    writeFileSync(join(dir, 'd.ts'), DESIGN + '\n// a comment\n');
    expect(metaKey(join(dir, 'd.ts'))).not.toBe(k1);
  });

  it('a syntax error is reported and not cached', async () => {
    writeFileSync(join(dir, 'd.ts'), 'export default (;\n');
    const cache = join(dir, 'cache');
    const m = await designMeta(join(dir, 'd.ts'), cache);
    expect(m.syntax.length).toBeGreaterThan(0);
    expect(() => readdirSync(cache)).toThrow();
  });
});
