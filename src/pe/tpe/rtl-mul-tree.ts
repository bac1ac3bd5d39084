/**
 * Multiplier-adder tree, k lanes × n tiles, weight-stationary (specs/tpe.md §4.4). Tile j holds
 * B[0..k−1][j] and produces one dot product Σ_t A[i][t] · B[t][j] per cycle, pipelined.
 *
 * Transaction (every form): m input beats, beat i = (a_0 … a_{k−1}) = A[i][·] plus the weight
 * ports b_<t>_<j> = B[t][j], which are read on the FIRST beat only (loaded into the tiles' weight
 * registers; the first row already uses them); m output beats, beat i = (c_0 … c_{n−1}) = C[i][·].
 * A plain valid/ready pipeline: every stage advances when the last stage is empty or its result
 * is taken (`in_ready` = that enable), one row per cycle at full throughput. Latency = `stages`
 * cycles; the pipeline registers are spread evenly over the multiplier level and the ceil(log2 k)
 * adder levels (more stages than levels add output registers).
 *
 * Baseline tile: k multipliers, then a binary adder tree over the k products (exact widths, each
 * adder a CPA of kind `edgeCpa`); logic levels: the multipliers, then ceil(log2 k) adder levels.
 *
 * OPT2 (loop interchange of k and j): the activations are EN-T encoded ONCE at the array edge
 * (`recoder`, default EN-T) and the digit signals go to all n tiles. Per tile and digit weight j,
 * each lane selects |d|·b with sign (`recodedPartialProducts`) and the k same-weight partial
 * products form one narrow bit heap of W + 2 + ceil(log2 k) columns, compressed (`tree`,
 * `compress42`) and added by a CPA into the signed bit-weight sum S_j; the D sums are then shifted
 * by 2j and added once per dot product (one more heap, tree and CPA) into the accW-bit result.
 * Logic levels: [per-weight heaps], [per-weight CPAs], [final shift-add].
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { cat } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { addCpa } from '../../lib/arith/cpa.ts';
import { bitHeap } from '../../lib/arith/bit-heap.ts';
import { compressHeap } from '../../lib/arith/compress.ts';
import { recodedPartialProducts } from '../../lib/arith/partial-products.ts';
import { boothRecode, entRecode, type RecodedDigit } from '../../lib/arith/recode.ts';
import { userError } from '../../diag/error.ts';
import { tpeCallerLoc } from './located.ts';
import { ceilLog2, tpeDigits, validateTpeParams, type TpeParams } from './params.ts';
import { checkBuildable, tpeRecoder, tpeTypes, type TpeArrayOptions } from './rtl-common.ts';
import { streamControl } from './rtl-control.ts';

/** Pipeline registers after each of the `levels` logic levels, `stages` in total. */
export function registerPlacement(levels: number, stages: number): number[] {
  return Array.from({ length: levels }, (_, i) => Math.floor(((i + 1) * stages) / levels) - Math.floor((i * stages) / levels));
}

function baseTile(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  const levels = 1 + ceilLog2(p.k);
  const regs = registerPlacement(levels, p.stages);
  return module(
    `tpe_mt_tile_base_k${p.k}_${p.aSigned ? 's' : 'u'}${p.W}${p.bSigned ? 's' : 'u'}${p.W}_acc${t.acc.width}_p${p.stages}`,
    (m) => {
      const as = Array.from({ length: p.k }, (_, i) => m.input(`a_${i}`, t.a));
      const ws = Array.from({ length: p.k }, (_, i) => m.input(`w_${i}`, t.b));
      const en = m.input('en', uint(1));
      const pipe = (vals: Signal[], level: number): Signal[] =>
        vals.map((v, i) => {
          let cur = v;
          for (let r = 0; r < regs[level]!; r++) {
            const q = m.reg(`l${level}_${i}_r${r}`, cur.type, { reset: 0, en });
            q.set(cur);
            cur = q;
          }
          return cur;
        });
      let vals = pipe(as.map((a, i) => a.mul(ws[i]!)), 0);
      for (let level = 1; level < levels; level++) {
        const next: Signal[] = [];
        for (let i = 0; i < vals.length; i += 2) next.push(i + 1 < vals.length ? addCpa(vals[i]!, vals[i + 1]!, { kind: p.edgeCpa }) : vals[i]!);
        vals = pipe(next, level);
      }
      m.output('dot', vals[0]!.resize(t.acc.width));
    },
    { doc: `mul-tree baseline tile: ${p.k} multipliers + adder tree, ${p.stages} pipeline stages` },
  );
}

/** Width of one bit-weight sum S_j = Σ_t d_j · b_t: |d·b| ≤ 2^(W+1) (unsigned b: < 2^(W+1)), times k. */
export function bitWeightSumWidth(p: TpeParams): number {
  return p.W + 2 + ceilLog2(p.k);
}

