/**
 * `lowbit-hdl sweep` end to end in subprocesses: bad input exits 2/1 with nothing written,
 * a real SIGINT stops cleanly and the rerun resumes, `sweep export` as CSV and JSON.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliBatch, runCli, BIN, ROOT } from '../run-cli.ts';
import { SweepStore } from '../../../src/sweep/store.ts';

const MUL = 'test/fixtures/sweep/mul.ts';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'sweep-cli-'));

describe('lowbit-hdl sweep: bad input', () => {
  it('exits 2 on malformed grids, filters, metrics and unknown parameters, writing no store', async () => {
    const dir = tmp();
    const store = join(dir, 's.db');
    const base = ['sweep', MUL, '--store', store];
    const rs = await runCliBatch([
      [...base, '--grid', 'width', '--metrics', 'synth:generic'],
      [...base, '--grid', 'depth=1,2', '--metrics', 'synth:generic'],
      [...base, '--grid', 'width=2,x', '--metrics', 'synth:generic'],
      [...base, '--grid', 'width=2,3', '--where', 'width >', '--metrics', 'synth:generic'],
      [...base, '--grid', 'width=2,3', '--where', 'depth > 2', '--metrics', 'synth:generic'],
      [...base, '--grid', 'width=2,3', '--metrics', 'synth:asic'],
      [...base, '--grid', 'width=2,3'],
      [...base, '--grid', 'width=2', '--metrics', 'lint', '--jobs', '0'],
      ['sweep', 'export', '--store', store],
      [...base, '--grid', 'width=2', '--metrics', 'lint', '--report', join(dir, 'r'), '--pareto', 'a-b'],
    ]);
    const msgs = [/--grid width: expected name=v1/, /unknown parameter 'depth' \(the design's parameters are: width, registered\)/, /'x' is not a number/, /--where: expression ends too early at column 8/, /--where: unknown parameter 'depth'/, /ASIC flow does not exist/, /needs --metrics/, /--jobs takes a positive integer/, /exactly one of --csv, --json/, /--pareto 'a-b': expected X:Y/];
    rs.forEach((r, i) => {
      expect(r.code, `${i}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(msgs[i]!);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
    expect(existsSync(store)).toBe(false);
  });

  it('exits 1 on a store of another version and leaves it untouched', async () => {
    const dir = tmp();
    const store = join(dir, 'old.db');
    const s = SweepStore.open(store);
    s.close();
    // Rewrite the schema tag as an older version would have it.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(store);
    db.prepare(`UPDATE meta SET value = 'lowbit-hdl.sweep-store/0' WHERE name = 'schema'`).run();
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = readFileSync(store);
    const r = await runCli(['sweep', MUL, '--grid', 'width=2', '--metrics', 'synth:generic', '--store', store]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: store '.*old\.db' has schema 'lowbit-hdl.sweep-store\/0'; this version reads 'lowbit-hdl.sweep-store\/1' — give another --store file/);
    expect(readFileSync(store).equals(before)).toBe(true);
    const notDb = join(dir, 'x.db');
    writeFileSync(notDb, 'hello');
    const e = await runCli(['sweep', 'export', '--json', '--store', notDb]);
    expect(e.code).toBe(1);
    expect(readFileSync(notDb, 'utf8')).toBe('hello');
  });
});

describe('lowbit-hdl sweep: Ctrl-C and resume', () => {
  it('stops on a real SIGINT with the finished points stored, and the rerun completes the rest', async () => {
    const dir = tmp();
    const store = join(dir, 's.db');
    const args = ['sweep', MUL, '--grid', 'width=2..5', '--grid', 'registered=false', '--metrics', 'synth:generic,synth:cmos', '--jobs', '1', '--store', store];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sent = false;
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (!sent && /\] 1\/4 /.test(stderr)) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(sent).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted: stopping the running points/);
    expect(stderr).toMatch(/run the same command again to resume/);
    const s = SweepStore.open(store, { readonly: true });
    const done = s.count();
    s.close();
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(4);

    const again = await runCli([...args, '--report', join(dir, 'report'), '--pareto', 'cmos.transistors:generic.depth']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/report: .*index\.html \(generic\.depth against cmos\.transistors: \d+ Pareto of 4\)/);
    expect(readFileSync(join(dir, 'report', 'pareto-cmos.transistors--generic.depth.svg'), 'utf8')).toMatch(/^<svg /);
    expect(again.stdout).toContain(`4 point(s): ${4 - done} ok, 0 invalid, 0 failed, ${done} skipped (already in the store)`);

    const csv = await runCli(['sweep', 'export', '--csv', '--store', store]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^design,key,registered,width,status,message,cmos\.cells,cmos\.depth,cmos\.ff,cmos\.transistors,generic\.cells,generic\.depth,generic\.ff,rtl_sha256,wall_ms,worker,metrics,tools$/);
    expect(lines).toHaveLength(5);
    const widths = lines.slice(1).map((l) => Number(l.split(',')[3])).sort((a, b) => a - b);
    expect(widths).toEqual([2, 3, 4, 5]);
    const out = join(dir, 'all.json');
    expect((await runCli(['sweep', 'export', '--json', '--store', store, '-o', out])).code).toBe(0);
    const rows = JSON.parse(readFileSync(out, 'utf8')) as { status: string; values: Record<string, number>; attempts: number }[];
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === 'ok' && r.attempts === 1 && r.values['cmos.transistors']! > 0)).toBe(true);
  });
});
