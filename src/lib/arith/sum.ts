/**
 * Multi-operand adders: `sum(values, opts)` is the exact sum of any number of integer signals, with
 * the same result type as the DSL's `sum` (a balanced `+` tree: each pairwise add is the common
 * type + 1 bit), whatever the method, so the methods are interchangeable:
 *   tree — balanced tree of two-operand adders: the DSL `+` (cpa 'plus', the default, exactly the
 *          DSL's `sum`) or `addCpa` of the given kind at every node;
 *   heap — every operand is a row of one bit heap (sign extension full or eliminated), reduced by a
 *          compressor tree (Wallace/Dadda, optional 4:2), then one CPA of the given kind.
 * The DSL's own `sum` (`lowbit-hdl`) stays the plain `+` tree; this one (`lowbit-hdl/lib`) chooses.
 */
import { OP_TABLE } from '../../ir/op-table.ts';
import type { Signal } from '../../dsl/signal.ts';
import { sum as plusTree } from '../../dsl/ops.ts';
import { bitHeap, type SignExtension } from './bit-heap.ts';
import { checkOperands, type CpaKind, type Schedule } from './check.ts';
import { compressHeap } from './compress.ts';
import { addCpa } from './cpa.ts';
import { fail } from './located.ts';

export interface SumOptions {
  /** 'tree' (default) or 'heap'. */
  readonly method?: 'tree' | 'heap';
  /** Adder of the tree nodes, or the heap's final adder (default 'plus'). */
  readonly cpa?: CpaKind;
  /** heap: compressor-tree schedule (default 'dadda'). */
  readonly schedule?: Schedule;
  /** heap: use 4:2 compressors (default false). */
  readonly use42?: boolean;
  /** heap: sign handling of signed rows (default 'full'). */
  readonly signExtension?: SignExtension;
}

interface IntType {
  width: number;
  signed: boolean;
}

/** The type the balanced `+` tree over operands of types `ts` produces (the op table's add rule). */
export function sumType(ts: readonly IntType[]): IntType {
  let level = [...ts];
  while (level.length > 1) {
    const next: IntType[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      next.push(OP_TABLE.add.operands!([level[i]!, level[i + 1]!])[0]!); // the op table's add growth
    }
    if (level.length % 2) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

/** Exact sum of `values` (type: `sumType` of their types) by the chosen method. */
export function sum(values: readonly Signal[], opts: SumOptions = {}): Signal {
  fail(checkOperands('sum', values.length));
  const kind = opts.cpa ?? 'plus';
  if ((opts.method ?? 'tree') === 'tree') {
    if (kind === 'plus') return plusTree(values);
    let level = [...values];
    while (level.length > 1) {
      const next: Signal[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(addCpa(level[i]!, level[i + 1]!, { kind }));
      if (level.length % 2) next.push(level[level.length - 1]!);
      level = next;
    }
    return level[0]!;
  }
  const t = sumType(values.map((v) => v.type));
  const heap = bitHeap(values[0]!.m, t.width, { signExtension: opts.signExtension });
  for (const v of values) heap.addRow(v);
  const { sum: s, carry } = compressHeap(heap, { schedule: opts.schedule, use42: opts.use42 });
  const total = addCpa(s, carry, { kind }).trunc(t.width);
  return t.signed ? total.asSigned() : total;
}