/** Digit count of the opt form's recoder (Booth and EN-T: W/2, +1 for an unsigned activation). */
function digitCount(p: TpeParams): number {
  return tpeDigits(p);
}

function optTile(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  const D = digitCount(p);
  const S = bitWeightSumWidth(p);
  const regs = registerPlacement(3, p.stages);
  return module(
    `tpe_mt_tile_opt2_k${p.k}_${p.aSigned ? 's' : 'u'}${p.W}${p.bSigned ? 's' : 'u'}${p.W}_acc${t.acc.width}_p${p.stages}_${p.tree}${p.compress42 ? '42' : ''}_${p.signExt}`,
    (m) => {
      const digits: RecodedDigit[][] = Array.from({ length: p.k }, (_, i) =>
        Array.from({ length: D }, (_, j) => {
          const neg = m.input(`neg_${i}_${j}`, uint(1));
          const one = m.input(`one_${i}_${j}`, uint(1));
          const two = m.input(`two_${i}_${j}`, uint(1));
          return { neg, one, two, nz: one.or(two), value: cat(neg, two.or(neg), one).asSigned(), weight: 0 };
        }),
      );
      const ws = Array.from({ length: p.k }, (_, i) => m.input(`w_${i}`, t.b));
      const en = m.input('en', uint(1));
      const pipe = (vals: Signal[], level: number, tag: string): Signal[] =>
        vals.map((v, i) => {
          let cur = v;
          for (let r = 0; r < regs[level]!; r++) {
            const q = m.reg(`${tag}_${i}_r${r}`, cur.type, { reset: 0, en });
            q.set(cur);
            cur = q;
          }
          return cur;
        });
      // Level 0: per digit weight j, the k same-weight partial products in one narrow heap.
      const rows: Signal[] = [];
      for (let j = 0; j < D; j++) {
        const heap = bitHeap(m, S, { signExtension: p.signExt });
        for (let i = 0; i < p.k; i++) recodedPartialProducts(heap, [digits[i]![j]!], ws[i]!);
        const c = compressHeap(heap, { schedule: p.tree, use42: p.compress42 });
        rows.push(c.sum, c.carry);
      }
      const cs = pipe(rows, 0, 'cs');
      // Level 1: one CPA per weight: S_j in binary (exact: |S_j| < 2^(S−1)).
      const sums = pipe(
        Array.from({ length: D }, (_, j) => addCpa(cs[2 * j]!, cs[2 * j + 1]!, { kind: p.edgeCpa }).trunc(S).asSigned()),
        1,
        'sj',
      );
      // Level 2: shift by 2j and add once per dot product.
      const fin = bitHeap(m, t.acc.width, { signExtension: p.signExt });
      sums.forEach((sj, j) => fin.addRow(sj, { shift: 2 * j }));
      const f = compressHeap(fin, { schedule: p.tree, use42: p.compress42 });
      const dot = addCpa(f.sum, f.carry, { kind: p.edgeCpa }).trunc(t.acc.width);
      const out = pipe([t.acc.signed ? dot.asSigned() : dot], 2, 'dot');
      m.output('dot', out[0]!);
    },
    { doc: `mul-tree OPT2 tile: ${p.k} lanes, ${D} bit-weight heaps of ${S} bits, one shift-add, ${p.stages} stages` },
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
      // OPT2: the activations are encoded once at the array edge; every tile gets the digits.
      const rec = tpeRecoder(p);
      const enc = opt ? as.map((a) => (rec === 'booth' ? boothRecode(a) : entRecode(a))) : [];
      for (let j = 0; j < p.n; j++) {
        const ws = bs.map((col, i) => {
          const w = m.reg(`w_${i}_${j}`, t.b, { reset: 0, en: load });
          w.set(col[j]!);
          return mux(first, col[j]!, w);
        });
        const conn: Record<string, Signal> = { en };
        if (opt) {
          enc.forEach((ds, i) =>
            ds.forEach((d, q) => {
              conn[`neg_${i}_${q}`] = d.neg;
              conn[`one_${i}_${q}`] = d.one;
              conn[`two_${i}_${q}`] = d.two;
            }),
          );
        } else {
          as.forEach((a, i) => (conn[`a_${i}`] = a));
        }
        ws.forEach((w, i) => (conn[`w_${i}`] = w));
        m.output(`c_${j}`, m.instance(`tile_${j}`, tile, conn).dot!, { doc: `C[i][${j}] of output beat i` });
      }
      m.output('in_ready', en, { protocol: 'ready' });
      m.output('out_valid', valid[p.stages - 1]!, { protocol: 'valid' });
    },
    {
      doc: `TPE multiplier-adder tree ${p.k} lanes x ${p.n} tiles, form ${p.form}, W=${p.W}, accW ${t.acc.width}; transaction: ${p.m} input beats (A row; B on the first), ${p.m} output beats (C row); latency ${p.stages} cycles, one row per cycle`,
      params: { ...p },
    },
  );
}
