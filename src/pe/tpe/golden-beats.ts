/**
 * Transaction shapes of the TPE arrays as cosim beats (one BigInt per data port per beat), and the
 * golden model over beats: unpack A and B, run the exact GEMM (golden.ts), pack C. Pure; shares
 * no code with the generators (the shapes are restated from their datasheets).
 *
 * systolic-os: k input beats, beat t = [A[0][t] … A[m−1][t], B[t][0] … B[t][n−1]];
 *              n output beats, beat i = [C[0][n−1−i] … C[m−1][n−1−i]] (east column first).
 * mul-tree and systolic-ws:
 *              m input beats, beat t = [A[t][0] … A[t][k−1], B[0][0] … B[k−1][n−1] (row-major)],
 *              B read from the FIRST beat only (loaded into the tiles' weight registers);
 *              m output beats, beat t = [C[t][0] … C[t][n−1]].
 * cube:        1 input beat [A[0][0] … A[m−1][k−1], B[0][0] … B[k−1][n−1]] (both row-major);
 *              1 output beat [C[0][0] … C[m−1][n−1]] (row-major).
 * column:      1 input beat [a_0 … a_{k−1}, B[0][0] … B[k−1][n−1] (row-major)];
 *              1 output beat [C[0][0] … C[0][n−1], cycles] with cycles = tpeColumnCycles(a).
 */
import { tpeColumnCycles, tpeGemm, type Matrix } from './golden.ts';
import type { TpeParams } from './params.ts';

export interface BeatShape {
  readonly in: number;
  readonly out: number;
}

function unsupported(p: TpeParams): never {
  throw new Error(`tpe: no transaction shape for ${p.arch} yet`);
}

export function tpeBeatShape(p: TpeParams): BeatShape {
  switch (p.arch) {
    case 'systolic-os':
      return { in: p.k, out: p.n };
    case 'mul-tree':
    case 'systolic-ws':
      return { in: p.m, out: p.m };
    case 'cube':
    case 'column':
      return { in: 1, out: 1 };
    default:
      return unsupported(p);
  }
}

/** Input beats of one transaction (A m×k, B k×n); slots read on no beat are 0. */
export function tpeInputBeats(a: Matrix, b: Matrix, p: TpeParams): bigint[][] {
  switch (p.arch) {
    case 'systolic-os':
      return Array.from({ length: p.k }, (_, t) => [...a.map((row) => row[t]!), ...b[t]!]);
    case 'mul-tree':
    case 'systolic-ws':
      return Array.from({ length: p.m }, (_, t) => [...a[t]!, ...b.flat().map((v) => (t === 0 ? v : 0n))]);
    case 'cube':
      return [[...a.flat(), ...b.flat()]];
    case 'column':
      return [[...a[0]!, ...b.flat()]];
    default:
      return unsupported(p);
  }
}

/** Unpack input beats into A (m×k) and B (k×n). */
export function tpeMatricesOf(beats: readonly (readonly bigint[])[], p: TpeParams): { a: bigint[][]; b: bigint[][] } {
  switch (p.arch) {
    case 'systolic-os':
      return { a: Array.from({ length: p.m }, (_, r) => beats.map((beat) => beat[r]!)), b: beats.map((beat) => beat.slice(p.m, p.m + p.n)) };
    case 'cube': {
      const beat = beats[0]!;
      return {
        a: Array.from({ length: p.m }, (_, i) => beat.slice(i * p.k, (i + 1) * p.k)),
        b: Array.from({ length: p.k }, (_, t) => beat.slice(p.m * p.k + t * p.n, p.m * p.k + (t + 1) * p.n)),
      };
    }
    case 'mul-tree':
    case 'systolic-ws':
    case 'column':
      return {
        a: beats.map((beat) => beat.slice(0, p.k)),
        b: Array.from({ length: p.k }, (_, t) => beats[0]!.slice(p.k + t * p.n, p.k + (t + 1) * p.n)),
      };
    default:
      return unsupported(p);
  }
}

/** Output beats of a result C (m×n). */
export function tpeOutputBeats(c: Matrix, p: TpeParams): bigint[][] {
  switch (p.arch) {
    case 'systolic-os':
      return Array.from({ length: p.n }, (_, i) => c.map((row) => row[p.n - 1 - i]!));
    case 'mul-tree':
    case 'systolic-ws':
      return c.map((row) => [...row]);
    case 'cube':
      return [c.flat()];
    case 'column':
      throw new Error('tpe: the column output beat carries the cycle count too; use tpeBeatGolden');
    default:
      return unsupported(p);
  }
}

/** The golden model over beats: exact GEMM of the transaction. */
export function tpeBeatGolden(p: TpeParams): (beats: bigint[][]) => bigint[][] {
  return (beats) => {
    const { a, b } = tpeMatricesOf(beats, p);
    const c = tpeGemm(a, b, p);
    if (p.arch === 'column') return [[...c[0]!, BigInt(tpeColumnCycles(a[0]!, p))]];
    return tpeOutputBeats(c, p);
  };
}
