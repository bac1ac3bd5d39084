/**
 * The import graph stays honest (docs/architecture.md): golden models never import the generator
 * (so a generator bug cannot hide in both), the IR imports no DSL, and passes/emitters do not
 * reach back into the DSL or the CLI.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Top-level src folders a file imports from (relative imports only). */
function importedAreas(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)].map((m) => relative(SRC, resolve(dirname(file), m[1]!)).split('/')[0]!);
}

const all = files(SRC);
const rule = (name: string, select: (rel: string) => boolean, forbidden: string[]) =>
  it(name, () => {
    const offenders: string[] = [];
    for (const f of all.filter((f) => select(relative(SRC, f)))) {
      for (const area of importedAreas(f)) if (forbidden.includes(area)) offenders.push(`${relative(SRC, f)} imports ${area}/`);
    }
    expect(offenders).toEqual([]);
  });

describe('import graph', () => {
  it('finds the source files and their imports', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(importedAreas(join(SRC, 'dsl/elaborate.ts'))).toContain('passes');
    expect(importedAreas(join(SRC, 'pe/mixpe/golden-datapath.ts'))).toContain('golden');
  });
  rule('golden models import no generator code', (r) => r.startsWith('golden/') || /^pe\/[^/]+\/golden/.test(r), ['dsl', 'ir', 'passes', 'emit', 'cli', 'cosim', 'interp', 'synth', 'lint']);
  rule('the IR imports no DSL, passes or emitters', (r) => r.startsWith('ir/'), ['dsl', 'passes', 'emit', 'cli', 'pe']);
  rule('passes import no DSL, emitters or CLI', (r) => r.startsWith('passes/'), ['dsl', 'emit', 'cli', 'pe']);
  rule('emitters import no DSL or CLI', (r) => r.startsWith('emit/'), ['dsl', 'cli', 'pe']);
  rule('the DSL imports no CLI, emitters or generators', (r) => r.startsWith('dsl/'), ['cli', 'emit', 'pe']);
});
