/** delayLine: depth registers under one enable; output = input `depth` enabled cycles ago. */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { elaborate } from '../../../src/dsl/elaborate.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { IrSimulator } from '../../../src/interp/ir-simulator.ts';
import { delayLine } from '../../../src/lib/array/delay-line.ts';

function sim(depth: number): IrSimulator {
  const def = module(`dl${depth}`, (m) => {
    const x = m.input('x', sint(5));
    const en = m.input('en', uint(1));
    m.output('y', delayLine(m, 'd', x, depth, en));
  });
  return new IrSimulator(elaborate(def).design);
}

describe('delayLine', () => {
  it('depth 0 is a wire', () => {
    const s = sim(0);
    s.poke('x', -7n);
    s.eval();
    expect(s.peek('y')).toBe(-7n);
  });
  it('depth 3: enabled cycles shift, disabled cycles hold, registers start at 0', () => {
    const s = sim(3);
    const seen: bigint[] = [];
    const xs = [5n, -3n, 9n, 1n, -16n, 15n];
    const ens = [1, 1, 0, 1, 1, 0, 1, 1];
    let i = 0;
    const history: bigint[] = [];
    for (const en of ens) {
      const x = xs[i % xs.length]!;
      s.poke('x', x);
      s.poke('en', BigInt(en));
      s.eval();
      seen.push(s.peek('y'));
      if (en) {
        history.push(x);
        i++;
      }
      s.step();
    }
    // y before each edge = the input of the 3rd-last enabled edge (0 before that).
    const expected: bigint[] = [];
    let enabled = 0;
    for (const en of ens) {
      expected.push(enabled >= 3 ? history[enabled - 3]! : 0n);
      if (en) enabled++;
    }
    expect(seen).toEqual(expected);
  });
});
