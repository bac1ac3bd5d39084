import { describe, expect, it } from 'vitest';
import { addFixed, addFormat, arithFixed, type ArithOp, mulFixed, mulFormat, subFixed, subFormat } from '../../../src/golden/fixed/arith.ts';
import { castFixed } from '../../../src/golden/fixed/cast.ts';
import { type FixedFormat, formatName, maxInt, minInt } from '../../../src/golden/fixed/format.ts';
import { fixedValue } from '../../../src/golden/fixed/value.ts';
import { Prng } from '../../../src/util/prng.ts';

const fx = (w: number, i: number): FixedFormat => ({ w, i, signed: true });
const ufx = (w: number, i: number): FixedFormat => ({ w, i, signed: false });

describe('§3 result types (test item 5)', () => {
  it.each([
    ['<8,4> * <8,4>', mulFormat(fx(8, 4), fx(8, 4)), 'ap_fixed<16,8>'],
    ['<8,4> + <6,2>', addFormat(fx(8, 4), fx(6, 2)), 'ap_fixed<9,5>'],
    ['ufixed<8,4> - ufixed<6,2>', subFormat(ufx(8, 4), ufx(6, 2)), 'ap_fixed<9,5>'],
    ['fixed<8,4> + ufixed<8,4>', addFormat(fx(8, 4), ufx(8, 4)), 'ap_fixed<10,6>'],
    ['<5,7> + <4,-2>', addFormat(fx(5, 7), fx(4, -2)), 'ap_fixed<14,8>'],
    ['<5,7> * <4,-2>', mulFormat(fx(5, 7), fx(4, -2)), 'ap_fixed<9,5>'],
    ['ufixed * ufixed', mulFormat(ufx(3, 1), ufx(5, 9)), 'ap_ufixed<8,10>'],
    ['ufixed * fixed', mulFormat(ufx(3, 1), fx(5, 9)), 'ap_fixed<8,10>'],
    ['ufixed<4,4> - ufixed<4,4>', subFormat(ufx(4, 4), ufx(4, 4)), 'ap_fixed<5,5>'],
    ['ufixed<4,4> + ufixed<4,4>', addFormat(ufx(4, 4), ufx(4, 4)), 'ap_ufixed<5,5>'],
  ])('%s', (_what, fmt, name) => {
    expect(formatName(fmt)).toBe(name);
  });
  it('ufixed<4,4>(3) - ufixed<4,4>(15) = -12 in ap_fixed<5,5>', () => {
    const r = subFixed(3n, ufx(4, 4), 15n, ufx(4, 4));
    expect(r.int).toBe(-12n);
    expect(formatName(r.fmt)).toBe('ap_fixed<5,5>');
  });
});

/** Small formats with negative F, negative I and mixed signedness. */
const SMALL: FixedFormat[] = [fx(1, 1), ufx(1, 0), fx(3, -2), ufx(3, 5), fx(4, 2), ufx(4, 4), fx(2, 6), ufx(2, -1)];

const exact = (op: ArithOp, a: bigint, fa: FixedFormat, b: bigint, fb: FixedFormat) => {
  const x = fixedValue(a, fa);
  const y = fixedValue(b, fb);
  if (op === 'mul') return { num: x.num * y.num, den: x.den * y.den };
  const s = op === 'add' ? 1n : -1n;
  return { num: x.num * y.den + s * y.num * x.den, den: x.den * y.den };
};

describe('exact results, never overflowing the result type', () => {
  it('every operand pair of every small format pair, all three ops', () => {
    let n = 0;
    for (const fa of SMALL) {
      for (const fb of SMALL) {
        for (const op of ['add', 'sub', 'mul'] as ArithOp[]) {
          for (let a = minInt(fa); a <= maxInt(fa); a++) {
            for (let b = minInt(fb); b <= maxInt(fb); b++) {
              const r = arithFixed(op, a, fa, b, fb); // throws if the result type were too narrow
              const v = fixedValue(r.int, r.fmt);
              const e = exact(op, a, fa, b, fb);
              expect(v.num * e.den).toBe(e.num * v.den);
              n++;
            }
          }
        }
      }
    }
    expect(n).toBeGreaterThan(10_000);
  });
  it('operand extremes of wide formats (min/max products and sums)', () => {
    const formats = [fx(16, 8), ufx(16, 8), fx(17, -3), ufx(13, 20), fx(32, 32), ufx(32, 1)];
    for (const fa of formats) {
      for (const fb of formats) {
        for (const a of [minInt(fa), maxInt(fa), 0n, minInt(fa) + 1n]) {
          for (const b of [minInt(fb), maxInt(fb), 0n, maxInt(fb) - 1n]) {
            for (const op of ['add', 'sub', 'mul'] as ArithOp[]) {
              const r = arithFixed(op, a, fa, b, fb);
              const v = fixedValue(r.int, r.fmt);
              const e = exact(op, a, fa, b, fb);
              expect(v.num * e.den).toBe(e.num * v.den);
            }
          }
        }
      }
    }
    // the widest product: (-2^15)^2 = 2^30 fits ap_fixed<32,16> only just
    expect(mulFixed(-32768n, fx(16, 8), -32768n, fx(16, 8)).int).toBe(1n << 30n);
  });
  it('rejects operands outside their format', () => {
    expect(() => addFixed(8n, fx(4, 4), 0n, fx(4, 4))).toThrow(/outside the range of ap_fixed<4,4>/);
  });
});

describe('accumulation (test item 6)', () => {
  it('ap_fixed<8,8>: 120 + 10 -> -126 (WRAP), 127 (SAT)', () => {
    const acc = fx(8, 8);
    const sum = addFixed(120n, acc, 10n, acc);
    expect(formatName(sum.fmt)).toBe('ap_fixed<9,9>');
    expect(sum.int).toBe(130n);
    expect(castFixed(sum.int, sum.fmt, acc)).toBe(-126n);
    expect(castFixed(sum.int, sum.fmt, { ...acc, o: 'AP_SAT' })).toBe(127n);
  });
  it('a running sum that wraps several times equals the exact sum modulo 2^8', () => {
    const acc = fx(8, 8);
    const prng = new Prng(7);
    let wrapped = 0n;
    let exactSum = 0n;
    let wraps = 0;
    for (let k = 0; k < 2000; k++) {
      const x = BigInt(prng.int(-128, 127));
      const s = addFixed(wrapped, acc, x, acc);
      const next = castFixed(s.int, s.fmt, acc);
      if (next !== s.int) wraps++;
      wrapped = next;
      exactSum += x;
      expect(wrapped).toBe(BigInt.asIntN(8, exactSum));
    }
    expect(wraps).toBeGreaterThan(10);
  });
});
