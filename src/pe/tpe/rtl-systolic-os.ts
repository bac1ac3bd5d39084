/**
 * Output-stationary systolic array, m × n PEs (specs/tpe.md §4.1). PE (r, c) owns C[r][c].
 *
 * Transaction (same for every form): `k` input beats, beat t = (a_0 … a_{m−1}) = A[·][t] and
 * (b_0 … b_{n−1}) = B[t][·]; then `n` output beats, beat i = (c_0 … c_{m−1}) = C[·][n−1−i] — the
 * results shift out east, the east-most column first. Valid/ready on both sides
 * (`phaseControl`): in_ready is high while the k beats are taken, the array then flushes
 * m + n − 2 steps, and drains n beats. Row r of A enters r steps late (a delay line), column c of
 * B c steps late; operands hop east / south one PE per step, zeros enter the north edge outside
 * the fed steps (B only, see below), so PE (r, c) multiplies A[r][t] · B[t][c] at step t + r + c. Latency: first output beat valid
 * k + m + n − 2 cycles after the first input beat (no bubbles); one transaction at a time.
 *
 * Module boundaries are registered on one side (the per-module delay is the flat one,
 * docs/synth.md): the controller's `in_ready` / `out_valid` are flip-flops and serve as the feed
 * and drain selects; `step`, `en` and `en_edge` (combinational from the handshake) are only
 * register enables; PE operands are register outputs or top inputs (at the corner PE (0, 0),
 * which passes a separately zeroed copy of `b_0` south; see `peInputs`). Same in both forms.
 *
 * Baseline PE: `acc ← acc + a·b`, the product from a multiplier and a carry-propagate adder of
 * kind `edgeCpa` in the loop. While draining, `acc ← acc_west` (0 at column 0).
 *
 * OPT1 PE: the radix-4 partial products of `a·b` (Booth, or EN-T with `recoder: 'ent'`) and the
 * two accumulator rows (acc_sum, acc_carry) form one bit heap of accW columns (sign extension
 * `signExt`), reduced by one compressor tree (`tree`, `compress42`) to the next (sum, carry): the
 * accumulator stays in carry-save form (2 × accW flip-flops), no CPA in the loop. While draining,
 * both rows shift east; one CPA per row (kind `edgeCpa`) at the east edge gives C in binary.
 */
import { module, type ModuleBuilder, type ModuleDef } from '../../dsl/module-builder.ts';
import { mux } from '../../dsl/ops.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import { delayLine } from '../../lib/array/delay-line.ts';
import { tpeCallerLoc } from './located.ts';
import { validateTpeParams, type TpeParams } from './params.ts';
import { checkBuildable, tpeRecoder, tpeTypes, type TpeArrayOptions } from './rtl-common.ts';
import { phaseControl } from './rtl-control.ts';
import { carrySaveMac, cpaMac, edgeCpa, operandTag, optTag } from './rtl-mac.ts';

/**
 * The ports every OS PE shares: operands in (register outputs of the west / north neighbour or
 * the edge skew, or top inputs at the corner), `b_pass` (what the PE passes south: `b_in` itself
 * except at the corner), `step` (operand hop enable), `en` (accumulator enable: step or drain
 * shift) and `drain` (the controller's registered `out_valid`: shift the west neighbour's
 * accumulator in instead of accumulating). `step` / `en` are used only as register enables,
 * `drain` is a register output: no combinational path crosses the PE boundary from the
 * controller. The corner PE (0, 0) takes its operands straight from the top inputs `a_0` / `b_0`
 * (no skew register), so nothing zeroes them in FLUSH: the top connects its `en` to the
 * controller's `en_edge` (take or drain shift, no flush steps), so it accumulates only the fed
 * beats, and its `b_pass` to the feed multiplexer (zeros south outside LOAD), which reaches only
 * the `b_q` register. One PE module serves every position; its multiplier reads `b_in`.
 */
function peInputs(m: ModuleBuilder, p: TpeParams) {
  const t = tpeTypes(p);
  const aIn = m.input('a_in', t.a);
  const bIn = m.input('b_in', t.b, { doc: 'multiplier operand' });
  const bPass = m.input('b_pass', t.b, { doc: 'operand passed south (b_in, zeroed outside LOAD at the corner)' });
  const step = m.input('step', uint(1));
  const en = m.input('en', uint(1));
  const drain = m.input('drain', uint(1));
  const aR = m.reg('a_q', t.a, { reset: 0, en: step });
  const bR = m.reg('b_q', t.b, { reset: 0, en: step });
  aR.set(aIn);
  bR.set(bPass);
  return { aIn, bIn, en, drain, aR, bR };
}

function basePe(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  return module(
    `tpe_os_pe_base_${operandTag(p)}`,
    (m) => {
      const { aIn, bIn, en, drain, aR, bR } = peInputs(m, p);
      const accW = m.input('acc_w', t.acc, { doc: 'west neighbour accumulator (drain shift)' });
      const acc = m.reg('acc_q', t.acc, { reset: 0, en });
      const mac = cpaMac(m, acc, aIn, bIn, p);
      acc.set(mux(drain, accW, mac));
      m.output('a_out', aR);
      m.output('b_out', bR);
      m.output('acc', acc);
    },
    { doc: 'OS baseline PE: multiplier + CPA accumulator' },
  );
}

