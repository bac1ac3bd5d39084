import { describe, expect, it } from 'vitest';
import {
  NAN,
  NEG_INF,
  NEG_ZERO,
  POS_INF,
  POS_ZERO,
  finiteFromDyadic,
  formatValue,
  isFiniteValue,
  isZero,
  sameValue,
  toDyadic,
  toRational,
} from '../../../src/golden/float/value.ts';

describe('FloatValue', () => {
  it('keeps the sign of zero; a zero dyadic is +0', () => {
    expect(formatValue(NEG_ZERO)).toBe('-0');
    expect(formatValue(finiteFromDyadic({ mant: 0n, exp: 5 }))).toBe('+0');
    expect(isZero(NEG_ZERO) && isZero(POS_ZERO)).toBe(true);
    expect(sameValue(NEG_ZERO, POS_ZERO)).toBe(false);
    expect(toDyadic(NEG_ZERO)).toEqual({ mant: 0n, exp: 0 });
  });

  it('compares by value independent of representation', () => {
    const a = finiteFromDyadic({ mant: -12n, exp: -3 });
    const b = finiteFromDyadic({ mant: -3n, exp: -1 });
    expect(sameValue(a, b)).toBe(true);
    expect(sameValue(a, finiteFromDyadic({ mant: 3n, exp: -1 }))).toBe(false);
    expect(sameValue(NAN, NAN)).toBe(true);
    expect(sameValue(POS_INF, NEG_INF)).toBe(false);
    expect(toRational(a)).toEqual({ num: -12n, den: 8n }); // exact, not reduced
    expect(formatValue(a)).toBe('-3·2^-1');
    expect(formatValue(finiteFromDyadic({ mant: 2047n, exp: 5 }))).toBe('65504');
  });

  it('non-finite values have no dyadic', () => {
    expect(isFiniteValue(POS_INF)).toBe(false);
    expect(() => toDyadic(NAN)).toThrow(/nan/);
    expect(formatValue(NEG_INF)).toBe('-Inf');
  });
});
