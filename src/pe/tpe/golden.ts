/**
 * Golden models of the TPE arrays (specs/tpe.md §2, §4.5), exact BigInt, written from the spec.
 * They share only parameter validation (params.ts) and the EN-T / Booth golden twins of
 * src/lib/arith with the generator; no DSL, emit or cosim code.
 *
 * - Level a, `tpeGemm`: `C[i][j] = Σ_t A[i][t] · B[t][j]`, exact, every architecture and form.
 * - Level b, `tpeGemmBitWeight`: the same GEMM computed the way the transformed arrays order it —
 *   per radix-4 digit weight j of the activation (Booth or EN-T, the form's recoder), the
 *   same-weight partial products `d_j · b` summed over the reduction, then shifted by 2j and added —
 *   reduced into the `accW`-bit result. Because accW ≥ the exact minimum, b = a for every input
 *   (the test checks it; a narrower accW would be rejected, never wrapped silently).
 * - `tpeColumnCycles`: the 2D-matrix column's exact cycle count per transaction from the EN-T digits
 *   of its activations (see the constants below for the per-pass overhead).
 */
import { raise, type Problem } from '../../lib/arith/check.ts';
import { boothDigitsGolden, entDigitsGolden } from '../../lib/arith/golden-recode.ts';
import { checkTpeParams, tpeAccW, tpeDigits, tpeRecoderInUse, tpeResultSigned, type TpeParams } from './params.ts';

/** A matrix as rows of BigInts. */
export type Matrix = readonly (readonly bigint[])[];

/** Value range of a W-bit operand. */
export function operandRange(W: number, signed: boolean): { lo: bigint; hi: bigint } {
  return signed ? { lo: -(1n << BigInt(W - 1)), hi: (1n << BigInt(W - 1)) - 1n } : { lo: 0n, hi: (1n << BigInt(W)) - 1n };
}

function checkMatrix(name: string, x: Matrix, rows: number, cols: number, W: number, signed: boolean): Problem | undefined {
  if (x.length !== rows || x.some((r) => r.length !== cols)) {
    return { message: `tpe golden: ${name} must be ${rows}×${cols}`, hint: `got ${x.length} rows of ${x.map((r) => r.length).join('/')} values` };
  }
  const { lo, hi } = operandRange(W, signed);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = x[i][j];
      if (typeof v !== 'bigint' || v < lo || v > hi) {
        return { message: `tpe golden: ${name}[${i}][${j}] = ${String(v)} is not a ${signed ? 'signed' : 'unsigned'} ${W}-bit value`, hint: `the range is ${lo}..${hi}` };
      }
    }
  }
  return undefined;
}

/** Validate parameters (same message as the generator) and the operand shapes and ranges. */
function checkInputs(a: Matrix, b: Matrix, p: TpeParams): void {
  raise(checkTpeParams(p));
  raise(checkMatrix('A', a, p.m, p.k, p.W, p.aSigned));
  raise(checkMatrix('B', b, p.k, p.n, p.W, p.bSigned));
}

/** Level a: the exact GEMM `C = A · B` (m×n). */
export function tpeGemm(a: Matrix, b: Matrix, p: TpeParams): bigint[][] {
  checkInputs(a, b, p);
  const c: bigint[][] = [];
  for (let i = 0; i < p.m; i++) {
    const row: bigint[] = [];
    for (let j = 0; j < p.n; j++) {
      let s = 0n;
      for (let t = 0; t < p.k; t++) s += a[i][t] * b[t][j];
      row.push(s);
    }
    c.push(row);
  }
  return c;
}

/** `v` as an accW-bit two's-complement (signed) or unsigned result: the register's reading. */
export function toResult(v: bigint, accW: number, signed: boolean): bigint {
  const mod = 1n << BigInt(accW);
  const r = ((v % mod) + mod) % mod;
  return signed && r >= mod >> 1n ? r - mod : r;
}

/** Radix-4 digits of one activation with the recoder `rec` (LSB first). */
function digitsOf(x: bigint, p: TpeParams, rec: 'booth' | 'ent'): number[] {
  return rec === 'booth' ? boothDigitsGolden(x, p.W, p.aSigned) : entDigitsGolden(x, p.W, p.aSigned);
}

