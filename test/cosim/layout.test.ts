import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../src/diag/error.ts';
import { Prng } from '../../src/util/prng.ts';
import { beatLayout, decodeTxn, decodeValue, encodeTxn, encodeValue, hexOf, inRange, portRange } from '../../src/cosim/layout.ts';

describe('beatLayout', () => {
  it('pads each port to whole 32-bit words in order', () => {
    const l = beatLayout(
      [
        { name: 'a', width: 1, signed: false },
        { name: 'b', width: 32, signed: true },
        { name: 'c', width: 33, signed: false },
        { name: 'd', width: 100, signed: true },
      ],
      3,
    );
    expect(l.slots.map((s) => [s.offset, s.words])).toEqual([[0, 1], [1, 1], [2, 2], [4, 4]]);
    expect(l.slots.map((s) => s.topMask >>> 0)).toEqual([1, 0xffffffff, 1, 0xf]);
    expect(l.wordsPerBeat).toBe(8);
    expect(l.wordsPerTxn).toBe(24);
    expect(l.bitsPerTxn).toBe(3 * (1 + 32 + 33 + 100));
  });

  it('rejects names Verilator would mangle and bad widths', () => {
    expect(() => beatLayout([{ name: 'a__b', width: 1, signed: false }])).toThrow(LowbitError);
    expect(() => beatLayout([{ name: '1a', width: 1, signed: false }])).toThrow(/not a simple Verilog identifier/);
    expect(() => beatLayout([{ name: 'a', width: 0, signed: false }])).toThrow(/width 0/);
  });
});

describe('port values', () => {
  it('ranges are two-s complement for signed ports', () => {
    expect(portRange({ name: 'x', width: 4, signed: true })).toEqual({ min: -8n, max: 7n });
    expect(portRange({ name: 'x', width: 4, signed: false })).toEqual({ min: 0n, max: 15n });
    expect(inRange({ name: 'x', width: 1, signed: true }, -1n)).toBe(true);
    expect(inRange({ name: 'x', width: 1, signed: true }, 1n)).toBe(false);
  });

  it('encode/decode round-trips every value of every width up to 9 bits (exhaustive)', () => {
    for (let w = 1; w <= 9; w++) {
      for (const signed of [false, true]) {
        const port = { name: 'p', width: w, signed };
        const [slot] = beatLayout([port]).slots;
        const { min, max } = portRange(port);
        const words = new Uint32Array(1);
        for (let v = min; v <= max; v++) {
          encodeValue(slot, v, words, 0);
          expect(words[0] >>> w).toBe(0);
          expect(decodeValue(slot, words, 0)).toBe(v);
        }
      }
    }
  });

  it('encode/decode round-trips random wide values (seeded) with zero padding', () => {
    const prng = new Prng(7);
    for (const w of [31, 32, 33, 63, 64, 65, 100, 128, 129]) {
      for (const signed of [false, true]) {
        const port = { name: 'p', width: w, signed };
        const [slot] = beatLayout([port]).slots;
        const words = new Uint32Array(slot.words);
        for (let k = 0; k < 200; k++) {
          const bits = prng.bits(w);
          const v = signed ? BigInt.asIntN(w, bits) : bits;
          encodeValue(slot, v, words, 0);
          expect((words[slot.words - 1] & ~slot.topMask) >>> 0).toBe(0);
          expect(decodeValue(slot, words, 0)).toBe(v);
        }
        const { min, max } = portRange(port);
        for (const v of [min, max, 0n]) {
          encodeValue(slot, v, words, 0);
          expect(decodeValue(slot, words, 0)).toBe(v);
        }
      }
    }
  });

  it('encodeTxn checks beats, arity, types and ranges with clear messages', () => {
    const l = beatLayout([{ name: 'a', width: 4, signed: true }, { name: 'b', width: 3, signed: false }], 2);
    const out = new Uint32Array(l.wordsPerTxn * 2);
    encodeTxn(l, [[-8n, 7n], [7n, 0n]], out, 1, 'v');
    expect(decodeTxn(l, out, 1)).toEqual([[-8n, 7n], [7n, 0n]]);
    expect(() => encodeTxn(l, [[1n, 1n]], out, 0, 'v[3]')).toThrow('v[3]: expected 2 beat(s), got 1');
    expect(() => encodeTxn(l, [[1n], [1n, 1n]], out, 0, 'v')).toThrow(/beat 0 must have 2 value\(s\) \(a, b\)/);
    expect(() => encodeTxn(l, [[8n, 1n], [1n, 1n]], out, 0, 'v')).toThrow("port 'a' (beat 0) value 8 is out of range [-8, 7] for sint4");
    expect(() => encodeTxn(l, [[1, 1n] as unknown as bigint[], [1n, 1n]], out, 0, 'v')).toThrow(/is a number, expected a BigInt/);
  });

  it('hexOf prints the two-s complement bit pattern padded to the width', () => {
    expect(hexOf({ name: 'p', width: 16, signed: true }, -128n)).toBe('0xff80');
    expect(hexOf({ name: 'p', width: 9, signed: true }, -1n)).toBe('0x1ff');
    expect(hexOf({ name: 'p', width: 100, signed: false }, 5n)).toBe('0x' + '0'.repeat(24) + '5');
  });
});
