import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineFailure } from '../../src/synth/raw-run.ts';
import { NATIVE_TMP_PREFIX, runNative } from '../../src/synth/run-native.ts';
import { makeFakeYosys, type FakeYosys } from './fake-yosys.ts';

/** Working directories the fake was run in (one line per run). */
async function cwds(fake: FakeYosys): Promise<string[]> {
  return (await readFile(join(fake.dir, 'cwds.txt'), 'utf8')).trim().split('\n');
}

describe('runNative (with a stand-in yosys)', () => {
  let fake: FakeYosys;
  beforeAll(async () => {
    fake = await makeFakeYosys('9.1');
  });
  afterAll(async () => fake.remove());

  it('places inputs and script, returns only new files, and removes its temp dir', async () => {
    const r = await runNative(fake.binary, 'read_verilog src/top.v\nstat', {
      'src/top.v': 'module top; endmodule\n',
      'lib/cells.lib': new TextEncoder().encode('library(x) {}'),
    });
    expect(r.exitCode).toBe(0);
    expect(r.log).toContain('read_verilog src/top.v');
    expect(Object.keys(r.files).sort()).toEqual(['out/listing.txt', 'out/script-copy.ys']);
    expect(r.files['out/script-copy.ys']).toBe('read_verilog src/top.v\nstat\n');
    expect(r.files['out/listing.txt']).toContain('./src/top.v');
    expect(r.files['out/listing.txt']).toContain('./lib/cells.lib');
    const dir = (await cwds(fake)).at(-1)!;
    expect(dir).toContain(NATIVE_TMP_PREFIX);
    expect(existsSync(dir)).toBe(false);
  });
  it('returns a Yosys error as exit code + log, and still cleans up', async () => {
    const r = await runNative(fake.binary, 'fail', {});
    expect(r.exitCode).toBe(1);
    expect(r.log).toContain('ERROR: fake failure');
    expect(r.console).toContain('ERROR: fake failure');
    expect(existsSync((await cwds(fake)).at(-1)!)).toBe(false);
  });
  it('a killed process is an EngineFailure, and the temp dir is removed', async () => {
    await expect(runNative(fake.binary, 'crash', {})).rejects.toBeInstanceOf(EngineFailure);
    expect(existsSync((await cwds(fake)).at(-1)!)).toBe(false);
  });
  it('a binary that cannot start is an EngineFailure', async () => {
    await expect(runNative('/nonexistent/lowbit/yosys', 'stat', {})).rejects.toBeInstanceOf(EngineFailure);
  });
});
