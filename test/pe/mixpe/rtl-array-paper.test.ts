/**
 * The paper-scale MixPE W4A8 array (spec §1: 64×64, G = 128; K = 1024, the level-b default):
 * generated and linted clean by Verilator -Wall, Icarus -g2005 and Yosys (no simulation).
 */
import { describe, expect, it } from 'vitest';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { lintAll, readRtlDir } from '../../../src/lint/lint-rtl.ts';
import { emit } from '../../lib/cosim-harness.ts';

describe('MixPE 64×64 W4A8 array', () => {
  it('generates and lints clean on all three front ends', async () => {
    const p = mixpeParams();
    expect([p.rows, p.cols, p.G, p.K, p.weightBits, p.accW]).toEqual([64, 64, 128, 1024, 4, 20]);
    const e = emit(mixpeArray(p));
    // One PE module (the radix-4 form from the row-shared 3x) instantiated 64 × 64 times (plus 64
    // row-edge R_g accumulators of the plain form), one column module, one row-multiples module.
    const column = [...e.text].find(([f]) => f.startsWith('mixpe_column_'))![1];
    expect(column.match(/^  mixpe_pe_a8_w4u_x3_acc20 pe_\d+ \(/gm)).toHaveLength(64);
    expect(e.text.get('mixpe_array.v')!.match(/^  mixpe_row_x3_r64 row_x3 \(/gm)).toHaveLength(1);
    expect(e.text.get('mixpe_array.v')!.match(/^  mixpe_column_\S+ col_\d+ \(/gm)).toHaveLength(64);
    const results = await lintAll(readRtlDir(e.dir));
    for (const r of results) expect(r.ok, `${r.tool}:\n${r.output}`).toBe(true);
    expect(results.map((r) => r.tool)).toEqual(['verilator', 'icarus', 'yosys']);
  });
});
