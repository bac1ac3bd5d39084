/**
 * `defineDesign`: what a design file exports by default. A design is a function of its elaboration
 * parameters returning the top module, plus default parameter values. Parameter types and doc
 * comments are read from the design file's exported `Params` type (see cli/list-params.ts), so the
 * defaults object here is the only runtime statement of them.
 */
import type { ModuleDef } from './module-builder.ts';
import type { GoldenBatch, GoldenModel, Protocol, VectorOptions } from '../cosim/types.ts';

export type ParamValue = number | boolean | string;
export type ParamRecord = Record<string, ParamValue>;
/** A design's parameter type: an interface whose fields are numbers, booleans or strings. */
export type ParamShape<P> = { [K in keyof P]: ParamValue };

/**
 * How to verify a design: its timing protocol and exact golden model. The golden model maps one
 * transaction (input beats, each one BigInt per input port in `inputs` order) to output beats;
 * signed ports carry negative BigInts. It is written from the spec, never from the generator.
 */
export interface CosimSpec {
  readonly protocol: Protocol;
  readonly golden: GoldenModel;
  /** Optional Number fast path (all ports <= 32 bits), see src/cosim/types.ts. */
  readonly goldenBatch?: GoldenBatch;
  /** Data input ports in golden order (default: the top's data inputs in declaration order). */
  readonly inputs?: readonly string[];
  /** Data output ports in golden order (default: the top's data outputs in declaration order). */
  readonly outputs?: readonly string[];
  /** stream: input beats -> output beats per transaction (default 1/1). */
  readonly beats?: { readonly in: number; readonly out: number };
  /** Default vectors: generation options, or explicit transactions (corner cases of the spec). */
  readonly vectors?: VectorOptions;
  /** Extra explicit transactions always run first (spec corner cases). */
  readonly corners?: readonly (readonly (readonly bigint[])[])[];
  /**
   * Inputs read once per transaction rather than on every beat (scales, zero points): port name →
   * when it is read, e.g. `'on the first input beat'`. Stated in the datasheet's Timing section.
   */
  readonly sampled?: Readonly<Record<string, string>>;
}

export interface DesignSpec<P extends ParamShape<P>> {
  /** Design name, used for the output directory when `--top` is not given. */
  readonly name?: string;
  /** Default parameter values; every parameter needs one unless the user must pass it. */
  readonly defaults: Partial<P>;
  /** Elaborate the top module for one parameter set. */
  readonly build: (params: P) => ModuleDef;
  /** Golden model and protocol for `lowbit-hdl cosim`, per parameter set. */
  readonly cosim?: (params: P) => CosimSpec;
  /**
   * Multiply-accumulates per clock cycle (average; may be fractional) for one parameter set: with
   * a delay figure, `lowbit-hdl synth` reports throughput and throughput / (area x delay).
   */
  readonly macsPerCycle?: (params: P) => number;
}

export interface Design<P extends ParamShape<P> = ParamRecord> extends DesignSpec<P> {
  readonly kind: 'lowbit-design';
}

export function defineDesign<P extends ParamShape<P>>(spec: DesignSpec<P>): Design<P> {
  return { kind: 'lowbit-design', ...spec } as Design<P>;
}

export function isDesign(x: unknown): x is Design {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'lowbit-design';
}
