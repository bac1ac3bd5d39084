/**
 * Shared parameter validation (src/lib/arith/check.ts): a block and its golden model reject a bad
 * parameter with the same message; the block's error is located at the user's call (real
 * TypeScript line and column under tsx, the CLI's loader: test/lib/arith/fixtures/bad-params.ts);
 * the golden side (check.ts and the golden files) imports no generator code, even transitively.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { checkCpaKind, checkHeapBits, checkRecode, checkRecoder, checkWidth, checkShiftAmount, checkOperands, raise, recodeDigits } from '../../../src/lib/arith/check.ts';
import { boothDigitsGolden, entDigitsGolden } from '../../../src/lib/arith/golden-recode.ts';
import { addGolden, heapSumGolden, sumGolden } from '../../../src/lib/arith/golden-arith.ts';
import { LowbitError } from '../../../src/diag/error.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SRC = join(ROOT, 'src');
const PROBE = join(ROOT, 'test/lib/arith/fixtures/bad-params.ts');

/** Every src file reachable from `file` through relative imports. */
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)) reachable(resolve(dirname(file), m[1]!), seen);
  return seen;
}

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof LowbitError) return e.diagnostics[0]!.message + ' — ' + e.diagnostics[0]!.hint;
    throw e;
  }
  throw new Error('no error');
}

describe('arith parameter checks', () => {
  it('accept good parameters and describe bad ones', () => {
    expect(checkWidth('b', 'width', 1)).toBeUndefined();
    expect(checkWidth('b', 'width', 0)?.message).toBe('b: width must be an integer from 1 to 65536, got 0');
    expect(checkWidth('b', 'width', 2.5)).toBeDefined();
    expect(checkRecode('booth', 8, true, false)).toBeUndefined();
    expect(checkRecode('booth', 7, false, false)).toBeUndefined(); // unsigned: the implicit 0 sign bit makes it even
    expect(checkRecode('booth', 7, true, true)).toBeUndefined();
    expect(checkRecode('ent', 7, true, false)?.hint).toMatch(/signPad: true/);
    expect([1, 2, 7, 8].map((w) => [recodeDigits(w, true), recodeDigits(w, false)])).toEqual([[1, 1], [1, 2], [4, 4], [4, 5]]);
    expect(checkHeapBits(0)?.message).toBe('bit heap has no bits');
    expect(checkCpaKind('plus')).toBeUndefined();
    expect(checkRecoder('booth')).toBeUndefined();
    expect(checkShiftAmount('x', true)).toBeDefined();
    expect(checkOperands('sum', 0)).toBeDefined();
    expect(() => raise(undefined)).not.toThrow();
    expect(() => raise({ message: 'm', hint: 'h' }, { file: '/d.ts', line: 3, col: 4 })).toThrow('/d.ts:3:4: error: m — h');
  });

  it('the golden side imports no generator code, even transitively', () => {
    for (const f of ['check.ts', 'golden-recode.ts', 'golden-arith.ts']) {
      const areas = [...reachable(join(SRC, 'lib/arith', f))].map((p) => relative(SRC, p).split('/')[0]);
      expect(areas.filter((a) => !['lib', 'diag', 'golden', 'util'].includes(a!)), f).toEqual([]);
      const libFiles = [...reachable(join(SRC, 'lib/arith', f))].map((p) => relative(SRC, p)).filter((p) => p.startsWith('lib/'));
      expect(libFiles.every((p) => /^lib\/arith\/(check|golden-[a-z]+)\.ts$/.test(p)), libFiles.join()).toBe(true);
    }
  });

  it('blocks report bad parameters at the user\'s line and column, with their golden model\'s message', async () => {
    const r = await execa('node', ['--import', 'tsx', PROBE], { cwd: ROOT });
    const got = JSON.parse(r.stdout) as Record<string, { message: string; hint?: string; loc: { file: string; line: number; col: number } }>;
    const lines = readFileSync(PROBE, 'utf8').split('\n');
    const golden: Record<string, () => unknown> = {
      booth: () => boothDigitsGolden(0n, 7, true),
      ent: () => entDigitsGolden(0n, 7, true),
      heapWidth: () => heapSumGolden([{ value: 0n }], 0),
      heapEmpty: () => heapSumGolden([], 8),
      cpa: () => addGolden('carry-select', 0n, 0n),
      sum: () => sumGolden([]),
    };
    for (const [name, d] of Object.entries(got)) {
      const line = lines.findIndex((l) => l.includes(`// @${name}`)) + 1;
      const text = lines[line - 1]!;
      // the column of the block call inside the probe's arrow function
      const call = text.indexOf('=> ') + 3;
      expect(d.loc, name).toEqual({ file: PROBE, line, col: call + 1 });
      if (golden[name]) expect(`${d.message} — ${d.hint}`, name).toBe(messageOf(golden[name]!));
    }
    expect(Object.keys(got).sort()).toEqual(['booth', 'cpa', 'ent', 'heapEmpty', 'heapWidth', 'multiply', 'shift', 'sum']);
    expect(got.multiply!.message).toBe("unknown partial-product recoder 'radix8'");
    expect(got.shift!.message).toBe('shiftLeft: the shift amount must be unsigned');
  });
});
