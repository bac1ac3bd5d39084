/**
 * Verification top for group-accumulating units with the PE beat contract of
 * rtl-pe-interface.ts (`en`, `last` in; group result valid `latency` cycles after the accepted
 * last beat): the W4A16 PE, the row-sum unit, the baseline PEs. Wraps one or more of them into an
 * AXI-Stream style top (valid/ready both ways) that the cosim harnesses drive with random input
 * bubbles and output backpressure.
 *
 * Contract: one stream transaction = `G` input beats (k ascending) → one output beat. A beat
 * counter makes `last` (k = G − 1); every unit sees the same beats. `latency` cycles after the
 * last beat (a delay line of the `take && last` pulse) every unit's data outputs are captured
 * into holding registers, exported as `<inst>_<port>`. `in_ready` is low while a result waits,
 * so no group can finish before the previous result has left (needs latency < G).
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Operand, Signal } from '../../dsl/signal.ts';
import { uint, type HwType } from '../../dsl/types.ts';

/** One unit inside the top. */
export interface StreamUnit {
  /** Instance name; also the prefix of its exported outputs. */
  readonly inst: string;
  readonly def: ModuleDef;
  /** Data input bindings from the top's data inputs (by name); `en` and `last` are bound by the top. */
  readonly connect: (inputs: Readonly<Record<string, Signal>>) => Record<string, Operand>;
}

/** A top named `name` over `units` (all with the same `latency`), data inputs `inputs`, groups of `G` beats. */
export function groupStreamTop(
  name: string,
  G: number,
  latency: number,
  inputs: readonly { name: string; type: HwType }[],
  units: readonly StreamUnit[],
): ModuleDef {
  if (!Number.isInteger(G) || G < 2) throw new RangeError(`groupStreamTop: G must be an integer >= 2, got ${G}`);
  if (!Number.isInteger(latency) || latency < 0 || latency >= G) throw new RangeError(`groupStreamTop: latency must be in 0 … G − 1, got ${latency}`);
  return module(
    name,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const ins: Record<string, Signal> = {};
      for (const i of inputs) ins[i.name] = m.input(i.name, i.type);
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });

      const cw = Math.max(1, Math.ceil(Math.log2(G)));
      const count = m.reg('count', uint(cw), { reset: 0 });
      const full = m.reg('full', uint(1), { reset: 0 });
      const inReady = full.not();
      const take = inValid.and(inReady).named('take');
      const last = count.eq(G - 1).named('last');
      count.set(mux(take, mux(last, 0, count.add(1).resize(cw)), count));
      let done = take.and(last);
      for (let i = 0; i < latency; i++) {
        const d = m.reg(`done_d${i}`, uint(1), { reset: 0 });
        d.set(done);
        done = d;
      }

      const results: { name: string; value: Signal }[] = [];
      for (const u of units) {
        const o = m.instance(u.inst, u.def, { en: take, last, ...u.connect(ins) });
        for (const port of u.def.ir.ports) if (port.dir === 'output') results.push({ name: `${u.inst}_${port.name}`, value: o[port.name]! });
      }
      for (const r of results) {
        const hold = m.reg(`${r.name}_hold`, r.value.type, { en: done });
        hold.set(r.value);
        m.output(r.name, hold);
      }
      full.set(done.or(full.and(outReady.not())));
      m.output('in_ready', inReady, { protocol: 'ready' });
      m.output('out_valid', full, { protocol: 'valid' });
    },
    { doc: `verification top: ${units.length} group unit(s), ${G} beats per group, valid/ready streams` },
  );
}
