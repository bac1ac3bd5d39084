/**
 * MixPE parameters (specs/mixpe.md §9), their defaults, the one validation function shared by
 * the RTL generator and the golden models (rule R5), and every derived bit width.
 *
 * Contract: `mixpeParams(overrides)` fills defaults and validates; `validateMixpeParams(p)`
 * throws a `LowbitError` naming the parameter for any unsupported combination; `mixpeWidths(p)`
 * computes each register width exactly from the value ranges (never from rules of thumb), so the
 * generator and the level-b model size every register from the same numbers.
 */
import { userError } from '../../diag/error.ts';
import { bitLength } from '../../golden/float/dyadic.ts';
import {
  BF16,
  FP16,
  FP32,
  maxFinite,
  maxFiniteExpField,
  quantumExp,
  type FloatFormat,
} from '../../golden/float/format.ts';
import type { OverflowMode } from '../../golden/float/encode.ts';
import { ROUND_MODES, type RoundMode } from '../../golden/rounding.ts';

export type WeightBits = 2 | 3 | 4;
export type MixpeActivation = 'INT8' | 'FP16' | 'BF16';
export type MixpeAccMode = 'EXACT_WIDE' | 'BLOCK_ALIGN' | 'FP32_RNE';
export type MixpeDequantUnit = 'SHARED_MULT' | 'BIT_SERIAL';
/** How dequantized group results are summed across groups (`crossGroupAcc`). */
export type MixpeCrossGroupAcc = 'ACC_MODE' | 'FP32_RNE';
export type MixpeScaleFormat = 'FP16' | 'BF16' | 'FP32';
export type MixpeOutputFormat = 'FP16' | 'FP32';

/**
 * One MixPE array configuration. The level-b golden model and the RTL generator read this same
 * object; every field that can change an output bit is here.
 */
