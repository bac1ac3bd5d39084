import { describe, it, expect } from 'vitest';
import { readParamInfo, resolveParams, formatParamList, type ParamInfo } from '../../src/cli/design-params.ts';
import { LowbitError } from '../../src/diag/error.ts';
import { ROOT } from './run-cli.ts';

const TYPED = `${ROOT}test/fixtures/good/typed-params.ts`;
const MIXED = `${ROOT}test/fixtures/good/params-mixed.ts`;

/** The diagnostics of a LowbitError thrown by `f`, as `line: message` strings. */
function errors(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof LowbitError) return e.diagnostics.map((d) => `${d.loc ? `${d.loc.line}: ` : ''}${d.message}`);
    throw e;
  }
  throw new Error('expected a LowbitError');
}

describe('readParamInfo', () => {
  // Reading types is the slow part (ts-morph); read each fixture once.
  const typed = readParamInfo(TYPED);
  const mixed = readParamInfo(MIXED);

  it('reads names, kinds, docs and lines from defineDesign<Params>', () => {
    expect(typed.map((p) => ({ name: p.name, kind: p.kind, values: p.values, doc: p.doc, optional: p.optional, line: p.loc.line, col: p.loc.col, file: p.loc.file }))).toEqual([
      { name: 'width', kind: 'number', values: undefined, doc: 'Data width in bits.', optional: false, line: 6, col: 3, file: TYPED },
      { name: 'registered', kind: 'boolean', values: undefined, doc: 'Register the output.', optional: false, line: 8, col: 3, file: TYPED },
      { name: 'reset', kind: 'enum', values: ['sync', 'async'], doc: 'Reset style.', optional: false, line: 10, col: 3, file: TYPED },
    ]);
  });

  it('reads strings, optional parameters and mixed string/number enums', () => {
    expect(mixed.map((p) => [p.name, p.kind, p.optional, p.values ?? null, p.typeText])).toEqual([
      ['prefix', 'string', false, null, 'string'],
      ['depth', 'number', true, null, 'number'],
      ['mode', 'enum', false, ['a', 'b', 4], '"a" | "b" | 4'],
      ['width', 'number', false, null, 'number'],
    ]);
  });

  it('falls back to an exported Params interface; none gives no parameters', () => {
    expect(readParamInfo(`${ROOT}test/fixtures/good/params-interface.ts`).map((p) => [p.name, p.kind])).toEqual([['lanes', 'number']]);
    expect(readParamInfo(`${ROOT}test/fixtures/good/no-params.ts`)).toEqual([]);
  });

  describe('resolveParams', () => {
    const defaults = { width: 8, registered: false, reset: 'sync' };

    it('merges parsed values over the defaults', () => {
      expect(resolveParams(TYPED, defaults, [], typed)).toEqual(defaults);
      expect(resolveParams(TYPED, defaults, ['width=12', 'registered=true', 'reset=async'], typed)).toEqual({ width: 12, registered: true, reset: 'async' });
      expect(resolveParams(TYPED, defaults, ['width=1e1'], typed)).toEqual({ ...defaults, width: 10 });
    });

    it('parses strings verbatim (including = signs) and enum members by their text', () => {
      expect(resolveParams(MIXED, {}, ['prefix=a=b', 'mode=4', 'width=3'], mixed)).toEqual({ prefix: 'a=b', mode: 4, width: 3 });
      expect(resolveParams(MIXED, {}, ['prefix=', 'mode=b', 'width=1', 'depth=2'], mixed)).toEqual({ prefix: '', mode: 'b', width: 1, depth: 2 });
    });

    it('refuses ill-typed values, located at the parameter declaration with its doc as the hint', () => {
      expect(errors(() => resolveParams(TYPED, defaults, ['width=abc'], typed))).toEqual(['6: --param width=abc: expected a number']);
      expect(errors(() => resolveParams(TYPED, defaults, ['width='], typed))).toEqual(['6: --param width=: expected a number']);
      expect(errors(() => resolveParams(TYPED, defaults, ['width=Infinity'], typed))).toEqual(['6: --param width=Infinity: expected a number']);
      expect(errors(() => resolveParams(TYPED, defaults, ['registered=1'], typed))).toEqual(['8: --param registered=1: expected a boolean']);
      expect(errors(() => resolveParams(TYPED, defaults, ['reset=both'], typed))).toEqual(['10: --param reset=both: expected one of "sync", "async"']);
      let hint: string | undefined;
      try {
        resolveParams(TYPED, defaults, ['width=x'], typed);
      } catch (e) {
        hint = (e as LowbitError).diagnostics[0]!.hint;
      }
      expect(hint).toBe('Data width in bits.');
    });

    it('refuses a parameter given twice (it would silently keep one value)', () => {
      expect(errors(() => resolveParams(TYPED, defaults, ['width=4', 'registered=true', 'width=8'], typed))).toEqual(['--param width is given twice (--param width=4, then --param width=8)']);
    });

    it('refuses unknown parameters and malformed arguments', () => {
      expect(errors(() => resolveParams(TYPED, defaults, ['depth=3'], typed))).toEqual(['1: unknown parameter \'depth\'']);
      expect(errors(() => resolveParams(TYPED, defaults, ['width'], typed))).toEqual(["--param 'width' is not of the form name=value"]);
      expect(errors(() => resolveParams(TYPED, defaults, ['=3'], typed))).toEqual(["--param '=3' is not of the form name=value"]);
    });

    it('refuses a missing parameter without default (optional ones may stay unset)', () => {
      expect(errors(() => resolveParams(MIXED, { prefix: 'out', mode: 'a' }, [], mixed))).toEqual(['12: missing --param width (number): the design gives it no default']);
    });

    it('reports every problem at once', () => {
      expect(errors(() => resolveParams(MIXED, {}, ['mode=c', 'bogus=1'], mixed))).toEqual([
        '10: --param mode=c: expected one of "a", "b", 4',
        "1: unknown parameter 'bogus'",
        '6: missing --param prefix (string): the design gives it no default',
        '10: missing --param mode ("a" | "b" | 4): the design gives it no default', // its value was refused
        '12: missing --param width (number): the design gives it no default',
      ]);
    });

    it('without type information, parses by the default value’s kind', () => {
      expect(resolveParams(TYPED, defaults, ['width=4', 'registered=true', 'extra=x'], undefined)).toEqual({ ...defaults, width: 4, registered: true, extra: 'x' });
      expect(errors(() => resolveParams(TYPED, defaults, ['width=four'], undefined))).toEqual(['--param width=four: expected a number']);
    });
  });

  describe('formatParamList', () => {
    it('lists name, type, default and doc per parameter', () => {
      const text = formatParamList(typed, { width: 8, registered: false, reset: 'sync' });
      const rows = text.trimEnd().split('\n').map((l) => l.split(/\s{2,}/));
      expect(rows).toEqual([
        ['name', 'type', 'default', 'description'],
        ['width', 'number', '8', 'Data width in bits.'],
        ['registered', 'boolean', 'false', 'Register the output.'],
        ['reset', '"sync" | "async"', '"sync"', 'Reset style.'],
      ]);
      expect(formatParamList([], {})).toBe('This design declares no parameters.\n');
    });

    it('aligns every column under its header', () => {
      for (const [infos, defaults] of [[typed, { width: 8, registered: false, reset: 'sync' }], [mixed, { prefix: 'out', mode: 'a' }]] as [ParamInfo[], Record<string, unknown>][]) {
        const lines = formatParamList(infos, defaults).trimEnd().split('\n');
        const col = lines[0]!.indexOf('description');
        for (const [i, line] of lines.slice(1).entries()) expect(line.indexOf(infos[i]!.doc), line).toBe(col);
      }
    });

    it('marks parameters without default as required, optional ones as optional', () => {
      const text = formatParamList(mixed, { prefix: 'out', mode: 'a' });
      expect(text).toMatch(/^width\s+number\s+\(required\)\s+Width/m);
      expect(text).toMatch(/^depth\s+number\s+\(optional\)\s+Optional depth\./m);
    });
  });
});

