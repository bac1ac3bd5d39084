import { describe, it, expect } from 'vitest';
import { parseCommand, UsageError } from '../../src/cli/command-line.ts';

describe('parseCommand', () => {
  const spec = { out: { type: 'string' as const, short: 'o' }, param: { type: 'string' as const, multiple: true }, flag: { type: 'boolean' as const } };

  it('a repeatable option collects every value', () => {
    expect(parseCommand(['x.ts', '--param', 'a=1', '--param', 'b=2'], spec, 1).values.param).toEqual(['a=1', 'b=2']);
  });

  it('a single-valued option given twice is a usage error, long or short', () => {
    expect(() => parseCommand(['x.ts', '-o', 'a', '--out', 'b'], spec, 1)).toThrow(new UsageError('--out is given more than once'));
    expect(() => parseCommand(['x.ts', '--flag', '--flag'], spec, 1)).toThrow(new UsageError('--flag is given more than once'));
  });

  it('counts positionals', () => {
    expect(() => parseCommand(['a', 'b'], spec, 1)).toThrow(new UsageError('expected 1 argument, got 2'));
  });
});
