import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../src/diag/error.ts';
import { beatLayout } from '../../src/cosim/layout.ts';
import { loadVectorFile, parseVectorJsonl } from '../../src/cosim/vector-file.ts';

const layout = beatLayout([
  { name: 'a', width: 8, signed: true },
  { name: 'b', width: 100, signed: false },
]);

describe('parseVectorJsonl', () => {
  it('reads objects, positional beats, decimal / hex / binary strings, comments and blank lines', () => {
    const text = [
      '# header comment',
      '{"a": -5, "b": 7}',
      '',
      '{"a": "0x80", "b": "0xffff_ffff_ffff_ffff_ffff_ffff_f"}',
      '// another comment',
      '[[ "-0x10", "0b101" ]]',
      '[{"b": "123456789012345678901234567890", "a": "127"}]',
    ].join('\n');
    const vs = parseVectorJsonl(text, layout, 'v.jsonl');
    expect(vs.count).toBe(4);
    expect(vs.description).toBe('file v.jsonl (4)');
    expect(vs.transaction(0)).toEqual([[-5n, 7n]]);
    expect(vs.transaction(1)).toEqual([[-128n, (1n << 100n) - 1n]]);
    expect(vs.transaction(2)).toEqual([[-16n, 5n]]);
    expect(vs.transaction(3)).toEqual([[127n, 123456789012345678901234567890n]]);
  });

  it('reads multi-beat transactions', () => {
    const l2 = beatLayout([{ name: 'x', width: 4, signed: false }], 2);
    const vs = parseVectorJsonl('[{"x": 1}, {"x": 15}]\n[[2], [3]]\n', l2);
    expect(vs.transaction(0)).toEqual([[1n], [15n]]);
    expect(vs.transaction(1)).toEqual([[2n], [3n]]);
    expect(() => parseVectorJsonl('{"x": 1}', l2, 'm.jsonl')).toThrow('m.jsonl:1:1: error: vector file: expected 2 input beat(s) per transaction, got 1');
  });

  it.each([
    ['{"a": 1}', "missing input port 'b'"],
    ['{"a": 1, "b": 2, "c": 3}', "unknown input port 'c' (inputs: a, b)"],
    ['{"a": 128, "b": 0}', "port 'a': value 128 is out of range [-128, 127] for sint8"],
    ['{"a": "0x100", "b": 0}', "port 'a': bit pattern 0x100 does not fit in 8 bits"],
    ['{"a": "1.5", "b": 0}', "port 'a': '1.5' is not a decimal, 0x-hex or 0b-binary integer"],
    ['{"a": 1e300, "b": 0}', 'is not a safe integer'],
    ['{"a": null, "b": 0}', 'expected a number or a numeric string, got null'],
    ['{"a": 1, "b": -1}', "port 'b': value -1 is out of range"],
    ['[[1]]', 'beat 0 has 1 value(s), expected 2 (a, b)'],
    ['{"a": 1,', 'invalid JSON'],
    ['42', 'a line must be an object of port values'],
  ])('rejects %s with a located message', (line, message) => {
    const text = `{"a": 0, "b": 0}\n\n  ${line}\n`;
    let err: unknown;
    try {
      parseVectorJsonl(text, layout, '/x/vec.jsonl');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LowbitError);
    const e = err as LowbitError;
    expect(e.diagnostics[0].loc).toEqual({ file: '/x/vec.jsonl', line: 3, col: 3 });
    expect(e.message).toContain(message);
  });
});

describe('loadVectorFile', () => {
  it('reads a file and names it in errors', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-vec-'));
    const file = path.join(dir, 'v.jsonl');
    writeFileSync(file, '{"a": 3, "b": 4}\n{"a": 3}\n');
    expect(() => loadVectorFile(file, layout)).toThrow(`${file}:2:1: error: vector file: missing input port 'b'`);
    writeFileSync(file, '{"a": 3, "b": 4}\n');
    expect(loadVectorFile(file, layout).transaction(0)).toEqual([[3n, 4n]]);
    expect(() => loadVectorFile(path.join(dir, 'nope.jsonl'), layout)).toThrow(/cannot read vector file/);
  });
});

describe('an empty vector file', () => {
  it('is an error at line 1 with an example line for the layout, not a run that passes', () => {
    const layout = beatLayout([{ name: 'a', width: 4, signed: false }], 1);
    expect(() => parseVectorJsonl('\n# only a comment\n\n', layout, 'v.jsonl')).toThrow('v.jsonl:1:1: error: vector file has no transactions (only blank or comment lines) — add one JSON line per transaction, e.g. {"a": 0}');
  });
});
