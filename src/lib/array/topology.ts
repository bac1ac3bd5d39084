/**
 * PE-grid topology helpers (lowbit-hdl/lib array): the wiring patterns of systolic and
 * output-stationary arrays, each a plain function over the DSL.
 *
 * - `edgeInputs`: one input port per row or column of the grid edge (`x_0 … x_{n−1}`).
 * - `broadcast`: one value to every PE of a row/column (the same net n times; no logic).
 * - `skewChain`: the skewed feed of a systolic array: element i of a vector delayed by i cycles
 *   (registers `<name>_<i>_<j>`, optional clock enable), so row i sees beat k at cycle k + i.
 * - `shiftChain`: a systolic pass-along chain: PE j sees the value j + 1 cycles late (`<name>_<j>`).
 * - `drainChain`: the output drain of a column: on `load` every register takes its PE's result,
 *   on `shift` the chain moves one place toward index 0, whose register is the chain head
 *   (results leave head first, one per shift). Registers `<name>_<r>`, enable `load || shift`.
 * Registers here have no reset: their contents are qualified by the caller's valid/control bits.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import type { HwType } from '../../dsl/types.ts';

/** `n` input ports `<prefix>_<i>` of type `t`; `doc(i)` documents port i. */
export function edgeInputs(m: ModuleBuilder, prefix: string, n: number, t: HwType, doc?: (i: number) => string): Signal[] {
  return Array.from({ length: n }, (_, i) => m.input(`${prefix}_${i}`, t, doc ? { doc: doc(i) } : {}));
}

/** `value` for each of `n` PEs. */
export function broadcast<T>(value: T, n: number): T[] {
  return Array.from({ length: n }, () => value);
}

/** A delay line of `depth` registers `<name>_<j>` (j = 0 … depth − 1); returns every tap, tap j delayed j + 1 cycles. */
export function shiftChain(m: ModuleBuilder, name: string, value: Signal, depth: number, en?: Signal): Signal[] {
  const taps: Signal[] = [];
  let v = value;
  for (let j = 0; j < depth; j++) {
    const r = m.reg(`${name}_${j}`, v.type, en ? { en } : {});
    r.set(v);
    taps.push(r);
    v = r;
  }
  return taps;
}

/** Skew: element i of `values` delayed by i cycles (element 0 passes through). */
export function skewChain(m: ModuleBuilder, name: string, values: readonly Signal[], en?: Signal): Signal[] {
  return values.map((v, i) => (i === 0 ? v : shiftChain(m, `${name}_${i}`, v, i, en)[i - 1]!));
}

/**
 * A drain chain over `ins` (index 0 is the head): returns the registers, head first. `step`
 * (default `load || shift`) lets several chains share one enable net.
 */
export function drainChain(m: ModuleBuilder, name: string, ins: readonly Signal[], load: Signal, shift: Signal, step: Signal = load.or(shift)): Signal[] {
  const regs = ins.map((s, r) => m.reg(`${name}_${r}`, s.type, { en: step }));
  regs.forEach((c, r) => c.set(r + 1 < regs.length ? mux(load, ins[r]!, regs[r + 1]!) : ins[r]!));
  return regs;
}
