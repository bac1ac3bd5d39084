/**
 * Stream top for group-accumulating units with the grouped-PE beat contract (src/lib/array
 * pe-contract.ts: `en`, `last` in; group result valid `latency` cycles after the accepted last
 * beat), e.g. the MixPE W4A16 PE, the row-sum unit, the baseline PEs. Wraps one or more of them into an
 * AXI-Stream style top (valid/ready both ways) that the cosim harnesses drive with random input
 * bubbles and output backpressure.
 *
 * Contract: one stream transaction = `G` input beats (k ascending) → one output beat. A beat
 * counter makes `last` (k = G − 1); every unit sees the same beats. `latency` cycles after the
 * last beat (a delay line of the `take && last` pulse) every unit's data outputs are captured
 * into holding registers, exported as `<inst>_<port>`. `in_ready` is low while a result waits,
 * so no group can finish before the previous result has left (needs latency < G).
 * Built from src/lib/stream: bundles `in`/`out`, a beat counter, a one-entry result buffer.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import type { Operand, Signal } from '../../dsl/signal.ts';
import { uint, type HwType } from '../../dsl/types.ts';
import { streamInput, streamOutput, type StreamField } from './bundle.ts';
import { beatCounter } from './counter.ts';
import { resultBuffer } from './result-buffer.ts';

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
      const inS = streamInput(m, 'in', Object.fromEntries(inputs.map((i) => [i.name, { type: i.type }])));
      const outFields: Record<string, StreamField> = {};
      for (const u of units) {
        for (const port of u.def.ir.ports) if (port.dir === 'output') outFields[`${u.inst}_${port.name}`] = { type: u.def.portType(port.name)! };
      }
      const outS = streamOutput(m, 'out', outFields);
      const buf = resultBuffer(m, outS.ready);
      const take = inS.valid.and(buf.loadAllowed).named('take');
      const beat = beatCounter(m, 'count', G, take, { lastName: 'last' });
      const last = beat.last;
      let done = beat.wrap;
      for (let i = 0; i < latency; i++) {
        const d = m.reg(`done_d${i}`, uint(1), { reset: 0 });
        d.set(done);
        done = d;
      }

      const results: { name: string; value: Signal }[] = [];
      for (const u of units) {
        const o = m.instance(u.inst, u.def, { en: take, last, ...u.connect(inS.data) });
        for (const port of u.def.ir.ports) if (port.dir === 'output') results.push({ name: `${u.inst}_${port.name}`, value: o[port.name]! });
      }
      outS.drive(buf.capture(done, results));
      inS.driveReady(buf.loadAllowed);
      outS.driveValid(buf.outValid);
    },
    { doc: `verification top: ${units.length} group unit(s), ${G} beats per group, valid/ready streams` },
  );
}
