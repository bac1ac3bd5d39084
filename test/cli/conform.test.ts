/** `lowbit-hdl conform ap_fixed` end to end: golden-model report, exit codes, bad vector files. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AP_FIXED_VECTORS } from '../../src/conform/ap-fixed-records.ts';

const ROOT = join(import.meta.dirname, '../..');
const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'src/cli/bin.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });

describe('lowbit-hdl conform ap_fixed', () => {
  it('passes the public vectors in golden mode and reports the tagged ones separately', () => {
    const r = cli(['conform', 'ap_fixed', DEFAULT_AP_FIXED_VECTORS]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sat_sym_1bit 0\/60/);
    expect(r.stdout.trim().split('\n').pop()).toBe('19581 passed, 0 failed');
  });

  it('checks a small file in RTL mode and fails on a wrong expected value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conform-'));
    const file = join(dir, 'v.jsonl');
    writeFileSync(
      file,
      '{"op":"cast","src":{"w":7,"i":1,"s":true,"raw":"104"},"dst":{"w":5,"i":3,"s":true,"q":"AP_RND_CONV","o":"AP_SAT_SYM","n":0},"raw":"30"}\n' +
        '{"op":"mul","a":{"w":4,"i":2,"s":true,"raw":"5"},"b":{"w":3,"i":1,"s":false,"raw":"3"},"res":{"w":7,"i":3,"s":true,"raw":"15"},"dst":{"w":4,"i":2,"s":true,"q":"AP_RND","o":"AP_SAT","n":0},"raw":"4"}\n',
    );
    const ok = cli(['conform', 'ap_fixed', file, '--rtl', '--sim', 'icarus']);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout.trim().split('\n').pop()).toBe('2 passed, 0 failed');
    writeFileSync(file, '{"op":"cast","src":{"w":7,"i":1,"s":true,"raw":"104"},"dst":{"w":5,"i":3,"s":true,"q":"AP_RND_CONV","o":"AP_SAT_SYM","n":0},"raw":"31"}\n');
    const bad = cli(['conform', 'ap_fixed', file]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/0 passed, 1 failed/);
  });

  it('names the file and line of a malformed vector', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'conform-')), 'bad.jsonl');
    writeFileSync(file, '{"op":"cast"}\n');
    const r = cli(['conform', 'ap_fixed', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl:1:1: error: malformed ap_fixed vector/);
  });

  it('rejects an unknown suite', () => {
    expect(cli(['conform', 'mx', DEFAULT_AP_FIXED_VECTORS]).status).toBe(2);
  });
});
