/**
 * INT8 multiply-accumulate unit with valid/ready streams.
 *
 * Each input beat carries an activation `a` and a weight `w` (both INT8) and a `last` flag. The
 * unit accumulates `a * w` exactly; on the beat with `last` set it emits the finished sum on the
 * output stream and starts a new one. Standard AXI-Stream handshakes: a beat moves when
 * valid && ready; `in_ready` is low only while a finished sum waits for `out_ready`.
 */
import { defineDesign, module, sint, uint, mux } from 'lowbit-hdl';

export interface Params {
  /** Accumulator width in bits; at least 16 + ceil(log2(max beats per sum)). */
  accWidth: number;
}

export default defineDesign<Params>({
  name: 'mac_int8',
  defaults: { accWidth: 24 },
  build: (p) =>
    module('mac_int8', (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const a = m.input('a', sint(8), { doc: 'activation, INT8' });
      const w = m.input('w', sint(8), { doc: 'weight, INT8' });
      const last = m.input('last', uint(1), { doc: 'last beat of a sum' });
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });

      const acc = m.reg('acc', sint(p.accWidth), { reset: 0 });
      const full = m.reg('out_full', uint(1), { reset: 0 });
      const result = m.reg('result', sint(p.accWidth), { reset: 0 });

      const inReady = m.wire('in_ready_int', full.not().or(outReady));
      const take = m.wire('take', inValid.and(inReady));
      const sumNow = m.wire('sum_now', acc.add(a.mul(w)).resize(p.accWidth));

      acc.set(mux(take, mux(last, 0, sumNow), acc));
      const finish = take.and(last);
      result.set(mux(finish, sumNow, result));
      full.set(mux(finish, 1, mux(outReady, 0, full)));

      m.output('in_ready', inReady, { protocol: 'ready' });
      m.output('out_valid', full, { protocol: 'valid' });
      m.output('sum', result, { doc: 'finished dot product' });
    }, { doc: 'INT8 x INT8 multiply-accumulate with valid/ready streams', params: { ...p } }),
});
