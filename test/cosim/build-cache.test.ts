import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LowbitError } from '../../src/diag/error.ts';
import { BuildRejected, DONE_MARKER, fileParts, hashParts, isBuilt, publish, stagingDir } from '../../src/cosim/build-cache.ts';

describe('build cache', () => {
  it('hashes length-prefixed parts', () => {
    expect(hashParts(['ab', 'c'])).not.toBe(hashParts(['a', 'bc']));
    expect(hashParts(['x', Buffer.from('y')])).toBe(hashParts(['x', 'y']));
    expect(hashParts(['x'])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads file contents, not paths, as parts', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-cache-'));
    writeFileSync(path.join(dir, 'a.v'), 'module a; endmodule');
    writeFileSync(path.join(dir, 'b.v'), 'module a; endmodule');
    expect(hashParts(fileParts([path.join(dir, 'a.v')]))).toBe(hashParts(fileParts([path.join(dir, 'b.v')])));
  });

  it('publishes a staging directory atomically and keeps the first complete build', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lowbit-cache-'));
    const final = path.join(root, 'build');
    const a = stagingDir(final);
    writeFileSync(path.join(a, DONE_MARKER), 'a');
    expect(isBuilt(final)).toBe(false);
    publish(a, final);
    expect(isBuilt(final)).toBe(true);
    const b = stagingDir(final);
    writeFileSync(path.join(b, DONE_MARKER), 'b');
    publish(b, final);
    expect(readFileSync(path.join(final, DONE_MARKER), 'utf8')).toBe('a');
    expect(existsSync(b)).toBe(false);
  });

  it('replaces an incomplete leftover directory', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lowbit-cache-'));
    const final = path.join(root, 'build');
    mkdirSync(final);
    writeFileSync(path.join(final, 'partial'), '');
    const s = stagingDir(final);
    writeFileSync(path.join(s, DONE_MARKER), 'new');
    publish(s, final);
    expect(readFileSync(path.join(final, DONE_MARKER), 'utf8')).toBe('new');
    expect(existsSync(path.join(final, 'partial'))).toBe(false);
  });

  it('BuildRejected is a user error', () => {
    const e = new BuildRejected('verilator rejected x', 'fix it');
    expect(e).toBeInstanceOf(LowbitError);
    expect(e.message).toBe('error: verilator rejected x — fix it');
  });
});
