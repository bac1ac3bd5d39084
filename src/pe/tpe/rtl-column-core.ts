/**
 * The compute core of the 2D-matrix column (specs/tpe.md §4.5): the n PEs and, in the opt form, the
 * shared sparse encoder — the same boundary as the published column (`top_pe_column`: sparse
 * encoder + PEs, operands read from buffers outside it), plus what the published RTL leaves to its
 * testbench (the fuse-shift-accumulate) and the sequencer that walks the operands. The transaction
 * buffers and the valid/ready boundary are the shell's (`rtl-column.ts`).
 *
 * Read ports (the shell's buffers answer combinationally from registered addresses, like a
 * register file): `row` is the index t of the weight row B[t][·] the core reads on `w_row_<j>`
 * (and, baseline only, the activation a_t on `a_row`); the opt core also reads the EN-T digits of
 * one block at one digit weight on `word` (position i of the block at bits 3i+2 … 3i as
 * (neg, one, two)), addressed by `pass` (digit weight j) and `blk` (block index).
 * `start` (one cycle, the shell's input handshake) begins a transaction; `done` is high in the
 * cycle whose clock edge writes the final results, which then stay on `c_<j>` until the next start.
 *
 * Baseline (N MAC PEs, broadcast activation, CPA every cycle, one MAC per cycle): the sequencer
 * walks t = 0 … k−1, one row per cycle; each PE registers (a_t, B[t][j], first) and then
 * `acc ← (first ? 0 : acc) + a·b` (multiplier + CPA of kind `edgeCpa`). When idle the registered
 * activation is 0, so the accumulator holds. Rows are read in cycles 1 … k after start and the last
 * MAC is written in cycle k + 1 (`done`).
 *
 * Opt (OPT3 PEs, OPT4 shared encoder): passes j = D−1 … 0 (most significant digit weight first, the
 * spec's outer loop); in each pass the encoder walks the ceil(k/block) blocks and issues the
 * block's NON-ZERO digits at weight j, one per cycle, lowest position first (an all-zero block
 * still takes one cycle, issuing nothing); I = Σ_j Σ_blocks max(1, non-zero digits) issue cycles.
 * An issue is registered once at the core (row index, digit, clear/shift flags), the PE registers
 * its weight B[t][j] read at that row with a copy of the flags, and then adds ±b / ±2b (one EN-T
 * digit's partial product, hot-one negation) into its carry-save accumulator (sum, carry) of accW
 * bits through one 3-row compressor (`tree`, `compress42`, `signExt`): no multiplier, no variable
 * shifter, no CPA in the loop — every term of a pass has the same weight. The shift by 2j of the
 * fuse-shift-accumulate is done in Horner order inside the accumulator: the first cycle of each
 * pass after the first takes 4·(sum, carry) instead of (sum, carry) (a constant 2-bit shift), the
 * first cycle of a transaction takes 0; after the last pass one fuse cycle turns (sum, carry) into
 * the binary result with one CPA (kind `edgeCpa`): sum ← sum + carry, carry ← 0 (repeated while the
 * result is held, so it stays in binary on `c`). Issue cycles
 * 1 … I after start, last accumulation in cycle I + 2, fuse in cycle I + 3 (`done`).
 *
 * Boundary (`opts.boundary`, opt form only): `full` (default) is the above. `published` ends the
 * core where the published column RTL ends (its PEs export raw carry-save pairs and its testbench
 * does the fuse-shift-accumulate): the same sequencer, sparse encoder, issue registers and PE
 * select/compress logic, but no Horner shift and no fuse. Each PE clears its accumulator on the
 * first issue of EVERY pass (not only of the transaction), accumulates that pass's digits and
 * exports the pair on `s_<j>` / `k_<j>` (accW bits each, unsigned): after pass j,
 * s_<j> + k_<j> ≡ Σ_t d_{t,j} · B[t][j'] (mod 2^accW), the partial that the full core's Horner
 * accumulator folds in as 4·(sum, carry) + pass j, so Σ_j 4^j (s + k) over the passes is what the
 * full core feeds its fuse (≡ C[0][j'] mod 2^accW). `part_done` is high in the cycle whose clock
 * edge writes a pass's last accumulation (passes D−1 … 0 in order); the pair is then valid for
 * exactly one cycle, the next (the following pass's clear lands one edge later); `done` is the
 * last pass's `part_done`. A measurement boundary for the published figure (tpe.md §5), not a
 * usable array: the shell (`tpeColumn`) always uses the full core.
 */
