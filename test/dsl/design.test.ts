import { describe, it, expect } from 'vitest';
import { defineDesign, isDesign } from '../../src/dsl/design.ts';
import { module, uint } from '../../src/index.ts';

describe('defineDesign / isDesign', () => {
  const spec = {
    name: 'd',
    defaults: { width: 4 },
    build: (p: { width: number }) => module('d', (m) => void m.output('y', m.input('a', uint(p.width))), { clock: null }),
  };

  it('tags the spec and keeps every field', () => {
    const d = defineDesign(spec);
    expect(d.kind).toBe('lowbit-design');
    expect(d.name).toBe('d');
    expect(d.defaults).toEqual({ width: 4 });
    expect(d.build({ width: 3 }).portType('a')).toEqual({ width: 3, signed: false });
  });

  it('recognizes designs only', () => {
    expect(isDesign(defineDesign(spec))).toBe(true);
    expect(isDesign(spec)).toBe(false);
    expect(isDesign(null)).toBe(false);
    expect(isDesign('lowbit-design')).toBe(false);
    expect(isDesign({ kind: 'lowbit-design' })).toBe(true); // structural: a design from another copy of the package
  });
});

describe('defineDesign typing', () => {
  // Design files declare `export interface Params { ... }` and call defineDesign<Params>(...), as the
  // examples do. An interface has no index signature, so a `P extends Record<string, ParamValue>`
  // constraint rejects it (TS2344) and `tsc -p .` fails on every example.
  it('accepts an interface as the parameter type', async () => {
    const { Project } = await import('ts-morph');
    const project = new Project({ tsConfigFilePath: new URL('../../tsconfig.json', import.meta.url).pathname, skipAddingFilesFromTsConfig: true });
    const sf = project.addSourceFileAtPath(new URL('../fixtures/good/typed-params.ts', import.meta.url).pathname);
    project.resolveSourceFileDependencies();
    const diags = project.getPreEmitDiagnostics().filter((d) => d.getSourceFile() === sf);
    const text = (m: ReturnType<(typeof diags)[number]['getMessageText']>): string => (typeof m === 'string' ? m : m.getMessageText());
    expect(diags.map((d) => `${d.getLineNumber()}: ${text(d.getMessageText())}`)).toEqual([]);
  });
});
