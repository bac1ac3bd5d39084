import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LowbitError } from '../../src/diag/error.ts';
import { extractYosysError, renamePaths, runYosys, YosysError } from '../../src/synth/run-yosys.ts';
import { makeFakeYosys, type FakeYosys } from './fake-yosys.ts';
import { adder } from './verilog-fixtures.ts';

describe('extractYosysError / renamePaths', () => {
  it('keeps the file:line prefix and drops the ERROR tag', () => {
    const log = 'Parsing...\nsrc/a.v:2: ERROR: syntax error, unexpected \';\'\n';
    expect(extractYosysError(log, '')).toBe("src/a.v:2: syntax error, unexpected ';'");
    expect(extractYosysError('x\nERROR: Module `\\top\' not found!\n', '')).toBe("Module `\\top' not found!");
  });
  it('falls back to the console, then to a generic message', () => {
    expect(extractYosysError('', 'Warning: w\nERROR: boom')).toBe('boom');
    expect(extractYosysError('', '')).toBe('exited with an error and no message');
  });
  it('renames input paths in one pass, longest first, without re-rewriting', () => {
    const names = { 'src/a.v': 'rtl/a.v', 'a.v': 'OTHER' };
    expect(renamePaths('src/a.v:3: x; a.v:4', names)).toBe('rtl/a.v:3: x; OTHER:4');
    expect(renamePaths('src/1_a.v', { 'src/1_a.v': 'my (1).v' })).toBe('my (1).v');
  });
});

describe('runYosys on the WASM engine', () => {
  it('returns the log, written files and engine', async () => {
    const r = await runYosys('read_verilog add.v\nsynth -top add\ntee -q -o stat.json stat -json', { 'add.v': adder('add', 4) }, { engine: 'wasm' });
    expect(r.engine.kind).toBe('wasm');
    expect(r.log).toMatch(/Yosys \d+\.\d+/);
    expect(JSON.parse(r.files['stat.json']).modules['\\add'].num_cells).toBeGreaterThan(0);
    expect(r.elapsedMs).toBeGreaterThan(0);
  });
  it('turns a Verilog error into a YosysError with Yosys\'s message and the user\'s file name', async () => {
    const bad = 'module bad(input a, output b);\n  assign b = a +;\nendmodule\n';
    const err = await runYosys('read_verilog src/bad.v', { 'src/bad.v': bad }, {
      engine: 'wasm',
      displayNames: { 'src/bad.v': 'rtl/my bad.v' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(YosysError);
    expect(err).toBeInstanceOf(LowbitError);
    const y = err as YosysError;
    expect(y.yosysMessage).toMatch(/^rtl\/my bad\.v:2: syntax error/);
    expect(y.message).toContain('Yosys: rtl/my bad.v:2: syntax error');
    expect(y.log).toContain('Executing Verilog-2005 frontend');
  });
});

describe('runYosys engine choice (stand-in native yosys)', () => {
  let newer: FakeYosys;
  let older: FakeYosys;
  let crashing: FakeYosys;
  beforeAll(async () => {
    [newer, older, crashing] = await Promise.all([makeFakeYosys('99.0'), makeFakeYosys('0.9'), makeFakeYosys('99.1')]);
  });
  afterAll(async () => Promise.all([newer.remove(), older.remove(), crashing.remove()]));

  it('auto uses a native binary newer than the WASM build', async () => {
    const r = await runYosys('stat', {}, { yosysBinary: newer.binary });
    expect(r.engine).toMatchObject({ kind: 'native', binary: newer.binary, version: { major: 99, minor: 0 } });
    expect(r.files['out/script-copy.ys']).toBe('stat\n');
  });
  it('auto keeps the WASM build when the native one is older', async () => {
    const r = await runYosys('read_verilog a.v\ntee -q -o s.txt stat', { 'a.v': adder('a', 2) }, { yosysBinary: older.binary });
    expect(r.engine.kind).toBe('wasm');
    expect(r.files['s.txt']).toContain('=== a ===');
  });
  it('auto falls back to WASM when the preferred native binary dies', async () => {
    const r = await runYosys('crash\n', {}, { yosysBinary: crashing.binary }).catch((e: unknown) => e);
    // The WASM Yosys then runs the same script and rejects the unknown command `crash`.
    expect(r).toBeInstanceOf(YosysError);
    expect((r as YosysError).engine.kind).toBe('wasm');
    expect((r as YosysError).yosysMessage).toMatch(/crash/);
  });
  it('a native Yosys error is a YosysError too', async () => {
    const err = await runYosys('fail', {}, { engine: 'native', yosysBinary: newer.binary }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(YosysError);
    expect((err as YosysError).yosysMessage).toBe('src/top.v:7: fake failure');
  });
  it('no usable engine gives one clear error naming each reason', async () => {
    const err = await runYosys('stat', {}, { engine: 'native', yosysBinary: '/nonexistent/lowbit/yosys' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LowbitError);
    expect((err as Error).message).toMatch(/no usable Yosys \(engine native\): system \/nonexistent\/lowbit\/yosys: .*not found/);
    const crash = await runYosys('crash', {}, { engine: 'native', yosysBinary: crashing.binary }).catch((e: unknown) => e);
    expect((crash as Error).message).toMatch(/no usable Yosys \(engine native\): system .*could not run/);
  });
});