import { module, type ModuleBuilder, type ModuleDef } from '../../dsl/module-builder.ts';
import { cat, mux, repl } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { addCpa } from '../../lib/arith/cpa.ts';
import { bitHeap } from '../../lib/arith/bit-heap.ts';
import { compressHeap } from '../../lib/arith/compress.ts';
import { userError } from '../../diag/error.ts';
import { tpeCallerLoc } from './located.ts';
import { ceilLog2, tpeDigits, type TpeParams } from './params.ts';
import { tpeTypes } from './rtl-common.ts';
import { cpaMac, operandTag } from './rtl-mac.ts';

/** Widest chunk of the opt PE's fuse CPA: the fuse takes ceil(accW / this) cycles. */
export const COLUMN_FUSE_CHUNK_BITS = 8;

/**
 * Bit ranges [lo, hi] of the fuse chunks, least significant first: F = ceil(accW / 8) chunks of
 * len = ceil(accW / F) ≤ 8 bits (the last one shorter). None is empty: (F − 1)·len < (accW / 8)·8.
 */
export function columnFuseChunks(p: TpeParams): [number, number][] {
  const accW = tpeTypes(p).acc.width;
  const F = Math.ceil(accW / COLUMN_FUSE_CHUNK_BITS);
  const len = Math.ceil(accW / F);
  return Array.from({ length: F }, (_, c) => [c * len, Math.min(accW, (c + 1) * len) - 1] as [number, number]);
}

/** Cycles from the core's start to its `done` cycle beyond the issue/MAC cycles: baseline 1, opt 2 + F. */
export const COLUMN_CORE_BASELINE_PIPE = 1;
export function columnCoreOptPipe(p: TpeParams): number {
  return 2 + columnFuseChunks(p).length;
}

/** Bits of the core's row index (`row`), pass and block addresses. */
export function columnCoreWidths(p: TpeParams): { row: number; pass: number; blk: number } {
  const nb = Math.ceil(p.k / p.block);
  return { row: Math.max(1, ceilLog2(p.k)), pass: Math.max(1, ceilLog2(tpeDigits(p))), blk: Math.max(1, ceilLog2(nb)) };
}

/**
 * Where the opt core ends (module doc above): `full` (PEs + encoder + sequencer + the
 * fuse-shift-accumulate, the core of `tpeColumn`) or `published` (per-pass carry-save pairs out, no
 * Horner shift, no fuse: the published column RTL's boundary, for like-for-like measurement).
 */
export type TpeColumnBoundary = 'full' | 'published';

/** The column core of a form (ports above); `opts.name` overrides the module name. */
export function tpeColumnCore(p: TpeParams, opts: { name?: string; boundary?: TpeColumnBoundary } = {}): ModuleDef {
  const boundary = opts.boundary ?? 'full';
  if (boundary !== 'full' && boundary !== 'published') {
    throw userError(`tpeColumnCore: boundary '${String(boundary)}' is not one of full, published`, "use boundary: 'full' (default) or 'published'", tpeCallerLoc());
  }
  if (boundary === 'published' && p.form !== 'opt') {
    throw userError(`tpeColumnCore: boundary 'published' needs form opt, not ${p.form}`, 'the published column RTL has no baseline (tpe.md §6); the baseline core has one boundary', tpeCallerLoc());
  }
  return p.form === 'opt' ? optCore(p, opts.name, boundary) : baselineCore(p, opts.name);
}

