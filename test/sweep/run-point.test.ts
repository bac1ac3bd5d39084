/** One sweep point through the real engines: ok with metrics, invalid, failed with the tool's message. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPoint, type PointTask } from '../../src/sweep/run-point.ts';
import { parseMetrics } from '../../src/sweep/metrics.ts';
import { sha256 } from '../../src/sweep/point-key.ts';

const ROOT = join(import.meta.dirname, '../..');
const MUL = join(ROOT, 'test/fixtures/sweep/mul.ts');
const task = (file: string, params: PointTask['params'], metrics: string): PointTask => ({ designFile: file, designHash: sha256(readFileSync(file)), params, metrics: parseMetrics(metrics) });

describe('runPoint', () => {
  it('measures lint, cosim and synthesis of a valid point', async () => {
    const r = await runPoint(task(MUL, { width: 3, registered: true }, 'lint,cosim:40,synth:generic,synth:cmos'));
    expect(r.status, r.message).toBe('ok');
    expect(r.message).toBe('');
    expect(r.rtlSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.values['lint.ok']).toBe(1);
    // 3+3 input bits: exhaustive (64) beats the budget of 40.
    expect(r.values['cosim.failed']).toBe(0);
    expect(r.values['cosim.vectors']).toBeGreaterThanOrEqual(40);
    expect(r.values['generic.cells']).toBeGreaterThan(6);
    expect(r.values['generic.ff']).toBe(6);
    expect(r.values['cmos.transistors']).toBeGreaterThan(100);
    expect(r.wallMs).toBeGreaterThan(0);
    // The same point generates the same RTL; another one does not.
    const again = await runPoint(task(MUL, { width: 3, registered: true }, 'synth:generic'));
    expect(again.rtlSha256).toBe(r.rtlSha256);
    expect(again.values['generic.cells']).toBe(r.values['generic.cells']);
    const other = await runPoint(task(MUL, { width: 4, registered: true }, 'synth:generic'));
    expect(other.rtlSha256).not.toBe(r.rtlSha256);
  });

  it('places and routes a point on iCE40 (pnr:ice40) with the design clock', async () => {
    const r = await runPoint(task(MUL, { width: 2, registered: true }, 'pnr:ice40'));
    expect(r.status, r.message).toBe('ok');
    expect(r.values['pnr.lc']).toBeGreaterThan(8);
    expect(r.values['pnr.lcPercent']).toBeCloseTo((100 * r.values['pnr.lc']!) / 5280, 1);
    expect(r.values['pnr.fmaxMHz']).toBeGreaterThan(20);
  });

  it('reports a parameter set the design rejects as invalid, with the located message', async () => {
    const r = await runPoint(task(MUL, { width: 12 }, 'synth:generic'));
    expect(r.status).toBe('invalid');
    expect(r.message).toMatch(/mul\.ts:\d+:\d+: error: the design threw while elaborating: width 12 is outside 2 … 10/);
    expect(r.values).toEqual({});
    expect(r.rtlSha256).toBe('');
  });

  it('refuses to measure a design file whose content no longer matches the planned hash', async () => {
    const r = await runPoint({ ...task(MUL, { width: 2 }, 'synth:generic'), designHash: sha256('an older version') });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/changed after the sweep was planned/);
  });

  it('reports a metric that cannot run as failed, keeping earlier metrics', async () => {
    const r = await runPoint(task(join(ROOT, 'test/fixtures/good/no-params.ts'), {}, 'cosim:10,synth:generic'));
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^cosim: .*declares no golden model/);
    const s = await runPoint(task(join(ROOT, 'test/fixtures/good/no-params.ts'), {}, 'synth:generic,lint'));
    expect(s.status, s.message).toBe('ok');
    expect(s.values['generic.cells']).toBeGreaterThan(0);
  });
});
