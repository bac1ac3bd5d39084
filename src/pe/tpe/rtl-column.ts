/**
 * 2D-matrix column of n PEs sharing one activation vector (specs/tpe.md §4.5). PE j holds the
 * weights B[·][j] and produces C[0][j] = Σ_t a_t · B[t][j].
 *
 * Transaction (every form): one input beat, (a_0 … a_{k−1}) and the weights b_<t>_<j> = B[t][j];
 * one output beat, (c_0 … c_{n−1}) and `cycles`, the number of clock cycles from the input
 * handshake to the result (the golden model predicts it: `tpeColumnCycles`). One transaction at a
 * time: `in_ready` is high only while the column is idle; the result stays valid until taken.
 *
 * Baseline: the accepted beat is registered (COLUMN_LOAD_CYCLES = 1), then one MAC per cycle for
 * t = 0 … k−1 — activation a_t broadcast to every PE, each PE multiplies by its B[t][j] and adds
 * with a CPA (kind `edgeCpa`) into its accumulator: k + 1 cycles per transaction.
 *
 * OPT3/OPT4 (form opt): the accepted beat is registered with every activation EN-T encoded once
 * at the column edge (D = tpeDigits digits each, sign-magnitude radix 4; the column's shared
 * encoder, OPT4). Then D passes, most significant digit weight first (j = D−1 … 0); in pass j the
 * shared sparse encoder walks the ceil(k/block) blocks of `block` activations and issues the
 * NON-ZERO digits at weight j of the current block, one per cycle (lowest index first), with the
 * activation's index t; a block with no non-zero digit still takes one cycle. PE n selects its
 * weight b = B[t][n] and adds ±b / ±2b (`recodedPartialProducts` of the single
 * digit) into its carry-save accumulator (sum, carry) of S = W + 2 + ceil(log2 k) bits through one
 * 3-row compressor (`tree`, `compress42`, `signExt`): no multiplier, no shifter and no CPA in the
 * PE loop, since every term of a pass has the same weight. One fuse cycle ends each pass: a CPA
 * (kind `edgeCpa`) turns (sum, carry) into the signed pass sum S_j (register s_q) and clears the
 * accumulator; the shift-accumulate `result ← 4·result + S_{j+1}` (Horner order: the shift by 2j
 * becomes a constant shift by 2, an accW-bit CPA) runs in the same fuse cycle on the previous
 * pass's S, and once more in a tail cycle for S_0. Cycles per transaction (golden
 * `tpeColumnCycles`): 1 (load) + Σ_j (Σ_blocks max(1, non-zero digits) + 1 (fuse)) + 1 (tail).
 * Both forms register the whole weight matrix B (k × n) with the beat (PE n holds B[·][n]).
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux, select } from '../../dsl/ops.ts';
import { uint } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import { tpeCallerLoc } from './located.ts';
import { ceilLog2, tpeDigits, validateTpeParams, type TpeParams } from './params.ts';
import { checkBuildable, tpeTypes, type TpeArrayOptions } from './rtl-common.ts';
import { operandTag } from './rtl-mac.ts';
import { addCpa } from '../../lib/arith/cpa.ts';
import { bitHeap } from '../../lib/arith/bit-heap.ts';
import { compressHeap } from '../../lib/arith/compress.ts';
import { recodedPartialProducts } from '../../lib/arith/partial-products.ts';
import { entRecode, type RecodedDigit } from '../../lib/arith/recode.ts';
import { cat } from '../../dsl/ops.ts';
import type { ModuleBuilder } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';

/**
 * Width of the `cycles` port: holds the worst case of either form — baseline 1 + k; opt with every
 * digit non-zero, 1 + D·(k + 1) + 1 (a block's max(1, nz) is then its size; the sizes sum to k).
 */
export function columnCyclesWidth(p: TpeParams): number {
  const worst = 1 + Math.max(p.k, tpeDigits(p) * (p.k + 1) + 1);
  return ceilLog2(worst + 1);
}

