/**
 * Multiplier-free K-hot multiply: an INT8 activation times a run-time K-hot weight.
 *
 * The weight arrives as a FIELDS code: K fields of (position, enable) plus a sign bit (PLAIN), or
 * (position, negative digit, enable) per field (CSD). The product `x * w` is K barrel shifts of x
 * and K - 1 adders — no multiplier, no DSP. Magnitude bits M = 7 match an INT8 weight.
 */
import { defineDesign, module, sint, uint } from 'lowbit-hdl';
import { khotFieldsMul, khotFieldsCodeWidth as fieldsCodeWidth } from 'lowbit-hdl/pe';
import { khotSet, encodeKhot, decodeKhot } from 'lowbit-hdl/golden';

export interface Params {
  /** Maximum number of non-zero weight bits (1 = power of two). */
  k: 1 | 2 | 3;
  /** Magnitude bits of the weight (positions 0 .. m-1). */
  m: number;
  /** Weight digit encoding: plain bits with one sign, or canonical signed digits. */
  encoding: 'PLAIN' | 'CSD';
}

export default defineDesign<Params>({
  name: 'khot_mul',
  defaults: { k: 2, m: 7, encoding: 'PLAIN' },
  build: (p) =>
    module(
      'khot_mul',
      (m) => {
        const x = m.input('x', sint(8), { doc: 'activation, INT8' });
        const code = m.input('w_code', uint(fieldsCodeWidth(p)), { doc: `K-hot weight code (FIELDS, ${p.encoding})` });
        m.output('y', khotFieldsMul(x, code, p), { doc: 'x * w, exact' });
      },
      { clock: null, doc: `K-hot (K=${p.k}, M=${p.m}, ${p.encoding}) shift-add multiplier`, params: { ...p } },
    ),
  cosim: (p) => {
    const set = khotSet({ m: p.m, k: p.k, encoding: p.encoding });
    // Every member of the K-hot set (canonical code) times every INT8 activation.
    const corners = set.values.flatMap((w) => Array.from({ length: 256 }, (_, i) => [[BigInt(i - 128), encodeKhot(w, set, 'FIELDS')]]));
    return {
      protocol: { kind: 'comb' },
      golden: ([[x, code]]) => [[x! * decodeKhot(code!, set, 'FIELDS')]],
      corners,
      vectors: { exhaustiveMaxBits: 0, count: 0, corners: false },
    };
  },
});
