/** `fail` (src/lib/arith/located.ts): no-op without a problem; otherwise the error names this file. */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { fail } from '../../../src/lib/arith/located.ts';
import { LowbitError } from '../../../src/diag/error.ts';

describe('fail', () => {
  it('throws a LowbitError located in the calling file, or nothing', () => {
    expect(() => fail(undefined)).not.toThrow();
    try {
      fail({ message: 'bad width', hint: 'use 8' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LowbitError);
      const d = (e as LowbitError).diagnostics[0]!;
      expect([d.message, d.hint, d.loc?.file]).toEqual(['bad width', 'use 8', fileURLToPath(import.meta.url)]);
    }
  });
});