export interface MixpeParams {
  /**
   * Weight width in bits: 4 (default, the paper's W4A8/W4A16), 3 or 2 (project extension).
   * The shift-and-add product uses one AND-gated hard-wired shift of the activation per weight bit.
   */
  readonly weightBits: WeightBits;
  /**
   * `false` (default): unsigned weights `Q ∈ [0, 2^weightBits − 1]` with a per-(group, column)
   * zero point `z` (AWQ/GPTQ style, §2.1). `true`: two's-complement weights
   * `Q ∈ [−2^(weightBits−1), 2^(weightBits−1) − 1]`, no zero point (z = 0, no R_g path); the
   * top partial product is subtracted (§3).
   */
  readonly weightSigned: boolean;
  /**
   * Activation format. `INT8` (W4A8): per-token INT8 `x_q ∈ [−128, 127]` with a per-row scale
   * `s_x` (format `actScaleFormat`) applied in the output epilogue. `FP16` (W4A16) or `BF16`:
   * the product is the significand shift-and-add with exponent pass-through (§4).
   */
  readonly activation: MixpeActivation;
  /** Quantization group size along K (shared scale and zero point), 32 … 128; default 128. */
  readonly G: number;
  /**
   * PE rows of the array (activation rows m processed in parallel), 1 … 64. Must be ≤ G: each
   * column's epilogue accepts one group result per cycle and a group lasts G cycles (§6).
   * Default 64 for INT8, 32 for FP16/BF16 (the simulator's 64×64 and 32×32 arrays); the spec's
   * evaluated range is 32 … 64, smaller arrays are allowed for test builds.
   */
  readonly rows: number;
  /** PE columns of the array (output columns n in parallel), 1 … 64. Default as `rows`. */
  readonly cols: number;
  /**
   * Reduction length: k steps per output. A positive multiple of G (partial groups are not
   * supported). Sizes the output accumulator (it sums K/G dequantized group results). Default 1024.
   */
  readonly K: number;
  /**
   * Accumulation mode (§5), for the group sums P_g and R_g of FP activations and for the
   * epilogue of every activation type (INT8 group sums are always exact integers):
   * `EXACT_WIDE` (default): exact fixed-point (Kulisch) registers everywhere; level b equals
   * level a up to the one final output rounding.
   * `BLOCK_ALIGN`: block floating point — terms are normalized, aligned to the running maximum
   * exponent with `guardBits` guard bits by FLOOR (arithmetic) right shifts, added as integers.
   * `FP32_RNE`: FP32 registers, TIES_EVEN after every operation, in the fixed order k ascending;
   * then per group t = z·R_g, u = P_g − t, v = s_g·u, Y ← Y + v (g ascending).
   */
  readonly accMode: MixpeAccMode;
  /**
   * [project choice] Accumulation across groups. `ACC_MODE` (default; spec §5 "apply the same
   * mode choice to the dequantized group results"): the accumulation mode `accMode` also sums
   * s_g · u_g. `FP32_RNE` with `accMode = EXACT_WIDE`: the group sums stay exact (P_g, R_g,
   * u = P_g − z·R_g), then u is rounded once to FP32, v = RNE32(s_g · u) and Y ← RNE32(Y + v)
   * (g ascending), then the one output rounding: the FP32_RNE epilogue fed with exact group
   * results, as an FP16-FMA datapath with FP32 accumulators rounds. The epilogue keeps 32-bit
   * FP32 states instead of exact ones (the MixPE paper dequantizes each group result into
   * floating point). With INT8 activations u is an exact FP32 integer, so this equals
   * `accMode = FP32_RNE`. Refused with `BLOCK_ALIGN`. Undefined means `ACC_MODE`.
   */
  readonly crossGroupAcc?: MixpeCrossGroupAcc;
  /**
   * Group accumulator register width in bits (the PE's P_g register and the row edge's R_g
   * register). INT8: the integer accumulator, ≥ the exact worst-case width (19 for G = 128,
   * UINT4); default 20 (spec §9). FP16/BF16: `EXACT_WIDE`: the Kulisch register, ≥ its exact width
   * (52 for FP16, G = 128, UINT4); `BLOCK_ALIGN`: the aligned accumulator, ≥ the width of
   * G·(2^sigW − 1)·2^guardBits plus sign (26 for FP16, G = 128, UINT4, 3 guard bits);
   * `FP32_RNE`: the FP32 register, must be 32. FP default: the minimum for the mode.
   * A wider register never changes a result bit.
   */
  readonly accW: number;
  /**
   * `BLOCK_ALIGN` guard bits, 0 … 8, default 3: aligned terms keep this many bits below the
   * LSB of the term with the running maximum exponent. Also used by the block-aligned output
   * accumulator. Ignored (but still range-checked) by the other modes.
   */
  readonly guardBits: number;
  /**
   * Dequantization multiplier s_g · (P_g − z·R_g): `SHARED_MULT` (default) one INT × FP
   * multiplier per epilogue at the array edge, one group result per cycle; `BIT_SERIAL` one
   * bit-serial unit per epilogue: a shift-and-add over the scale's significand bits, one bit per
   * cycle (`dequantCycles`: 11 for FP16, 8 for BF16, 24 for FP32), working through a group's
   * results while the PEs accumulate the next group. It keeps up only when
   * `rows × dequantCycles ≤ G` (spec §6's keep-up rule; validated), and one epilogue then serves
   * up to `floor(G / (rows × dequantCycles))` columns. Both give the exact product: this
   * parameter changes timing and area, never a result bit.
   */
  readonly dequantUnit: MixpeDequantUnit;
  /**
   * Dequantization epilogues of the array (RTL only; never changes a result bit). One epilogue
   * takes one group result per cycle (BIT_SERIAL: one every `dequantCycles` cycles) and a group
   * lasts G cycles, so it can serve up to `floor(G / rows)` (`floor(G / (rows · dequantCycles))`)
   * columns: `ceil(cols / that)` … `cols`, default the fewest that keep up. Columns are split into `epilogues` contiguous, balanced runs (`epilogueColumns`).
   */
  readonly epilogues: number;
  /**
   * Format of the per-(group, column) scale s_g; default `FP16` (project choice: the
   * dequantization multiplier is INT × FP16).
   */
  readonly scaleFormat: MixpeScaleFormat;
  /** Format of the INT8 per-row activation scale s_x; default `FP16`. Unused for FP activations. */
  readonly actScaleFormat: MixpeScaleFormat;
  /** Output element format, default `FP16`; the only rounding of `EXACT_WIDE` happens into it. */
  readonly outputFormat: MixpeOutputFormat;
  /** Rounding rule of the final output rounding, default `TIES_EVEN` (§5). */
  readonly outputRound: RoundMode;
  /**
   * Output overflow policy, default `IEEE`: with TIES_EVEN, |y| ≥ 65520 becomes ±Inf in FP16 and
   * 65504 < |y| < 65520 rounds to ±65504 (§4.2). `SATURATE`: ±max finite instead of ±Inf.
   */
  readonly outputOverflow: OverflowMode;
  /** Offline weight quantizer rounding `Q = clamp(round(W/s) + z)` (§2.1), default `TIES_EVEN`. */
  readonly weightRound: RoundMode;
}