function optPe(p: TpeParams): ModuleDef {
  const t = tpeTypes(p);
  const W = t.acc.width;
  const rec = tpeRecoder(p);
  return module(
    `tpe_os_pe_opt1_${optTag(p)}`,
    (m) => {
      const { aIn, bIn, en, drain, aR, bR } = peInputs(m, p);
      const sumW = m.input('sum_w', uint(W), { doc: 'west neighbour carry-save sum (drain shift)' });
      const carryW = m.input('carry_w', uint(W), { doc: 'west neighbour carry-save carry (drain shift)' });
      const sum = m.reg('sum_q', uint(W), { reset: 0, en });
      const carry = m.reg('carry_q', uint(W), { reset: 0, en });
      const next = carrySaveMac(m, aIn, bIn, [sum, carry], p);
      sum.set(mux(drain, sumW, next.sum));
      carry.set(mux(drain, carryW, next.carry));
      m.output('a_out', aR);
      m.output('b_out', bR);
      m.output('sum', sum);
      m.output('carry', carry);
    },
    { doc: `OS OPT1 PE: ${rec} partial products + carry-save accumulator in one ${p.tree} compressor tree` },
  );
}

export function tpeSystolicOs(params: TpeParams, opts: TpeArrayOptions = {}): ModuleDef {
  const p = validateTpeParams(params, tpeCallerLoc());
  if (p.arch !== 'systolic-os') throw userError(`tpeSystolicOs builds arch systolic-os, not ${p.arch}`, undefined, tpeCallerLoc());
  checkBuildable(p, true);
  const t = tpeTypes(p);
  const opt = p.form === 'opt';
  const pe = opt ? optPe(p) : basePe(p);
  const ctrl = phaseControl({ load: p.k, flush: p.m + p.n - 2, drain: p.n });
  return module(
    opts.name ?? `tpe_systolic_os_${p.form}`,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const as = Array.from({ length: p.m }, (_, r) => m.input(`a_${r}`, t.a, { doc: `A[${r}][t] of input beat t` }));
      const bs = Array.from({ length: p.n }, (_, c) => m.input(`b_${c}`, t.b, { doc: `B[t][${c}] of input beat t` }));
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
      const ctl = m.instance('ctrl', ctrl, { in_valid: inValid, out_ready: outReady });
      const step = ctl.step!;
      const en = ctl.en!;
      // Registered control (in_ready / out_valid are flip-flops of the controller): B is fed while
      // LOAD (an input beat enters only on a step, i.e. when one is taken), zeros in FLUSH.
      const feed = ctl.in_ready!;
      const drain = ctl.out_valid!;
      // Only B is zeroed outside the fed steps: PE (r, c) always pairs A[r][t] with B[t][c] of the
      // same t (both skews and hops add r + c), so off the wavefront (t < 0 or t ≥ k) its B is 0 and
      // the product vanishes whatever the west edge carries; zeroing A as well is unobservable.
      const west = as.map((a, r) => delayLine(m, `skew_a${r}`, a, r, step));
      // Column 0 has no skew register: the corner PE multiplies b_0 itself and passes the fed
      // (zeroed) copy south (see peInputs).
      const fed = bs.map((b) => mux(feed, b, 0));
      const north = bs.map((b, c) => (c === 0 ? b : delayLine(m, `skew_b${c}`, fed[c]!, c, step)));
      const grid: Record<string, Signal>[][] = [];
      const zeroRow = m.constant(0, uint(t.acc.width));
      for (let r = 0; r < p.m; r++) {
        grid.push([]);
        for (let c = 0; c < p.n; c++) {
          const westPe = c === 0 ? null : grid[r]![c - 1]!;
          const bNorth = r === 0 ? north[c]! : grid[r - 1]![c]!.b_out!;
          const acc: Record<string, Signal> = opt
            ? { sum_w: westPe ? westPe.sum! : zeroRow, carry_w: westPe ? westPe.carry! : zeroRow }
            : { acc_w: westPe ? westPe.acc! : m.constant(0, t.acc) };
          grid[r]!.push(
            m.instance(`pe_${r}_${c}`, pe, {
              a_in: c === 0 ? west[r]! : grid[r]![c - 1]!.a_out!,
              b_in: bNorth,
              b_pass: r === 0 && c === 0 ? fed[0]! : bNorth,
              ...acc,
              step,
              en: r === 0 && c === 0 ? ctl.en_edge! : en,
              drain,
            }),
          );
        }
      }
      m.output('in_ready', ctl.in_ready!, { protocol: 'ready' });
      m.output('out_valid', ctl.out_valid!, { protocol: 'valid' });
      for (let r = 0; r < p.m; r++) {
        const east = grid[r]![p.n - 1]!;
        // OPT1: the deferred CPA, one per row at the east edge (sum + carry mod 2^accW, in binary).
        m.output(`c_${r}`, opt ? edgeCpa(east.sum!, east.carry!, p) : east.acc!, { doc: `C[${r}][n−1−i] of output beat i` });
      }
    },
    {
      doc: `TPE systolic OS ${p.m}x${p.n}, form ${p.form}, W=${p.W} (A ${p.aSigned ? 'signed' : 'unsigned'}, B ${p.bSigned ? 'signed' : 'unsigned'}), accW ${t.acc.width}; transaction: ${p.k} input beats (A column, B row), ${p.n} output beats (C column, east first); latency ${p.k + p.m + p.n - 2} steps`,
      params: { ...p },
    },
  );
}
