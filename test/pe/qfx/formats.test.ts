/** Per-tensor format files: defaults, validation errors that name the file and tensor. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFormatFile } from '../../../src/pe/qfx/formats.ts';

function file(content: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'fmt-')), 'formats.json');
  writeFileSync(f, content);
  return f;
}

describe('readFormatFile', () => {
  it('fills ap_fixed defaults', () => {
    const f = readFormatFile(file('{"x": {"w": 8, "i": 3}}'), ['x']);
    expect(f.x).toEqual({ w: 8, i: 3, signed: true, q: 'AP_TRN', o: 'AP_WRAP', n: 0 });
  });
  it('names the tensor and the problem', () => {
    expect(() => readFormatFile(file('{"x": {"w": 0, "i": 3}}'), [])).toThrow(/tensor 'x': w must be an integer 1..64/);
    expect(() => readFormatFile(file('{"x": {"w": 8, "i": 3, "q": "ROUND"}}'), [])).toThrow(/tensor 'x': q must be one of/);
    expect(() => readFormatFile(file('{"x": {"w": 8, "i": 3, "signed": false, "o": "AP_WRAP_SM"}}'), [])).toThrow(/AP_WRAP_SM is not defined for unsigned/);
    expect(() => readFormatFile(file('{"x": {"w": 8, "i": 3}}'), ['x', 'y'])).toThrow(/has no tensor 'y'/);
    expect(() => readFormatFile(file('not json'), [])).toThrow(/cannot read format file/);
    expect(() => readFormatFile(file('[1]'), [])).toThrow(/must hold a JSON object/);
  });
});
