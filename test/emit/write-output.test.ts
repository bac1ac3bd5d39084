import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { writeOutputDir, recoverOutput } from '../../src/emit/write-output.ts';
import { ROOT } from '../cli/run-cli.ts';

/** A file map as gen writes it: the manifest lists every other file. */
function output(files: Record<string, string>): Map<string, string> {
  const m = new Map(Object.entries(files));
  m.set('manifest.json', JSON.stringify({ generator: { name: 'lowbit-hdl', version: 't' }, files: Object.keys(files).map((file) => ({ file })) }));
  return m;
}
const plain = (s: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(s).filter(([f]) => f !== 'manifest.json'));

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
    writeOutputDir(target, output({ 'old.v': 'old', 'keep.v': 'v1' }));
    writeOutputDir(target, output({ 'keep.v': 'v2', 'new.v': 'new' }));
    expect(plain(snapshot(target))).toEqual({ 'keep.v': 'v2', 'new.v': 'new' });
    expect(readdirSync(base)).toEqual(['out']);
  });

  it('a failing write leaves the previous directory untouched and no temporary directory behind', () => {
    const target = join(base, 'out');
    mkdirSync(target);
    for (const [f, t] of output({ 'top.v': 'previous top' })) writeFileSync(join(target, f), t);
    const before = snapshot(target);
    // The second file cannot be written (its directory does not exist): the write fails midway.
    const files = new Map([['top.v', 'new top'], ['missing/dir/child.v', 'x'], ['z.v', 'z']]);
    expect(() => writeOutputDir(target, files, { shownAs: 'out' })).toThrow("cannot write output directory 'out': the file system does not allow creating it there (ENOENT)");
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

  it('refuses a directory of user files and a file, changing nothing', () => {
    const proj = join(base, 'proj');
    mkdirSync(join(proj, 'src'), { recursive: true });
    writeFileSync(join(proj, 'src', 'a.ts'), 'mine');
    writeFileSync(join(base, 'file.v'), 'mine');
    expect(() => writeOutputDir(proj, output({ 'a.v': 'a' }))).toThrow(/is not empty and is not a previous lowbit-hdl output/);
    expect(() => writeOutputDir(join(base, 'file.v'), output({ 'a.v': 'a' }))).toThrow(/is a file, not a directory/);
    expect(readFileSync(join(proj, 'src', 'a.ts'), 'utf8')).toBe('mine');
    expect(readFileSync(join(base, 'file.v'), 'utf8')).toBe('mine');
    expect(readdirSync(base).sort()).toEqual(['file.v', 'proj']);
  });

  it('writes into an empty directory, and with force over a directory of other files', () => {
    mkdirSync(join(base, 'empty'));
    writeOutputDir(join(base, 'empty'), output({ 'a.v': 'a' }));
    expect(plain(snapshot(join(base, 'empty')))).toEqual({ 'a.v': 'a' });
    mkdirSync(join(base, 'other'));
    writeFileSync(join(base, 'other', 'x.txt'), 'x');
    writeOutputDir(join(base, 'other'), output({ 'b.v': 'b' }), { force: true });
    expect(plain(snapshot(join(base, 'other')))).toEqual({ 'b.v': 'b' });
  });

  it('recoverOutput puts back a previous output a killed writer had moved aside, and drops dead temporaries', () => {
    const target = join(base, 'out');
    const dead = 2 ** 22 + 12345; // above the default pid_max: no such process
    mkdirSync(join(base, `.out.old-${dead}`));
    writeFileSync(join(base, `.out.old-${dead}`, 'a.v'), 'previous');
    mkdirSync(join(base, `.out.tmp-${dead}`));
    recoverOutput(target);
    expect(snapshot(target)).toEqual({ 'a.v': 'previous' });
    expect(readdirSync(base)).toEqual(['out']);
  });
});

/**
 * Kill at random times: a child process rewrites one output over and over, alternating two
 * versions (each file names its version); it is killed with SIGKILL at a random moment (seeded).
 * After each kill the target holds one complete version, or — killed between the two renames —
 * the complete previous version waits under `.out.old-<pid>`, which the next writer puts back.
 */
describe('writeOutputDir killed at random times', () => {
  const KILLS = 6;
  let base: string;
  beforeEach(() => (base = mkdtempSync(join(tmpdir(), 'lowbit-kill-'))));
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  /** One complete version: every file of version A or every file of version B. */
  function complete(dir: string): boolean {
    const s = plain(snapshot(dir));
    const names = Object.keys(s).sort();
    const versions = new Set(Object.values(s));
    return names.join() === Array.from({ length: 20 }, (_, i) => `m${String(i).padStart(2, '0')}.v`).join() && versions.size === 1;
  }

  it(`survives ${KILLS} SIGKILLs: one complete version is always there or recoverable`, async () => {
    const target = join(base, 'out');
    let seed = 0x9e3779b9;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < KILLS; k++) {
      const child = spawn('node', ['--import', 'tsx', join(ROOT, 'test/emit/write-output-loop.ts'), target], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      // Wait until the child has completed its first write, then kill it a random time later.
      await new Promise<void>((res) => child.stdout.once('data', () => res()));
      await new Promise((res) => setTimeout(res, rand() * 40));
      child.kill('SIGKILL');
      await new Promise((res) => child.once('exit', res));
      const leftovers = readdirSync(base).filter((f) => f !== 'out');
      const old = leftovers.find((f) => f.startsWith('.out.old-'));
      if (existsSync(target)) expect(complete(target)).toBe(true);
      else expect(old !== undefined && complete(join(base, old))).toBe(true);
      recoverOutput(target);
      expect(complete(target)).toBe(true);
      expect(readdirSync(base)).toEqual(['out']);
    }
  }, 60_000);
});

