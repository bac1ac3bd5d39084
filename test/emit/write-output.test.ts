import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOutputDir } from '../../src/emit/write-output.ts';

/** Every file under `dir` with its contents. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('writeOutputDir', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'lowbit-write-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('creates the target (and missing parents) with exactly the given files', () => {
    const target = join(base, 'a', 'b', 'out');
    writeOutputDir(target, new Map([['x.v', 'module x;\nendmodule\n'], ['x.f', 'x.v\n']]));
    expect(snapshot(target)).toEqual({ 'x.f': 'x.v\n', 'x.v': 'module x;\nendmodule\n' });
    expect(readdirSync(join(base, 'a', 'b'))).toEqual(['out']);
  });

  it('replaces a previous output completely (stale files go)', () => {
    const target = join(base, 'out');
    writeOutputDir(target, new Map([['old.v', 'old'], ['keep.v', 'v1']]));
    writeOutputDir(target, new Map([['keep.v', 'v2'], ['new.v', 'new']]));
    expect(snapshot(target)).toEqual({ 'keep.v': 'v2', 'new.v': 'new' });
    expect(readdirSync(base)).toEqual(['out']);
  });

  it('a failing write leaves the previous directory untouched and no temporary directory behind', () => {
    const target = join(base, 'out');
    mkdirSync(target);
    writeFileSync(join(target, 'top.v'), 'previous top');
    writeFileSync(join(target, 'notes.txt'), 'user notes');
    const before = snapshot(target);
    // The second file cannot be written (its directory does not exist): the write fails midway.
    const files = new Map([['top.v', 'new top'], ['missing/dir/child.v', 'x'], ['z.v', 'z']]);
    expect(() => writeOutputDir(target, files)).toThrow(/ENOENT/);
    expect(snapshot(target)).toEqual(before);
    expect(readdirSync(base)).toEqual(['out']);
  });

  it('a failing write creates nothing when there was no previous output', () => {
    const target = join(base, 'fresh');
    expect(() => writeOutputDir(target, new Map([['a.v', 'a'], ['no/such/b.v', 'b']]))).toThrow();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(base)).toEqual([]);
  });

  it('clears a stale temporary directory left by an earlier crash of the same process id', () => {
    const target = join(base, 'out');
    const stale = join(base, `.out.tmp-${process.pid}`);
    mkdirSync(stale);
    writeFileSync(join(stale, 'junk.v'), 'junk');
    writeOutputDir(target, new Map([['a.v', 'a']]));
    expect(snapshot(target)).toEqual({ 'a.v': 'a' });
    expect(readdirSync(base)).toEqual(['out']);
  });
});
