import { describe, expect, it } from 'vitest';
import { HEADER_WORDS, VECTOR_MAGIC, VECTOR_VERSION } from '../../src/cosim/harness-model.ts';
import { beatLayout } from '../../src/cosim/layout.ts';
import { bytesOf, cyclesPath, vectorHeader } from '../../src/cosim/wire.ts';

describe('wire format', () => {
  it('writes the 8-word little-endian header', () => {
    const inL = beatLayout([{ name: 'a', width: 40, signed: false }], 3);
    const outL = beatLayout([{ name: 'y', width: 8, signed: false }], 2);
    const h = vectorHeader(inL, outL, 2 ** 32 + 5);
    expect(h.length).toBe(HEADER_WORDS * 4);
    expect(h.subarray(0, 4).toString('latin1')).toBe('LBCV');
    const words = [...Array(HEADER_WORDS).keys()].map((i) => h.readUInt32LE(4 * i));
    expect(words).toEqual([VECTOR_MAGIC, VECTOR_VERSION, 2, 3, 5, 1, 1, 2]);
  });

  it('views word arrays as bytes without copying', () => {
    const w = new Uint32Array([0x04030201, 0xa]);
    const b = bytesOf(w.subarray(1));
    expect([...b]).toEqual([0xa, 0, 0, 0]);
    w[1] = 0xb;
    expect(b[0]).toBe(0xb);
    expect(cyclesPath('/r/out.bin')).toBe('/r/out.bin.cycles');
  });
});
