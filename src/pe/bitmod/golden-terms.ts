/**
 * Level-b term generator (specs/bitmod.md §5): every weight code becomes `T` terms
 * `(−1)^sign · man · 2^exp · 2^bsig`, one per cycle.
 *
 * - INT: radix-4 Booth on the two's-complement code (INT3 sign-extended to 4 bits), digits least
 *   significant first, `bsig = 2k`, digit ±1 → `exp = 0`, ±2 → `exp = 1` (§5.1).
 * - FP4/FP3: the magnitude is decoded from the code's bit fields (FP4 `s e1 e0 m` as E2M1 in half
 *   units; FP3 `s m1 m0`), or read from the run-time SV register for code `1000`/`100`; then the
 *   leading-one decomposition: cycle 0 = the leading one, cycle 1 = the remaining set bit; the bit
 *   position goes to `exp`, `bsig = 0`; an absent term is `(weight sign, exp 0, man 0)` (§5.2).
 *
 * Contract: written from the spec independently of the datatype tables (`datatypes.ts`), which the
 * level-a model uses; the test proves both agree on every code.
 */
import { userError } from '../../diag/error.ts';
import { termsPerWeight, weightCodeBits, type BitmodWeightType } from './params.ts';

/** One term of one lane in one cycle. */
export interface Term {
  readonly sign: 0 | 1;
  /** Per-lane exponent: FP bit position 0 … 4; Booth 0 (digit ±1) or 1 (digit ±2). */
  readonly exp: number;
  readonly man: 0 | 1;
  /** Bit significance shared by the lanes of a cycle: `2k` for Booth digit k, 0 for FP. */
  readonly bsig: number;
}

/** One SV register entry: sign and magnitude (≤ 2 set bits, so two terms suffice). */
export interface SvEntry {
  readonly sign: 0 | 1;
  readonly mag: number;
}

/** Convert a signed SV value into a register entry, rejecting values two terms cannot express. */
export function svEntry(value: number, maxExp: number): SvEntry {
  const mag = Math.abs(value);
  if (!Number.isInteger(value) || mag === 0 || mag >= 2 ** (maxExp + 1) || popcount(mag) > 2) {
    throw userError(
      `BitMoD special value ${String(value)} cannot be programmed`,
      `the SV register holds a non-zero integer of at most two set bits below 2^${maxExp + 1}`,
    );
  }
  return { sign: value < 0 ? 1 : 0, mag };
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x > 0; x >>= 1) c += x & 1;
  return c;
}

/** Booth radix-4 terms, least significant digit first (§5.1). */
export function boothTerms(code: number, n: number): Term[] {
  const width = n % 2 === 0 ? n : n + 1; // INT3 → 4 bits (sign extension)
  const signBit = (code >> (n - 1)) & 1;
  const bit = (i: number): number => (i < 0 ? 0 : i >= n ? signBit : (code >> i) & 1);
  const out: Term[] = [];
  for (let k = 0; k < width / 2; k++) {
    const hi = bit(2 * k + 1);
    const mid = bit(2 * k);
    const lo = bit(2 * k - 1);
    // Window hi mid lo: 000,111 → 0; 001,010 → +1; 011 → +2; 100 → −2; 101,110 → −1.
    const zero = hi === mid && mid === lo;
    const two = !zero && mid === lo; // 011 or 100
    out.push(zero ? { sign: 0, exp: 0, man: 0, bsig: 2 * k } : { sign: hi as 0 | 1, exp: two ? 1 : 0, man: 1, bsig: 2 * k });
  }
  return out;
}

/** Leading-one decomposition of a sign-magnitude value into exactly two terms (§5.2). */
export function leadingOneTerms(sign: 0 | 1, mag: number): Term[] {
  const absent: Term = { sign, exp: 0, man: 0, bsig: 0 };
  if (mag === 0) return [absent, absent];
  const top = 31 - Math.clz32(mag);
  const rest = mag - 2 ** top;
  if (rest !== 0 && popcount(rest) !== 1) throw new RangeError(`leadingOneTerms: ${mag} has more than two set bits`);
  const second: Term = rest === 0 ? absent : { sign, exp: 31 - Math.clz32(rest), man: 1, bsig: 0 };
  return [{ sign, exp: top, man: 1, bsig: 0 }, second];
}

/** FP4 magnitude of a non-SV code from its `e1 e0 m` fields: E2M1 in half units. */
function fp4Magnitude(low3: number): number {
  const e = low3 >> 1;
  const m = low3 & 1;
  return e === 0 ? m : (2 + m) << (e - 1);
}

/** FP3 magnitude of a non-SV code from `m1 m0`: 0, 1, 2, 4. */
function fp3Magnitude(low2: number): number {
  return low2 === 3 ? 4 : low2;
}

/**
 * The `T` terms of one weight code. `sv` is the SV register (4 entries, indexed by datatype id);
 * only mixtures read it.
 */
export function weightTerms(t: BitmodWeightType, code: number, dtId: number, sv: readonly SvEntry[]): Term[] {
  const n = weightCodeBits(t);
  if (!Number.isInteger(code) || code < 0 || code >= 1 << n) throw userError(`BitMoD ${t} code ${String(code)} does not fit in ${n} bits`);
  let terms: Term[];
  if (t === 'FP4' || t === 'FP3') {
    const sign = ((code >> (n - 1)) & 1) as 0 | 1;
    const low = code & ((1 << (n - 1)) - 1);
    if (sign === 1 && low === 0) {
      const e = sv[dtId];
      if (!e) throw userError(`BitMoD datatype id ${dtId} has no SV register entry`, 'use 0 … 3');
      terms = leadingOneTerms(e.sign, e.mag);
    } else {
      terms = leadingOneTerms(sign, t === 'FP4' ? fp4Magnitude(low) : fp3Magnitude(low));
    }
  } else {
    terms = boothTerms(code, n);
  }
  if (terms.length !== termsPerWeight(t)) throw new RangeError(`weightTerms: ${t} gave ${terms.length} terms`);
  return terms;
}

/** The signed value a term list stands for: `Σ (−1)^sign · man · 2^(exp + bsig)`. */
export function termsValue(terms: readonly Term[]): number {
  let v = 0;
  for (const x of terms) v += (x.sign ? -1 : 1) * x.man * 2 ** (x.exp + x.bsig);
  return v;
}
