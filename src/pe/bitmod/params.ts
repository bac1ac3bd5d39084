/**
 * BitMoD PE/array parameters (specs/bitmod.md §6.1, §11), their defaults, the one validation
 * function shared by the RTL generator and both golden levels (rule R5), and every derived width
 * (§6.6).
 *
 * Contract: `bitmodParams(overrides)` fills defaults and validates; `validateBitmodParams(p)`
 * throws a `LowbitError` naming the parameter for every combination the spec rejects (the
 * generator calls the same function, so both refuse with the same text); `bitmodWidths(p)`
 * derives each register width from the value ranges, never from a constant.
 */
import { userError } from '../../diag/error.ts';
import { bitLength } from '../../golden/float/dyadic.ts';
import { BF16, FP16, FP32, maxFiniteExpField, type FloatFormat } from '../../golden/float/format.ts';

/**
 * A weight type the PE can stream. `FP4`/`FP3` are the BitMoD mixtures (each group picks one of
 * four variants by its 2-bit datatype id, §2.2); `INT8/6/4/3` are two's-complement integers
 * recoded by radix-4 Booth (§5.1).
 */
export type BitmodWeightType = 'FP4' | 'FP3' | 'INT8' | 'INT6' | 'INT4' | 'INT3';
export const BITMOD_WEIGHT_TYPES: readonly BitmodWeightType[] = ['FP4', 'FP3', 'INT8', 'INT6', 'INT4', 'INT3'];

export type BitmodActivation = 'FP16' | 'BF16';
/** `PROPAGATE`: sticky per-group Inf/NaN flags give IEEE results (§6.3); `ASSUME_FINITE`: no special logic. */
export type BitmodSpecialPolicy = 'PROPAGATE' | 'ASSUME_FINITE';
/** Cross-group accumulation (§6.5): exact wide fixed point, or FP32 with TIES_EVEN after every add. */
export type BitmodCrossGroupAcc = 'EXACT_WIDE' | 'FP32_RNE';
export type BitmodOutputFormat = 'FP16' | 'FP32';

/** One BitMoD configuration, read by the RTL generator and by both golden levels. */
export interface BitmodParams {
  /** Lanes per PE (dot-product width), 2 … 16; default 4. */
  readonly L: number;
  /** Group size (weights per group scale Δ and datatype id), 32 … 256, a multiple of `L`; default 128. */
  readonly G: number;
  /**
   * Reduction length (weights per output), a positive multiple of `G`; default 1024. Sizes the
   * EXACT_WIDE cross-group register (it sums K/G group results).
   */
  readonly K: number;
  /**
   * Weight types the build supports (a run-time mode selects one per transaction); default
   * `['FP4']`. INT types widen the sum by their largest Booth significance (`maxBsig`).
   */
  readonly weightTypes: readonly BitmodWeightType[];
  /** Activation format, default FP16 (bias 15, 11-bit significand); BF16 (bias 127, 8-bit significand). */
  readonly activation: BitmodActivation;
  /** Alignment guard bits `gb`, 0 … 8; default 3. Lane products keep `gb` bits below the max exponent's LSB. */
  readonly gb: number;
  /** Group-accumulator mantissa width `accW` (signed), 15 … 24; default 15. */
  readonly accW: number;
  /** Unsigned group-scale width (`Δ ∈ 0 … 2^scaleBits − 1`), 4 … 8; default 8. One dequant cycle per bit. */
  readonly scaleBits: number;
  /** Per-lane weight-term exponent width; default 3. Needs positions 0 … 4 for FP4, 0 … 2 for FP3, 0 … 1 for INT. */
  readonly termExpW: number;
  /** `true` (default): lanes with `man = 0` do not take part in the max exponent `E` (§6.2 step 1). */
  readonly excludeInactiveLanes: boolean;
  readonly specialPolicy: BitmodSpecialPolicy;
  readonly crossGroupAcc: BitmodCrossGroupAcc;
  readonly outputFormat: BitmodOutputFormat;
  /** Array rows `R` (output rows sharing the term stream down a column … see rtl-array), 1 … 64; default 32. */
  readonly rows: number;
  /** Array columns `C`, 1 … 64; default 32. */
  readonly cols: number;
}

export const BITMOD_DEFAULTS: BitmodParams = {
  L: 4,
  G: 128,
  K: 1024,
  weightTypes: ['FP4'],
  activation: 'FP16',
  gb: 3,
  accW: 15,
  scaleBits: 8,
  termExpW: 3,
  excludeInactiveLanes: true,
  specialPolicy: 'PROPAGATE',
  crossGroupAcc: 'EXACT_WIDE',
  outputFormat: 'FP16',
  rows: 32,
  cols: 32,
};

/** Fill defaults and validate. */
export function bitmodParams(overrides: Partial<BitmodParams> = {}): BitmodParams {
  const clean = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const p = { ...BITMOD_DEFAULTS, ...clean } as BitmodParams;
  validateBitmodParams(p);
  return p;
}

