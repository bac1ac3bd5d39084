/**
 * BitMoD PE cosimulation glue: the beat layout of a transaction on the PE's stream ports
 * (rtl-pe.ts) and the golden model that maps those beats back to a `BitmodDotInput` and runs
 * level b. One transaction = `groups · G/L` input beats → one output beat `[y]`.
 *
 * Input beat port order: x0 … x{L−1}, w0 … w{L−1}, dt, delta, sch, last, [mode], [sv_we, sv_data].
 * `sv_we` is 1 on every beat and `sv_data` carries the transaction's SV register contents (the
 * register is written as each beat is presented; every transaction of one run must use the same SV).
 */
import type { GoldenModel } from '../../cosim/types.ts';
import type { CosimSpec } from '../../dsl/design.ts';
import { Prng } from '../../util/prng.ts';
import { roundingTile, scaledTile, specialsTile } from './vectors.ts';
import { bitmodDot } from './golden-dot.ts';
import { svOf, type BitmodDotInput } from './golden-inputs.ts';
import type { BitmodParams } from './params.ts';
import { svMagWidth } from './rtl-terms.ts';

function packSv(p: BitmodParams, sv: readonly number[]): bigint {
  const m = svMagWidth(p);
  let word = 0n;
  sv.forEach((v, j) => {
    const entry = (BigInt(v < 0 ? 1 : 0) << BigInt(m)) | BigInt(Math.abs(v));
    word |= entry << BigInt(j * (1 + m));
  });
  return word;
}

function unpackSv(p: BitmodParams, word: bigint): number[] {
  const m = svMagWidth(p);
  return [0, 1, 2, 3].map((j) => {
    const e = (word >> BigInt(j * (1 + m))) & ((1n << BigInt(1 + m)) - 1n);
    const mag = Number(e & ((1n << BigInt(m)) - 1n));
    return e >> BigInt(m) ? -mag : mag;
  });
}

const hasMixture = (p: BitmodParams): boolean => p.weightTypes.some((t) => t === 'FP4' || t === 'FP3');

/** Beats of one transaction. */
export function transactionBeats(p: BitmodParams, x: BitmodDotInput): bigint[][] {
  const beats: bigint[][] = [];
  const mode = p.weightTypes.indexOf(x.wtype);
  const sv = hasMixture(p) ? packSv(p, x.sv ?? svOf({ ...x, wtype: p.weightTypes.find((t) => t === 'FP4' || t === 'FP3')! })) : 0n;
  x.groups.forEach((g, gi) => {
    for (let j = 0; j < p.G / p.L; j++) {
      const b: bigint[] = [];
      for (let i = 0; i < p.L; i++) b.push(BigInt(x.acts[gi * p.G + j * p.L + i]!));
      for (let i = 0; i < p.L; i++) b.push(BigInt(g.codes[j * p.L + i]!));
      b.push(BigInt(g.dtId), BigInt(g.delta), BigInt(x.sch), gi === x.groups.length - 1 && j === p.G / p.L - 1 ? 1n : 0n);
      if (p.weightTypes.length > 1) b.push(BigInt(mode));
      if (hasMixture(p)) b.push(1n, sv);
      beats.push(b);
    }
  });
  return beats;
}

/** Rebuild the transaction from its beats (inverse of `transactionBeats`). */
export function beatsToInput(p: BitmodParams, beats: bigint[][]): BitmodDotInput {
  const L = p.L;
  const slots = p.G / L;
  const multi = p.weightTypes.length > 1;
  const wtype = p.weightTypes[multi ? Number(beats[0]![2 * L + 4]!) : 0]!;
  const groups = [];
  const acts: number[] = [];
  for (let g = 0; g < beats.length / slots; g++) {
    const codes: number[] = [];
    for (let j = 0; j < slots; j++) {
      const b = beats[g * slots + j]!;
      for (let i = 0; i < L; i++) acts.push(Number(b[i]!));
      for (let i = 0; i < L; i++) codes.push(Number(b[L + i]!));
    }
    const first = beats[g * slots]!;
    groups.push({ dtId: Number(first[2 * L]!), delta: Number(first[2 * L + 1]!), codes });
  }
  const sch = Number(beats[0]![2 * L + 2]!);
  const svWord = hasMixture(p) ? beats[0]![beats[0]!.length - 1]! : 0n;
  const isMix = wtype === 'FP4' || wtype === 'FP3';
  return { wtype, acts, groups, sch, ...(isMix ? { sv: unpackSv(p, svWord) } : {}) };
}

