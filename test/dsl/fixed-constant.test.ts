/**
 * Fixed-point constants: decimal strings, fractions and rationals converted like an ap_fixed
 * assignment, for every (Q, O, N) of several formats, against the golden model's conversion;
 * the spec's examples; parse errors.
 */
import { describe, expect, it } from 'vitest';
import { module, fixed, ufixed } from '../../src/index.ts';
import { parseRational } from '../../src/dsl/fixed-constant.ts';
import { fromDecimalString, fromRational } from '../../src/golden/fixed/value.ts';
import { allModes } from '../../src/pe/qfx/cast-bank.ts';
import { Prng } from '../../src/util/prng.ts';

function constantValue(text: string | { num: bigint; den: bigint }, t: ReturnType<typeof fixed>): bigint {
  let v = 0n;
  module('c', (m) => {
    const c = m.fixedConstant(text, t);
    v = BigInt((m as unknown as { ir: { nodes: { dst: number; value?: string }[] } }).ir.nodes.find((n) => n.dst === c.id)!.value!);
  }, { clock: null });
  return v;
}

describe('fixedConstant', () => {
  it('matches the spec examples', () => {
    expect(constantValue('0.05', fixed(4, -2, { q: 'AP_RND', o: 'AP_SAT' }))).toBe(3n); // 0.046875 = 3 * 2^-6
    expect(constantValue('13', fixed(4, 6, { q: 'AP_RND', o: 'AP_SAT' }))).toBe(3n); // 12 = 3 * 4
    expect(constantValue('100', fixed(4, 6, { q: 'AP_RND', o: 'AP_SAT' }))).toBe(7n); // 28
    expect(constantValue('1.9', fixed(4, 2, { q: 'AP_RND', o: 'AP_SAT' }))).toBe(7n); // 1.75
    expect(constantValue('1.9', fixed(4, 2, { q: 'AP_RND', o: 'AP_WRAP' }))).toBe(-8n); // -2.0
    expect(constantValue('-0.4', ufixed(6, 6, { q: 'AP_TRN' }))).toBe(63n);
  });

  it('equals the golden conversion for every mode pair on seeded values', () => {
    const rng = new Prng(5);
    const texts = ['0', '-0', '0.5', '-2.5', '3.5', '-3.5', '1e-3', '-7.875', '127.999', '1/3', '-5/7', '0.1'];
    for (let k = 0; k < 40; k++) texts.push(`${rng.int(-3000, 3000)}.${rng.int(0, 99999)}`, `${rng.int(-9999, 9999)}/${rng.int(1, 999)}`);
    let checked = 0;
    for (const f of [{ w: 6, i: 3, signed: true }, { w: 5, i: 7, signed: true }, { w: 4, i: -1, signed: false }, { w: 9, i: 4, signed: false }]) {
      for (const d of allModes(f, [0, 1, 2])) {
        const t = fixed(d.w, d.i, { signed: d.signed, q: d.q, o: d.o, n: d.n });
        for (const text of texts) {
          const r = parseRational(text);
          const want = text.includes('/') ? fromRational(r, d) : fromDecimalString(text, d);
          expect(constantValue(text, t), `${text} -> ${JSON.stringify(d)}`).toBe(want);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('rejects text that is not a number', () => {
    expect(() => constantValue('one half', fixed(8, 4))).toThrow(/is not a decimal number or fraction/);
    expect(() => constantValue({ num: 1n, den: 0n }, fixed(8, 4))).toThrow(/zero denominator/);
  });
});
