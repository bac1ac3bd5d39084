/**
 * The partial-sum-flowing PE (src/pe/tpe/rtl-psum-pe.ts) in the IR simulator, both forms: the
 * activation is forwarded registered on `step`, the stationary weight loads on `load` only and
 * holds, the flowing weight is forwarded on `step`, and the registered partial sum (baseline
 * binary, OPT1 as sum + carry) is psum_in + a·b after a step and unchanged without one.
 */
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { tpeParams, type TpeForm } from '../../../src/pe/tpe/params.ts';
import { psumPe, type WeightFlow } from '../../../src/pe/tpe/rtl-psum-pe.ts';
import { Prng } from '../../../src/util/prng.ts';

const ACC = 11; // 2·4 + ceil(log2 3) + 1 (A unsigned, B signed)
const u = (v: bigint, w = ACC) => BigInt.asUintN(w, v);

function check(form: TpeForm, weight: WeightFlow, first = false): void {
  const p = tpeParams('systolic-ws', form, { m: 1, k: 3, n: 1, W: 4, aSigned: false, bSigned: true });
  const pe = psumPe(p, weight, 'x', { first });
  // The first PE along the reduction axis has no partial-sum inputs (its partial sum in is 0).
  const ports = pe.ir.ports.map((q) => q.name);
  for (const q of form === 'opt' ? ['sum_in', 'carry_in'] : ['psum_in']) expect(ports.includes(q)).toBe(!first);
  const sim = new IrSimulator(elaborate(pe).design);
  sim.reset();
  const psum = () => (form === 'opt' ? u(sim.peek('sum') + sim.peek('carry')) : u(sim.peek('psum')));
  const setPsum = (v: bigint) => {
    if (first) return;
    if (form === 'opt') {
      const s = u(v * 5n + 3n);
      sim.poke('sum_in', s);
      sim.poke('carry_in', u(v - s));
    } else sim.poke('psum_in', u(v));
  };
  const rng = new Prng(form === 'opt' ? 3 : 4);
  let w = 0n;
  for (let i = 0; i < 60; i++) {
    const a = BigInt(rng.below(16));
    const b = BigInt(rng.below(16)) - 8n;
    const pin = first ? (rng.below(1 << 9), 0n) : BigInt(rng.below(1 << 9)) - 256n;
    const step = rng.below(4) !== 0 ? 1n : 0n;
    const load = rng.below(3) === 0 ? 1n : 0n;
    const before = psum();
    const aBefore = sim.peek('a_out');
    sim.poke('a_in', a);
    sim.poke('step', step);
    setPsum(pin);
    if (weight === 'stationary') {
      sim.poke('w_in', u(b, 4));
      sim.poke('load', load);
    } else sim.poke('b_in', u(b, 4));
    sim.eval();
    const mult = weight === 'stationary' ? w : b;
    sim.step();
    if (weight === 'stationary' && load) w = b;
    if (step) {
      expect(psum(), `cycle ${i}`).toBe(u(pin + a * mult));
      expect(sim.peek('a_out')).toBe(a);
      if (weight === 'flowing') expect(u(sim.peek('b_out'), 4)).toBe(u(b, 4));
    } else {
      expect(psum()).toBe(before);
      expect(sim.peek('a_out')).toBe(aBefore);
    }
  }
}

describe('psumPe', () => {
  for (const form of ['baseline', 'opt'] as const) {
    for (const weight of ['stationary', 'flowing'] as const) {
      it(`${form}, ${weight} weight: registered psum_in + a·b on step, weight and activation timing`, () => check(form, weight));
      it(`${form}, ${weight} weight, first along the reduction axis: no psum inputs, registered a·b on step`, () => check(form, weight, true));
    }
  }
  it('names the module by array, form and configuration', () => {
    const p = tpeParams('cube', 'opt', { m: 2, k: 2, n: 2, W: 4 });
    expect(psumPe(p, 'flowing', 'cube').name).toBe('tpe_cube_pe_opt1_booth_s4s4_acc9_dadda_full');
    expect(psumPe({ ...p, form: 'baseline' }, 'stationary', 'ws').name).toBe('tpe_ws_pe_base_s4s4_acc9');
    expect(psumPe(p, 'flowing', 'cube', { first: true }).name).toBe('tpe_cube_pe_opt1_booth_s4s4_acc9_dadda_full_first');
  });
});
