/** Store keys: canonical JSON, stable keys, and every identity field changes the key. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, pointKey, rtlHash, sha256 } from '../../src/sweep/point-key.ts';

const base = { designHash: sha256('design'), params: { a: 1, b: 'x' }, metrics: ['lint', 'synth:generic'], tools: { yosys: '0.55' } };

describe('point keys', () => {
  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: true })).toBe('{"a":true,"b":[1,{"c":2,"d":1}]}');
  });
  it('ignores parameter order and depends on each field', () => {
    expect(pointKey(base)).toBe(pointKey({ ...base, params: { b: 'x', a: 1 } }));
    expect(pointKey(base)).toMatch(/^[0-9a-f]{64}$/);
    const variants = [
      { ...base, designHash: sha256('design2') },
      { ...base, params: { a: 2, b: 'x' } },
      { ...base, params: { a: '1', b: 'x' } },
      { ...base, metrics: ['lint'] },
      { ...base, tools: { yosys: '0.56' } },
    ];
    const keys = new Set([pointKey(base), ...variants.map(pointKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });
  it('hashes an RTL set by names and contents, independent of insertion order', () => {
    const a = new Map([['x.v', 'module x; endmodule'], ['y.v', 'module y; endmodule']]);
    const b = new Map([['y.v', 'module y; endmodule'], ['x.v', 'module x; endmodule']]);
    expect(rtlHash(a)).toBe(rtlHash(b));
    expect(rtlHash(a)).not.toBe(rtlHash(new Map([['x.v', 'module x; endmodule']])));
    expect(rtlHash(new Map([['ab', 'c']]))).not.toBe(rtlHash(new Map([['a', 'bc']])));
  });
});