function baselinePe(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  return module(
    `tpe_col_pe_mac_${operandTag(p)}_${p.edgeCpa.replace('-', '_')}`,
    (m) => {
      const a = m.input('a', t.a, { doc: 'activation a_t (0 when no MAC is issued)' });
      const b = m.input('b', t.b, { doc: 'weight B[t][j]' });
      const first = m.input('first', uint(1), { doc: 'first MAC of a transaction: the accumulator restarts from 0' });
      const aq = m.reg('a_q', t.a);
      const bq = m.reg('b_q', t.b);
      const fq = m.reg('first_q', uint(1), { reset: 0 });
      aq.set(a);
      bq.set(b);
      fq.set(first);
      const acc = m.reg('acc_q', t.acc);
      acc.set(cpaMac(m, mux(fq, m.constant(0, t.acc), acc), aq, bq, p));
      m.output('c', acc);
    },
    { doc: `column baseline PE: registered (a, b), acc ← acc + a·b through a multiplier and a CPA, ${t.acc.width} bits` },
  );
}

function baselineCore(p: TpeParams, name?: string): ModuleDef {
  const t = tpeTypes(p);
  const w = columnCoreWidths(p);
  return module(
    name ?? `tpe_col_core_baseline_k${p.k}_n${p.n}_${operandTag(p)}`,
    (m) => {
      const start = m.input('start', uint(1));
      const aRow = m.input('a_row', t.a, { doc: 'a_t at the row index `row`' });
      const wRow = Array.from({ length: p.n }, (_, j) => m.input(`w_row_${j}`, t.b, { doc: `B[row][${j}]` }));
      const run = m.reg('run_q', uint(1), { reset: 0 });
      const row = m.reg('row_q', uint(w.row), { reset: 0 });
      const last = m.wire('last', run.and(row.eq(p.k - 1)));
      run.set(mux(start, 1, mux(last, 0, run)));
      row.set(mux(start, 0, mux(run, row.add(1).resize(w.row), row)));
      const lastQ = m.reg('last_q', uint(1), { reset: 0 });
      lastQ.set(last);
      const first = m.wire('first', run.and(row.eq(0)));
      const a = m.wire('a_issue', mux(run, aRow, m.constant(0, t.a)));
      const pe = baselinePe(p);
      for (let j = 0; j < p.n; j++) {
        m.output(`c_${j}`, m.instance(`pe_${j}`, pe, { a, b: wRow[j]!, first }).c!, { doc: `C[0][${j}]` });
      }
      m.output('row', row);
      m.output('done', lastQ, { doc: 'the last MAC is written at this clock edge' });
    },
    { doc: `column baseline core: ${p.n} MAC PEs, one activation per cycle, k=${p.k}` },
  );
}

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
  // The picked position in binary: bit q is the OR of the one-hot picks whose position has bit q.
  const zero = m.constant(0, uint(1));
  const indexBits = Array.from({ length: iw }, (_, q) => pick.filter((_, i) => (i >> q) & 1).reduce((x: Signal, y) => x.or(y), zero));
  return { index: cat(...indexBits.reverse()), pick, rest: cat(...rest.reverse()) };
}

/**
 * OPT3 PE: registers the issued digit's partial product ±b / ±2b of its weight (read at the issued
 * row; 0 when nothing is issued) and a copy of the clear, shift and fuse flags; then
 * (sum, carry) ← base + term with
 * base = 0 (clear), 4·(sum, carry) (shift) or (sum, carry); fuse (held while idle): sum ← sum + carry
 * (CPA), carry ← 0. Boundary `published`: only the clear flag (base = 0 or (sum, carry)), no fuse;
 * the pair is the output.
 */
