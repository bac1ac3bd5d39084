/**
 * The MixPE array's datasheet timing (src/pe/mixpe/rtl-timing.ts), measured on the generated
 * example top with the independent datasheet testbench (datasheet-tb.ts, Icarus): first output
 * latency, a tile every K cycles, row order of the output beats, input beats accepted while
 * out_ready is held low, and the combinational in_ready ← out_ready path, for per-column, shared
 * and BIT_SERIAL epilogues. The datasheet
 * (README.md of `gen`) states the same figures.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../../src/cli/generate.ts';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArrayTiming, mixpeTimingText } from '../../../src/pe/mixpe/rtl-timing.ts';
import { ROOT } from '../../cli/run-cli.ts';
import { datasheetPorts, runDatasheetTb } from './datasheet-tb.ts';

const DESIGN = join(ROOT, 'examples/mixpe.ts');

async function build(params: Record<string, string | number>) {
  const g = await generate(DESIGN, { params: Object.entries(params).map(([k, v]) => `${k}=${v}`) });
  const dir = mkdtempSync(join(tmpdir(), 'mixpe-timing-'));
  const files: string[] = [];
  for (const [f, t] of g.files) {
    writeFileSync(join(dir, f), t);
    if (f.endsWith('.v')) files.push(join(dir, f));
  }
  const readme = g.files.get('README.md')!;
  return { dir, files, top: g.ir.top, ports: datasheetPorts(readme), readme };
}

describe('MixPE array timing, measured', () => {
  const configs: Record<string, string | number>[] = [
    { rows: 1, cols: 2, G: 32, K: 64 },
    { rows: 4, cols: 2, G: 32, K: 64 },
    { rows: 5, cols: 2, G: 32, K: 96, epilogues: 2 },
    { rows: 5, cols: 2, G: 32, K: 96 },
    { rows: 3, cols: 3, G: 32, K: 96, epilogues: 2 },
    { rows: 8, cols: 1, G: 32, K: 32 },
    { rows: 2, cols: 2, G: 32, K: 64, activation: 'FP16' },
    // zeroPoint COLUMN_EDGE (no R_g row edge, zero-folded PEs): the same timing.
    { rows: 2, cols: 2, G: 32, K: 64, activation: 'FP16', zeroPoint: 'COLUMN_EDGE' },
    // BIT_SERIAL: 8 (BF16) or 11 (FP16) cycles per group result in one unit per epilogue.
    { rows: 2, cols: 2, G: 32, K: 64, dequantUnit: 'BIT_SERIAL', scaleFormat: 'BF16' },
    { rows: 1, cols: 2, G: 32, K: 64, dequantUnit: 'BIT_SERIAL' },
    { rows: 3, cols: 1, G: 32, K: 64, dequantUnit: 'BIT_SERIAL', scaleFormat: 'BF16' },
  ];
  for (const c of configs) {
    it(`${JSON.stringify(c)}`, async () => {
      // zeroPoint is an option of the array, not a MixPE parameter.
      const p = mixpeParams(Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'zeroPoint')) as Parameters<typeof mixpeParams>[0] & object);
      const t = mixpeArrayTiming(p);
      const b = await build(c);
      expect(b.readme).toContain(mixpeTimingText(p));
      const nIn = b.ports.filter((q) => q.dir === 'input' && q.protocol === 'data').length;
      const tiles = 3;
      // Beat k of tile i carries x_0 = i (an INT8 value or a small FP code): only the order matters here.
      const beats = Array.from({ length: tiles * p.K }, () => Array<bigint>(nIn).fill(0n));
      // Full rate: in_valid and out_ready always high, with the in_ready/out_ready probe.
      const full = runDatasheetTb(b.dir, b.files, b.top, b.ports, beats, { control: [], expectOutputs: tiles * p.rows, probe: true });
      expect(full.inputs.map((i) => i.cycle)).toEqual(Array.from({ length: tiles * p.K }, (_, k) => k)); // never waits
      const outCycles = full.outputs.map((o) => o.cycle);
      for (let i = 0; i < tiles; i++) {
        const lastIn = full.inputs[(i + 1) * p.K - 1]!.cycle;
        // rows consecutive beats, the first firstOutputLatency cycles after the last input beat.
        expect(outCycles.slice(i * p.rows, (i + 1) * p.rows)).toEqual(Array.from({ length: p.rows }, (_, m) => lastIn + t.firstOutputLatency + m * t.outputBeatInterval));
      }
      expect(outCycles[p.rows]! - outCycles[0]!).toBe(t.tileInterval);
      // out_ready held low from reset, in_valid high: the number of beats taken before in_ready drops.
      const stalled = runDatasheetTb(b.dir, b.files, b.top, b.ports, beats, { control: Array(tiles * p.K + 60).fill(1), expectOutputs: 1, maxCycles: tiles * p.K + 60, probe: true });
      expect(stalled.outputs).toEqual([]);
      expect(stalled.inputs.length).toBe(t.stalledInputBeats);
      // Raising out_ready never drops in_ready; where the frozen chain holds exactly its last item
      // (rows · w = frozenItems + 1, w columns per epilogue: w + 3 items left for stages B, C, D and the output register;
      // BIT_SERIAL: w + 1, the row and the item finished in the unit), a group's last beat
      // waits with out_ready low and is taken with out_ready high in the same cycle: the
      // combinational in_ready <- out_ready path.
      for (const r of [full, stalled]) expect(r.probes.some((q) => q.ready0 === 1 && q.ready1 === 0)).toBe(false);
      const w = t.columnsPerEpilogue;
      if (p.rows * w === t.frozenItems + 1) expect(stalled.probes.some((q) => q.ready0 === 0 && q.ready1 === 1)).toBe(t.inReadyOnOutReady);
    }, 120_000);
  }

  it('output beats come in row order (beat m = row m), checked with distinct rows', async () => {
    const c = { rows: 3, cols: 1, G: 32, K: 32 };
    const p = mixpeParams(c);
    const b = await build(c);
    const din = b.ports.filter((q) => q.dir === 'input' && q.protocol === 'data');
    // x_r = r + 1, q = 1, s = 1.0, z = 0, s_x = 1.0: Y[m] = 32 (m + 1).
    const beats = Array.from({ length: p.K }, () =>
      din.map((q) => (q.name.startsWith('x_') ? BigInt(Number(q.name.slice(2)) + 1) : q.name.startsWith('q_') ? 1n : q.name.startsWith('z_') ? 0n : 0x3c00n)),
    );
    const r = runDatasheetTb(b.dir, b.files, b.top, b.ports, beats, { control: [], expectOutputs: p.rows });
    expect(r.outputs.map((o) => o.data[0])).toEqual([0x5000n, 0x5400n, 0x5600n]); // 32, 64, 96
  });
});