const ACTIVATIONS: readonly MixpeActivation[] = ['INT8', 'FP16', 'BF16'];
const ACC_MODES: readonly MixpeAccMode[] = ['EXACT_WIDE', 'BLOCK_ALIGN', 'FP32_RNE'];
const DEQUANT_UNITS: readonly MixpeDequantUnit[] = ['SHARED_MULT', 'BIT_SERIAL'];
const CROSS_GROUP_ACCS: readonly MixpeCrossGroupAcc[] = ['ACC_MODE', 'FP32_RNE'];
const SCALE_FORMATS: readonly MixpeScaleFormat[] = ['FP16', 'BF16', 'FP32'];
const OUTPUT_FORMATS: readonly MixpeOutputFormat[] = ['FP16', 'FP32'];
const OVERFLOW_MODES: readonly OverflowMode[] = ['IEEE', 'SATURATE'];

/** Format descriptor of a format name used by MixPE. */
export function mixpeFormat(name: 'FP16' | 'BF16' | 'FP32'): FloatFormat {
  return name === 'FP16' ? FP16 : name === 'BF16' ? BF16 : FP32;
}

/** Activation float format (FP16/BF16 only). */
export function activationFormat(p: MixpeParams): FloatFormat {
  if (p.activation === 'INT8') throw new RangeError('activationFormat: INT8 activations are not floating point');
  return mixpeFormat(p.activation);
}

/** Dequantized group results are summed in FP32 (accMode FP32_RNE, or crossGroupAcc FP32_RNE). */
export function fp32AcrossGroups(p: Pick<MixpeParams, 'accMode' | 'crossGroupAcc'>): boolean {
  return p.accMode === 'FP32_RNE' || p.crossGroupAcc === 'FP32_RNE';
}

/** Fill defaults, then validate. Defaults that depend on other fields are derived after them. */
export function mixpeParams(overrides: Partial<MixpeParams> = {}): MixpeParams {
  const activation = overrides.activation ?? 'INT8';
  const array = activation === 'INT8' ? 64 : 32;
  const base = {
    weightBits: 4 as WeightBits,
    weightSigned: false,
    activation,
    G: 128,
    rows: array,
    cols: array,
    K: 1024,
    accMode: 'EXACT_WIDE' as MixpeAccMode,
    guardBits: 3,
    dequantUnit: 'SHARED_MULT' as MixpeDequantUnit,
    scaleFormat: 'FP16' as MixpeScaleFormat,
    actScaleFormat: 'FP16' as MixpeScaleFormat,
    outputFormat: 'FP16' as MixpeOutputFormat,
    outputRound: 'TIES_EVEN' as RoundMode,
    outputOverflow: 'IEEE' as OverflowMode,
    weightRound: 'TIES_EVEN' as RoundMode,
    ...withoutUndefined(overrides),
  };
  const accW = overrides.accW ?? defaultAccW({ ...base, accW: 0, epilogues: 1 });
  const epilogues = overrides.epilogues ?? minEpilogues(base);
  const p: MixpeParams = { ...base, accW, epilogues };
  validateMixpeParams(p);
  return p;
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Cycles one epilogue spends on one group result: 1 for `SHARED_MULT`; for `BIT_SERIAL` the
 * scale's significand bits (hidden bit included: 11 for FP16, 8 for BF16, 24 for FP32), one
 * shift-and-add step per bit.
 */
export function dequantCycles(p: Partial<Pick<MixpeParams, 'dequantUnit' | 'scaleFormat'>>): number {
  return p.dequantUnit === 'BIT_SERIAL' ? mixpeFormat(p.scaleFormat ?? 'FP16').manBits + 1 : 1;
}

/**
 * Fewest epilogues that keep up with the array: each serves `floor(G / (rows · c))` columns, c =
 * `dequantCycles` (a group of G cycles has room for that many columns × rows group results, one
 * every c cycles).
 */
export function minEpilogues(p: Pick<MixpeParams, 'G' | 'rows' | 'cols'> & Partial<Pick<MixpeParams, 'dequantUnit' | 'scaleFormat'>>): number {
  const per = Math.floor(p.G / (p.rows * dequantCycles(p)));
  return per >= 1 ? Math.ceil(p.cols / per) : p.cols;
}

/**
 * Column runs of the epilogues, in order: run e serves columns `first … first + count − 1`.
 * Balanced: the first `cols mod epilogues` runs have one column more. `width` is the longest
 * run (every epilogue is built for `width` columns; shorter runs leave their last slot idle).
 */
export function epilogueColumns(p: Pick<MixpeParams, 'cols' | 'epilogues'>): { readonly width: number; readonly runs: readonly { first: number; count: number }[] } {
  const base = Math.floor(p.cols / p.epilogues);
  const extra = p.cols % p.epilogues;
  const runs: { first: number; count: number }[] = [];
  let first = 0;
  for (let e = 0; e < p.epilogues; e++) {
    const count = base + (e < extra ? 1 : 0);
    runs.push({ first, count });
    first += count;
  }
  return { width: base + (extra > 0 ? 1 : 0), runs };
}

/** Default `accW`: 20 for INT8 (§9); for FP activations the minimum of the mode. */
function defaultAccW(p: MixpeParams): number {
  if (p.activation === 'INT8') return 20;
  checkShape(p); // derived widths need a sane G and weight width
  return minAccW(p);
}

/** Smallest legal `accW` for `p` (the exact worst-case group accumulator width). */
export function minAccW(p: MixpeParams): number {
  if (p.activation !== 'INT8' && p.accMode === 'FP32_RNE') return 32;
  const w = mixpeWidths({ ...p, accW: Number.MAX_SAFE_INTEGER });
  return w.groupAccW;
}

function isInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x);
}