function optPe(p: TpeParams, boundary: TpeColumnBoundary): ModuleDef {
  const t = tpeTypes(p);
  const accW = t.acc.width;
  const full = boundary === 'full';
  return module(
    `tpe_col_pe_opt3_${full ? '' : 'pub_'}${operandTag(p)}_${p.tree}${p.compress42 ? '42' : ''}_${p.signExt}${full ? `_${p.edgeCpa.replace('-', '_')}` : ''}`,
    (m) => {
      const b = m.input('b', t.b, { doc: 'weight B[t][j] at the issued row' });
      const [neg, one, two] = (['neg', 'one', 'two'] as const).map((nm) => m.input(nm, uint(1), { doc: `issued EN-T digit: ${nm}` }));
      const ins = full ? (['clr', 'shf', 'fuse'] as const) : (['clr'] as const);
      const q = Object.fromEntries(
        ins.map((nm) => {
          const r = m.reg(`${nm}_q`, uint(1), { reset: 0 });
          r.set(m.input(nm, uint(1)));
          return [nm, r];
        }),
      ) as unknown as Record<'clr' | 'shf' | 'fuse', Signal>;
      // The issued digit's partial product, selected as the weight arrives and registered: |d|·b as
      // (one & b_i) | (two & b_{i−1}) (W + 1 bits, extended to W + 2 by b's signedness), inverted when
      // negative; the hot one that completes the negation is registered beside it (hot_q).
      const zero = m.constant(0, uint(1));
      const bit = (i: number): Signal => (i < 0 ? zero : i < p.W ? b.bit(i) : p.bSigned ? b.msb() : zero);
      const magBits = Array.from({ length: p.W + 2 }, (_, i) => one.and(bit(i)).or(two.and(bit(i - 1))).xor(neg));
      const term = m.reg('term_q', uint(p.W + 2));
      term.set(cat(...magBits.reverse()));
      const hot = m.reg('hot_q', uint(1), { reset: 0 });
      hot.set(neg);
      const sum = m.reg('sum_q', uint(accW));
      const carry = m.reg('carry_q', uint(accW));
      // base: 0 on the first cycle of a transaction, 4·acc on the first cycle of a later pass
      // (published boundary: 0 on the first cycle of every pass, no shift).
      const keep = m.wire('keep', full ? q.clr.or(q.shf).not() : q.clr.not());
      const base = (x: Signal): Signal =>
        full ? cat(x.slice(accW - 3, 0), m.constant(0, uint(2))).and(repl(q.shf, accW)).or(x.and(repl(keep, accW))) : x.and(repl(keep, accW));
      const heap = bitHeap(m, accW, { signExtension: p.signExt });
      heap.addRow(m.wire('base_sum', base(sum)));
      heap.addRow(m.wire('base_carry', base(carry)));
      heap.addRow(term.asSigned());
      heap.addBit(0, hot);
      const next = compressHeap(heap, { schedule: p.tree, use42: p.compress42 });
      if (!full) {
        sum.set(next.sum);
        carry.set(next.carry);
        m.output('s', sum, { doc: 'carry-save sum row of the pass accumulated so far' });
        m.output('k', carry, { doc: 'carry-save carry row: s + k ≡ the pass partial (mod 2^accW)' });
        return;
      }
      // Fuse in F chunks of at most COLUMN_FUSE_CHUNK_BITS bits: each fuse cycle every chunk adds its
      // carry-row bits and the carry out of the chunk below from the previous cycle (register
      // cin_q<c>); the carry row then is 0, and after F cycles every carry has rippled through.
      // `fuse` stays high from the first fuse cycle until the next transaction's first term, so the
      // held result keeps rewriting sum ← sum + 0 + 0 (an idle compressor pass would keep the value
      // but could move bits between sum and carry).
      const chunks = columnFuseChunks(p);
      const fusedParts: Signal[] = [];
      let cin: Signal | undefined;
      chunks.forEach(([lo, hi], c) => {
        const add = addCpa(sum.slice(hi, lo), carry.slice(hi, lo), { kind: p.edgeCpa, cin });
        fusedParts.push(add.trunc(hi - lo + 1));
        if (c < chunks.length - 1) {
          const r = m.reg(`cin_q${c + 1}`, uint(1), { reset: 0 });
          r.set(add.bit(hi - lo + 1).and(q.fuse));
          cin = r;
        }
      });
      const fused = m.wire('fused', cat(...fusedParts.reverse()));
      sum.set(mux(q.fuse, fused, next.sum));
      carry.set(mux(q.fuse, 0, next.carry));
      m.output('c', t.acc.signed ? sum.asSigned() : sum);
    },
    {
      doc: full
        ? `column OPT3 PE: carry-save accumulator of ${accW} bits, ±b/±2b per issued digit, Horner shift per pass, fuse CPA in ${columnFuseChunks(p).length} chunks`
        : `column OPT3 PE at the published boundary: carry-save accumulator of ${accW} bits cleared per pass, ±b/±2b per issued digit, (sum, carry) out`,
    },
  );
}

