/**
 * The import graph stays honest (docs/architecture.md). Rules follow imports transitively over the
 * runtime module graph of `src/` (see import-graph.ts: relative specifiers resolved, `export … from`
 * and dynamic `import('…')` included, type-only imports excluded because they load nothing):
 * - golden models never reach generator code, so a generator bug cannot hide in both;
 * - no PE family reaches another family (shared hardware lives in `src/lib`);
 * - the DSL never reaches the cosim engine or the IR simulator; the library never reaches `pe`/`cli`;
 * - the IR, the passes and the emitters do not reach back into the DSL, the CLI or the families;
 * - there is no import cycle in `src/` except the ones listed in KNOWN_CYCLES with a reason.
 * The first block proves the rule machinery on a small planted graph, so a rule that silently
 * matches nothing cannot pass here.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { buildGraph, cycles, reachable, readTree, runtimeSpecifiers, violations, type ReachRule } from './import-graph.ts';

const SRC = resolve(import.meta.dirname, '../../src');

const area = (p: string): string => p.split('/')[0]!;
const base = (p: string): string => p.split('/').pop()!;
/** `pe/<family>/…` → family; null outside a family folder (e.g. `pe/index.ts`). */
const family = (p: string): string | null => /^pe\/([^/]+)\//.exec(p)?.[1] ?? null;

/** Golden models: `golden/**`, `pe/<family>/golden*.ts`, `lib/**\/golden*.ts`. */
export const isGolden = (p: string): boolean => p.startsWith('golden/') || /^pe\/[^/]+\/golden[^/]*\.ts$/.test(p) || /^lib\/.*\/golden[^/]*\.ts$/.test(p) || /^lib\/golden[^/]*\.ts$/.test(p);
const GENERATOR_AREAS = ['dsl', 'emit', 'cosim', 'ir', 'passes', 'cli', 'interp', 'synth', 'lint'];

export const RULES: Readonly<Record<string, ReachRule>> = {
  'golden models reach no generator code (dsl, emit, cosim, ir, passes, cli, interp, synth, lint, rtl*)': {
    from: isGolden,
    to: (p) => GENERATOR_AREAS.includes(area(p)) || base(p).startsWith('rtl'),
  },
  'no PE family reaches another family': {
    from: (p) => family(p) !== null,
    to: (p, from) => family(p) !== null && family(p) !== family(from),
  },
  'the DSL reaches neither the cosim engine nor the IR simulator': {
    from: (p) => area(p) === 'dsl',
    to: (p) => area(p) === 'cosim' || area(p) === 'interp',
  },
  'the library reaches neither the PE families nor the CLI': {
    from: (p) => area(p) === 'lib',
    to: (p) => area(p) === 'pe' || area(p) === 'cli',
  },
  'the IR reaches no DSL, passes, emitters, CLI or families': {
    from: (p) => area(p) === 'ir',
    to: (p) => ['dsl', 'passes', 'emit', 'cli', 'pe', 'lib'].includes(area(p)),
  },
  'passes reach no DSL, emitters, CLI or families': {
    from: (p) => area(p) === 'passes',
    to: (p) => ['dsl', 'emit', 'cli', 'pe', 'lib'].includes(area(p)),
  },
  'emitters reach no DSL, CLI or families': {
    from: (p) => area(p) === 'emit',
    to: (p) => ['dsl', 'cli', 'pe', 'lib'].includes(area(p)),
  },
  'the DSL reaches no CLI, emitters, library or families': {
    from: (p) => area(p) === 'dsl',
    to: (p) => ['cli', 'emit', 'pe', 'lib'].includes(area(p)),
  },
};

/**
 * Import cycles that are known and tolerated, each with the reason. Every entry must still be a
 * cycle (a fixed cycle must be removed from this list), and no other cycle may exist.
 */
export const KNOWN_CYCLES: readonly { readonly files: readonly string[]; readonly reason: string }[] = [];

const files = readTree(SRC);
const graph = buildGraph(files);

