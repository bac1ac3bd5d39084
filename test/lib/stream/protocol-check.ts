/**
 * Test helper (not a test): drive a valid/ready top (`in_valid`/`in_ready`, `out_valid`/`out_ready`)
 * cycle by cycle on the IrSimulator with a protocol-keeping random source and a random sink, and
 * check the stream rules at the output on every cycle:
 *  - `out_valid` once high stays high until the beat is accepted (`out_valid && out_ready`);
 *  - the output fields are stable while `out_valid && !out_ready`;
 *  - the accepted output beats equal `expected(inputs)` in order (nothing lost, duplicated, reordered);
 *  - optionally, `in_ready` does not change when only `out_ready` changes (no combinational path).
 */
import { elaborate } from '../../../src/dsl/elaborate.ts';
import type { ModuleDef } from '../../../src/dsl/module-builder.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { Prng } from '../../../src/util/prng.ts';

export interface ProtocolRun {
  /** Accepted output beats, each the output fields in `outFields` order. */
  readonly out: bigint[][];
  /** Cycles run. */
  readonly cycles: number;
  /** Cycles where out_ready was low while out_valid was high (stalls seen). */
  readonly stalls: number;
  /** Cycles where in_ready was observed to follow out_ready combinationally. */
  readonly readyFollowsOutReady: number;
  /** Rule violations, empty when every rule held. */
  readonly violations: string[];
}

export interface ProtocolOptions {
  readonly inFields: readonly string[];
  readonly outFields: readonly string[];
  /** Input beats: one value per in field. */
  readonly beats: readonly (readonly bigint[])[];
  readonly seed?: number;
  /** Probability of an input bubble / an output stall per cycle. */
  readonly bubble?: number;
  readonly stall?: number;
  readonly maxCycles?: number;
}

export function runProtocol(def: ModuleDef, o: ProtocolOptions): ProtocolRun {
  const { design } = elaborate(def);
  const sim = new IrSimulator(design);
  const rng = new Prng(o.seed ?? 1);
  const rand = () => rng.u32() / 2 ** 32;
  const hasReset = design.modules.find((m) => m.name === design.top)!.ports.some((p) => p.protocol === 'reset');
  const rstName = design.modules.find((m) => m.name === design.top)!.ports.find((p) => p.protocol === 'reset')?.name;
  if (hasReset && rstName) {
    sim.poke(rstName, rstName.endsWith('_n') ? 0n : 1n);
    sim.step();
    sim.step();
    sim.poke(rstName, rstName.endsWith('_n') ? 1n : 0n);
  }
  const violations: string[] = [];
  const out: bigint[][] = [];
  let next = 0;
  let offering = false;
  let prevOut: { valid: boolean; accepted: boolean; data: bigint[] } | null = null;
  let stalls = 0;
  let follows = 0;
  const maxCycles = o.maxCycles ?? 20 * o.beats.length + 100;
  let cycle = 0;
  for (; cycle < maxCycles && out.length < o.beats.length; cycle++) {
    // Source: once offering, hold valid and data until accepted.
    if (!offering && next < o.beats.length && rand() >= (o.bubble ?? 0.3)) offering = true;
    sim.poke('in_valid', offering ? 1n : 0n);
    if (next < o.beats.length) o.inFields.forEach((f, i) => sim.poke(f, o.beats[next]![i]!));
    const outReady = rand() >= (o.stall ?? 0.3);
    sim.poke('out_ready', outReady ? 0n : 1n);
    sim.eval();
    const inReadyAlt = sim.peek('in_ready');
    sim.poke('out_ready', outReady ? 1n : 0n);
    sim.eval();
    const inReady = sim.peek('in_ready') === 1n;
    if ((inReadyAlt === 1n) !== inReady) follows++;
    const outValid = sim.peek('out_valid') === 1n;
    const data = o.outFields.map((f) => sim.peek(f));
    if (prevOut && prevOut.valid && !prevOut.accepted) {
      if (!outValid) violations.push(`cycle ${cycle}: out_valid dropped before the beat was accepted`);
      else if (data.some((d, i) => d !== prevOut!.data[i])) violations.push(`cycle ${cycle}: output data changed while stalled`);
    }
    if (outValid && !outReady) stalls++;
    const accepted = outValid && outReady;
    if (accepted) out.push(data);
    prevOut = { valid: outValid, accepted, data };
    if (offering && inReady) {
      offering = false;
      next++;
    }
    sim.step();
  }
  return { out, cycles: cycle, stalls, readyFollowsOutReady: follows, violations };
}
