import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { planOutput, previousOutputFiles, fsErrorText } from '../../src/emit/output-guard.ts';

/** The one-line message of the error `f` throws (user errors carry a diagnostic). */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    const d = (e as { diagnostics?: { message: string; hint?: string }[] }).diagnostics;
    if (!d) throw e;
    return `${d[0]!.message} — ${d[0]!.hint}`;
  }
  throw new Error('did not refuse');
}

const manifest = (files: string[]): string => JSON.stringify({ generator: { name: 'lowbit-hdl', version: 't' }, files: files.map((file) => ({ file })) });

describe('planOutput: which -o targets gen may write', () => {
  let base: string;
  beforeEach(() => (base = mkdtempSync(join(tmpdir(), 'lowbit-guard-'))));
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('an absent path (and absent parents) is created; its nearest existing ancestor is reported', () => {
    expect(planOutput(join(base, 'a', 'b'))).toEqual({ target: join(base, 'a', 'b'), state: 'absent', existingAncestor: base });
  });

  it('an empty directory is used', () => {
    mkdirSync(join(base, 'e'));
    expect(planOutput(join(base, 'e')).state).toBe('empty');
  });

  it('a previous output whose files its manifest lists is replaced', () => {
    const d = join(base, 'prev');
    mkdirSync(d);
    writeFileSync(join(d, 'manifest.json'), manifest(['t.v', 'README.md']));
    writeFileSync(join(d, 't.v'), '');
    writeFileSync(join(d, 'README.md'), '');
    expect(planOutput(d).state).toBe('previous-output');
    expect([...previousOutputFiles(d)!].sort()).toEqual(['README.md', 'manifest.json', 't.v']);
  });

  it('a previous output with files the user added is refused, naming them; --force replaces it', () => {
    const d = join(base, 'prev');
    mkdirSync(d);
    writeFileSync(join(d, 'manifest.json'), manifest(['t.v']));
    writeFileSync(join(d, 't.v'), '');
    writeFileSync(join(d, 'notes.txt'), 'mine');
    writeFileSync(join(d, 'tb.sv'), 'mine');
    expect(refusal(() => planOutput(d, { shownAs: 'prev' }))).toBe(
      "output directory 'prev' is a previous lowbit-hdl output but also holds files it did not write: notes.txt, tb.sv — nothing was changed; move those files out of it, or pass --force to replace the directory and delete them",
    );
    expect(planOutput(d, { force: true }).state).toBe('forced');
  });

  it('a directory of other files (a project with src/) is refused, and a manifest of another tool does not count', () => {
    const d = join(base, 'proj');
    mkdirSync(join(d, 'src'), { recursive: true });
    expect(refusal(() => planOutput(d, { shownAs: 'proj' }))).toBe(
      "output directory 'proj' is not empty and is not a previous lowbit-hdl output (it has no lowbit-hdl manifest.json); it holds 1 entry (src) — nothing was changed; give -o a new or empty directory, or pass --force to replace it and everything in it",
    );
    writeFileSync(join(d, 'manifest.json'), JSON.stringify({ generator: { name: 'other' }, files: [] }));
    expect(refusal(() => planOutput(d))).toMatch(/is not a previous lowbit-hdl output/);
    writeFileSync(join(d, 'manifest.json'), '{ not json');
    expect(refusal(() => planOutput(d))).toMatch(/is not a previous lowbit-hdl output/);
  });

  it('a regular file and a path under a file are refused', () => {
    writeFileSync(join(base, 'f'), 'x');
    expect(refusal(() => planOutput(join(base, 'f'), { shownAs: 'f' }))).toBe("output path 'f' is a file, not a directory — give -o a directory (gen writes several files); it was left untouched");
    expect(refusal(() => planOutput(join(base, 'f', 'sub'), { shownAs: 'f/sub' }))).toBe("cannot write output to 'f/sub': a parent of it is a file, not a directory — choose a directory path whose parents are directories");
    expect(refusal(() => planOutput(join(base, 'f', 'a', 'b'), { shownAs: 'f/a/b' }))).toMatch(/a parent of it is a file/);
  });

  it('/, the working directory, its ancestors, home and the design file’s directory are refused even with --force', () => {
    const force = { force: true };
    expect(refusal(() => planOutput('/', force))).toMatch(/^refusing to write output into '\/': it is the root of the file system/);
    expect(refusal(() => planOutput('.', force))).toMatch(/^refusing to write output into '\.': it is the working directory/);
    expect(refusal(() => planOutput(process.cwd(), force))).toMatch(/it is the working directory/);
    expect(refusal(() => planOutput(dirname(process.cwd()), force))).toMatch(/it contains the working directory/);
    expect(refusal(() => planOutput(homedir(), force))).toMatch(/it is (your home directory|the root|the working directory)|contains the working directory/);
    const d = join(base, 'designs');
    mkdirSync(d);
    writeFileSync(join(d, 'my.ts'), '');
    expect(refusal(() => planOutput(d, { force: true, protect: [join(d, 'my.ts')] }))).toMatch(/it contains the design file .*my\.ts/);
  });

  it('an empty path is refused; file system codes read as words', () => {
    expect(refusal(() => planOutput(''))).toBe('the output directory is an empty string — give -o a directory path, e.g. -o rtl-out/my_top');
    expect(fsErrorText('EACCES')).toBe('permission denied');
    expect(fsErrorText('EROFS')).toBe('the file system is read-only');
    expect(fsErrorText('EXYZ')).toBe('file system error EXYZ');
  });
});
