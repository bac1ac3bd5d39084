/**
 * Seeded, deterministic PRNG for vectors and property tests: the same seed gives the same stream
 * on every machine. xoshiro128** over 32-bit state words; `bits(n)` returns an exact BigInt.
 */
export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number | bigint = 1) {
    // splitmix32 expands the seed into four non-zero state words.
    let x = Number(BigInt.asUintN(32, BigInt(seed))) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() | 1;
  }

  /** Next uniform 32-bit unsigned integer. */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform integer in [0, n) for 1 <= n <= 2^32 (rejection sampling: no modulo bias). */
  below(n: number): number {
    if (n <= 0 || n > 2 ** 32) throw new RangeError('Prng.below: n out of range');
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const v = this.u32();
      if (v < limit) return v % n;
    }
  }

  /** Uniform integer in [lo, hi] (inclusive; span at most 2^32). */
  int(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** `n` uniform random bits as a non-negative BigInt. */
  bits(n: number): bigint {
    let v = 0n;
    let left = n;
    while (left > 0) {
      const take = Math.min(32, left);
      v = (v << BigInt(take)) | BigInt(this.u32() >>> (32 - take));
      left -= take;
    }
    return v;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() / 2 ** 32 < p;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
