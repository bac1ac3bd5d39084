import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../../src/diag/error.ts';
import { formatValue } from '../../../src/golden/float/value.ts';
import {
  activationBounds,
  activationValue,
  actScaleValue,
  checkInputs,
  scaleValue,
  zeroPoint,
  type MixpeInputs,
} from '../../../src/pe/mixpe/golden-inputs.ts';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';

const p = mixpeParams({ G: 32, K: 32, rows: 2, cols: 2 });
const good: MixpeInputs = {
  X: [Array(32).fill(1), Array(32).fill(-128)],
  Q: Array.from({ length: 32 }, () => [0, 15]),
  S: [[0x3c00, 0x3800]],
  Z: [[0, 15]],
  SX: [0x3c00, 0x3c00],
};

function rejects(inp: MixpeInputs, re: RegExp, params = p): void {
  expect(() => checkInputs(inp, params)).toThrow(LowbitError);
  expect(() => checkInputs(inp, params)).toThrow(re);
}

describe('MixPE operands', () => {
  it('accepts a well-formed GEMM and reports its shape', () => {
    expect(checkInputs(good, p)).toEqual({ M: 2, N: 2 });
  });

  it('rejects wrong shapes and out-of-range elements with the element named', () => {
    rejects({ ...good, X: [Array(31).fill(1)] }, /X row 0 has 31 entries, expected 32/);
    rejects({ ...good, X: [Array(32).fill(128)] , SX: [0x3c00] }, /X\[0\]\[0\] = 128 is outside \[-128, 127\]/);
    rejects({ ...good, Q: Array.from({ length: 32 }, () => [0, 16]) }, /Q\[0\]\[1\] = 16 is outside \[0, 15\]/);
    rejects({ ...good, Q: good.Q.slice(1) }, /Q has 31 rows, expected 32/);
    rejects({ ...good, S: [[0x3c00, 0x10000]] }, /S\[0\]\[1\] = 65536 is outside/);
    rejects({ ...good, Z: [[0, 16]] }, /Z\[0\]\[1\] = 16 is outside/);
    rejects({ ...good, SX: undefined }, /SX .* is required for INT8/);
    rejects({ ...good, SX: [0x3c00] }, /SX has 1 entries, expected 2/);
    rejects({ ...good, X: [Array(32).fill(0.5)], SX: [0x3c00] }, /is not an integer/);
    const ps = mixpeParams({ G: 32, K: 32, rows: 2, cols: 2, weightSigned: true });
    rejects({ ...good, Q: Array.from({ length: 32 }, () => [0, 7]) }, /Z\[0\]\[1\] = 15 is outside \[0, 0\]/, ps);
    const pf = mixpeParams({ activation: 'FP16', G: 32, K: 32, rows: 2, cols: 2 });
    rejects({ ...good, X: [Array(32).fill(0x3c00)], SX: [0x3c00] }, /SX is only used with INT8/, pf);
  });

  it('decodes operands exactly', () => {
    expect(activationBounds(p)).toEqual({ lo: -128n, hi: 127n });
    expect(formatValue(activationValue(-128, p))).toBe('-128');
    const pf = mixpeParams({ activation: 'BF16' });
    expect(activationBounds(pf)).toEqual({ lo: 0n, hi: 65535n });
    expect(formatValue(activationValue(0xbf80, pf))).toBe('-1');
    expect(formatValue(scaleValue(0x3800, p))).toBe('1·2^-1');
    expect(formatValue(actScaleValue(0x7c00, p))).toBe('+Inf');
    expect(zeroPoint(good, 0, 1)).toBe(15n);
    expect(zeroPoint({ ...good, Z: undefined }, 0, 1)).toBe(0n);
  });
});
