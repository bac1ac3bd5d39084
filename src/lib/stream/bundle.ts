/**
 * Valid/ready stream bundles (lowbit-hdl/lib stream): declare a stream of named fields once and
 * get its ports with their protocol metadata (`protocol: 'valid'` / `'ready'` on the handshake
 * bits, `data` on the fields), which the cosim target derivation (src/cli/design-cosim.ts) reads.
 *
 * Protocol (AXI-Stream style, every block of this folder keeps it):
 * - a beat transfers on a rising clock edge where `valid && ready`;
 * - a source holds `valid` high until the beat is accepted, and holds the fields stable while
 *   `valid && !ready` (stalled);
 * - `valid` never waits for `ready` (no combinational path valid ← ready at a source); a sink
 *   may drive `ready` combinationally from `valid` or from its own downstream `ready`. Each block
 *   documents whether its upstream `ready` depends combinationally on the downstream `ready`.
 *
 * Ports: `<prefix>_valid` and `<prefix>_ready`; field ports carry the field names verbatim (so a
 * stream's fields are the design's data ports, e.g. `x_0 … x_15`). Declaration order is the
 * caller's: `streamInput` declares `<prefix>_valid` then the fields; its `ready` output is
 * declared when `driveReady` is called; `streamOutput` declares the `<prefix>_ready` input at
 * once and the field/valid outputs when `drive`/`driveValid` are called.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { typeText, uint, type HwType } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';

/** A field of a stream: its type and an optional port doc line. */
export interface StreamField {
  readonly type: HwType;
  readonly doc?: string;
}

/** Field name → field. Insertion order is port order. */
export type StreamFields = Readonly<Record<string, StreamField>>;

/** The sink side of an input stream, inside the module that receives it. */
export interface StreamInput<F extends StreamFields> {
  readonly valid: Signal;
  readonly data: { readonly [K in keyof F]: Signal };
  /** Declare the `<prefix>_ready` output, driven by `ready` (1 bit). Call once. */
  driveReady(ready: Signal): void;
}

/** The source side of an output stream, inside the module that sends it. */
export interface StreamOutput<F extends StreamFields> {
  readonly ready: Signal;
  /** Declare the field outputs, driven by `data` (every declared field, types as declared). Call once. */
  drive(data: { readonly [K in keyof F]: Signal }): void;
  /** Declare the `<prefix>_valid` output, driven by `valid` (1 bit). Call once. */
  driveValid(valid: Signal): void;
}

function checkBit(what: string, s: Signal): void {
  if (s.width !== 1) throw userError(`stream ${what} must be 1 bit, got ${typeText(s.type)}`);
}

/** An input stream `<prefix>_valid`, fields, and (later) `<prefix>_ready`. */
export function streamInput<F extends StreamFields>(m: ModuleBuilder, prefix: string, fields: F, doc?: string): StreamInput<F> {
  const valid = m.input(`${prefix}_valid`, uint(1), { protocol: 'valid', doc: doc && `${doc}: beat valid` });
  const data = {} as Record<string, Signal>;
  for (const [name, f] of Object.entries(fields)) data[name] = m.input(name, f.type, f.doc === undefined ? {} : { doc: f.doc });
  let done = false;
  return {
    valid,
    data: data as { [K in keyof F]: Signal },
    driveReady(ready) {
      if (done) throw new Error(`stream ${prefix}: ready already driven`);
      checkBit(`${prefix}_ready`, ready);
      done = true;
      m.output(`${prefix}_ready`, ready, { protocol: 'ready' });
    },
  };
}

/** An output stream: `<prefix>_ready` input now; fields and `<prefix>_valid` outputs on `drive*`. */
export function streamOutput<F extends StreamFields>(m: ModuleBuilder, prefix: string, fields: F): StreamOutput<F> {
  const ready = m.input(`${prefix}_ready`, uint(1), { protocol: 'ready' });
  let driven = false;
  let validDriven = false;
  return {
    ready,
    drive(data) {
      if (driven) throw new Error(`stream ${prefix}: fields already driven`);
      driven = true;
      for (const [name, f] of Object.entries(fields)) {
        const s = data[name];
        if (s === undefined) throw userError(`stream ${prefix}: field ${name} is not driven`);
        if (s.width !== f.type.width || s.signed !== f.type.signed) {
          throw userError(`stream ${prefix}: field ${name} is declared ${typeText(f.type)}, driven with ${typeText(s.type)}`);
        }
        m.output(name, s, f.doc === undefined ? {} : { doc: f.doc });
      }
    },
    driveValid(valid) {
      if (validDriven) throw new Error(`stream ${prefix}: valid already driven`);
      checkBit(`${prefix}_valid`, valid);
      validDriven = true;
      m.output(`${prefix}_valid`, valid, { protocol: 'valid' });
    },
  };
}