/** The golden model of the PE stream: level b's output code. */
export function bitmodPeGolden(p: BitmodParams): GoldenModel {
  return (beats) => [[bitmodDot(p, beatsToInput(p, beats)).code]];
}

/** One GEMM tile of the array: `rows` activation vectors and `cols` weight channels. */
export interface BitmodTile {
  readonly wtype: BitmodDotInput['wtype'];
  /** acts[r]: K activation codes of row r. */
  readonly acts: readonly (readonly number[])[];
  /** One weight channel per column: its groups and s_ch. */
  readonly cols: readonly { readonly groups: BitmodDotInput['groups']; readonly sch: number }[];
  readonly sv?: readonly number[];
}

/** The dot-product transaction of PE (r, c) of a tile. */
export function tilePe(t: BitmodTile, r: number, c: number): BitmodDotInput {
  const col = t.cols[c]!;
  return { wtype: t.wtype, acts: t.acts[r]!, groups: col.groups, sch: col.sch, ...(t.sv ? { sv: t.sv } : {}) };
}

/**
 * Array beat port order: x_r0_0 … x_r{R−1}_{L−1}, w_c0_0 … w_c{C−1}_{L−1}, dt_c*, delta_c*, sch_c*,
 * last, [mode], [sv_we, sv_data] (rtl-array.ts).
 */
export function tileBeats(p: BitmodParams, t: BitmodTile): bigint[][] {
  const slots = p.G / p.L;
  const nGroups = t.cols[0]!.groups.length;
  const beats: bigint[][] = [];
  const mix = hasMixture(p);
  const sv = mix ? packSv(p, t.sv ?? svOf({ wtype: p.weightTypes.find((x) => x === 'FP4' || x === 'FP3')!, acts: [], groups: [], sch: 0 })) : 0n;
  for (let g = 0; g < nGroups; g++) {
    for (let j = 0; j < slots; j++) {
      const b: bigint[] = [];
      for (const row of t.acts) for (let i = 0; i < p.L; i++) b.push(BigInt(row[g * p.G + j * p.L + i]!));
      for (const col of t.cols) for (let i = 0; i < p.L; i++) b.push(BigInt(col.groups[g]!.codes[j * p.L + i]!));
      for (const col of t.cols) b.push(BigInt(col.groups[g]!.dtId));
      for (const col of t.cols) b.push(BigInt(col.groups[g]!.delta));
      for (const col of t.cols) b.push(BigInt(col.sch));
      b.push(g === nGroups - 1 && j === slots - 1 ? 1n : 0n);
      if (p.weightTypes.length > 1) b.push(BigInt(p.weightTypes.indexOf(t.wtype)));
      if (mix) b.push(1n, sv);
      beats.push(b);
    }
  }
  return beats;
}

