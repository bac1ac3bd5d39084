/**
 * Shared dequantization epilogues (src/pe/mixpe/rtl-epilogue-group.ts, issue 10 item 5): the
 * MixPE array with fewer epilogues than columns equals level b bit for bit on both simulators
 * (random input bubbles and output stalls), for a balanced split with an idle slot (5 columns on
 * 2 epilogues of 3 slots), the fewest epilogues (the default) and one epilogue per column; the
 * top instantiates exactly `epilogues` epilogues; bad group shapes are refused.
 */
import { describe, expect, it } from 'vitest';
import { mixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { arrayCosimSpec } from '../../../src/pe/mixpe/rtl-cosim.ts';
import { epilogueGroupModule } from '../../../src/pe/mixpe/rtl-epilogue-group.ts';
import { intPe } from '../../../src/pe/mixpe/rtl-pe-int.ts';
import { mixpeFpArrayPe } from '../../../src/pe/mixpe/index.ts';
import { cosim, emit } from '../../lib/cosim-harness.ts';

/** Epilogue instances in the emitted top (`epi_<e>` instances of an epilogue group). */
function epilogueInstances(def: ReturnType<typeof mixpeArray>): number {
  const e = emit(def, 'mixpe-epi-group');
  const top = e.text.get(`${e.design.top}.v`)!;
  return (top.match(/_epilogue_group_\w+ epi_\d+ \(/g) ?? []).length;
}

describe('MixPE array with shared epilogues', () => {
  const configs = [
    { rows: 3, cols: 5, G: 32, K: 64, epilogues: 2 }, // slots of 3 columns: runs 3 + 2 (one idle slot)
    { rows: 3, cols: 5, G: 32, K: 64 }, // default: floor(32 / 3) = 10 columns per epilogue -> 1
    { rows: 3, cols: 5, G: 32, K: 64, epilogues: 5, weightSigned: true, scaleFormat: 'BF16' as const },
    { rows: 2, cols: 3, G: 32, K: 64, epilogues: 2, accMode: 'BLOCK_ALIGN' as const, outputFormat: 'FP32' as const },
  ];
  for (const c of configs) {
    it(`equals level b bit for bit: ${JSON.stringify(c)} (both simulators)`, async () => {
      const p = mixpeParams(c);
      const top = mixpeArray(p);
      expect(epilogueInstances(top)).toBe(p.epilogues);
      const spec = arrayCosimSpec(p, { random: 3, tiles: 2, seed: 17 });
      const r = await cosim(top, spec, { seed: 3 });
      expect(r.failed, r.report).toBe(0);
      expect(r.passed).toBe(2 * (spec.corners!.length + 3));
    }, 180_000);
  }

  it('equals level b with FP16 activations and 2 columns per epilogue (both simulators)', async () => {
    const p = mixpeParams({ activation: 'FP16', rows: 2, cols: 4, G: 32, K: 64, epilogues: 2 });
    const top = mixpeArray(p, { pe: mixpeFpArrayPe });
    expect(epilogueInstances(top)).toBe(2);
    const spec = arrayCosimSpec(p, { random: 3, tiles: 2, seed: 23 });
    const r = await cosim(top, spec, { seed: 4 });
    expect(r.failed, r.report).toBe(0);
  }, 180_000);

  it('refuses group shapes outside 1 <= count <= width', () => {
    const p = mixpeParams({ rows: 2, cols: 4, G: 32, K: 32 });
    expect(() => epilogueGroupModule(p, intPe(p), 2, 3)).toThrow(/count <= width/);
    expect(() => epilogueGroupModule(p, intPe(p), 0, 0)).toThrow(/count <= width/);
  });
});