function oneOf<T>(name: string, value: T, allowed: readonly T[]): void {
  if (!allowed.includes(value)) {
    throw userError(`MixPE parameter ${name} = ${String(value)} is not supported`, `use one of ${allowed.join(', ')}`);
  }
}

/** Checks the derived-width computation depends on (run before the widths are computed). */
function checkShape(p: MixpeParams): void {
  if (!([2, 3, 4] as unknown[]).includes(p.weightBits)) {
    throw userError(`MixPE parameter weightBits = ${String(p.weightBits)} is not supported`, 'use 4 (default), 3 or 2');
  }
  if (typeof p.weightSigned !== 'boolean') throw userError('MixPE parameter weightSigned must be true or false');
  oneOf('activation', p.activation, ACTIVATIONS);
  oneOf('accMode', p.accMode, ACC_MODES);
  if (!isInt(p.G) || p.G < 32 || p.G > 128) {
    throw userError(`MixPE parameter G = ${String(p.G)} is out of range`, 'the group size must be an integer in 32 … 128 (spec §9)');
  }
  if (!isInt(p.guardBits) || p.guardBits < 0 || p.guardBits > 8) {
    throw userError(`MixPE parameter guardBits = ${String(p.guardBits)} is out of range`, 'use an integer in 0 … 8');
  }
  oneOf('scaleFormat', p.scaleFormat, SCALE_FORMATS);
  oneOf('actScaleFormat', p.actScaleFormat, SCALE_FORMATS);
  if (!isInt(p.K) || p.K <= 0 || p.K % p.G !== 0) {
    throw userError(
      `MixPE parameter K = ${String(p.K)} is not a positive multiple of the group size G = ${p.G}`,
      'partial groups are not supported: pad K to a multiple of G',
    );
  }
}

/**
 * Reject every unsupported combination with a `LowbitError` whose message names the parameter.
 * The RTL generator calls this same function, so both refuse with the same text (rule R5).
 */
