import { describe, expect, it } from 'vitest';
import { fillRandomWords } from '../../src/cosim/random-words.ts';
import { Prng } from '../../src/util/prng.ts';

/** Straightforward xoshiro128** over uint32 values, seeded like fillRandomWords. */
function reference(seed: number, n: number): number[] {
  const p = new Prng(seed);
  const s = [p.u32(), p.u32(), p.u32(), (p.u32() | 1) >>> 0];
  const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0);
    const t = (s[1] << 9) >>> 0;
    s[2] = (s[2] ^ s[0]) >>> 0;
    s[3] = (s[3] ^ s[1]) >>> 0;
    s[1] = (s[1] ^ s[2]) >>> 0;
    s[0] = (s[0] ^ s[3]) >>> 0;
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
  }
  return out;
}

describe('fillRandomWords', () => {
  it('is xoshiro128** seeded from Prng, word for word', () => {
    for (const seed of [0, 1, 12345, 0xffffffff]) {
      const got = new Uint32Array(1000);
      fillRandomWords(seed, got);
      expect([...got]).toEqual(reference(seed, 1000));
    }
  });

  it('differs between seeds and uses all 32 bits', () => {
    const a = new Uint32Array(4096);
    const b = new Uint32Array(4096);
    fillRandomWords(1, a);
    fillRandomWords(2, b);
    expect(a.some((x, i) => x !== b[i])).toBe(true);
    const ones = [...a].reduce((acc, x) => acc | x, 0) >>> 0;
    expect(ones).toBe(0xffffffff);
  });
});
