/**
 * BitMoD level b, one group (specs/bitmod.md §6.2–6.4): per cycle the exponent match, AND-gate
 * multiply, truncating alignment with `gb` guard bits, the L-lane adder tree and the group
 * accumulator with alignment of both operands and FLOOR normalization; then the bit-serial
 * dequantizer (MSB first, `out ← (out << 1) + (δ_j ? acc_m : 0)`).
 *
 * Contract: bit-accurate to the generated PE; every register image of every cycle is in the
 * trace. Values are BigInt register images; exponents are small integers. The analytic error bound
 * (rule R3) adds one LSB at the step's weight for every truncating step that can drop bits
 * (a lane shifted right by `d > gb`, an accumulator operand shifted right, a normalization `k > 0`).
 * Values are in datapath units: `m` at exponent `e` means `m · 2^(e − unitShift)`.
 */
import { addD, bitLength, pow2D, DYADIC_ZERO, type Dyadic } from '../../golden/float/dyadic.ts';
import { classify, significandOf } from '../../golden/float/decode.ts';
import { weightTerms, type SvEntry, type Term } from './golden-terms.ts';
import { activationFormat, bitmodWidths, termsPerWeight, type BitmodParams, type BitmodWeightType } from './params.ts';

/** Sticky special state of a group (`specialPolicy = PROPAGATE`). */
export interface SpecialFlags {
  readonly nan: boolean;
  readonly posInf: boolean;
  readonly negInf: boolean;
}

export const NO_SPECIAL: SpecialFlags = { nan: false, posInf: false, negInf: false };

/** Register images after one cycle. */
export interface CycleTrace {
  /** Weight slot (0 … G/L − 1) and term index (0 … T − 1). */
  readonly slot: number;
  readonly t: number;
  readonly bsig: number;
  /** Terms of the L lanes this cycle. */
  readonly terms: readonly Term[];
  /** `ve_i = ae_i + we_i`. */
  readonly ve: readonly number[];
  /** Max exponent `E` (null when no lane is active: the accumulator holds). */
  readonly E: number | null;
  /** Aligned lane magnitudes `al_i` and signed `sp_i`. */
  readonly al: readonly bigint[];
  readonly S: bigint;
  /** Accumulator step (equal to the previous state when `E` is null). */
  readonly Ep: number;
  readonly A1: bigint;
  readonly A2: bigint;
  readonly sum: bigint;
  readonly k: number;
  readonly accE: number;
  readonly accM: bigint;
}

/** One finished group. */
export interface GroupResult {
  readonly cycles: readonly CycleTrace[];
  /** Final accumulator. */
  readonly accE: number;
  readonly accM: bigint;
  /** Dequantizer register after each of the `scaleBits` cycles (MSB first); the last is `out`. */
  readonly deq: readonly bigint[];
  readonly out: bigint;
  readonly outE: number;
  /** Sticky specials (Δ = 0 with an Inf turns it into NaN, §6.3). */
  readonly special: SpecialFlags;
  /** Error bound of the group sum `acc_m · 2^(acc_e − unitShift)` (before Δ). */
  readonly bound: Dyadic;
}

/** One lane's activation as the datapath sees it. */
interface Act {
  readonly s: 0 | 1;
  readonly e: number;
  readonly m: bigint;
  readonly kind: 'finite' | 'inf' | 'nan';
  /** Sign of the original activation (for the Inf flag; the datapath sees +0). */
  readonly neg: boolean;
}

function actOf(code: number, p: BitmodParams): Act {
  const f = activationFormat(p);
  const kind = classify(code, f);
  if (kind === 'inf' || kind === 'nan') {
    // Inf/NaN enter the datapath as +0 (ae = 1, am = 0); the flag carries the special.
    return { s: 0, e: 1, m: 0n, kind: kind === 'inf' ? 'inf' : 'nan', neg: code >> (f.expBits + f.manBits) === 1 };
  }
  const { sign, M, E } = significandOf(code, f);
  return { s: sign, e: E, m: M, kind: 'finite', neg: sign === 1 };
}

const floorShift = (x: bigint, n: number): bigint => x >> BigInt(n); // BigInt >> is FLOOR
const absB = (x: bigint): bigint => (x < 0n ? -x : x);

/**
 * Run one group through the PE: `codes` and `acts` are the G weights and activations in k order;
 * lane i of slot j holds element `j·L + i`.
 */