/** Golden model of the array: level b of every PE, outputs row-major. */
export function bitmodArrayGolden(p: BitmodParams): GoldenModel {
  const R = p.rows;
  const C = p.cols;
  const L = p.L;
  return (beats) => {
    const slots = p.G / L;
    const xOff = 0;
    const wOff = R * L;
    const dtOff = wOff + C * L;
    const multi = p.weightTypes.length > 1;
    const modeIdx = dtOff + 3 * C + 1;
    const wtype = p.weightTypes[multi ? Number(beats[0]![modeIdx]!) : 0]!;
    const nGroups = beats.length / slots;
    const acts = Array.from({ length: R }, (_, r) => beats.flatMap((b) => b.slice(xOff + r * L, xOff + (r + 1) * L).map(Number)));
    const cols = Array.from({ length: C }, (_, c) => ({
      sch: Number(beats[0]![dtOff + 2 * C + c]!),
      groups: Array.from({ length: nGroups }, (_, g) => ({
        dtId: Number(beats[g * slots]![dtOff + c]!),
        delta: Number(beats[g * slots]![dtOff + C + c]!),
        codes: beats.slice(g * slots, (g + 1) * slots).flatMap((b) => b.slice(wOff + c * L, wOff + (c + 1) * L).map(Number)),
      })),
    }));
    const isMix = wtype === 'FP4' || wtype === 'FP3';
    const sv = hasMixture(p) && isMix ? unpackSv(p, beats[0]![beats[0]!.length - 1]!) : undefined;
    const t: BitmodTile = { wtype, acts, cols, ...(sv ? { sv } : {}) };
    const out: bigint[] = [];
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) out.push(bitmodDot(p, tilePe(t, r, c)).code);
    return [out];
  };
}

/** Input port names of the array in beat order (rtl-array.ts). */
export function arrayInputNames(p: BitmodParams): string[] {
  const n: string[] = [];
  for (let r = 0; r < p.rows; r++) for (let i = 0; i < p.L; i++) n.push(`x_r${r}_${i}`);
  for (let c = 0; c < p.cols; c++) for (let i = 0; i < p.L; i++) n.push(`w_c${c}_${i}`);
  for (const f of ['dt', 'delta', 'sch']) for (let c = 0; c < p.cols; c++) n.push(`${f}_c${c}`);
  n.push('last');
  if (p.weightTypes.length > 1) n.push('mode');
  if (hasMixture(p)) n.push('sv_we', 'sv_data');
  return n;
}

export function arrayOutputNames(p: BitmodParams): string[] {
  const n: string[] = [];
  for (let r = 0; r < p.rows; r++) for (let c = 0; c < p.cols; c++) n.push(`y_r${r}_c${c}`);
  return n;
}

/**
 * The cosim spec of a full-K array tile for design files: `K/L` input beats → one output beat.
 * Vectors (seeded, well-formed: Δ and the datatype id constant within each group, finite `s_ch`;
 * the engine's own uniformly random beats would break that, so they are off), per weight type of
 * the build in turn:
 * - `tiles` random tiles whose `s_ch` put the results around 2^0, 2^14 (the overflow edge),
 *   2^−8 (small activations) and 2^6 (`scaledTile`);
 * - two output-rounding corner tiles (`roundingTile`: exact ties, the 65520 overflow tie,
 *   subnormal and underflowing results);
 * - with PROPAGATE, one Inf/NaN corner tile (`specialsTile`).
 * Back to back, the tiles also exercise the handshake under the engine's random bubbles and stalls.
 */
export function bitmodArrayCosimSpec(p: BitmodParams, opts: { tiles?: number; seed?: number } = {}): CosimSpec {
  const g = new Prng(opts.seed ?? 1);
  const tiles = opts.tiles ?? 4;
  const types = p.weightTypes;
  const targets: [number, [number, number]][] = [[0, [8, 22]], [14, [8, 22]], [-8, [1, 12]], [6, [8, 22]]];
  const list: BitmodTile[] = [];
  for (let i = 0; i < tiles; i++) {
    const [target, expRange] = targets[i % targets.length]!;
    list.push(scaledTile(g, p, types[i % types.length]!, { expRange }, target));
  }
  for (let i = 0; i < 2; i++) list.push(roundingTile(g, p, types[(tiles + i) % types.length]!));
  if (p.specialPolicy === 'PROPAGATE') list.push(specialsTile(g, p, types[0]!));
  return {
    protocol: { kind: 'stream' },
    beats: { in: p.K / p.L, out: 1 },
    inputs: arrayInputNames(p),
    outputs: arrayOutputNames(p),
    golden: bitmodArrayGolden(p),
    vectors: { count: 0, corners: false },
    corners: list.map((t) => tileBeats(p, t)),
  };
}
