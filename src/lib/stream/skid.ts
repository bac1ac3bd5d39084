/**
 * Skid buffer (lowbit-hdl/lib stream): a two-entry register slice that cuts every combinational
 * path between the upstream and the downstream handshake, at full throughput.
 *
 * Rules:
 * - the upstream ready is a REGISTER (`!skid_valid`): it does not depend combinationally on the
 *   downstream ready, nor on the upstream valid;
 * - the downstream valid and data are registers (`out_valid`, `out_*`), held until accepted and
 *   stable while stalled;
 * - a beat accepted while the output is stalled goes to the skid register, and the upstream ready
 *   drops on the next cycle; when the output moves, the skid beat moves to the output first, so
 *   beats leave in order. Capacity 2; one beat per cycle when never stalled; no beat is lost or
 *   duplicated.
 * Data registers have no reset (read only with their valid bit).
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';

export interface SkidBuffer {
  /** Upstream ready (a register). */
  readonly inReady: Signal;
  /** Downstream valid (a register). */
  readonly outValid: Signal;
  /** Downstream data by field name (registers). */
  readonly data: Readonly<Record<string, Signal>>;
}

/**
 * A skid buffer between `inValid`/`inData` and `outReady`; registers are named
 * `<name>_out_valid`, `<name>_skid_valid`, `<name>_out_<field>`, `<name>_skid_<field>`.
 */
export function skidBuffer(
  m: ModuleBuilder,
  name: string,
  inValid: Signal,
  inData: Readonly<Record<string, Signal>>,
  outReady: Signal,
): SkidBuffer {
  const outValid = m.reg(`${name}_out_valid`, uint(1), { reset: 0 });
  const skidValid = m.reg(`${name}_skid_valid`, uint(1), { reset: 0 });
  const inReady = skidValid.not();
  const take = m.wire(`${name}_take`, inValid.and(inReady));
  // The output register loads when it is empty or moves on: from the skid register if it holds a beat.
  const outLoad = m.wire(`${name}_out_load`, outValid.not().or(outReady));
  // A beat taken while the output is full and stalled goes to the skid register.
  const toSkid = take.and(outLoad.not());
  outValid.set(mux(outLoad, skidValid.or(take), outValid));
  skidValid.set(mux(outLoad, m.constant(0, uint(1)), skidValid.or(toSkid)));
  const data: Record<string, Signal> = {};
  for (const [field, value] of Object.entries(inData)) {
    const skid = m.reg(`${name}_skid_${field}`, value.type, { en: toSkid });
    skid.set(value);
    const out = m.reg(`${name}_out_${field}`, value.type, { en: outLoad });
    out.set(mux(skidValid, skid, value));
    data[field] = out;
  }
  return { inReady, outValid, data };
}
