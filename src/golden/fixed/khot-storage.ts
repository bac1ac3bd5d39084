/**
 * Storage codes of K-hot weights (specs/fixed-point.md §6.3, [project choice] layouts):
 * FIELDS (K position fields with enable bits) or MASK (an M-bit mask), as one BigInt word.
 * Input: a member of a K-hot set. Output: its code, and back (decode validates the code).
 */
import { userError } from '../../diag/error.ts';
import { type KhotSet, type KhotTerm, khotTerms } from './khot.ts';

/** `FIELDS` (default): K position fields; `MASK`: one bit per magnitude position. */
export type KhotStorage = 'FIELDS' | 'MASK';

/**
 * Bit layouts, LSB first (P = ceil(log2 M) position bits, 0 when M = 1):
 *
 * | encoding | storage | layout | width |
 * |---|---|---|---|
 * | PLAIN | FIELDS | K fields of P+1 bits: field j = pos (P bits) then enable (bit P); then 1 sign bit (MSB) | K(P+1) + 1 |
 * | PLAIN | MASK   | M-bit magnitude mask (bit p = term 2^p), then 1 sign bit (MSB) | M + 1 |
 * | CSD   | FIELDS | K fields of P+2 bits: pos (P bits), negative digit (bit P), enable (bit P+1); no global sign | K(P+2) |
 * | CSD   | MASK   | M-bit mask of +1 digits, then M-bit mask of -1 digits | 2M |
 *
 * Canonical codes (what `encodeKhot` emits): field 0 holds the highest-position term, used
 * fields come first, unused fields are all-zero, zero is the all-zero word (sign 0).
 */
export function khotPositionBits(m: number): number {
  return m <= 1 ? 0 : Math.ceil(Math.log2(m));
}

export function khotCodeWidth(set: KhotSet, storage: KhotStorage = 'FIELDS'): number {
  checkStorage(storage);
  const p = khotPositionBits(set.m);
  if (set.encoding === 'PLAIN') return storage === 'FIELDS' ? set.k * (p + 1) + 1 : set.m + 1;
  return storage === 'FIELDS' ? set.k * (p + 2) : 2 * set.m;
}

/** Encode a member of `set` (throws RangeError for a non-member). */
export function encodeKhot(value: bigint, set: KhotSet, storage: KhotStorage = 'FIELDS'): bigint {
  checkStorage(storage);
  const terms = khotTerms(value, set);
  const p = khotPositionBits(set.m);
  const M = BigInt(set.m);
  let code = 0n;
  if (set.encoding === 'PLAIN') {
    const sign = value < 0n ? 1n : 0n;
    if (storage === 'MASK') {
      for (const t of terms) code |= 1n << BigInt(t.pos);
      return code | (sign << M);
    }
    terms.forEach((t, j) => {
      code |= (BigInt(t.pos) | (1n << BigInt(p))) << BigInt(j * (p + 1));
    });
    return code | (sign << BigInt(set.k * (p + 1)));
  }
  if (storage === 'MASK') {
    for (const t of terms) code |= 1n << (BigInt(t.pos) + (t.neg ? M : 0n));
    return code;
  }
  terms.forEach((t, j) => {
    const field = BigInt(t.pos) | ((t.neg ? 1n : 0n) << BigInt(p)) | (1n << BigInt(p + 1));
    code |= field << BigInt(j * (p + 2));
  });
  return code;
}

/**
 * Decode a storage word. Bits of disabled fields are ignored (as the shift-add PE ignores
 * them); an enabled position >= M, a repeated position, more than K terms or a word wider
 * than `khotCodeWidth` is rejected with a LowbitError.
 */
export function decodeKhot(code: bigint, set: KhotSet, storage: KhotStorage = 'FIELDS'): bigint {
  const width = khotCodeWidth(set, storage);
  if (code < 0n || code >> BigInt(width) !== 0n) {
    throw userError(`K-hot code ${code} does not fit the ${width}-bit ${set.encoding}/${storage} layout`);
  }
  const p = khotPositionBits(set.m);
  const terms: KhotTerm[] = [];
  let negateAll = false;
  if (storage === 'MASK') {
    for (let q = 0; q < set.m; q++) {
      const plus = (code >> BigInt(q)) & 1n;
      const minus = set.encoding === 'CSD' ? (code >> BigInt(q + set.m)) & 1n : 0n;
      if (plus && minus) throw userError(`K-hot code ${code}: position ${q} is both a +1 and a -1 digit`);
      if (plus || minus) terms.push({ pos: q, neg: minus === 1n });
    }
    negateAll = set.encoding === 'PLAIN' && ((code >> BigInt(set.m)) & 1n) === 1n;
  } else {
    const fieldBits = set.encoding === 'PLAIN' ? p + 1 : p + 2;
    const enableBit = fieldBits - 1;
    for (let j = 0; j < set.k; j++) {
      const field = (code >> BigInt(j * fieldBits)) & ((1n << BigInt(fieldBits)) - 1n);
      if (((field >> BigInt(enableBit)) & 1n) === 0n) continue;
      const pos = Number(field & ((1n << BigInt(p)) - 1n));
      if (pos >= set.m) throw userError(`K-hot code ${code}: field ${j} has position ${pos} >= M = ${set.m}`);
      const neg = set.encoding === 'CSD' && ((field >> BigInt(p)) & 1n) === 1n;
      if (terms.some((t) => t.pos === pos)) throw userError(`K-hot code ${code}: position ${pos} is used twice`);
      terms.push({ pos, neg });
    }
    negateAll = set.encoding === 'PLAIN' && ((code >> BigInt(set.k * fieldBits)) & 1n) === 1n;
  }
  if (terms.length > set.k) throw userError(`K-hot code ${code} has ${terms.length} terms, more than K = ${set.k}`);
  let value = 0n;
  for (const t of terms) value += (t.neg ? -1n : 1n) << BigInt(t.pos);
  return negateAll ? -value : value;
}

function checkStorage(storage: string): void {
  if (storage !== 'FIELDS' && storage !== 'MASK') {
    throw userError(`K-hot: unknown khotStorage '${storage}'`, 'use FIELDS or MASK');
  }
}
