/**
 * Multiplier-adder tree, k lanes × n tiles, weight-stationary (specs/tpe.md §4.4). Tile j holds
 * B[0..k−1][j] and produces one dot product Σ_t A[i][t] · B[t][j] per cycle, pipelined.
 *
 * Transaction (every form): m input beats, beat i = (a_0 … a_{k−1}) = A[i][·] plus the weight
 * ports b_<t>_<j> = B[t][j], which are read on the FIRST beat only (loaded into the tiles' weight
 * registers); m output beats, beat i = (c_0 … c_{n−1}) = C[i][·]. A plain valid/ready pipeline:
 * every stage advances when the last stage is empty or its result is taken (`in_ready` = that
 * enable), one row per cycle at full throughput. Latency = `stages` cycles in every form.
 *
 * Logic levels, each followed by the pipeline registers `levelRegisters` gives it (one per level
 * while the stages last; stages beyond the level count delay the tile outputs; fewer stages than
 * levels are spread evenly, the last level always registered):
 *   level 0, the array edge, shared by all n tiles: baseline — the activation row as it is
 *     (registered: k·W flip-flops); OPT2 — the EN-T (or Booth, `recoder`) encoders, once per lane
 *     for the whole array, decoded to one-hot partial-product selects (+1, +2, −1, −2; registered:
 *     4 per digit). A registered edge also takes the first beat's weights from the weight
 *     registers (loaded on that beat's edge), so no first-beat weight mux sits in front of the
 *     multipliers / selectors.
 *   baseline tile: [k multipliers `*`], then ceil(log2 k) levels of a binary adder tree over the k
 *     products (exact widths, each adder a CPA of kind `edgeCpa`).
 *   OPT2 tile (loop interchange of k and j): [per digit weight j, each lane selects b, 2b, ~b or
 *     ~2b (one AND-OR level, `laneRow`), and the same-weight partial products form bit heaps — k
 *     lanes in `laneGroups` groups — each compressed (`tree`, `compress42`) to a carry-save pair, no
 *     CPA], [all pairs, shifted by 2j, and the shared hot-one pair in one root heap compressed to
 *     (sum, carry)], [the one CPA of the dot product, at the tree root]. The +1 of every negative
 *     digit (−x = ~x + 1) depends on the activations only: the array sums them once for all tiles
 *     (`negSum`, a carry-save pair computed in the time of the weight heaps, registered with them)
 *     instead of k hot ones piling up in column 0 of every tile's every weight heap (2k bits high
 *     there, k without them).
 *     The pairs carry each bit-weight sum exactly: with `signExt: 'eliminated'`
 *     a weight's heap holds only its partial products' bits (the sign-correction constants move to
 *     the root heap), so its value is a non-negative number below 2^(W + 2 + ceil(log2 k)) and the
 *     pair is that narrow; with `signExt: 'full'` the rows are sign-extended to the root width
 *     accW − 2j, the pair is exact modulo 2^(accW − 2j), which the shift by 2j makes mod 2^accW.
 */
