/**
 * Pipelined multiply-add `y = a * b + c` with a fixed latency of 2 cycles and one result per cycle.
 *
 * Stage 1 registers the exact product and `c`; stage 2 registers the exact sum. A `valid` bit
 * travels with the data. Widths grow exactly: a W-bit signed product is 2W bits, the sum 2W + 1.
 */
import { defineDesign, module, sint, uint } from 'lowbit-hdl';

export interface Params {
  /** Operand width of a, b and c in bits (signed). */
  width: number;
  /** Reset style of the pipeline registers. */
  reset: 'sync' | 'async';
}

export default defineDesign<Params>({
  name: 'pipelined_madd',
  defaults: { width: 8, reset: 'sync' },
  build: (p) =>
    module(
      'pipelined_madd',
      (m) => {
        const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
        const a = m.input('a', sint(p.width));
        const b = m.input('b', sint(p.width));
        const c = m.input('c', sint(p.width));

        const prod = a.mul(b);
        const prodQ = m.reg('prod_q', prod.type);
        const cQ = m.reg('c_q', c.type);
        const v1 = m.reg('valid_1', uint(1), { reset: 0 });
        prodQ.set(prod);
        cQ.set(c);
        v1.set(inValid);

        const total = prodQ.add(cQ);
        const yQ = m.reg('y_q', total.type);
        const v2 = m.reg('valid_2', uint(1), { reset: 0 });
        yQ.set(total);
        v2.set(v1);

        m.output('out_valid', v2, { protocol: 'valid' });
        m.output('y', yQ, { doc: 'a * b + c, two cycles after the inputs' });
      },
      { doc: 'Two-stage pipelined multiply-add', reset: { style: p.reset }, params: { ...p } },
    ),
  cosim: () => ({
    protocol: { kind: 'pipelined', latency: 2 },
    // The valid bit travels with the data, so the golden model sees it as data.
    inputs: ['in_valid', 'a', 'b', 'c'],
    outputs: ['out_valid', 'y'],
    golden: ([[v, a, b, c]]) => [[v!, a! * b! + c!]],
  }),
});
