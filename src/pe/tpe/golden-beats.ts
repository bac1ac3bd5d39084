/**
 * Transaction shapes of the TPE arrays as cosim beats (one BigInt per data port per beat), and the
 * golden model over beats: unpack A and B, run the exact GEMM (golden.ts), pack C. Pure; shares
 * no code with the generators (the shapes are restated from their datasheets).
 *
 * systolic-os: k input beats, beat t = [A[0][t] … A[m−1][t], B[t][0] … B[t][n−1]];
 *              n output beats, beat i = [C[0][n−1−i] … C[m−1][n−1−i]] (east column first).
 */
import { tpeGemm, type Matrix } from './golden.ts';
import type { TpeParams } from './params.ts';

export interface BeatShape {
  readonly in: number;
  readonly out: number;
}

export function tpeBeatShape(p: TpeParams): BeatShape {
  switch (p.arch) {
    case 'systolic-os':
      return { in: p.k, out: p.n };
    default:
      throw new Error(`tpe: no transaction shape for ${p.arch} yet`);
  }
}

/** Input beats of one transaction (A m×k, B k×n). */
export function tpeInputBeats(a: Matrix, b: Matrix, p: TpeParams): bigint[][] {
  if (p.arch !== 'systolic-os') throw new Error(`tpe: no transaction shape for ${p.arch} yet`);
  return Array.from({ length: p.k }, (_, t) => [...a.map((row) => row[t]!), ...b[t]!]);
}

/** Unpack input beats into A (m×k) and B (k×n). */
export function tpeMatricesOf(beats: readonly (readonly bigint[])[], p: TpeParams): { a: bigint[][]; b: bigint[][] } {
  if (p.arch !== 'systolic-os') throw new Error(`tpe: no transaction shape for ${p.arch} yet`);
  const a = Array.from({ length: p.m }, (_, r) => beats.map((beat) => beat[r]!));
  const b = beats.map((beat) => beat.slice(p.m, p.m + p.n));
  return { a, b };
}

/** Output beats of a result C (m×n). */
export function tpeOutputBeats(c: Matrix, p: TpeParams): bigint[][] {
  if (p.arch !== 'systolic-os') throw new Error(`tpe: no transaction shape for ${p.arch} yet`);
  return Array.from({ length: p.n }, (_, i) => c.map((row) => row[p.n - 1 - i]!));
}

/** The golden model over beats: exact GEMM of the transaction. */
export function tpeBeatGolden(p: TpeParams): (beats: bigint[][]) => bigint[][] {
  return (beats) => {
    const { a, b } = tpeMatricesOf(beats, p);
    return tpeOutputBeats(tpeGemm(a, b, p), p);
  };
}