/** Cycles per weight `T` (§5.3): 2 for FP3/FP4 and INT4/INT3, 3 for INT6, 4 for INT8. */
export function termsPerWeight(t: BitmodWeightType): number {
  switch (t) {
    case 'FP4':
    case 'FP3':
    case 'INT4':
    case 'INT3':
      return 2;
    case 'INT6':
      return 3;
    case 'INT8':
      return 4;
  }
}

/** Stored code width: 4 (FP4, INT4), 3 (FP3, INT3), 6 (INT6), 8 (INT8). */
export function weightCodeBits(t: BitmodWeightType): number {
  return t === 'FP4' || t === 'INT4' ? 4 : t === 'FP3' || t === 'INT3' ? 3 : t === 'INT6' ? 6 : 8;
}

/** Largest per-lane term exponent of a type: FP4 bit position 4 (grid 16), FP3 position 2 (grid 6), INT 1 (digit ±2). */
export function maxTermExp(t: BitmodWeightType): number {
  return t === 'FP4' ? 4 : t === 'FP3' ? 2 : 1;
}

/** Largest Booth bit significance `bsig = 2k` of a type (0 for FP: the position lives in `exp`). */
export function maxBsigOf(t: BitmodWeightType): number {
  return t.startsWith('INT') ? 2 * (termsPerWeight(t) - 1) : 0;
}

/** Cycles per group `G/L · T` (§7). */
export function cyclesPerGroup(p: Pick<BitmodParams, 'G' | 'L'>, t: BitmodWeightType): number {
  return (p.G / p.L) * termsPerWeight(t);
}

export function activationFormat(p: Pick<BitmodParams, 'activation'>): FloatFormat {
  return p.activation === 'BF16' ? BF16 : FP16;
}

export function outputFloatFormat(p: Pick<BitmodParams, 'outputFormat'>): FloatFormat {
  return p.outputFormat === 'FP32' ? FP32 : FP16;
}

/** An integer-valued number (parameter and input-shape checks). */
export const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

function range(name: string, v: unknown, lo: number, hi: number, hint: string): void {
  if (!isInt(v) || v < lo || v > hi) {
    throw userError(`BitMoD parameter ${name} = ${String(v)} is out of range`, hint);
  }
}

function oneOf<T>(name: string, v: T, allowed: readonly T[]): void {
  if (!allowed.includes(v)) {
    throw userError(`BitMoD parameter ${name} = ${String(v)} is not supported`, `use one of ${allowed.join(', ')}`);
  }
}

/**
 * Reject every parameter set the spec does not support (§11, §7). The RTL generator calls this
 * same function, so generator and golden models refuse with the same message (rule R5).
 */
export function validateBitmodParams(p: BitmodParams): void {
  range('L', p.L, 2, 16, 'lanes must be an integer in 2 … 16 (spec §11)');
  range('G', p.G, 32, 256, 'the group size must be an integer in 32 … 256 (spec §11)');
  if (p.G % p.L !== 0) {
    throw userError(`BitMoD parameter G = ${p.G} is not a multiple of L = ${p.L}`, 'each lane streams G/L weights per group');
  }
  if (!isInt(p.K) || p.K < p.G || p.K % p.G !== 0 || p.K > 1 << 20) {
    throw userError(`BitMoD parameter K = ${String(p.K)} is not a positive multiple of G = ${p.G}`, 'partial groups are not supported; K ≤ 2^20');
  }
  if (!Array.isArray(p.weightTypes) || p.weightTypes.length === 0) {
    throw userError('BitMoD parameter weightTypes must list at least one weight type', `use some of ${BITMOD_WEIGHT_TYPES.join(', ')}`);
  }
  for (const t of p.weightTypes) oneOf('weightTypes', t, BITMOD_WEIGHT_TYPES);
  if (new Set(p.weightTypes).size !== p.weightTypes.length) {
    throw userError(`BitMoD parameter weightTypes = ${p.weightTypes.join(',')} lists a type twice`);
  }
  oneOf('activation', p.activation, ['FP16', 'BF16'] as const);
  range('gb', p.gb, 0, 8, 'guard bits must be an integer in 0 … 8 (spec §11)');
  range('accW', p.accW, 15, 24, 'the accumulator mantissa must be an integer in 15 … 24 bits (spec §11)');
  range('scaleBits', p.scaleBits, 4, 8, 'the unsigned group scale must be an integer in 4 … 8 bits (spec §11)');
  const needExp = Math.max(...p.weightTypes.map(maxTermExp));
  const needExpW = bitLength(BigInt(needExp));
  range('termExpW', p.termExpW, 1, 4, 'use an integer in 1 … 4');
  if (p.termExpW < needExpW) {
    throw userError(
      `BitMoD parameter termExpW = ${p.termExpW} cannot hold term position ${needExp}`,
      `weight types ${p.weightTypes.join(', ')} need termExpW >= ${needExpW}`,
    );
  }
  if (typeof p.excludeInactiveLanes !== 'boolean') throw userError('BitMoD parameter excludeInactiveLanes must be true or false');
  oneOf('specialPolicy', p.specialPolicy, ['PROPAGATE', 'ASSUME_FINITE'] as const);
  oneOf('crossGroupAcc', p.crossGroupAcc, ['EXACT_WIDE', 'FP32_RNE'] as const);
  oneOf('outputFormat', p.outputFormat, ['FP16', 'FP32'] as const);
  range('rows', p.rows, 1, 64, 'the array is at most 64×64');
  range('cols', p.cols, 1, 64, 'the array is at most 64×64');
  for (const t of p.weightTypes) {
    const c = cyclesPerGroup(p, t);
    if (p.scaleBits > c) {
      throw userError(
        `BitMoD parameter scaleBits = ${p.scaleBits} exceeds the ${c} cycles of a ${t} group (G·T/L = ${p.G}·${termsPerWeight(t)}/${p.L})`,
        'the bit-serial dequantizer must finish while the next group runs (spec §7): raise G, lower L or lower scaleBits',
      );
    }
  }
}

