/**
 * Multiplier-free (K-hot) multiplication, spec fixed-point.md §6: a weight with at most K non-zero
 * magnitude bits turns `x * w` into K shifts and K - 1 adds, all in LUTs (no DSP).
 *
 * - `khotConstMul(x, w)`: a constant K-hot weight; the shifts are wiring, only the adds are logic.
 * - `khotFieldsMul(x, code, p)`: a run-time weight in FIELDS storage (layout in
 *   src/golden/fixed/khot-storage.ts): K fields of `pos` (P = ceil(log2 M) bits) + enable
 *   (+ a negative-digit bit for CSD), then a sign bit (PLAIN). Each term is a barrel shift of x
 *   gated by its enable; the terms are summed and the sign applied once.
 * Results are exact (full-width growth); the caller narrows explicitly.
 */
import { Signal } from '../../dsl/signal.ts';
import { mux, sum } from '../../dsl/ops.ts';
import { userError } from '../../diag/error.ts';

export type KhotEncodingName = 'PLAIN' | 'CSD';

export interface KhotHwParams {
  /** Magnitude bits M: positions 0 <= p < M. */
  readonly m: number;
  /** Terms K (1 <= K <= M). */
  readonly k: number;
  readonly encoding: KhotEncodingName;
}

export function positionBits(m: number): number {
  return m <= 1 ? 0 : Math.ceil(Math.log2(m));
}

/** Width of a FIELDS code word (same layout as the golden codec). */
export function fieldsCodeWidth(p: KhotHwParams): number {
  const pb = positionBits(p.m);
  return p.encoding === 'PLAIN' ? p.k * (pb + 1) + 1 : p.k * (pb + 2);
}

/** `x * w` for a constant integer weight w, as a sum of shifted copies of x (CSD recoding when asked). */
export function khotConstMul(x: Signal, w: bigint, encoding: KhotEncodingName = 'PLAIN'): Signal {
  const digits = encoding === 'CSD' ? csdDigits(w) : plainDigits(w);
  if (digits.length === 0) return x.m.constant(0, { width: 1, signed: false });
  const pos = digits.filter((d) => d.sign > 0).map((d) => x.shl(d.pos));
  const neg = digits.filter((d) => d.sign < 0).map((d) => x.shl(d.pos));
  if (pos.length === 0) return sum(neg).neg();
  return neg.length === 0 ? sum(pos) : sum(pos).sub(sum(neg));
}

/** `x * w` for a run-time K-hot weight given as a FIELDS code word (uint of fieldsCodeWidth bits). */
export function khotFieldsMul(x: Signal, code: Signal, p: KhotHwParams): Signal {
  if (code.width !== fieldsCodeWidth(p)) {
    throw userError(`K-hot code must be ${fieldsCodeWidth(p)} bits for M=${p.m}, K=${p.k}, ${p.encoding}, got ${code.width}`);
  }
  const pb = positionBits(p.m);
  const fieldW = p.encoding === 'PLAIN' ? pb + 1 : pb + 2;
  const terms: Signal[] = [];
  for (let j = 0; j < p.k; j++) {
    const base = j * fieldW;
    const shifted = pb === 0 ? x : x.shl(code.slice(base + pb - 1, base));
    const enable = code.bit(base + fieldW - 1);
    const term = p.encoding === 'CSD' ? mux(code.bit(base + pb), shifted.neg(), shifted) : shifted;
    terms.push(mux(enable, term, 0));
  }
  const magnitude = sum(terms);
  if (p.encoding === 'CSD') return magnitude;
  return mux(code.msb(), magnitude.neg(), magnitude);
}

interface Digit {
  pos: number;
  sign: 1 | -1;
}

function plainDigits(w: bigint): Digit[] {
  const s: 1 | -1 = w < 0n ? -1 : 1;
  const out: Digit[] = [];
  for (let v = w < 0n ? -w : w, pos = 0; v > 0n; v >>= 1n, pos++) if (v & 1n) out.push({ pos, sign: s });
  return out;
}

/** Canonical signed-digit (non-adjacent form) recoding: fewest non-zero digits. */
function csdDigits(w: bigint): Digit[] {
  const out: Digit[] = [];
  let v = w;
  for (let pos = 0; v !== 0n; pos++) {
    if (v & 1n) {
      const d = 2n - (((v % 4n) + 4n) % 4n); // +1 when v = 1 mod 4, -1 when v = 3 mod 4
      out.push({ pos, sign: d > 0n ? 1 : -1 });
      v -= d;
    }
    v >>= 1n;
  }
  return out;
}

export { Signal };
