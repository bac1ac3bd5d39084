/**
 * BitMoD weight datatypes (specs/bitmod.md §2): integer value grids, the BitMoD mixtures and
 * their special values (SV), and the code tables that map a stored code to its grid value.
 *
 * Contract: grids are sorted ascending, distinct, integer ("grid value" = the integer a code
 * means before its scale multiplies it; the FP4 grid is E2M1 × 2). Codes are bit patterns given
 * as `number`. `decodeWeight` is the spec's table (§2.3), used by the quantizer and the level-a
 * model; the level-b term generator decodes codes from their bit fields on its own.
 */
import { userError } from '../../diag/error.ts';
import { DEFAULT_SV } from './golden-inputs.ts';
import { weightCodeBits, type BitmodWeightType } from './params.ts';

/** Every named datatype of §2.1 plus the RTL-supported INT8/INT6. */
export type BitmodDatatype =
  | 'INT3' | 'FP3' | 'FP3_ER_POS' | 'FP3_ER_NEG' | 'FP3_EA_POS' | 'FP3_EA_NEG'
  | 'INT4' | 'FLINT4' | 'FP4_E2M1' | 'FP4_ER_POS' | 'FP4_ER_NEG' | 'FP4_EA_POS' | 'FP4_EA_NEG'
  | 'INT6' | 'INT8';

const sym = (mags: readonly number[]): number[] => {
  const s = new Set<number>();
  for (const m of mags) {
    s.add(m);
    s.add(-m);
  }
  return [...s].sort((a, b) => a - b);
};
const withExtra = (base: readonly number[], extra: number): number[] => [...base, extra].sort((a, b) => a - b);
const intGrid = (bits: number): number[] => {
  const m = 2 ** (bits - 1) - 1; // symmetric: the code −2^(b−1) is never produced (§3.1)
  return Array.from({ length: 2 * m + 1 }, (_, i) => i - m);
};

const FP3_BASE = sym([0, 1, 2, 4]);
const FP4_BASE = sym([0, 1, 2, 3, 4, 6, 8, 12]);

/** Integer value grid of each datatype (§2.1), sorted ascending. */
export const GRIDS: Readonly<Record<BitmodDatatype, readonly number[]>> = {
  INT3: intGrid(3),
  FP3: FP3_BASE,
  FP3_ER_POS: withExtra(FP3_BASE, 3),
  FP3_ER_NEG: withExtra(FP3_BASE, -3),
  FP3_EA_POS: withExtra(FP3_BASE, 6),
  FP3_EA_NEG: withExtra(FP3_BASE, -6),
  INT4: intGrid(4),
  FLINT4: sym([0, 1, 2, 3, 4, 6, 8, 16]),
  FP4_E2M1: FP4_BASE,
  FP4_ER_POS: withExtra(FP4_BASE, 10),
  FP4_ER_NEG: withExtra(FP4_BASE, -10),
  FP4_EA_POS: withExtra(FP4_BASE, 16),
  FP4_EA_NEG: withExtra(FP4_BASE, -16),
  INT6: intGrid(6),
  INT8: intGrid(8),
};

/** `qmax = max |grid|` (§3.1 step 2.1): EA_POS has 16 although its negative side stops at −12. */
export function qmaxOf(dt: BitmodDatatype): number {
  const g = GRIDS[dt];
  return Math.max(-g[0]!, g[g.length - 1]!);
}

/** The BitMoD mixtures (§2.2), in mixture order = datatype id 0 … 3 (ER_POS, ER_NEG, EA_POS, EA_NEG). */
export const MIXTURES: Readonly<Record<'FP4' | 'FP3', readonly BitmodDatatype[]>> = {
  FP4: ['FP4_ER_POS', 'FP4_ER_NEG', 'FP4_EA_POS', 'FP4_EA_NEG'],
  FP3: ['FP3_ER_POS', 'FP3_ER_NEG', 'FP3_EA_POS', 'FP3_EA_NEG'],
};