export function tpeColumn(params: TpeParams, opts: TpeArrayOptions = {}): ModuleDef {
  const p = validateTpeParams(params, tpeCallerLoc());
  if (p.arch !== 'column') throw userError(`tpeColumn builds arch column, not ${p.arch}`, undefined, tpeCallerLoc());
  checkBuildable(p, true);
  if (p.form === 'opt') return optColumn(p, opts);
  const t = tpeTypes(p);
  const tw = Math.max(1, ceilLog2(p.k));
  const cw = columnCyclesWidth(p);
  return module(
    opts.name ?? `tpe_column_${p.form}`,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const as = Array.from({ length: p.k }, (_, i) => m.input(`a_${i}`, t.a, { doc: `activation a_${i}` }));
      const bs = Array.from({ length: p.k }, (_, i) => Array.from({ length: p.n }, (_, j) => m.input(`b_${i}_${j}`, t.b, { doc: `B[${i}][${j}]` })));
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
      // 0 idle, 1 busy, 2 done.
      const state = m.reg('state', uint(2), { reset: 0 });
      const idle = m.wire('idle', state.eq(0));
      const busy = m.wire('busy', state.eq(1));
      const done = m.wire('done', state.eq(2));
      const take = m.wire('take', idle.and(inValid));
      const idx = m.reg('idx', uint(tw), { reset: 0 });
      const lastMac = m.wire('last_mac', busy.and(idx.eq(p.k - 1)));
      state.set(mux(take, 1, mux(lastMac, 2, mux(done.and(outReady), 0, state))));
      idx.set(mux(take.or(lastMac), 0, mux(busy, idx.add(1).resize(tw), idx)));
      const cycles = m.reg('cycles_q', uint(cw), { reset: 0 });
      cycles.set(mux(take, 1, mux(busy, cycles.add(1).resize(cw), cycles)));
      const aR = as.map((a, i) => {
        const r = m.reg(`a_q${i}`, t.a, { reset: 0, en: take });
        r.set(a);
        return r;
      });
      const aNow = m.wire('a_now', select(idx, aR));
      for (let j = 0; j < p.n; j++) {
        const wR = bs.map((col, i) => {
          const r = m.reg(`w_q${i}_${j}`, t.b, { reset: 0, en: take });
          r.set(col[j]!);
          return r;
        });
        const acc = m.reg(`acc_q${j}`, t.acc, { reset: 0, en: take.or(busy) });
        const wNow = m.wire(`w_now_${j}`, select(idx, wR));
        acc.set(mux(take, 0, addCpa(acc, aNow.mul(wNow), { kind: p.edgeCpa }).resize(t.acc.width)));
        m.output(`c_${j}`, acc, { doc: `C[0][${j}]` });
      }
      m.output('cycles', cycles, { doc: 'clock cycles from the input handshake to this result' });
      m.output('in_ready', idle, { protocol: 'ready' });
      m.output('out_valid', done, { protocol: 'valid' });
    },
    {
      doc: `TPE 2D-matrix column of ${p.n} PEs, k=${p.k}, form baseline, W=${p.W}, accW ${t.acc.width}; transaction: 1 input beat (activations + weights), 1 output beat (C row + cycles); ${p.k + 1} cycles`,
      params: { ...p },
    },
  );
}

/** Width of the opt form's per-pass carry-save accumulator and pass sum S_j: |S_j| ≤ k · 2^W. */
export function columnPassSumWidth(p: TpeParams): number {
  return p.W + 2 + ceilLog2(p.k);
}

const ST_IDLE = 0;
const ST_ISSUE = 1;
const ST_FUSE = 2;
const ST_TAIL = 3;
const ST_DONE = 4;

/**
 * Lowest set bit of `mask` (block bits): its index (uint(iw)), the one-hot pick per position, and
 * the mask without it. An all-zero mask picks nothing (index 0, every pick 0).
 */
function lowestSet(m: ModuleBuilder, mask: Signal, iw: number): { index: Signal; pick: Signal[]; rest: Signal } {
  const bits = Array.from({ length: mask.width }, (_, i) => mask.bit(i));
  const pick: Signal[] = [];
  const rest: Signal[] = [];
  let below: Signal = m.constant(0, uint(1));
  for (const b of bits) {
    pick.push(b.and(below.not()));
    rest.push(b.and(below));
    below = below.or(b);
  }
  let index: Signal = m.constant(0, uint(iw));
  for (let i = bits.length - 1; i >= 0; i--) index = mux(bits[i]!, i, index);
  return { index, pick, rest: cat(...rest.reverse()) };
}

/**
 * OPT3 PE j: holds B[·][j] (registered with the beat); in an issue cycle adds ±b / ±2b of the
 * issued digit (`neg`, `one`, `two`; all 0 = nothing issued) for weight b = B[t_idx][j] into the
 * carry-save accumulator; in a fuse cycle S = sum + carry (CPA) into s_q and the accumulator
 * cleared; in fuse and tail cycles `res ← 4·res + s_q` (Horner). `c` = res, uint(accW).
 */
