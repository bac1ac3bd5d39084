/**
 * INT8 dot-product unit with valid/ready streams.
 *
 * Each input beat carries an activation `a` and a weight `w` (both INT8). The unit accumulates
 * `a * w` exactly over `length` beats, then emits the finished dot product on the output stream
 * and starts the next one. Standard AXI-Stream handshakes: a beat moves when valid && ready;
 * `in_ready` is low only while a finished sum waits for `out_ready`.
 */
import { defineDesign, module, sint, uint, mux } from 'lowbit-hdl';

export interface Params {
  /** Input beats per dot product (2 or more). */
  length: number;
  /** Accumulator width in bits; at least 16 + ceil(log2(length)). */
  accWidth: number;
}

const counterWidth = (n: number): number => Math.max(1, Math.ceil(Math.log2(n)));

export default defineDesign<Params>({
  name: 'mac_int8',
  defaults: { length: 4, accWidth: 24 },
  build: (p) => {
    if (p.accWidth < 16 + counterWidth(p.length)) throw new RangeError(`accWidth ${p.accWidth} is below 16 + ceil(log2(${p.length}))`);
    return module(
      'mac_int8',
      (m) => {
        const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
        const a = m.input('a', sint(8), { doc: 'activation, INT8' });
        const w = m.input('w', sint(8), { doc: 'weight, INT8' });
        const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });

        const acc = m.reg('acc', sint(p.accWidth), { reset: 0 });
        const count = m.reg('count', uint(counterWidth(p.length)), { reset: 0 });
        const full = m.reg('out_full', uint(1), { reset: 0 });
        const result = m.reg('result', sint(p.accWidth), { reset: 0 });

        const inReady = m.wire('in_ready_int', full.not().or(outReady));
        const take = m.wire('take', inValid.and(inReady));
        const last = m.wire('last', count.eq(p.length - 1));
        const sumNow = m.wire('sum_now', acc.add(a.mul(w)).resize(p.accWidth));

        acc.set(mux(take, mux(last, 0, sumNow), acc));
        count.set(mux(take, mux(last, 0, count.add(1).resize(count.width)), count));
        const finish = take.and(last);
        result.set(mux(finish, sumNow, result));
        full.set(mux(finish, 1, mux(outReady, 0, full)));

        m.output('in_ready', inReady, { protocol: 'ready' });
        m.output('out_valid', full, { protocol: 'valid' });
        m.output('sum', result, { doc: 'finished dot product' });
      },
      { doc: `INT8 dot product over ${p.length} beats with valid/ready streams`, params: { ...p } },
    );
  },
  cosim: (p) => ({
    protocol: { kind: 'stream' },
    beats: { in: p.length, out: 1 },
    // The math: sum over the transaction's beats of a * w.
    golden: (beats) => [[beats.reduce((s, [a, w]) => s + a! * w!, 0n)]],
    vectors: { count: 20_000 },
  }),
});
