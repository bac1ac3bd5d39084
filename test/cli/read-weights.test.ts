import { describe, expect, it } from 'vitest';
import { readJson, readNpy } from '../../src/cli/read-weights.ts';
import { dyadicFromDouble, normalizeDyadic } from '../../src/golden/float/dyadic.ts';

function npyV2(descr: string, shape: string, data: Buffer): Buffer {
  const header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }\n`;
  const pre = Buffer.alloc(12);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0]).copy(pre);
  pre.writeUInt32LE(header.length, 8);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), data]);
}

describe('read-weights', () => {
  it('decodes float16 codes exactly (format 2.0 header), including subnormals and −0', () => {
    const d = Buffer.alloc(8);
    [0x3c00, 0x0001, 0x8000, 0xc248].forEach((c, i) => d.writeUInt16LE(c, 2 * i));
    const m = readNpy('x.npy', npyV2('<f2', '(2, 2)', d));
    expect(m.dtype).toBe('float16');
    expect(m.data.flat().map(normalizeDyadic)).toEqual([{ mant: 1n, exp: 0 }, { mant: 1n, exp: -24 }, { mant: 0n, exp: 0 }, { mant: -201n, exp: -6 }]);
  });
  it('rejects non-2-D shapes and bad magic', () => {
    expect(() => readNpy('x.npy', npyV2('<f4', '(4,)', Buffer.alloc(16)))).toThrow(/shape \(4,\) is not a non-empty 2-D matrix/);
    expect(() => readNpy('x.npy', Buffer.from('not numpy at all'))).toThrow(/bad magic/);
  });
  it('JSON: exact doubles, located syntax errors', () => {
    expect(readJson('a.json', ' [[0.1, -2e-3]] ').data[0]).toEqual([dyadicFromDouble(0.1), dyadicFromDouble(-2e-3)]);
    expect(() => readJson('a.json', '[[1, 2],\n [3, "x"]]')).toThrow(/a\.json:2:6: error: expected a number, found '"'/);
    expect(() => readJson('a.json', '[[1, 2], 5]')).toThrow(/a\.json:1:10: error: row 1 is not an array/);
    expect(() => readJson('a.json', '[]')).toThrow(/matrix is empty/);
    expect(() => readJson('a.json', '[[1e999]]')).toThrow(/overflows a double/);
    expect(() => readJson('a.json', '[[1]] x')).toThrow(/unexpected text/);
  });
});
