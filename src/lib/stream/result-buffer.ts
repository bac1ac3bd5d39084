/**
 * One-entry result buffer (lowbit-hdl/lib stream): holds one result of a unit that produces it
 * on a `load` pulse (e.g. `latency` cycles after a transaction's last input beat) and offers it
 * on a valid/ready output stream.
 *
 * Rules:
 * - `full` (the output valid) is set by `load` and cleared when the beat is accepted
 *   (`full && outReady`) without a new load; the held data is stable while `full`;
 * - `loadAllowed = !full` does NOT depend combinationally on the downstream ready (it is a
 *   register), at the price of one bubble between back-to-back results: the producer must not
 *   pulse `load` while `full` (the caller gates its input handshake with `loadAllowed`).
 * Data registers have no reset and load only on `load`.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';

export interface ResultBuffer {
  /** Output valid (the `full` register). */
  readonly outValid: Signal;
  /** `!full`: a new result may be produced. */
  readonly loadAllowed: Signal;
  /**
   * Close the loop: `load` captures `results` into registers `<name>_hold` (returned by name)
   * and sets `full`. Call once, after the producer's logic (which reads `loadAllowed`) is built.
   */
  capture(load: Signal, results: readonly { readonly name: string; readonly value: Signal }[]): Record<string, Signal>;
}

/** A one-entry buffer with full flag `fullName` (reset 0) in front of the downstream `outReady`. */
export function resultBuffer(m: ModuleBuilder, outReady: Signal, fullName = 'full'): ResultBuffer {
  const full = m.reg(fullName, uint(1), { reset: 0 });
  let done = false;
  return {
    outValid: full,
    loadAllowed: full.not(),
    capture(load, results) {
      if (done) throw new Error('resultBuffer: capture called twice');
      done = true;
      const data: Record<string, Signal> = {};
      for (const r of results) {
        const hold = m.reg(`${r.name}_hold`, r.value.type, { en: load });
        hold.set(r.value);
        data[r.name] = hold;
      }
      full.set(load.or(full.and(outReady.not())));
      return data;
    },
  };
}
