import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFifo, runProcess, tailLines, toolVersion, versionCache, which } from '../../src/cosim/tools.ts';

describe('tools', () => {
  it('runs a process and captures both streams and the exit code', async () => {
    const r = await runProcess('sh', ['-c', 'echo out; echo err >&2; exit 3']);
    expect([r.code, r.stdout, r.stderr]).toEqual([3, 'out\n', 'err\n']);
    await expect(runProcess('definitely-not-a-tool-xyz', [])).rejects.toThrow(/not installed or not on PATH/);
  });

  it('finds executables on PATH', () => {
    expect(which('sh')).toMatch(/\/sh$/);
    expect(which('definitely-not-a-tool-xyz')).toBeUndefined();
  });

  it('remembers tool versions in a cache file keyed by the executable', async () => {
    const file = versionCache(mkdtempSync(path.join(os.tmpdir(), 'lowbit-tools-')));
    const v = await toolVersion('iverilog', '-V', file);
    expect(v).toMatch(/^Icarus Verilog version/);
    const table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.values(table)).toEqual([v]);
    expect(Object.keys(table)[0]).toContain(`${which('iverilog')}|`);
  });

  it('makes named pipes and trims tool output to its last lines', async () => {
    const fifo = path.join(mkdtempSync(path.join(os.tmpdir(), 'lowbit-tools-')), 'p');
    await makeFifo(fifo);
    expect(existsSync(fifo) && statSync(fifo).isFIFO()).toBe(true);
    expect(tailLines('a\n\nb\nc\n', 2)).toBe('b\nc');
  });
});
