import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUILD_DIR, PACKAGE_ROOT } from '../../src/cosim/paths.ts';

describe('paths', () => {
  it('anchor at the package root, not the working directory', () => {
    expect(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).name).toBe('lowbit-hdl');
    expect(existsSync(path.join(PACKAGE_ROOT, 'templates', 'cosim', 'verilator-harness.cpp.hbs'))).toBe(true);
    expect(DEFAULT_BUILD_DIR).toBe(path.join(PACKAGE_ROOT, 'sim', 'build'));
  });
});
