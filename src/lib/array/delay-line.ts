/**
 * `delayLine(m, name, x, depth, en)`: `depth` registers in a chain, all clocked by `en`, so the
 * output is `x` as it was `depth` enabled cycles ago (depth 0 = `x` itself). Registers reset to 0.
 * The input skew of systolic arrays (row r of A enters r steps late) is one delay line per row.
 */
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';

export function delayLine(m: ModuleBuilder, name: string, x: Signal, depth: number, en: Signal): Signal {
  let cur = x;
  for (let i = 0; i < depth; i++) {
    const r = m.reg(`${name}_${i}`, x.type, { reset: 0, en });
    r.set(cur);
    cur = r;
  }
  return cur;
}
