/**
 * `defineDesign`: what a design file exports by default. A design is a function of its elaboration
 * parameters returning the top module, plus default parameter values. Parameter types and doc
 * comments are read from the design file's exported `Params` type (see cli/list-params.ts), so the
 * defaults object here is the only runtime statement of them.
 */
import type { ModuleDef } from './module-builder.ts';

export type ParamValue = number | boolean | string;
export type ParamRecord = Record<string, ParamValue>;

/** Cosim hooks of a design (verification issue): filled in by designs that have a golden model. */
export interface DesignCosim<P> {
  readonly make: (params: P) => unknown;
}

export interface DesignSpec<P extends ParamRecord> {
  /** Design name, used for the output directory when `--top` is not given. */
  readonly name?: string;
  /** Default parameter values; every parameter needs one unless the user must pass it. */
  readonly defaults: Partial<P>;
  /** Elaborate the top module for one parameter set. */
  readonly build: (params: P) => ModuleDef;
  /** Optional golden model and protocol for `lowbit-hdl cosim`. */
  readonly cosim?: DesignCosim<P>;
}

export interface Design<P extends ParamRecord = ParamRecord> extends DesignSpec<P> {
  readonly kind: 'lowbit-design';
}

export function defineDesign<P extends ParamRecord>(spec: DesignSpec<P>): Design<P> {
  return { kind: 'lowbit-design', ...spec };
}

export function isDesign(x: unknown): x is Design {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'lowbit-design';
}