/**
 * Level b: bit-weight order. Baseline: each product `a · b` whole, summed, reduced into accW.
 * Opt: for each digit weight j, `S_j = Σ_t d_j(A[i][t]) · B[t][j']`, then `Σ_j S_j · 4^j`, reduced.
 */
export function tpeGemmBitWeight(a: Matrix, b: Matrix, p: TpeParams): bigint[][] {
  checkInputs(a, b, p);
  const accW = tpeAccW(p);
  const signed = tpeResultSigned(p);
  const rec = tpeRecoderInUse(p);
  const digits = rec === null ? null : a.map((row) => row.map((x) => digitsOf(x, p, rec)));
  const D = rec === 'booth' || rec === 'ent' ? digits![0]?.[0]?.length ?? 0 : 0;
  const c: bigint[][] = [];
  for (let i = 0; i < p.m; i++) {
    const row: bigint[] = [];
    for (let j = 0; j < p.n; j++) {
      let s = 0n;
      if (digits === null) {
        for (let t = 0; t < p.k; t++) s += a[i][t] * b[t][j];
      } else {
        for (let d = 0; d < D; d++) {
          let sj = 0n;
          for (let t = 0; t < p.k; t++) sj += BigInt(digits[i][t][d]) * b[t][j];
          s += sj << BigInt(2 * d);
        }
      }
      row.push(toResult(s, accW, signed));
    }
    c.push(row);
  }
  return c;
}

/**
 * Column timing contract (tpe.md §4.5), in clock cycles from the input handshake to the result:
 * - opt (OPT3/OPT4): `COLUMN_LOAD_CYCLES` to register and EN-T encode the activations; then for each
 *   digit weight j (tpeDigits passes) and each block of `block` activations, one cycle per non-zero
 *   digit of that block at weight j, but at least one cycle per block (an all-zero block still
 *   spends the cycle in which the encoder finds it empty) — no cycle between passes (the shift by 2j
 *   is applied in Horner order as the next pass begins); then once `columnOptTailCycles`: the issue
 *   register, the PE's weight register, and F = ceil(accW / COLUMN_FUSE_CHUNK_BITS) fuse cycles
 *   (sum + carry by a CPA in F chunks, one chunk's carry out joining the next chunk a cycle later).
 * - baseline: `COLUMN_LOAD_CYCLES`, then one MAC per activation per cycle (k cycles), then
 *   `COLUMN_BASELINE_TAIL_CYCLES` (the PE's operand register).
 */
export const COLUMN_LOAD_CYCLES = 1;
export const COLUMN_FUSE_CHUNK_BITS = 8;
export function columnOptTailCycles(p: TpeParams): number {
  return 2 + Math.ceil(tpeAccW(p) / COLUMN_FUSE_CHUNK_BITS);
}
export const COLUMN_BASELINE_TAIL_CYCLES = 1;

/** Non-zero EN-T digits of the activation vector per pass j (length tpeDigits). */
export function columnNonZeroDigits(a: readonly bigint[], p: TpeParams): number[] {
  const counts = new Array<number>(tpeDigits(p)).fill(0);
  for (const x of a) entDigitsGolden(x, p.W, p.aSigned).forEach((d, j) => (counts[j] += d !== 0 ? 1 : 0));
  return counts;
}

/** Exact cycle count of one column transaction with activations `a` (length k). */
export function tpeColumnCycles(a: readonly bigint[], p: TpeParams): number {
  raise(checkTpeParams(p));
  if (p.arch !== 'column') raise({ message: `tpe golden: cycle prediction is for arch column, not ${p.arch}` });
  raise(checkMatrix('A', [a], 1, p.k, p.W, p.aSigned));
  if (p.form === 'baseline') return COLUMN_LOAD_CYCLES + p.k + COLUMN_BASELINE_TAIL_CYCLES;
  const digits = a.map((x) => entDigitsGolden(x, p.W, p.aSigned));
  let cycles = COLUMN_LOAD_CYCLES;
  for (let j = 0; j < tpeDigits(p); j++) {
    for (let start = 0; start < p.k; start += p.block) {
      let nz = 0;
      for (let t = start; t < Math.min(start + p.block, p.k); t++) if (digits[t][j] !== 0) nz++;
      cycles += Math.max(1, nz);
    }
  }
  return cycles + columnOptTailCycles(p);
}
