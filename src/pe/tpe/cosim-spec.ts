/**
 * The cosim spec of a TPE array (design files' `cosim:`): stream protocol, the transaction shape,
 * the beat golden model and the spec's corner transactions (tpe.md test case 4: all −2^(W−1),
 * all 2^(W−1) − 1, zeros, alternating signs, mixed extremes; the column adds sparse activation
 * vectors), then seeded random transactions.
 */
import type { CosimSpec } from '../../dsl/design.ts';
import { operandRange } from './golden.ts';
import { tpeBeatGolden, tpeBeatShape, tpeInputBeats } from './golden-beats.ts';
import type { TpeParams } from './params.ts';

const fill = (rows: number, cols: number, f: (i: number, j: number) => bigint): bigint[][] =>
  Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(i, j)));

/** Corner transactions as [A, B] pairs. */
export function tpeCorners(p: TpeParams): [bigint[][], bigint[][]][] {
  const ra = operandRange(p.W, p.aSigned);
  const rb = operandRange(p.W, p.bSigned);
  const A = (f: (i: number, j: number) => bigint) => fill(p.m, p.k, f);
  const B = (f: (i: number, j: number) => bigint) => fill(p.k, p.n, f);
  return [
    [A(() => ra.lo), B(() => rb.lo)],
    [A(() => ra.hi), B(() => rb.hi)],
    [A(() => ra.lo), B(() => rb.hi)],
    [A(() => ra.hi), B(() => rb.lo)],
    [A(() => 0n), B(() => 0n)],
    [A((i, j) => ((i + j) % 2 ? ra.lo : ra.hi)), B((i, j) => ((i + j) % 2 ? rb.hi : rb.lo))],
    [A((i, j) => ((i + j) % 2 ? ra.lo : 1n)), B((i, j) => ((i * 3 + j) % 2 ? -1n * BigInt(p.bSigned ? 1 : 0) : rb.hi))],
  ];
}

/**
 * Column only (tpe.md test case 6, sparse data): activations with few non-zero EN-T digits (small
 * powers of ±2 among zeros, so whole blocks are empty), and a vector whose only non-zero value is
 * the last activation. Uniform random data is nearly dense; these exercise the skipping.
 */
export function tpeColumnSparseCorners(p: TpeParams): [bigint[][], bigint[][]][] {
  const ra = operandRange(p.W, p.aSigned);
  const rb = operandRange(p.W, p.bSigned);
  const pattern = [0n, 1n, 0n, -2n, 0n, 0n, 0n, 0n, 4n, -1n, 0n, 16n];
  const fit = (v: bigint): bigint => {
    const x = p.aSigned ? v : v < 0n ? -v : v;
    return x > ra.hi ? ra.hi : x < ra.lo ? ra.lo : x;
  };
  const B = fill(p.k, p.n, (i, j) => ((i + 2 * j) % 3 === 0 ? rb.lo : (i + j) % 3 === 1 ? rb.hi : BigInt(p.bSigned ? -1 : 1)));
  return [
    [[Array.from({ length: p.k }, (_, t) => fit(pattern[t % pattern.length]!))], B],
    [[Array.from({ length: p.k }, (_, t) => (t === p.k - 1 ? ra.lo === 0n ? ra.hi : ra.lo : 0n))], B],
  ];
}

export function tpeCosimSpec(p: TpeParams, opts: { count?: number } = {}): CosimSpec {
  const corners = p.arch === 'column' ? [...tpeCorners(p), ...tpeColumnSparseCorners(p)] : tpeCorners(p);
  return {
    protocol: { kind: 'stream' },
    beats: tpeBeatShape(p),
    golden: tpeBeatGolden(p),
    corners: corners.map(([a, b]) => tpeInputBeats(a, b, p)),
    vectors: { count: opts.count ?? 200, corners: false },
  };
}
