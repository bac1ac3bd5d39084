/** The piscina pool: points run in worker threads in parallel; an abort ends a running point. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localEngine, defaultJobs } from '../../src/sweep/local-engine.ts';
import { parseMetrics } from '../../src/sweep/metrics.ts';
import { sha256 } from '../../src/sweep/point-key.ts';

const MUL = join(import.meta.dirname, '../fixtures/sweep/mul.ts');
const task = (width: number) => ({ designFile: MUL, designHash: sha256(readFileSync(MUL)), params: { width }, metrics: parseMetrics('synth:generic') });

describe('localEngine', () => {
  it('runs points in threads and aborts a running one', async () => {
    expect(defaultJobs()).toBeGreaterThanOrEqual(1);
    const e = localEngine(2);
    try {
      const [a, b] = await Promise.all([e.run(task(2), 'a', new AbortController().signal), e.run(task(5), 'b', new AbortController().signal)]);
      expect(a).toMatchObject({ status: 'ok', worker: 'local' });
      expect(b.values['generic.cells']).toBeGreaterThan(a.values['generic.cells']!);
      const stop = new AbortController();
      const running = e.run(task(8), 'c', stop.signal);
      setTimeout(() => stop.abort(), 50);
      await expect(running).rejects.toThrow(/abort/i);
    } finally {
      await e.close();
    }
  });
});