export function validateMixpeParams(p: MixpeParams): void {
  checkShape(p);
  for (const [name, v] of [['rows', p.rows], ['cols', p.cols]] as const) {
    if (!isInt(v) || v < 1 || v > 64) {
      throw userError(`MixPE parameter ${name} = ${String(v)} is out of range`, 'the array is at most 64×64 (spec §9)');
    }
  }
  if (p.rows > p.G) {
    throw userError(
      `MixPE parameter rows = ${p.rows} exceeds the group size G = ${p.G}`,
      'each column epilogue accepts one group result per cycle and a group lasts G cycles: use rows <= G (spec §6)',
    );
  }
  oneOf('dequantUnit', p.dequantUnit, DEQUANT_UNITS);
  if (p.crossGroupAcc !== undefined) oneOf('crossGroupAcc', p.crossGroupAcc, CROSS_GROUP_ACCS);
  if (p.crossGroupAcc === 'FP32_RNE' && p.accMode === 'BLOCK_ALIGN') {
    throw userError('MixPE parameter crossGroupAcc = FP32_RNE needs accMode EXACT_WIDE (or FP32_RNE), got BLOCK_ALIGN', 'use accMode EXACT_WIDE with crossGroupAcc FP32_RNE, or crossGroupAcc ACC_MODE');
  }
  const cyc = dequantCycles(p);
  if (p.rows * cyc > p.G) {
    throw userError(
      `MixPE dequantUnit BIT_SERIAL takes ${cyc} cycles per group result (${p.scaleFormat} scale significand bits), but rows × ${cyc} = ${p.rows * cyc} exceeds the group size G = ${p.G}`,
      'the bit-serial unit of an epilogue must finish a group\'s rows results within the G cycles of the next group (spec §6): use rows <= ' +
        `${Math.floor(p.G / cyc)}, a larger G, a scale format with fewer significand bits, or dequantUnit SHARED_MULT`,
    );
  }
  const minE = minEpilogues(p);
  if (!isInt(p.epilogues) || p.epilogues < minE || p.epilogues > p.cols) {
    throw userError(
      `MixPE parameter epilogues = ${String(p.epilogues)} is out of range`,
      `one epilogue serves at most floor(G / (rows · ${cyc})) = ${Math.floor(p.G / (p.rows * cyc))} columns: use an integer in ${minE} … ${p.cols}`,
    );
  }
  oneOf('outputFormat', p.outputFormat, OUTPUT_FORMATS);
  oneOf('outputRound', p.outputRound, ROUND_MODES);
  oneOf('outputOverflow', p.outputOverflow, OVERFLOW_MODES);
  oneOf('weightRound', p.weightRound, ROUND_MODES);
  if (!isInt(p.accW) || p.accW < 1 || p.accW > 4096) {
    throw userError(`MixPE parameter accW = ${String(p.accW)} is out of range`, 'use an integer width in bits');
  }
  if (p.activation !== 'INT8' && p.accMode === 'FP32_RNE') {
    if (p.accW !== 32) {
      throw userError(
        `MixPE parameter accW = ${p.accW} does not match accMode FP32_RNE`,
        'the FP32_RNE group accumulator is an FP32 register: accW must be 32',
      );
    }
    return;
  }
  const need = minAccW(p);
  if (p.accW < need) {
    const what =
      p.activation === 'INT8'
        ? `the worst-case group sum of ${p.G} products of INT8 × ${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits}`
        : p.accMode === 'EXACT_WIDE'
          ? `the exact (Kulisch) group sum of ${p.G} ${p.activation} × ${p.weightSigned ? 'INT' : 'UINT'}${p.weightBits} products`
          : `the block-aligned group sum of ${p.G} terms with ${p.guardBits} guard bits`;
    throw userError(`MixPE parameter accW = ${p.accW} is below the ${need} bits of ${what}`, `use accW >= ${need}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Derived widths [derived]

/** An inclusive integer range. */
export interface IntRange {
  readonly lo: bigint;
  readonly hi: bigint;
}

/** Smallest two's-complement width holding every integer of `r`. */
export function signedWidth(r: IntRange): number {
  let w = 1;
  while (-(1n << BigInt(w - 1)) > r.lo || r.hi > (1n << BigInt(w - 1)) - 1n) w++;
  return w;
}

/** Smallest unsigned width holding `0 … max`. */
export function unsignedWidth(max: bigint): number {
  return Math.max(1, bitLength(max));
}

function mulRange(a: IntRange, b: IntRange): IntRange {
  const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  return { lo: c.reduce((x, y) => (y < x ? y : x)), hi: c.reduce((x, y) => (y > x ? y : x)) };
}

function times(n: number, r: IntRange): IntRange {
  return { lo: BigInt(n) * r.lo, hi: BigInt(n) * r.hi };
}

function sym(m: bigint): IntRange {
  return { lo: -m, hi: m };
}

/** Weight range `[Q_min, Q_max]`. */
export function weightRange(p: Pick<MixpeParams, 'weightBits' | 'weightSigned'>): IntRange {
  const b = BigInt(p.weightBits);
  return p.weightSigned ? { lo: -(1n << (b - 1n)), hi: (1n << (b - 1n)) - 1n } : { lo: 0n, hi: (1n << b) - 1n };
}

/** Zero-point range: `[0, 2^weightBits − 1]`, or `[0, 0]` for signed weights. */
export function zeroPointRange(p: Pick<MixpeParams, 'weightBits' | 'weightSigned'>): IntRange {
  return p.weightSigned ? { lo: 0n, hi: 0n } : { lo: 0n, hi: (1n << BigInt(p.weightBits)) - 1n };
}

/** Range of `Q − z`: `[−(2^b − 1), 2^b − 1]` unsigned; the weight range when signed. */
export function weightMinusZeroRange(p: Pick<MixpeParams, 'weightBits' | 'weightSigned'>): IntRange {
  if (p.weightSigned) return weightRange(p);
  return sym((1n << BigInt(p.weightBits)) - 1n);
}

/** Largest weight magnitude `max |Q|` (15 for UINT4, 8 for INT4). */
export function maxAbsWeight(p: Pick<MixpeParams, 'weightBits' | 'weightSigned'>): bigint {
  const r = weightRange(p);
  return -r.lo > r.hi ? -r.lo : r.hi;
}

/**
 * Every derived register width of one configuration, computed exactly from value ranges.
 * Ranges of FP quantities are in units of the register's LSB (`*LsbExp`: the register holds
 * `integer · 2^LsbExp`). Field names say which datapath stage they size.
 */
export interface MixpeWidths {
  /** Number of groups per output, K / G. */
  readonly groups: number;
  /** INT8 only: range and signed width of one product `x_q · Q` (12 b for 4-bit weights). */
  readonly product?: { readonly range: IntRange; readonly width: number };
  /**
   * FP only: width of the product significand `M · |Q|` (unsigned; 15 b for FP16 × UINT4).
   * Also the field width `tw` of a normalized term in the block-aligned group accumulator.
   */
  readonly sigW: number;
  /** FP only: range of the normalized product exponent `E_p = E + msb(M·|Q|) − manBits` (biased as the activation). */
  readonly productExp?: { readonly lo: number; readonly hi: number; readonly width: number };
  /**
   * Exact range and width of P_g in its register's LSB units: INT8 integers (LSB 2^0, 19 b for
   * G = 128 UINT4); FP `EXACT_WIDE` Kulisch (LSB 2^quantumExp, 52 b for FP16); FP `BLOCK_ALIGN`
   * aligned accumulator bound (G·(2^sigW − 1)·2^guardBits); FP `FP32_RNE`: 32 (an FP32 register).
   */
  readonly pg: { readonly range: IntRange; readonly width: number; readonly lsbExp: number | null };
  /** Same for R_g (15 b for INT8, G = 128; 48 b Kulisch for FP16). */
  readonly rg: { readonly range: IntRange; readonly width: number; readonly lsbExp: number | null };
  /** Width of the group accumulator register the mode needs (P_g and R_g share it): `accW >=` this. */
  readonly groupAccW: number;
  /** Range and width of `z · R_g` (19 b for INT8, G = 128, UINT4). Unsigned weights only. */
  readonly zRg: { readonly range: IntRange; readonly width: number };
  /** Range and width of `u = P_g − z·R_g` (19 b for INT8, G = 128). */
  readonly u: { readonly range: IntRange; readonly width: number };
  /** Significand bits of the scale format (hidden bit included): 11 for FP16. */
  readonly scaleSigBits: number;
  /** Signed width of the dequantization product mantissa `u · M_s`. */
  readonly dequantW: number;
  /**
   * Output accumulator: `EXACT_WIDE` exact fixed point with LSB `2^lsbExp`; `BLOCK_ALIGN` block
   * accumulator over normalized terms of `termW` bits (`lsbExp` null: it floats); `FP32_RNE` an
   * FP32 register (width 32).
   */
  readonly outAcc: { readonly width: number; readonly lsbExp: number | null; readonly termW: number | null };
}

const widthCache = new WeakMap<MixpeParams, MixpeWidths>();

/** All derived widths of `p` (memoized per parameter object; parameter objects are immutable). */
export function mixpeWidths(p: MixpeParams): MixpeWidths {
  let w = widthCache.get(p);
  if (!w) {
    w = computeWidths(p);
    widthCache.set(p, w);
  }
  return w;
}

function computeWidths(p: MixpeParams): MixpeWidths {
  const groups = p.K / p.G;
  const qR = weightRange(p);
  const zR = zeroPointRange(p);
  const dR = weightMinusZeroRange(p);
  const sFmt = mixpeFormat(p.scaleFormat);
  const scaleSigBits = sFmt.manBits + 1;
  const maxSig = (1n << BigInt(scaleSigBits)) - 1n;
  const g = BigInt(p.guardBits);

  let sigW = 0;
  let product: MixpeWidths['product'];
  let productExp: MixpeWidths['productExp'];
  let pg: IntRange;
  let rg: IntRange;
  let u: IntRange;
  let zRg: IntRange;
  let lsbExp: number | null;
  let groupAccW: number;
  let uLsbExp: number | null;

  if (p.activation === 'INT8') {
    const xR: IntRange = { lo: -128n, hi: 127n };
    const pr = mulRange(xR, qR);
    product = { range: pr, width: signedWidth(pr) };
    pg = times(p.G, pr);
    rg = times(p.G, xR);
    zRg = mulRange(zR, rg);
    u = times(p.G, mulRange(xR, dR));
    lsbExp = 0;
    uLsbExp = 0;
    groupAccW = signedWidth(pg);
  } else {
    const a = activationFormat(p);
    const maxA = maxFinite(a);
    const maxAUnits = maxA.mant << BigInt(maxA.exp - quantumExp(a));
    const aR = sym(maxAUnits);
    const mMax = (1n << BigInt(a.manBits + 1)) - 1n;
    sigW = bitLength(mMax * maxAbsWeight(p));
    const eLo = 1 - a.manBits;
    const eHi = maxFiniteExpField(a) + sigW - 1 - a.manBits;
    productExp = { lo: eLo, hi: eHi, width: signedWidth({ lo: BigInt(eLo), hi: BigInt(eHi) }) };
    if (p.accMode === 'BLOCK_ALIGN') {
      const accMax = BigInt(p.G) * ((1n << BigInt(sigW)) - 1n) << g;
      pg = sym(accMax);
      rg = sym(accMax);
      zRg = mulRange(zR, rg);
      u = sym(accMax * (1n + zR.hi));
      lsbExp = null;
      uLsbExp = null;
      groupAccW = signedWidth(pg);
    } else {
      pg = times(p.G, mulRange(aR, qR));
      rg = times(p.G, aR);
      zRg = mulRange(zR, rg);
      u = times(p.G, mulRange(aR, dR));
      lsbExp = quantumExp(a);
      uLsbExp = lsbExp;
      groupAccW = p.accMode === 'FP32_RNE' ? 32 : signedWidth(pg);
    }
  }
  const uMax = -u.lo > u.hi ? -u.lo : u.hi;
  const dequantW = signedWidth(sym(uMax * maxSig));
  let outAcc: MixpeWidths['outAcc'];
  if (fp32AcrossGroups(p)) {
    outAcc = { width: 32, lsbExp: null, termW: null };
  } else if (p.accMode === 'BLOCK_ALIGN') {
    const termW = bitLength(uMax * maxSig);
    outAcc = { width: signedWidth(sym(BigInt(groups) * ((1n << BigInt(termW)) - 1n) << g)), lsbExp: null, termW };
  } else {
    const maxS = maxFinite(sFmt);
    const maxSUnits = maxS.mant << BigInt(maxS.exp - quantumExp(sFmt));
    outAcc = {
      width: signedWidth(sym(BigInt(groups) * uMax * maxSUnits)),
      lsbExp: (uLsbExp ?? 0) + quantumExp(sFmt),
      termW: null,
    };
  }
  const fp32Group = p.activation !== 'INT8' && p.accMode === 'FP32_RNE';
  return {
    groups,
    product,
    sigW,
    productExp,
    pg: { range: pg, width: fp32Group ? 32 : signedWidth(pg), lsbExp: fp32Group ? null : lsbExp },
    rg: { range: rg, width: fp32Group ? 32 : signedWidth(rg), lsbExp: fp32Group ? null : lsbExp },
    groupAccW,
    zRg: { range: zRg, width: signedWidth(zRg) },
    u: { range: u, width: signedWidth(u) },
    scaleSigBits,
    dequantW,
    outAcc,
  };
}