describe('rangeHint / locateParamError', () => {
  it('a hint that fits the value', async () => {
    const { rangeHint } = await import('../../src/cli/param-values.ts');
    expect(rangeHint('rows', 0, undefined)).toBe('rows must be at least 1');
    expect(rangeHint('rows', -1, 'at most 64')).toBe('rows cannot be negative (-1); at most 64');
    expect(rangeHint('rows', 2.5, undefined)).toBe('rows counts whole units: 2.5 is not an integer');
    expect(rangeHint('rows', 1e9, undefined)).toBe('1000000000 is far beyond what can be elaborated');
    expect(rangeHint('rows', 65, 'at most 64')).toBe('at most 64');
  });

  it('moves an unlocated refusal naming a parameter to its declaration; leaves others alone', async () => {
    const { locateParamError } = await import('../../src/cli/param-values.ts');
    const info = { name: 'rows', kind: 'number' as const, doc: '', optional: false, loc: { file: '/d.ts', line: 5, col: 3 }, typeText: 'number' };
    const out = locateParamError([{ severity: 'error', message: 'parameter rows = 0 is out of range', hint: 'at most 64' }], '/d.ts', [info], { rows: 0 }, ['rows=0']);
    expect(out).toEqual([{ severity: 'error', message: 'parameter rows = 0 is out of range', hint: 'rows must be at least 1; at most 64 (from --param rows=0)', loc: info.loc }]);
    expect(locateParamError([{ severity: 'error', message: 'width mismatch' }], '/d.ts', [info], { rows: 0 }, [])).toBeUndefined();
    expect(locateParamError([{ severity: 'error', message: 'rows bad', loc: { file: '/d.ts', line: 9, col: 1 } }], '/d.ts', [info], { rows: 0 }, [])).toBeUndefined();
  });
});
