/**
 * Free-standing DSL operators: multiplexers, case selection, lookup tables, concatenation and
 * replication. Arms are extended to their common type (lossless) and result types follow, both by
 * the op table through the kernel; this file checks the user's arguments and drops cases an index
 * can never reach. Nothing narrows implicitly.
 */
import { Signal, type Operand } from './signal.ts';
import type { HwType } from './types.ts';
import { rangeOf, typeText } from './types.ts';
import { userError } from '../diag/error.ts';
import { captureLoc } from './source-loc.ts';

function anchor(values: readonly Operand[], what: string): Signal {
  const s = values.find((v): v is Signal => v instanceof Signal);
  if (!s) throw userError(`${what} needs at least one signal operand`, 'constants alone have no module; use m.constant()', captureLoc());
  return s;
}

/** `sel ? ifTrue : ifFalse`; `sel` must be 1 bit. */
export function mux(sel: Signal, ifTrue: Operand, ifFalse: Operand): Signal {
  const m = sel.m;
  if (sel.width !== 1) throw userError(`mux select must be 1 bit, got ${typeText(sel.type)}`, 'compare it first, e.g. sel.ne(0)', captureLoc());
  const t = m.operand(ifTrue, ifFalse instanceof Signal ? ifFalse : undefined);
  const f = m.operand(ifFalse, ifTrue instanceof Signal ? ifTrue : undefined);
  return m.muxOf(sel, t, f); // a constant select is wiring, not logic
}

/** `cases[index]`, or `fallback` when index >= cases.length (default: 0). */
export function select(index: Signal, cases: readonly Operand[], fallback: Operand = 0): Signal {
  const m = index.m;
  if (cases.length === 0) throw userError('select needs at least one case', undefined, captureLoc());
  const like = anchor([...cases, fallback], 'select');
  // Cases past the index range can never be selected: drop them (same semantics, no dead case labels).
  const reachable = cases.slice(0, 2 ** Math.min(index.width, 24));
  const args = m.grow('select', [index, ...[...reachable, fallback].map((c) => m.operand(c, like))]);
  return m.node('select', args, {}, args[1]!.type);
}

/**
 * Lookup table (ROM) from a TypeScript array: `table[index]` of type `type`; indices past the end
 * give `fallback` (default 0). Every entry must fit `type`.
 */
export function rom(index: Signal, table: readonly (number | bigint)[], type: HwType, fallback: number | bigint = 0): Signal {
  const { min, max } = rangeOf(type);
  const values = [...table, fallback].map((v, i) => {
    const b = BigInt(v);
    if (b < min || b > max) throw userError(`rom entry ${i === table.length ? 'fallback' : i} = ${b} does not fit ${typeText(type)}`, `the range is ${min}..${max}`, captureLoc());
    return b.toString();
  });
  // Entries past the index range can never be read: drop them (same semantics, no dead case labels).
  const reachable = values.slice(0, Math.min(values.length - 1, 2 ** Math.min(index.width, 24)));
  return index.m.node('rom', [index], { table: reachable, fallback: values[values.length - 1] }, type);
}

/** Concatenation, most significant first; result unsigned. */
export function cat(...parts: Signal[]): Signal {
  if (parts.length === 0) throw userError('cat needs at least one signal', undefined, captureLoc());
  return parts[0]!.m.catOf(parts);
}

/** `count` copies of `s`, as unsigned. */
export function repl(s: Signal, count: number): Signal {
  if (!Number.isInteger(count) || count < 1) throw userError(`repl count must be a positive integer, got ${count}`, undefined, captureLoc());
  if (count === 1) return s.asUnsigned();
  return s.m.node('repl', [s], { count });
}

/** Sum of several signals as a balanced adder tree (exact growth). */
export function sum(values: readonly Signal[]): Signal {
  if (values.length === 0) throw userError('sum needs at least one value', undefined, captureLoc());
  let level = [...values];
  while (level.length > 1) {
    const next: Signal[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(level[i]!.add(level[i + 1]!));
    if (level.length % 2) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}