/** Every derived width (§6.6) and range of one configuration. */
export interface BitmodWidths {
  /** Activation significand width including the hidden bit: 11 (FP16), 8 (BF16). */
  readonly sigW: number;
  /** Activation exponent field width and bias. */
  readonly actExpW: number;
  readonly actBias: number;
  /** Lane magnitude `laneW = sigW + gb`. */
  readonly laneW: number;
  /** Adder-tree output (signed) `treeW = laneW + ceil(log2 L) + 1`. */
  readonly treeW: number;
  /** Largest Booth significance over the build's weight types (6 with INT8, 0 FP-only). */
  readonly maxBsig: number;
  /** Internal sum width `sumW = max(treeW + maxBsig, accW) + 1` (signed). */
  readonly sumW: number;
  /** Normalization shift range `k ∈ 0 … kMax`, `kMax = sumW − accW`. */
  readonly kMax: number;
  /** Largest term exponent over the build's weight types. */
  readonly maxWe: number;
  /** Largest product exponent `ve = ae + we` (ae ≤ largest finite exponent field). */
  readonly maxVe: number;
  /** Product-exponent width (unsigned), holds `0 … maxVe`. */
  readonly prodExpW: number;
  /** Largest group-accumulator exponent `acc_e` (see `accExpBound`). */
  readonly maxAccE: number;
  /** Accumulator exponent width (unsigned). */
  readonly accExpW: number;
  /** Dequantizer output width `accW + scaleBits` (signed): holds `acc_m · Δ` exactly. */
  readonly deqW: number;
  /** LSB exponent of the datapath units: a value `m` at exponent `e` means `m · 2^(e − unitShift)` (28 for FP16, gb 3). */
  readonly unitShift: number;
  /** Largest cycles per group over the build's weight types. */
  readonly maxCycles: number;
  /** EXACT_WIDE cross-group register width (signed, LSB `2^(−unitShift)`): `deqW + maxAccE + ceil(log2(K/G))`. */
  readonly wideW: number;
}

const ceilLog2 = (n: number): number => bitLength(BigInt(n - 1));

/**
 * Derive every width. `maxAccE` bound: `acc_e` never decreases within a group, and after any
 * normalization with `k > 0` `|acc_m| ≥ 2^(accW−2)`; the accumulated value is at most
 * `cycles · 2^(treeW−1+maxBsig) · 2^maxVe` units plus ≤ 3 FLOOR errors per cycle of one unit at the
 * final `acc_e`. With `3·cycles ≤ 2^(accW−3)` (true for accW ≥ 15, cycles ≤ 512) this gives
 * `acc_e ≤ maxVe + treeW − 1 + maxBsig + ceil(log2 cycles) − (accW − 3)`. Level b asserts it.
 */
export function bitmodWidths(p: BitmodParams): BitmodWidths {
  const f = activationFormat(p);
  const sigW = f.manBits + 1;
  const laneW = sigW + p.gb;
  const treeW = laneW + ceilLog2(p.L) + 1;
  const maxBsig = Math.max(...p.weightTypes.map(maxBsigOf));
  const sumW = Math.max(treeW + maxBsig, p.accW) + 1;
  const maxWe = Math.max(...p.weightTypes.map(maxTermExp));
  const maxVe = maxFiniteExpField(f) + maxWe;
  const maxCycles = Math.max(...p.weightTypes.map((t) => cyclesPerGroup(p, t)));
  const maxAccE = Math.max(maxVe, maxVe + treeW - 1 + maxBsig + ceilLog2(maxCycles) - (p.accW - 3));
  const deqW = p.accW + p.scaleBits;
  const groups = p.K / p.G;
  return {
    sigW,
    actExpW: f.expBits,
    actBias: f.bias,
    laneW,
    treeW,
    maxBsig,
    sumW,
    kMax: sumW - p.accW,
    maxWe,
    maxVe,
    prodExpW: bitLength(BigInt(maxVe)),
    maxAccE,
    accExpW: bitLength(BigInt(maxAccE)),
    deqW,
    unitShift: f.bias + f.manBits + p.gb,
    maxCycles,
    wideW: deqW + maxAccE + ceilLog2(groups),
  };
}