import { module, type ModuleBuilder, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { cat } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { addCpa } from '../../lib/arith/cpa.ts';
import { bitHeap } from '../../lib/arith/bit-heap.ts';
import { compressHeap } from '../../lib/arith/compress.ts';
import { boothRecode, entRecode, type RecodedDigit } from '../../lib/arith/recode.ts';
import { userError } from '../../diag/error.ts';
import { tpeCallerLoc } from './located.ts';
import { ceilLog2, tpeDigits, validateTpeParams, type TpeParams } from './params.ts';
import { checkBuildable, tpeRecoder, tpeTypes, type TpeArrayOptions } from './rtl-common.ts';
import { streamControl } from './rtl-control.ts';

/**
 * Pipeline registers after each of `levels` logic levels, `stages` in total: one per level and
 * the rest after the last level when stages ≥ levels (a second register after the same logic
 * only adds latency, so the surplus delays the outputs); else spread evenly, the last level
 * always registered.
 */
export function registerPlacement(levels: number, stages: number): number[] {
  if (stages >= levels) return Array.from({ length: levels }, (_, i) => (i === levels - 1 ? 1 + stages - levels : 1));
  return Array.from({ length: levels }, (_, i) => Math.floor(((i + 1) * stages) / levels) - Math.floor((i * stages) / levels));
}

/** Logic levels of a form, the array edge (level 0) included. */
export function mulTreeLevels(p: TpeParams): number {
  return p.form === 'opt' ? 4 : 2 + ceilLog2(p.k);
}

/** The registers of each level (`registerPlacement` over `mulTreeLevels`). */
export function levelRegisters(p: TpeParams): number[] {
  return registerPlacement(mulTreeLevels(p), p.stages);
}

/** `count` registers (enable `en`) in a chain behind each value; `tag` names them. */
function pipe(m: ModuleBuilder, vals: readonly Signal[], count: number, en: Signal, tag: string): Signal[] {
  return vals.map((v, i) => {
    let cur = v;
    for (let r = 0; r < count; r++) {
      const q = m.reg(`${tag}_${i}_r${r}`, cur.type, { reset: 0, en });
      q.set(cur);
      cur = q;
    }
    return cur;
  });
}

function baseTile(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  const regs = levelRegisters(p).slice(1);
  return module(
    `tpe_mt_tile_base_k${p.k}_${p.aSigned ? 's' : 'u'}${p.W}${p.bSigned ? 's' : 'u'}${p.W}_acc${t.acc.width}_p${p.stages}`,
    (m) => {
      const as = Array.from({ length: p.k }, (_, i) => m.input(`a_${i}`, t.a));
      const ws = Array.from({ length: p.k }, (_, i) => m.input(`w_${i}`, t.b));
      const en = m.input('en', uint(1));
      let vals = pipe(m, as.map((a, i) => a.mul(ws[i]!)), regs[0]!, en, 'l0');
      for (let level = 1; level < regs.length; level++) {
        const next: Signal[] = [];
        for (let i = 0; i < vals.length; i += 2) next.push(i + 1 < vals.length ? addCpa(vals[i]!, vals[i + 1]!, { kind: p.edgeCpa }) : vals[i]!);
        vals = pipe(m, next, regs[level]!, en, `l${level}`);
      }
      m.output('dot', vals[0]!.resize(t.acc.width));
    },
    { doc: `mul-tree baseline tile: ${p.k} multipliers + adder tree, registers per level ${regs.join(',')} (edge excluded)` },
  );
}

/** Width of one bit-weight sum S_j = Σ_t d_j · b_t: |d·b| ≤ 2^(W+1) (unsigned b: < 2^(W+1)), times k. */
export function bitWeightSumWidth(p: TpeParams): number {
  return p.W + 2 + ceilLog2(p.k);
}

/** Bits of the largest value a heap of non-negative bits can hold: bitlength(Σ_c height_c · 2^c). */
function heapBound(heights: readonly number[]): number {
  const max = heights.reduce((s, h, c) => s + (BigInt(h) << BigInt(c)), 0n);
  return Math.max(1, max.toString(2).length);
}

/**
 * A digit as the array edge registers it for the tiles: one-hot selects of the partial product
 * (`p1` = +1, `p2` = +2, `n1` = −1, `n2` = −2; none for 0), decoded once per lane for the array.
 */
interface DigitSelects {
  readonly p1: Signal;
  readonly p2: Signal;
  readonly n1: Signal;
  readonly n2: Signal;
}

/** The selects of a recoded digit. */
function digitSelects(d: RecodedDigit): DigitSelects {
  const pos = d.neg.not();
  return { p1: d.one.and(pos), p2: d.two.and(pos), n1: d.one.and(d.neg), n2: d.two.and(d.neg) };
}

/**
 * One lane's partial product of a digit and weight `b` WITHOUT its hot one, one AND-OR level per
 * bit: `|d|·b` (W + 1 bits, signed; an unsigned b gets a 0 sign bit) for a positive digit, its
 * inverse `~(|d|·b) = −|d|·b − 1` for a negative one (`n1`/`n2` select ~b, ~2b), 0 for a zero digit.
 * The missing +1 of each negative digit depends on the activations only, so the array adds them
 * up once for all tiles (`negSum`).
 */
function laneRow(d: DigitSelects, b: Signal): Signal {
  const zero = b.m.constant(0, uint(1));
  const bit = (i: number): Signal => (i < 0 ? zero : i < b.width ? b.bit(i) : b.signed ? b.msb() : zero);
  const width = b.signed ? b.width + 1 : b.width + 2;
  const bits = Array.from({ length: width }, (_, i) =>
    d.p1.and(bit(i)).or(d.p2.and(bit(i - 1))).or(d.n1.and(bit(i).not())).or(d.n2.and(bit(i - 1).not())),
  );
  return cat(...bits.reverse()).asSigned();
}

/** Width of each `negSum` row: bitlength of k · Σ_j 4^j, its largest value. */
export function negSumWidth(p: TpeParams): number {
  const D = tpeDigits(p);
  return heapBound(Array.from({ length: 2 * D - 1 }, (_, c) => (c % 2 === 0 ? p.k : 0)));
}

/**
 * The hot ones of all tiles' partial products, Σ_lanes Σ_j neg_{i,j} · 4^j, as one carry-save pair
 * shared by the n tiles (a heap of the k·D digit signs and a compressor tree, once per array; no
 * CPA — the pair joins the tiles' root heaps).
 */
function negSum(m: ModuleBuilder, negs: readonly (readonly Signal[])[], p: TpeParams): Signal[] {
  const w = negSumWidth(p);
  const heap = bitHeap(m, w);
  for (const lane of negs) lane.forEach((neg, j) => heap.addBit(2 * j, neg));
  const c = compressHeap(heap, { schedule: p.tree, use42: p.compress42 });
  return [c.sum, c.carry];
}

/** Counter levels a Dadda tree needs for a heap `h` bits high (heights 2, 3, 4, 6, 9, 13, …). */
export function daddaLevels(h: number): number {
  let n = 0;
  for (let d = 2; d < h; d = Math.floor(1.5 * d)) n++;
  return n;
}

/**
 * Lane groups g of OPT2's weight heaps (the compressor-tree schedule across the register between
 * level 1 and level 2): each weight's k partial products are compressed in g groups of ceil(k/g)
 * lanes to g carry-save pairs, and all the pairs meet in the root heap. g balances the two levels'
 * counter depth: level 1 = the selector (counted as 2 levels) + a ceil(k/g)-high tree, level 2 = a
 * tree over about 2·g·D + 3 rows (the pairs of the D weights, the shared hot-one pair, constants);
 * the smallest g with the least maximum (k16 W8: 2; k4 and k8: 1).
 */
export function laneGroups(p: TpeParams): number {
  const D = tpeDigits(p);
  let best = 1;
  let bestDepth = Number.POSITIVE_INFINITY;
  for (let g = 1; g <= p.k / 2 || g === 1; g *= 2) {
    const depth = Math.max(daddaLevels(Math.ceil(p.k / g)) + 2, daddaLevels(2 * g * D + 3));
    if (depth < bestDepth) [best, bestDepth] = [g, depth];
  }
  return best;
}

function optTile(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  const D = tpeDigits(p);
  const accW = t.acc.width;
  const regs = levelRegisters(p).slice(1);
  const g = laneGroups(p);
  const size = Math.ceil(p.k / g);
  return module(
    `tpe_mt_tile_opt2_k${p.k}_${p.aSigned ? 's' : 'u'}${p.W}${p.bSigned ? 's' : 'u'}${p.W}_acc${accW}_p${p.stages}_${p.tree}${p.compress42 ? '42' : ''}_${p.signExt}`,
    (m) => {
      const sel: DigitSelects[][] = Array.from({ length: p.k }, (_, i) =>
        Array.from({ length: D }, (_, j) => ({
          p1: m.input(`p1_${i}_${j}`, uint(1)),
          p2: m.input(`p2_${i}_${j}`, uint(1)),
          n1: m.input(`n1_${i}_${j}`, uint(1)),
          n2: m.input(`n2_${i}_${j}`, uint(1)),
        })),
      );
      const ws = Array.from({ length: p.k }, (_, i) => m.input(`w_${i}`, t.b));
      const negs = [m.input('negs_sum', uint(negSumWidth(p))), m.input('negs_carry', uint(negSumWidth(p)))];
      const en = m.input('en', uint(1));
      // Level 1: per digit weight j and lane group, the same-weight partial products in one heap
      // → a carry-save pair (no CPA).
      const rows: Signal[] = [];
      const shifts: number[] = [];
      const constants: [bigint, number][] = [];
      const eliminated = p.signExt === 'eliminated';
      for (let j = 0; j < D; j++) {
        for (let lo = 0; lo < p.k; lo += size) {
          // Eliminated: room above the bits (no constant stays here, nothing reaches the top);
          // full: the root width above this weight, so the pair is exact modulo 2^(accW − 2j).
          const width = eliminated ? accW + 4 : Math.max(1, accW - 2 * j);
          const heap = bitHeap(m, width, { signExtension: p.signExt });
          for (let i = lo; i < Math.min(p.k, lo + size); i++) heap.addRow(laneRow(sel[i]![j]!, ws[i]!));
          constants.push([heap.constant, 2 * j]);
          heap.constant = 0n;
          const keep = eliminated ? Math.min(width, heapBound(heap.heights())) : width;
          const c = compressHeap(heap, { schedule: p.tree, use42: p.compress42 });
          rows.push(c.sum.trunc(keep), c.carry.trunc(keep));
          shifts.push(2 * j, 2 * j);
        }
      }
      const cs = pipe(m, rows, regs[0]!, en, 'cs');
      // Level 2: every pair shifted by 2j, the weights' constants and the shared hot-one pair in
      // one root heap.
      const root = bitHeap(m, accW, { signExtension: p.signExt });
      cs.forEach((r, i) => root.addRow(r, { shift: shifts[i]! }));
      for (const [c, shift] of constants) root.addConstant(c, shift);
      for (const r of negs) root.addRow(r);
      const f = compressHeap(root, { schedule: p.tree, use42: p.compress42 });
      const sc = pipe(m, [f.sum, f.carry], regs[1]!, en, 'root');
      // Level 3: the one CPA of the dot product.
      const dot = addCpa(sc[0]!, sc[1]!, { kind: p.edgeCpa }).trunc(accW);
      const out = pipe(m, [t.acc.signed ? dot.asSigned() : dot], regs[2]!, en, 'dot');
      m.output('dot', out[0]!);
    },
    {
      doc: `mul-tree OPT2 tile: ${p.k} lanes in ${g} group(s) per bit weight, ${D} bit weights to carry-save pairs, one root heap and CPA, registers per level ${regs.join(',')} (edge excluded)`,
    },
  );
}

export function tpeMulTree(params: TpeParams, opts: TpeArrayOptions = {}): ModuleDef {
  const p = validateTpeParams(params, tpeCallerLoc());
  if (p.arch !== 'mul-tree') throw userError(`tpeMulTree builds arch mul-tree, not ${p.arch}`, undefined, tpeCallerLoc());
  checkBuildable(p, true);
  const t = tpeTypes(p);
  const opt = p.form === 'opt';
  const tile = opt ? optTile(p) : baseTile(p);
  return module(
    opts.name ?? `tpe_mul_tree_${p.form}`,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const as = Array.from({ length: p.k }, (_, i) => m.input(`a_${i}`, t.a, { doc: `A[i][${i}] of input beat i` }));
      const bs = Array.from({ length: p.k }, (_, i) =>
        Array.from({ length: p.n }, (_, j) => m.input(`b_${i}_${j}`, t.b, { doc: `B[${i}][${j}], read on the first beat` })),
      );
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
      const { en, valid, first, load } = streamControl(m, { stages: p.stages, beats: p.m, inValid, outReady });
      // Level 0, the array edge: OPT2 encodes the activations once here for every tile.
      const edgeRegs = levelRegisters(p)[0]!;
      const rec = tpeRecoder(p);
      const enc = opt ? as.map((a) => (rec === 'booth' ? boothRecode(a) : entRecode(a))) : [];
      const edge = opt
        ? enc.map((ds, i) =>
            ds.map((d, q) => {
              const s = digitSelects(d);
              const [p1, p2, n1, n2] = pipe(m, [s.p1, s.p2, s.n1, s.n2], edgeRegs, en, `enc_${i}_${q}`) as [Signal, Signal, Signal, Signal];
              return { p1, p2, n1, n2 };
            }),
          )
        : [];
      const aEdge = opt ? [] : pipe(m, as, edgeRegs, en, 'a_edge');
      // OPT2: the digits' hot ones, summed once in the time of the tiles' weight heaps.
      const negs = opt ? pipe(m, negSum(m, edge.map((ds) => ds.map((d) => d.n1.or(d.n2))), p), levelRegisters(p)[1]!, en, 'negs') : undefined;
      for (let j = 0; j < p.n; j++) {
        const ws = bs.map((col, i) => {
          const w = m.reg(`w_${i}_${j}`, t.b, { reset: 0, en: load });
          w.set(col[j]!);
          // A registered edge meets the first beat's row one cycle later, when w already holds it.
          return edgeRegs > 0 ? w : mux(first, col[j]!, w);
        });
        const conn: Record<string, Signal> = { en };
        if (opt) {
          conn.negs_sum = negs![0]!;
          conn.negs_carry = negs![1]!;
          edge.forEach((ds, i) =>
            ds.forEach((d, q) => {
              conn[`p1_${i}_${q}`] = d.p1;
              conn[`p2_${i}_${q}`] = d.p2;
              conn[`n1_${i}_${q}`] = d.n1;
              conn[`n2_${i}_${q}`] = d.n2;
            }),
          );
        } else {
          aEdge.forEach((a, i) => (conn[`a_${i}`] = a));
        }
        ws.forEach((w, i) => (conn[`w_${i}`] = w));
        m.output(`c_${j}`, m.instance(`tile_${j}`, tile, conn).dot!, { doc: `C[i][${j}] of output beat i` });
      }
      m.output('in_ready', en, { protocol: 'ready' });
      m.output('out_valid', valid[p.stages - 1]!, { protocol: 'valid' });
    },
    {
      doc: `TPE multiplier-adder tree ${p.k} lanes x ${p.n} tiles, form ${p.form}, W=${p.W}, accW ${t.acc.width}; transaction: ${p.m} input beats (A row; B on the first), ${p.m} output beats (C row); latency ${p.stages} cycles (registers per level ${levelRegisters(p).join(',')}), one row per cycle`,
      params: { ...p },
    },
  );
}