export function bitmodGroup(
  p: BitmodParams,
  wtype: BitmodWeightType,
  dtId: number,
  codes: readonly number[],
  acts: readonly number[],
  sv: readonly SvEntry[],
  delta: number,
): GroupResult {
  const w = bitmodWidths(p);
  const T = termsPerWeight(wtype);
  const L = p.L;
  let accE = 0;
  let accM = 0n;
  let bound: Dyadic = DYADIC_ZERO;
  let nan = false;
  let posInf = false;
  let negInf = false;
  const cycles: CycleTrace[] = [];
  const addBound = (e: number): void => {
    bound = addD(bound, pow2D(e - w.unitShift));
  };
  for (let slot = 0; slot < p.G / L; slot++) {
    const lanes = Array.from({ length: L }, (_, i) => ({
      terms: weightTerms(wtype, codes[slot * L + i]!, dtId, sv),
      act: actOf(acts[slot * L + i]!, p),
    }));
    if (p.specialPolicy === 'PROPAGATE') {
      for (const { terms, act } of lanes) {
        if (act.kind === 'finite') continue;
        if (act.kind === 'nan') {
          nan = true;
          continue;
        }
        const active = terms.filter((x) => x.man === 1);
        if (active.length === 0) nan = true; // Inf × zero weight
        // The weight's sign is the sign of its most significant active term (Booth: the last).
        else if ((active[active.length - 1]!.sign === 1) !== act.neg) negInf = true;
        else posInf = true;
      }
    }
    for (let t = 0; t < T; t++) {
      const terms = lanes.map((l) => l.terms[t]!);
      const bsig = terms[0]!.bsig;
      const ve = lanes.map((l, i) => l.act.e + terms[i]!.exp);
      const inMax = lanes.map((_, i) => !p.excludeInactiveLanes || terms[i]!.man === 1);
      const anyActive = terms.some((x) => x.man === 1);
      let E: number | null = null;
      if (anyActive) for (let i = 0; i < L; i++) if (inMax[i] && (E === null || ve[i]! > E)) E = ve[i]!;
      const al: bigint[] = [];
      let S = 0n;
      if (E !== null) {
        for (let i = 0; i < L; i++) {
          const x = terms[i]!;
          const a = lanes[i]!.act;
          const pm = x.man === 1 ? a.m : 0n;
          const d = E - ve[i]!;
          // al = FLOOR(p · 2^gb / 2^d); inactive lanes (p = 0) give 0 whatever d is.
          const shifted = pm === 0n ? 0n : d <= p.gb ? pm << BigInt(p.gb - d) : pm >> BigInt(d - p.gb);
          if (pm !== 0n && d > p.gb) addBound(E + bsig);
          al.push(shifted);
          S += (a.s ^ x.sign) === 1 ? -shifted : shifted;
        }
      } else for (let i = 0; i < L; i++) al.push(0n);
      if (E === null) {
        cycles.push({ slot, t, bsig, terms, ve, E, al, S, Ep: accE, A1: 0n, A2: accM, sum: accM, k: 0, accE, accM });
        continue;
      }
      const Ep = Math.max(accE, E);
      const A1 = floorShift(S << BigInt(bsig), Ep - E);
      if (Ep > E && S !== 0n) addBound(Ep);
      const A2 = floorShift(accM, Ep - accE);
      if (Ep > accE && accM !== 0n) addBound(Ep);
      const sum = A1 + A2;
      if (bitLength(sum) > w.sumW - 1 && !(sum === -(1n << BigInt(w.sumW - 1)))) {
        throw new RangeError(`bitmodGroup: sum ${sum} overflows sumW = ${w.sumW}`);
      }
      const msb = sum === 0n ? 0 : bitLength(absB(sum)) - 1;
      const k = Math.max(0, msb - (p.accW - 2));
      if (k > 0) addBound(Ep + k);
      accM = floorShift(sum, k);
      accE = Ep + k;
      if (accE > w.maxAccE) throw new RangeError(`bitmodGroup: acc_e ${accE} exceeds the derived bound ${w.maxAccE}`);
      cycles.push({ slot, t, bsig, terms, ve, E, al, S, Ep, A1, A2, sum, k, accE, accM });
    }
  }
  // Bit-serial dequantizer, MSB first; the register starts from 0 for every group.
  const deq: bigint[] = [];
  let out = 0n;
  for (let j = p.scaleBits - 1; j >= 0; j--) {
    out = (out << 1n) + (((delta >> j) & 1) === 1 ? accM : 0n);
    deq.push(out);
  }
  if (delta === 0 && (posInf || negInf)) nan = true; // Inf × (Δ = 0)
  return { cycles, accE, accM, deq, out, outE: accE, special: { nan, posInf, negInf }, bound };
}
