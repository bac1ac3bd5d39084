import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { syntaxErrors } from '../../src/cli/design-syntax.ts';
import { ROOT } from './run-cli.ts';

const fixture = (f: string): string => join(ROOT, 'test/fixtures', f);

describe('syntaxErrors', () => {
  it('locates TypeScript syntax errors at their line and column', () => {
    expect(syntaxErrors(fixture('bad/syntax-error.ts'))).toEqual([
      { severity: 'error', message: 'TypeScript syntax error: Expression expected.', loc: { file: fixture('bad/syntax-error.ts'), line: 9, col: 17 } },
    ]);
  });

  it('is empty for a valid file (type errors are not syntax errors)', () => {
    expect(syntaxErrors(fixture('good/typed-params.ts'))).toEqual([]);
  });
});