function optPe(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  const S = columnPassSumWidth(p);
  const accW = t.acc.width;
  const tw = Math.max(1, ceilLog2(p.k));
  return module(
    `tpe_col_pe_opt3_k${p.k}_${operandTag(p)}_${p.tree}${p.compress42 ? '42' : ''}_${p.signExt}_${p.edgeCpa.replace('-', '_')}`,
    (m) => {
      const bs = Array.from({ length: p.k }, (_, i) => m.input(`b_${i}`, t.b, { doc: `B[${i}][j]` }));
      const take = m.input('take', uint(1));
      const issue = m.input('issue', uint(1));
      const fuse = m.input('fuse', uint(1));
      const tail = m.input('tail', uint(1));
      const tIdx = m.input('t_idx', uint(tw + 1), { doc: 'index of the activation whose digit is issued' });
      const neg = m.input('neg', uint(1));
      const one = m.input('one', uint(1));
      const two = m.input('two', uint(1));
      const wR = bs.map((b, i) => {
        const r = m.reg(`w_q${i}`, t.b, { reset: 0, en: take });
        r.set(b);
        return r;
      });
      const w = m.wire('w_now', select(tIdx, wR));
      const digit: RecodedDigit = { neg, one, two, nz: one.or(two), value: cat(neg, two.or(neg), one).asSigned(), weight: 0 };
      // ±b / ±2b of the issued digit into the carry-save accumulator: one 3-row compressor.
      const sum = m.reg('sum_q', uint(S), { reset: 0, en: take.or(issue).or(fuse) });
      const carry = m.reg('carry_q', uint(S), { reset: 0, en: take.or(issue).or(fuse) });
      const heap = bitHeap(m, S, { signExtension: p.signExt });
      heap.addRow(sum);
      heap.addRow(carry);
      recodedPartialProducts(heap, [digit], w);
      const next = compressHeap(heap, { schedule: p.tree, use42: p.compress42 });
      const clear = take.or(fuse);
      sum.set(mux(clear, 0, next.sum));
      carry.set(mux(clear, 0, next.carry));
      // Fuse: S_j in binary; shift-accumulate (Horner) the previous pass's S into the result.
      const sq = m.reg('s_q', uint(S), { reset: 0, en: take.or(fuse) });
      sq.set(mux(take, 0, addCpa(sum, carry, { kind: p.edgeCpa }).trunc(S)));
      const res = m.reg('res_q', uint(accW), { reset: 0, en: take.or(fuse).or(tail) });
      const shifted = res.shl(2).trunc(accW);
      const addend = sq.asSigned().ext(accW).asUnsigned();
      res.set(mux(take, 0, addCpa(shifted, addend, { kind: p.edgeCpa }).trunc(accW)));
      m.output('c', res);
    },
    { doc: `column OPT3 PE: ${p.k} weights, carry-save accumulator of ${S} bits, fuse-shift-accumulate into ${accW} bits` },
  );
}

/** EN-T encoder of one activation: digit q as (neg, one, two) at bits 3q+2 … 3q of `d`. */
function entEncoder(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  return module(
    `tpe_col_ent_${p.aSigned ? 's' : 'u'}${p.W}`,
    (m) => {
      const a = m.input('a', t.a);
      m.output('d', cat(...entRecode(a).reverse().flatMap((d) => [d.neg, d.one, d.two])));
    },
    { doc: `EN-T encoder of a ${p.aSigned ? 'signed' : 'unsigned'} ${p.W}-bit activation: ${tpeDigits(p)} digits (neg, one, two), digit 0 lowest` },
  );
}

