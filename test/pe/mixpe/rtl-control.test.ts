/**
 * The MixPE array controller (src/pe/mixpe/rtl-control.ts): epilogue throughput (spec test 7:
 * with rows = G the input never waits, measured in simulated cycles without backpressure) and
 * the PE latency contract (rtl-pe-interface.ts) with a PE whose group sum appears one cycle
 * after the last beat (s_g, z_g and s_x are then staged), both against level b on both
 * simulators.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { mixpeArray } from '../../../src/pe/mixpe/rtl-array.ts';
import { intPe } from '../../../src/pe/mixpe/rtl-pe-int.ts';
import { weightType, type MixpePe } from '../../../src/pe/mixpe/rtl-pe-interface.ts';
import { arrayCorners, arrayCosimSpec, arrayGolden } from '../../../src/pe/mixpe/rtl-cosim.ts';
import { cosimTarget } from '../../../src/cli/design-cosim.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import { cosim, emit } from '../../lib/cosim-harness.ts';

/** The INT PE behind one register stage on every input: latency 1, same sums. */
function delayedPe(p: MixpeParams): MixpePe {
  const inner = intPe(p);
  const def = module(`pe_delayed_w${p.weightBits}${p.weightSigned ? 's' : 'u'}`, (m) => {
    const x = m.input('x', inner.act);
    const q = m.input('q', weightType(p));
    const en = m.input('en', uint(1));
    const last = m.input('last', uint(1));
    const d = (name: string, s: typeof x, reset?: number) => {
      const r = m.reg(name, s.type, reset === undefined ? {} : { reset });
      r.set(s);
      return r;
    };
    const o = m.instance('pe', inner.def, { x: d('x_q', x), q: d('q_q', q), en: d('en_q', en, 0), last: d('last_q', last, 0) });
    m.output('pg', o.pg!);
  });
  // Drop the row-shared x3 variant: it is the latency-0 PE and the array would prefer it.
  const { x3Def: _x3Def, ...rest } = inner;
  return { ...rest, def, latency: 1 };
}

describe('MixPE array controller', () => {
  it('never stalls the input when rows = G and the output is always ready', async () => {
    const p = mixpeParams({ rows: 32, cols: 1, G: 32, K: 64 });
    const e = emit(mixpeArray(p));
    const spec = arrayCosimSpec(p);
    const txns = arrayCorners(p, { tiles: 45 });
    const r = await runCosim({
      target: cosimTarget(e.design, e.files, spec),
      golden: arrayGolden(p),
      vectors: txns,
      sim: 'both',
      backpressure: { bubble: 0, stall: 0 },
    });
    expect(r.failed, formatCosimReport(r)).toBe(0);
    // K beats per tile back to back, plus reset, the last tile's drain (rows results through
    // the 4-stage epilogue) and the harness's idle check; a stall at each group end would add
    // at least one cycle per group end (2 per tile), more than the whole allowance.
    const groupEnds = txns.length * (p.K / p.G);
    const ideal = txns.length * p.K;
    for (const run of r.runs) {
      expect(run.cycles).toBeGreaterThanOrEqual(ideal);
      expect(run.cycles - ideal).toBeLessThan(p.rows + 40);
      expect(groupEnds).toBeGreaterThan(p.rows + 40);
    }
  });

  it('accepts a PE with latency 1: staged s_g, z_g, s_x; R_g from the same PE (both simulators)', async () => {
    for (const weightSigned of [false, true]) {
      const p = mixpeParams({ rows: 3, cols: 2, G: 32, K: 64, weightSigned });
      const top = mixpeArray(p, { pe: delayedPe });
      const r = await cosim(top, arrayCosimSpec(p, { random: 8, tiles: 3, seed: 31 }), { seed: 3 });
      expect(r.failed, r.report).toBe(0);
    }
  });
});
