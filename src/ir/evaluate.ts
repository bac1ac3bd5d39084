/**
 * Evaluate one combinational module (no instances, no registers) for one set of input values,
 * with the op table's `eval`: the elaboration-time evaluator. The DSL uses it to round a
 * fixed-point constant with the same `cast` logic the hardware gets (dsl/module-builder.ts), so it
 * needs no simulator. (The cycle-based, hierarchical `IrSimulator` in src/interp uses the same
 * `eval`.) Nodes are evaluated in dependency order, whatever order the module lists them in.
 */
import type { IrModule, SignalId } from './types.ts';
import { OP_TABLE, wrapTo } from './op-table.ts';

/**
 * The value of every signal of `mod`, given the values of its inputs (by signal id; missing
 * inputs are 0). Values are exact integers in each signal's own type.
 */
export function evaluateCombinational(mod: IrModule, inputs: ReadonlyMap<SignalId, bigint>): bigint[] {
  if (mod.instances.length > 0) throw new Error(`evaluateCombinational: module '${mod.name}' has instances`);
  const values: (bigint | undefined)[] = mod.signals.map((s) => (s.role === 'input' ? wrapTo(inputs.get(s.id) ?? 0n, s) : undefined));
  let pending = mod.nodes.slice();
  while (pending.length > 0) {
    const later = pending.filter((n) => {
      if (n.kind === 'reg') throw new Error(`evaluateCombinational: module '${mod.name}' has registers`);
      if (n.args.some((a) => values[a] === undefined)) return true;
      const args = n.args.map((a) => mod.signals[a]!);
      values[n.dst] = OP_TABLE[n.kind].eval(n.args.map((a) => values[a]!), { node: n, args, dst: mod.signals[n.dst]! });
      return false;
    });
    if (later.length === pending.length) throw new Error(`evaluateCombinational: module '${mod.name}' has a combinational loop or an undriven net`);
    pending = later;
  }
  return values.map((v) => v ?? 0n);
}
