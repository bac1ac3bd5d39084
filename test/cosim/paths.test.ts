import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultBuildDir, prepareBuildDir, CACHE_ENV, PACKAGE_ROOT } from '../../src/cosim/paths.ts';

describe('paths', () => {
  it('anchor at the package root, not the working directory', () => {
    expect(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).name).toBe('lowbit-hdl');
    expect(existsSync(path.join(PACKAGE_ROOT, 'templates', 'cosim', 'verilator-harness.cpp.hbs'))).toBe(true);
  });

  it('the build cache is the project’s: .lowbit-hdl/build in the working directory, or $LOWBIT_HDL_CACHE', () => {
    const saved = process.env[CACHE_ENV];
    try {
      delete process.env[CACHE_ENV];
      expect(defaultBuildDir()).toBe(path.resolve(process.cwd(), '.lowbit-hdl', 'build'));
      process.env[CACHE_ENV] = 'some/where';
      expect(defaultBuildDir()).toBe(path.resolve('some/where'));
    } finally {
      if (saved === undefined) delete process.env[CACHE_ENV];
      else process.env[CACHE_ENV] = saved;
    }
  });

  it('an unwritable cache is one line naming the variable', () => {
    expect(() => prepareBuildDir('/proc/lowbit/cache')).toThrow("cannot create the build cache '/proc/lowbit/cache': the file system does not allow creating it there (ENOENT) — set LOWBIT_HDL_CACHE to a directory you can write to");
  });
});