function optColumn(p: TpeParams, opts: TpeArrayOptions): ModuleDef {
  const t = tpeTypes(p);
  const D = tpeDigits(p);
  const S = columnPassSumWidth(p);
  const accW = t.acc.width;
  const nb = Math.ceil(p.k / p.block);
  const tw = Math.max(1, ceilLog2(p.k));
  const bw = Math.max(1, ceilLog2(nb));
  const jw = Math.max(1, ceilLog2(D));
  const iw = Math.max(1, ceilLog2(p.block));
  const cw = columnCyclesWidth(p);
  return module(
    opts.name ?? `tpe_column_opt`,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const as = Array.from({ length: p.k }, (_, i) => m.input(`a_${i}`, t.a, { doc: `activation a_${i}` }));
      const bs = Array.from({ length: p.k }, (_, i) => Array.from({ length: p.n }, (_, j) => m.input(`b_${i}_${j}`, t.b, { doc: `B[${i}][${j}]` })));
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
      const state = m.reg('state', uint(3), { reset: ST_IDLE });
      const idle = m.wire('idle', state.eq(ST_IDLE));
      const issue = m.wire('issue', state.eq(ST_ISSUE));
      const fuse = m.wire('fuse', state.eq(ST_FUSE));
      const tail = m.wire('tail', state.eq(ST_TAIL));
      const done = m.wire('done', state.eq(ST_DONE));
      const take = m.wire('take', idle.and(inValid));
      // The shared EN-T encoder (OPT4): every activation encoded once, at the column edge; digit q
      // of activation i is the field (neg, one, two) at bits 3q+2 … 3q of register dig_q<i>.
      const enc = entEncoder(p);
      const digits = as.map((a, i) => {
        const r = m.reg(`dig_q${i}`, uint(3 * D), { reset: 0, en: take });
        r.set(m.instance(`enc_${i}`, enc, { a }).d!);
        return r;
      });
      const zero3 = m.constant(0, uint(3));
      // Sparse issue: pass jq (D−1 down to 0), block bq, the block's pending non-zero digits.
      const jq = m.reg('pass_q', uint(jw), { reset: 0 });
      const bq = m.reg('block_q', uint(bw), { reset: 0 });
      const base = m.reg('base_q', uint(tw + 1), { reset: 0 });
      const fresh = m.reg('fresh_q', uint(1), { reset: 0 });
      const pend = m.reg('pend_q', uint(p.block), { reset: 0 });
      // The current (pass, block) word: the block's digits at weight jq, position i at bits 3i+2 … 3i.
      const word = (b: number, q: number): Signal =>
        cat(...Array.from({ length: p.block }, (_, i) => (b * p.block + i < p.k ? digits[b * p.block + i]!.slice(3 * q + 2, 3 * q) : zero3)).reverse());
      const cur = m.wire('cur', select(jq, Array.from({ length: D }, (_, q) => select(bq, Array.from({ length: nb }, (_, b) => word(b, q))))));
      const pos = Array.from({ length: p.block }, (_, i) => ({ neg: cur.bit(3 * i + 2), one: cur.bit(3 * i + 1), two: cur.bit(3 * i) }));
      const flags = m.wire('flags', cat(...pos.map((d) => d.one.or(d.two)).reverse()));
      const mask = m.wire('mask', mux(fresh, flags, pend));
      const low = lowestSet(m, mask, iw);
      const rest = m.wire('rest', low.rest);
      const blockDone = m.wire('block_done', rest.eq(0));
      const lastBlock = m.wire('last_block', bq.eq(nb - 1));
      const lastPass = m.wire('last_pass', jq.eq(0));
      const passEnd = m.wire('pass_end', issue.and(blockDone).and(lastBlock));
      const tIdx = m.wire('t_idx', base.add(low.index).trunc(tw + 1));
      // The issued digit: the picked position's digit (all zero when nothing is picked).
      const field = (f: 'neg' | 'one' | 'two'): Signal => m.wire(`issue_${f}`, low.pick.map((pk, i) => pk.and(pos[i]![f])).reduce((x, y) => x.or(y)));
      const neg = field('neg');
      const one = field('one');
      const two = field('two');
      state.set(
        mux(take, ST_ISSUE, mux(passEnd, ST_FUSE, mux(fuse, mux(lastPass, ST_TAIL, ST_ISSUE), mux(tail, ST_DONE, mux(done.and(outReady), ST_IDLE, state))))),
      );
      jq.set(mux(take, D - 1, mux(fuse.and(lastPass.not()), jq.sub(1).trunc(jw).asUnsigned(), jq)));
      const nextBlock = m.wire('next_block', issue.and(blockDone));
      bq.set(mux(take.or(passEnd), 0, mux(nextBlock, bq.add(1).resize(bw), bq)));
      base.set(mux(take.or(passEnd), 0, mux(nextBlock, base.add(p.block).resize(tw + 1), base)));
      fresh.set(mux(take.or(fuse).or(nextBlock), 1, mux(issue, 0, fresh)));
      pend.set(mux(issue, rest, pend));
      const cycles = m.reg('cycles_q', uint(cw), { reset: 0 });
      cycles.set(mux(take, 1, mux(issue.or(fuse).or(tail), cycles.add(1).resize(cw), cycles)));
      const pe = optPe(p);
      for (let j = 0; j < p.n; j++) {
        const conn: Record<string, Signal> = { take, issue, fuse, tail, t_idx: tIdx, neg, one, two };
        bs.forEach((col, i) => (conn[`b_${i}`] = col[j]!));
        const c = m.instance(`pe_${j}`, pe, conn).c!;
        m.output(`c_${j}`, t.acc.signed ? c.asSigned() : c, { doc: `C[0][${j}]` });
      }
      m.output('cycles', cycles, { doc: 'clock cycles from the input handshake to this result' });
      m.output('in_ready', idle, { protocol: 'ready' });
      m.output('out_valid', done, { protocol: 'valid' });
    },
    {
      doc: `TPE 2D-matrix column of ${p.n} PEs, k=${p.k}, form opt (OPT3 sparse bit-serial PEs on EN-T digits, OPT4 shared encoder), block ${p.block}, W=${p.W}, accW ${accW}, pass sums ${S} bits; transaction: 1 input beat (activations + weights), 1 output beat (C row + cycles); cycles 1 + sum over ${D} passes of (sum over ${nb} blocks of max(1, non-zero digits) + 1) + 1, from ${2 + D * (nb + 1)} (all zero) to ${2 + D * (p.k + 1)} (dense)`,
      params: { ...p },
    },
  );
}