/** The ANT baseline mixtures (§2.2), for comparison only. */
export const ANT_MIXTURES: Readonly<Record<'4' | '3', readonly BitmodDatatype[]>> = {
  '4': ['INT4', 'FLINT4'],
  '3': ['INT3', 'FP3'],
};

/** Special value of each mixture member, indexed by datatype id (§2.2): the SV register's default contents. */
export const SPECIAL_VALUES = DEFAULT_SV;

export function isMixture(t: BitmodWeightType): t is 'FP4' | 'FP3' {
  return t === 'FP4' || t === 'FP3';
}

/** Stored code width: 4 (FP4), 3 (FP3), n (INTn). */
export const codeBits = weightCodeBits;

/** The datatype a group of type `t` with id `dtId` uses (mixtures: the id picks the variant). */
export function datatypeOf(t: BitmodWeightType, dtId: number): BitmodDatatype {
  if (isMixture(t)) {
    const dt = MIXTURES[t][dtId];
    if (dt === undefined) throw userError(`BitMoD datatype id ${dtId} is out of range`, 'use 0 … 3 (ER_POS, ER_NEG, EA_POS, EA_NEG)');
    return dt;
  }
  return t;
}

/** FP4 magnitude table of the low 3 code bits (§2.3, `fpcvt` of decoder.v): half units of E2M1. */
export const FP4_MAGNITUDES: readonly number[] = [0, 1, 2, 3, 4, 6, 8, 12];
/** FP3 code table `s m1 m0` (§2.3, project choice): magnitudes of the low 2 bits. */
export const FP3_MAGNITUDES: readonly number[] = [0, 1, 2, 4];

function checkCode(t: BitmodWeightType, code: number): void {
  if (!Number.isInteger(code) || code < 0 || code >= 2 ** codeBits(t)) {
    throw userError(`BitMoD ${t} code ${String(code)} does not fit in ${codeBits(t)} bits`);
  }
}

/**
 * Grid value of a stored code (§2.3). Mixtures: code `1000` (FP4) / `100` (FP3) is the SV,
 * read from `sv[dtId]` (the SV register; default `SPECIAL_VALUES`); other codes with the sign bit
 * set are the negated magnitude. INT: two's complement of `codeBits` bits.
 */
export function decodeWeight(t: BitmodWeightType, dtId: number, code: number, sv?: readonly number[]): number {
  checkCode(t, code);
  if (isMixture(t)) {
    const regs = sv ?? SPECIAL_VALUES[t];
    datatypeOf(t, dtId);
    const n = codeBits(t);
    const signBit = 2 ** (n - 1);
    const table = t === 'FP4' ? FP4_MAGNITUDES : FP3_MAGNITUDES;
    if (code === signBit) return regs[dtId]!;
    const mag = table[code % signBit]!;
    return code >= signBit ? -mag : mag;
  }
  const n = codeBits(t);
  return code >= 2 ** (n - 1) ? code - 2 ** n : code;
}

/** The code of a grid value of datatype `dt` of type `t` (inverse of `decodeWeight` with the default SVs). */
export function encodeWeight(t: BitmodWeightType, dtId: number, value: number): number {
  const dt = datatypeOf(t, dtId);
  if (!GRIDS[dt].includes(value) && !(t.startsWith('INT') && value === -(2 ** (codeBits(t) - 1)))) {
    throw userError(`BitMoD value ${value} is not on the ${dt} grid`);
  }
  const n = codeBits(t);
  if (!isMixture(t)) return value < 0 ? value + 2 ** n : value;
  const signBit = 2 ** (n - 1);
  if (value === SPECIAL_VALUES[t][dtId]) return signBit;
  const table = t === 'FP4' ? FP4_MAGNITUDES : FP3_MAGNITUDES;
  const idx = table.indexOf(Math.abs(value));
  return value < 0 ? signBit + idx : idx;
}

/** All codes of a type: `0 … 2^codeBits − 1`. */
export function allCodes(t: BitmodWeightType): number[] {
  return Array.from({ length: 2 ** codeBits(t) }, (_, i) => i);
}
