import { describe, it, expect } from 'vitest';
import { resolveDesignPath, isLowbitError, asUserError, loadDesign } from '../../src/cli/load-design.ts';
import { LowbitError, userError } from '../../src/diag/error.ts';
import { ROOT } from './run-cli.ts';

const fixture = (p: string): string => `${ROOT}test/fixtures/${p}`;
async function rejection(p: Promise<unknown>): Promise<LowbitError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LowbitError) return e;
    throw e;
  }
  throw new Error('expected a LowbitError');
}

describe('resolveDesignPath', () => {
  it('makes the path absolute, or refuses a missing file', () => {
    expect(resolveDesignPath(fixture('good/no-params.ts'))).toBe(fixture('good/no-params.ts'));
    expect(() => resolveDesignPath('nope/x.ts')).toThrow("design file 'nope/x.ts' does not exist");
  });
});


describe('isLowbitError / asUserError', () => {
  it('recognizes LowbitErrors, also from another copy of the package (by shape)', () => {
    expect(isLowbitError(userError('x'))).toBe(true);
    const foreign = Object.assign(new Error('y'), { diagnostics: [] });
    expect(isLowbitError(foreign)).toBe(true);
    expect(isLowbitError(new Error('z'))).toBe(false);
    expect(isLowbitError({ diagnostics: [] })).toBe(false);
  });

  it('wraps a user exception, located at its first frame in the design file', () => {
    const e = new RangeError('bad depth');
    e.stack = 'RangeError: bad depth\n    at check (/work/d.ts:5:11)\n    at build (/work/d.ts:20:3)';
    expect(asUserError(e, '/work/d.ts', 'elaborating').diagnostics).toEqual([
      { severity: 'error', message: 'the design threw while elaborating: bad depth', hint: 'fix the exception at this line', loc: { file: '/work/d.ts', line: 5, col: 11 } },
    ]);
    expect(asUserError('thrown string', '/work/d.ts', 'loading').diagnostics[0]).toMatchObject({ message: 'the design threw while loading: thrown string', loc: { line: 1, col: 1 } });
    const original = userError('already located');
    expect(asUserError(original, '/work/d.ts', 'x')).toBe(original);
  });
});

describe('loadDesign', () => {
  it('returns the default-exported design', async () => {
    const { file, design } = await loadDesign(fixture('good/typed-params.ts'));
    expect(file).toBe(fixture('good/typed-params.ts'));
    expect(design.kind).toBe('lowbit-design');
    expect(design.defaults).toEqual({ width: 8, registered: false, reset: 'sync' });
  });

  it('refuses a file without a default-exported design', async () => {
    const e = await rejection(loadDesign(fixture('bad/no-default-export.ts')));
    expect(e.diagnostics).toEqual([
      {
        severity: 'error',
        message: 'the design file has no default export made with defineDesign()',
        hint: 'end it with `export default defineDesign({ defaults, build })`',
        loc: { file: fixture('bad/no-default-export.ts'), line: 1, col: 1 },
      },
    ]);
  });

  it('reports syntax errors before loading anything', async () => {
    const e = await rejection(loadDesign(fixture('bad/syntax-error.ts')));
    expect(e.diagnostics.map((d) => d.message)).toEqual(['TypeScript syntax error: Expression expected.']);
  });

  it('wraps an exception thrown while the file loads', async () => {
    const e = await rejection(loadDesign(fixture('bad/throws-loading.ts')));
    expect(e.diagnostics.map((d) => [d.message, d.loc?.file])).toEqual([['the design threw while loading: the coefficient table is empty', fixture('bad/throws-loading.ts')]]);
  });
});