describe('import-graph machinery on a planted graph', () => {
  const planted = new Map<string, string>([
    ['golden/a.ts', "import { x } from './b.ts';\nimport type { T } from '../dsl/t.ts';\nexport { y } from '../util/u.ts';"],
    ['golden/b.ts', "import { z } from '../util/u.ts';\nimport { type Only } from '../dsl/t.ts';"],
    ['util/u.ts', "export * from '../dsl/m.ts';"],
    ['dsl/m.ts', "import './side.ts';\nexport const m = 1;"],
    ['dsl/side.ts', "const lazy = () => import('../cosim/c.ts');"],
    ['dsl/t.ts', 'export type T = number;'],
    ['cosim/c.ts', "import { a } from '../golden/a.ts';\nimport { nope } from 'handlebars';"],
    ['pe/one/rtl.ts', "import { g } from '../two/index.ts';"],
    ['pe/two/index.ts', "export * from './gen.ts';"],
    ['pe/two/gen.ts', 'export const g = 2;'],
    ['pe/index.ts', "export * from './one/rtl.ts';\nexport * from './two/index.ts';"],
  ]);
  const g = buildGraph(planted);

  it('reads static, re-export, side-effect and dynamic imports, and skips type-only ones', () => {
    expect(runtimeSpecifiers('x.ts', "import type { A } from './a';\nimport { type B, C } from './b';\nimport { type D } from './d';\nexport type { E } from './e';\nexport { F } from './f';\nimport './g';\nawait import('./h');\nimport x from 'pkg';")).toEqual([
      './b', './f', './g', './h', 'pkg',
    ]);
    expect(g.get('golden/a.ts')).toEqual(['golden/b.ts', 'util/u.ts']);
    expect(g.get('golden/b.ts')).toEqual(['util/u.ts']);
    expect(g.get('cosim/c.ts')).toEqual(['golden/a.ts']);
  });

  it('follows imports transitively with the shortest chain', () => {
    expect(reachable(g, 'golden/b.ts').get('cosim/c.ts')).toEqual(['golden/b.ts', 'util/u.ts', 'dsl/m.ts', 'dsl/side.ts', 'cosim/c.ts']);
  });

  it('detects planted violations of every kind of rule', () => {
    expect(violations(g, RULES['golden models reach no generator code (dsl, emit, cosim, ir, passes, cli, interp, synth, lint, rtl*)']!)).toEqual([
      'golden/a.ts → util/u.ts → dsl/m.ts',
      'golden/a.ts → util/u.ts → dsl/m.ts → dsl/side.ts',
      'golden/a.ts → util/u.ts → dsl/m.ts → dsl/side.ts → cosim/c.ts',
      'golden/b.ts → util/u.ts → dsl/m.ts',
      'golden/b.ts → util/u.ts → dsl/m.ts → dsl/side.ts',
      'golden/b.ts → util/u.ts → dsl/m.ts → dsl/side.ts → cosim/c.ts',
    ]);
    expect(violations(g, RULES['no PE family reaches another family']!)).toEqual(['pe/one/rtl.ts → pe/two/index.ts', 'pe/one/rtl.ts → pe/two/index.ts → pe/two/gen.ts']);
    expect(violations(g, RULES['the DSL reaches neither the cosim engine nor the IR simulator']!)).toEqual(['dsl/m.ts → dsl/side.ts → cosim/c.ts', 'dsl/side.ts → cosim/c.ts']);
    expect(violations(g, { ...RULES['the DSL reaches neither the cosim engine nor the IR simulator']!, direct: true })).toEqual(['dsl/side.ts → cosim/c.ts']);
  });

  it('classifies golden files and forbids their rtl* and generator imports, lib and pe files alike', () => {
    for (const p of ['golden/rounding.ts', 'golden/float/encode.ts', 'pe/mixpe/golden.ts', 'pe/tpe/golden-mac.ts', 'lib/fp/golden-round.ts', 'lib/golden-sum.ts']) expect(isGolden(p)).toBe(true);
    for (const p of ['pe/mixpe/rtl-array.ts', 'lib/fp/round.ts', 'pe/golden.ts.bak', 'cosim/golden-batch.ts']) expect(isGolden(p)).toBe(false);
    const small = buildGraph(new Map([
      ['pe/x/golden.ts', "import { f } from './rtl-helper.ts';\nimport { g } from '../../lib/fp/golden-round.ts';"],
      ['pe/x/rtl-helper.ts', 'export const f = 1;'],
      ['lib/fp/golden-round.ts', "import { T } from '../../ir/op-table.ts';"],
      ['ir/op-table.ts', 'export const T = 1;'],
    ]));
    expect(violations(small, RULES['golden models reach no generator code (dsl, emit, cosim, ir, passes, cli, interp, synth, lint, rtl*)']!)).toEqual([
      'lib/fp/golden-round.ts → ir/op-table.ts',
      'pe/x/golden.ts → lib/fp/golden-round.ts → ir/op-table.ts',
      'pe/x/golden.ts → pe/x/rtl-helper.ts',
    ]);
  });

  it('finds the planted cycle and nothing else', () => {
    expect(cycles(g)).toEqual([['cosim/c.ts', 'dsl/m.ts', 'dsl/side.ts', 'golden/a.ts', 'golden/b.ts', 'util/u.ts']]);
    expect(cycles(buildGraph(new Map([['a.ts', "import './a.ts';"], ['b.ts', "import './a.ts';"]])))).toEqual([['a.ts']]);
  });

  it('refuses a relative import that resolves to no file', () => {
    expect(() => buildGraph(new Map([['a.ts', "import { q } from './missing.ts';"]]))).toThrow("a.ts: import './missing.ts' resolves to no file");
  });
});

describe('import graph of src/', () => {
  it('finds the source files and their imports', () => {
    expect(files.size).toBeGreaterThan(50);
    expect(graph.get('dsl/elaborate.ts')).toContain('passes/pipeline.ts');
    expect([...reachable(graph, 'pe/mixpe/golden-datapath.ts').keys()].some((p) => p.startsWith('golden/'))).toBe(true);
  });

  for (const [name, rule] of Object.entries(RULES)) {
    it(name, () => {
      expect(violations(graph, rule)).toEqual([]);
    });
  }

  it('has no import cycles except the known ones (each still a cycle, each with a reason)', () => {
    const known = KNOWN_CYCLES.map((c) => [...c.files].sort().join(' ↔ '));
    for (const c of KNOWN_CYCLES) expect(c.reason.length).toBeGreaterThan(20);
    expect(cycles(graph).map((c) => c.join(' ↔ '))).toEqual(known);
  });
});