function optCore(p: TpeParams, name: string | undefined, boundary: TpeColumnBoundary): ModuleDef {
  const full = boundary === 'full';
  const t = tpeTypes(p);
  const D = tpeDigits(p);
  const nb = Math.ceil(p.k / p.block);
  const w = columnCoreWidths(p);
  const iw = Math.max(1, ceilLog2(p.block));
  return module(
    name ?? `tpe_col_core_opt${full ? '' : '_pub'}_k${p.k}_n${p.n}_b${p.block}_${operandTag(p)}`,
    (m) => {
      const start = m.input('start', uint(1));
      const word = m.input('word', uint(3 * p.block), { doc: 'EN-T digits at weight `pass` of block `blk`: position i at bits 3i+2 … 3i (neg, one, two)' });
      const wRow = Array.from({ length: p.n }, (_, j) => m.input(`w_row_${j}`, t.b, { doc: `B[row][${j}]` }));
      const run = m.reg('run_q', uint(1), { reset: 0 });
      const first = m.reg('first_q', uint(1), { reset: 0 });
      const jq = m.reg('pass_q', uint(w.pass), { reset: 0 });
      const bq = m.reg('blk_q', uint(w.blk), { reset: 0 });
      // Row of the block's first activation (only for a block size that is not a power of two).
      const pow2 = (p.block & (p.block - 1)) === 0;
      const base = pow2 ? null : m.reg('base_q', uint(w.row + 1), { reset: 0 });
      const fresh = m.reg('fresh_q', uint(1), { reset: 0 });
      const pend = m.reg('pend_q', uint(p.block), { reset: 0 });
      // The sparse encoder: pick the lowest pending non-zero position of the current block word.
      const pos = Array.from({ length: p.block }, (_, i) => ({ neg: word.bit(3 * i + 2), one: word.bit(3 * i + 1), two: word.bit(3 * i) }));
      const flags = m.wire('flags', cat(...pos.map((d) => d.one.or(d.two)).reverse()));
      const mask = m.wire('mask', mux(fresh, flags, pend));
      const low = lowestSet(m, mask, iw);
      const rest = m.wire('rest', low.rest);
      const blockDone = m.wire('block_done', run.and(rest.eq(0)));
      const lastBlock = m.wire('last_block', bq.eq(nb - 1));
      const lastPass = m.wire('last_pass', jq.eq(0));
      const passEnd = m.wire('pass_end', blockDone.and(lastBlock));
      const last = m.wire('last', passEnd.and(lastPass));
      run.set(mux(start, 1, mux(last, 0, run)));
      first.set(mux(start, 1, mux(run, 0, first)));
      jq.set(mux(start, D - 1, mux(passEnd.and(lastPass.not()), jq.sub(1).trunc(w.pass).asUnsigned(), jq)));
      bq.set(mux(start.or(passEnd), 0, mux(blockDone, bq.add(1).resize(w.blk), bq)));
      base?.set(mux(start.or(passEnd), 0, mux(blockDone, base.add(p.block).resize(w.row + 1), base)));
      fresh.set(mux(start.or(blockDone), 1, mux(run, 0, fresh)));
      pend.set(mux(run, rest, pend));
      // The issue, registered once here (stage 1), then copied into every PE with its weight.
      const field = (f: 'neg' | 'one' | 'two'): Signal => low.pick.map((pk, i) => pk.and(pos[i]![f])).reduce((x, y) => x.or(y));
      const stage1 = (nm: string, v: Signal, width = 1): Signal => {
        const r = m.reg(nm, uint(width), { reset: 0 });
        r.set(v);
        return r;
      };
      // Row index: block base + position (a concatenation when the block size is a power of two).
      const rowNext = base ? base.add(low.index).trunc(w.row) : p.block === 1 ? bq.resize(w.row) : cat(bq, low.index).resize(w.row);
      const row = stage1('row_q', rowNext, w.row);
      const neg = stage1('neg_q', run.and(field('neg')));
      const one = stage1('one_q', run.and(field('one')));
      const two = stage1('two_q', run.and(field('two')));
      if (!full) {
        // Published boundary: clear on the first issue of every pass; part_done two stages after
        // the pass's last issue (the edge that writes its last accumulation).
        const clrP = stage1('clr_q', run.and(fresh).and(bq.eq(0)));
        const partDone = stage1('part_done_q', stage1('pass_end_q', passEnd));
        const doneP = stage1('done_q', stage1('last1_q', last));
        const pe = optPe(p, boundary);
        for (let j = 0; j < p.n; j++) {
          const o = m.instance(`pe_${j}`, pe, { b: wRow[j]!, neg, one, two, clr: clrP });
          m.output(`s_${j}`, o.s!, { doc: `PE ${j}: carry-save sum row of the current pass` });
          m.output(`k_${j}`, o.k!, { doc: `PE ${j}: carry-save carry row of the current pass` });
        }
        m.output('row', row);
        m.output('pass', jq);
        m.output('blk', bq);
        m.output('part_done', partDone, { doc: "a pass's last accumulation is written at this clock edge; (s, k) hold it for the next cycle" });
        m.output('done', doneP, { doc: "the last pass's part_done" });
        return;
      }
      const clr = stage1('clr_q', run.and(first));
      const shf = stage1('shf_q', run.and(fresh).and(bq.eq(0)).and(first.not()));
      const last1 = stage1('last1_q', last);
      // PE fuse flag: from the cycle after the last issue's accumulation until the next issue.
      const fuse = m.reg('fuse_q', uint(1), { reset: 0 });
      fuse.set(mux(last1, 1, mux(run, 0, fuse)));
      // done: the last fuse cycle, F − 1 cycles after the first.
      let done = stage1('done_q0', last1);
      for (let i = 1; i < columnFuseChunks(p).length; i++) done = stage1(`done_q${i}`, done);
      done = stage1('done_q', done);
      const pe = optPe(p, boundary);
      for (let j = 0; j < p.n; j++) {
        const c = m.instance(`pe_${j}`, pe, { b: wRow[j]!, neg, one, two, clr, shf, fuse }).c!;
        m.output(`c_${j}`, c, { doc: `C[0][${j}]` });
      }
      m.output('row', row);
      m.output('pass', jq);
      m.output('blk', bq);
      m.output('done', done, { doc: 'the fused results are written at this clock edge' });
    },
    {
      doc: full
        ? `column OPT3/OPT4 core: shared sparse EN-T encoder, ${p.n} carry-save PEs, k=${p.k}, block ${p.block}, ${D} passes`
        : `column OPT3/OPT4 core at the published boundary: shared sparse EN-T encoder, ${p.n} carry-save PEs cleared per pass, (sum, carry) out per pass, no fuse-shift-accumulate, k=${p.k}, block ${p.block}, ${D} passes`,
    },
  );
}
