/** Executing a plan on the local pool: store rows, skip on rerun, --retry-failed, abort and resume. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSweep } from '../../src/sweep/plan.ts';
import { SweepStore } from '../../src/sweep/store.ts';
import { localEngine } from '../../src/sweep/local-engine.ts';
import { executeSweep, pendingPoints, pointLabel } from '../../src/sweep/run-sweep.ts';

const ROOT = join(import.meta.dirname, '../..');
const MUL = join(ROOT, 'test/fixtures/sweep/mul.ts');

describe('executeSweep', () => {
  it('runs every point once, skips them on a rerun, and resumes after an abort', async () => {
    const plan = await planSweep({ design: MUL, grid: ['width=2,3,11', 'registered=false,true'], where: '!(width == 3 && registered)', metrics: 'synth:generic' });
    expect(plan.points).toHaveLength(5);
    expect(plan.excluded).toBe(1);
    const store = SweepStore.open(join(mkdtempSync(join(tmpdir(), 'sweep-run-')), 's.db'));
    const engine = localEngine(2);
    try {
      // Abort after the first finished point: the rest is left for the next run.
      const stop = new AbortController();
      const log: string[] = [];
      const first = await executeSweep(plan, store, engine, {
        signal: stop.signal,
        write: (s) => {
          log.push(s);
          if (/ {2}(ok|invalid|failed) width=/.test(s)) stop.abort();
        },
      });
      expect(first.interrupted).toBe(true);
      const after = store.count();
      expect(after).toBeGreaterThanOrEqual(1);
      expect(after).toBeLessThan(5);
      expect(pendingPoints(plan, store, false).todo).toHaveLength(5 - after);

      const second = await executeSweep(plan, store, engine);
      expect(second.interrupted).toBe(false);
      expect(second.counts.skipped).toBe(after);
      expect(second.counts.ok + second.counts.invalid + second.counts.failed).toBe(5 - after);
      const rows = store.all(plan.points.map((p) => p.key));
      expect(rows.map((r) => pointLabel(r.params))).toEqual(['width=2 registered=false', 'width=2 registered=true', 'width=3 registered=false', 'width=11 registered=false', 'width=11 registered=true']);
      expect(rows.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'invalid', 'invalid']);
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
      expect(rows[1]!.values['generic.ff']).toBe(4);

      const third = await executeSweep(plan, store, engine);
      expect(third.counts).toMatchObject({ skipped: 5, ok: 0, invalid: 0, failed: 0 });
    } finally {
      await engine.close();
      store.close();
    }
  });

  it('reruns failed points only with retryFailed', async () => {
    const plan = await planSweep({ design: join(ROOT, 'test/fixtures/good/no-params.ts'), grid: [], metrics: 'cosim:5' });
    const store = SweepStore.open(join(mkdtempSync(join(tmpdir(), 'sweep-retry-')), 's.db'));
    const engine = localEngine(1);
    try {
      expect((await executeSweep(plan, store, engine)).counts.failed).toBe(1);
      expect((await executeSweep(plan, store, engine)).counts).toMatchObject({ skipped: 1, failed: 0 });
      expect((await executeSweep(plan, store, engine, { retryFailed: true })).counts).toMatchObject({ skipped: 0, failed: 1 });
      expect(store.get(plan.points[0]!.key)!.attempts).toBe(2);
    } finally {
      await engine.close();
      store.close();
    }
  });
});
