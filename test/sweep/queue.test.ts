/**
 * Scale-out against a real redis-server (Debian package) started on 127.0.0.1 on a free port:
 * two `lowbit-hdl worker` processes, one SIGKILLed while it runs a job, the coordinator
 * SIGKILLed once and restarted; afterwards the store holds every point exactly once, with the
 * results of a local run, and the killed worker's job was finished by the other worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRedis, parseRedisUrl, QUEUE_NAME } from '../../src/sweep/queue.ts';
import { planSweep } from '../../src/sweep/plan.ts';
import { SweepStore } from '../../src/sweep/store.ts';
import { localEngine } from '../../src/sweep/local-engine.ts';
import { executeSweep } from '../../src/sweep/run-sweep.ts';
import { isLowbitError } from '../../src/cli/load-design.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'src/cli/bin.mjs');
const MUL = 'test/fixtures/sweep/mul.ts';
// The slow 10-bit point first: the first worker is killed while it runs it.
const GRID = ['--grid', 'width=10,2,3,4,5,6'];
const METRICS = 'synth:generic';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Proc {
  child: ChildProcess;
  out: string;
  exit: Promise<number | null>;
}

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const p: Proc = { child, out: '', exit: new Promise((resolve) => child.on('exit', (c) => resolve(c))) };
  child.stdout!.on('data', (d: Buffer) => (p.out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (p.out += d.toString()));
  return p;
}

async function until(what: string, f: () => boolean, ms = 240_000): Promise<void> {
  const t0 = Date.now();
  while (!f()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let redis: ChildProcess | undefined;
let url = '';

beforeAll(async () => {
  const port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    try {
      await checkRedis(parseRedisUrl(url), 1000);
      break;
    } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

afterAll(() => {
  redis?.kill('SIGTERM');
});

describe('sweep --queue with lowbit-hdl worker', () => {
  it('survives a killed worker and a restarted coordinator, storing every point once with the local results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweep-queue-'));
    // Reference: the same sweep on the local pool.
    const plan = await planSweep({ design: join(ROOT, MUL), grid: ['width=10,2,3,4,5,6'], metrics: METRICS });
    const local = SweepStore.open(join(dir, 'local.db'));
    const engine = localEngine(1);
    await executeSweep(plan, local, engine);
    await engine.close();

    const store = join(dir, 'queue.db');
    const sweepArgs = ['sweep', MUL, ...GRID, '--metrics', METRICS, '--store', store, '--queue', url];
    const coord1 = start(sweepArgs);
    await until('coordinator 1 to queue the points', () => /points go to/.test(coord1.out));
    const w1 = start(['worker', '--queue', url, '--lock-duration', '1500']);
    const w2 = start(['worker', '--queue', url, '--lock-duration', '1500']);
    const workers = [w1, w2];
    try {
      // Kill whichever worker takes a job first, while it runs it.
      await until('a worker to start a job', () => workers.some((w) => /^running /m.test(w.out)));
      const victim = workers.find((w) => /^running /m.test(w.out))!;
      victim.child.kill('SIGKILL');
      const killedKey = /^running ([0-9a-f]{64})/m.exec(victim.out)![1]!;
      expect(/^finished /m.test(victim.out)).toBe(false);
      const survivor = workers.find((w) => w !== victim)!;

      // Restart the coordinator once, after it stored at least one point.
      await until('coordinator 1 to store a point', () => /\] [1-6]\/6 /.test(coord1.out));
      coord1.child.kill('SIGKILL');
      expect(await coord1.exit).toBe(null);
      const coord2 = start(sweepArgs);
      expect(await coord2.exit, coord2.out).toBe(0);
      expect(coord2.out).toMatch(/6 point\(s\): \d ok, 0 invalid, 0 failed, \d skipped/);

      const s = SweepStore.open(store, { readonly: true });
      const rows = s.all();
      s.close();
      expect(rows).toHaveLength(6);
      expect(new Set(rows.map((r) => r.key))).toEqual(new Set(plan.points.map((p) => p.key)));
      for (const r of rows) {
        const ref = local.get(r.key)!;
        expect({ status: r.status, values: r.values, rtl: r.rtlSha256, params: r.params, attempts: r.attempts }).toEqual({ status: ref.status, values: ref.values, rtl: ref.rtlSha256, params: ref.params, attempts: 1 });
      }
      // The killed worker's job ran again on the other worker (BullMQ lock expiry).
      const survivorId = /^worker (\S+) on /m.exec(survivor.out)?.[1];
      expect(survivorId).toMatch(/:\d+$/);
      expect(rows.find((r) => r.key === killedKey)!.worker).toBe(survivorId);
      expect(survivor.out).toContain(`finished ${killedKey}`);
      // Every result was collected: no job is left on the queue.
      const { Queue } = await import('bullmq');
      const addr = parseRedisUrl(url);
      const q = new Queue(QUEUE_NAME, { connection: { host: addr.host, port: addr.port } });
      expect(await q.getJobCounts('wait', 'active', 'completed', 'failed')).toEqual({ wait: 0, active: 0, completed: 0, failed: 0 });
      await q.close();
    } finally {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exit));
      local.close();
    }
  });

  it('fails fast on an unreachable Redis, and the CLI exits 1 without creating the store', async () => {
    const port = await freePort();
    const err = await checkRedis(parseRedisUrl(`redis://127.0.0.1:${port}`), 1000).catch((e: unknown) => e);
    expect(isLowbitError(err)).toBe(true);
    expect((err as Error).message).toMatch(new RegExp(`cannot reach Redis at redis://127.0.0.1:${port}: .*ECONNREFUSED`));
    const dir = mkdtempSync(join(tmpdir(), 'sweep-noredis-'));
    const c = start(['sweep', MUL, '--grid', 'width=2', '--metrics', METRICS, '--store', join(dir, 'x.db'), '--queue', `redis://127.0.0.1:${port}`]);
    expect(await c.exit).toBe(1);
    expect(c.out).toMatch(/error: cannot reach Redis/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
    const w = start(['worker', '--queue', 'http://x']);
    expect(await w.exit).toBe(2);
    expect(w.out).toMatch(/expected redis:\/\/HOST:PORT/);
  });
});
