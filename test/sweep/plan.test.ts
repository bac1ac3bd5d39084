/** Planning: the design's content hash, typed grid, --where filtering, stable keys per point. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planSweep } from '../../src/sweep/plan.ts';
import { sha256 } from '../../src/sweep/point-key.ts';
import { SweepUsageError } from '../../src/sweep/grid.ts';

const MUL = join(import.meta.dirname, '../fixtures/sweep/mul.ts');

describe('planSweep', () => {
  it('plans the filtered grid with one key per point', async () => {
    const plan = await planSweep({ design: MUL, grid: ['width=2..5', 'registered=true,false'], where: 'width % 2 == 0 || registered', metrics: 'synth:generic,lint' });
    expect(plan.designHash).toBe(sha256(readFileSync(MUL)));
    expect(plan.designRel).toBe('test/fixtures/sweep/mul.ts');
    expect(plan.metricIds).toEqual(['lint', 'synth:generic']);
    expect(plan.defaults).toEqual({ width: 4, registered: false });
    expect(plan.excluded).toBe(2);
    expect(plan.points.map((p) => p.params)).toEqual([
      { width: 2, registered: true }, { width: 2, registered: false }, { width: 3, registered: true },
      { width: 4, registered: true }, { width: 4, registered: false }, { width: 5, registered: true },
    ]);
    expect(new Set(plan.points.map((p) => p.key)).size).toBe(6);
    expect(plan.tools.verilator).toBeDefined();
    const again = await planSweep({ design: MUL, grid: ['registered=true,false', 'width=2..5'], where: 'width % 2 == 0 || registered', metrics: 'lint,synth:generic' });
    expect(new Set(again.points.map((p) => p.key))).toEqual(new Set(plan.points.map((p) => p.key)));
  });
  it('uses the defaults in --where for parameters off the grid', async () => {
    const plan = await planSweep({ design: MUL, grid: ['width=2,3'], where: '!registered && width > 2', metrics: 'synth:generic' });
    expect(plan.points.map((p) => p.params)).toEqual([{ width: 3 }]);
  });
  it('finds usage errors before any work', async () => {
    await expect(planSweep({ design: MUL, grid: ['width=2'], where: 'depth > 1', metrics: 'synth:generic' })).rejects.toThrow(SweepUsageError);
    await expect(planSweep({ design: MUL, grid: ['width=2'], metrics: 'synth:foo' })).rejects.toThrow(/names no synthesis target/);
  });
});
