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
 * register enables; PE operands are register outputs or top inputs. PE (0, 0) is its own
 * `_corner` module (see `peInputs`), identical in both forms.
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
 * the edge skew, or top inputs at the corner), `step` (operand hop enable), `en` (accumulator
 * enable: step or drain shift) and `drain` (the controller's registered `out_valid`: shift the
 * west neighbour's accumulator in instead of accumulating). `step` / `en` are used only as
 * register enables, `drain` is a register output: no combinational path crosses the PE boundary
 * from the controller. The corner PE (0, 0) (`corner`) takes its operands straight from the top
 * inputs `a_0` / `b_0` (no skew register), so nothing zeroes them in FLUSH: its `en` is the
 * controller's `en_edge` (take or drain shift, no flush steps), so it accumulates only the fed
 * beats, and it takes `feed` (the controller's registered `in_ready`) to pass zeros south outside
 * LOAD — the feed multiplexer the other columns have in front of their first skew register sits in
 * front of the corner's `b_q` register. Its multiplier reads `b_in` directly, as in every PE.
 */
function peInputs(m: ModuleBuilder, p: TpeParams, corner: boolean) {
  const t = tpeTypes(p);
  const aIn = m.input('a_in', t.a);
  const bRaw = m.input('b_in', t.b);
  const feed = corner ? m.input('feed', uint(1), { doc: 'edge feed: pass zeros south outside LOAD' }) : null;
  const step = m.input('step', uint(1));
  const en = m.input('en', uint(1));
  const drain = m.input('drain', uint(1));
  const aR = m.reg('a_q', t.a, { reset: 0, en: step });
  const bR = m.reg('b_q', t.b, { reset: 0, en: step });
  aR.set(aIn);
  bR.set(feed ? mux(feed, bRaw, 0) : bRaw);
  m.output('a_out', aR);
  m.output('b_out', bR);
  return { aIn, bIn: bRaw, en, drain };
}

function basePe(p: TpeParams, corner: boolean): ModuleDef {
  const t = tpeTypes(p);
  return module(
    `tpe_os_pe_base_${operandTag(p)}${corner ? '_corner' : ''}`,
    (m) => {
      const { aIn, bIn, en, drain } = peInputs(m, p, corner);
      const accW = m.input('acc_w', t.acc, { doc: 'west neighbour accumulator (drain shift)' });
      const acc = m.reg('acc_q', t.acc, { reset: 0, en });
      const mac = cpaMac(m, acc, aIn, bIn, p);
      acc.set(mux(drain, accW, mac));
      m.output('acc', acc);
    },
    { doc: `OS baseline PE${corner ? ' (corner: accumulates fed beats only, zeros south outside LOAD)' : ''}: multiplier + CPA accumulator` },
  );
}

function optPe(p: TpeParams, corner: boolean): ModuleDef {
  const t = tpeTypes(p);
  const W = t.acc.width;
  const rec = tpeRecoder(p);
  return module(
    `tpe_os_pe_opt1_${optTag(p)}${corner ? '_corner' : ''}`,
    (m) => {
      const { aIn, bIn, en, drain } = peInputs(m, p, corner);
      const sumW = m.input('sum_w', uint(W), { doc: 'west neighbour carry-save sum (drain shift)' });
      const carryW = m.input('carry_w', uint(W), { doc: 'west neighbour carry-save carry (drain shift)' });
      const sum = m.reg('sum_q', uint(W), { reset: 0, en });
      const carry = m.reg('carry_q', uint(W), { reset: 0, en });
      const next = carrySaveMac(m, aIn, bIn, [sum, carry], p);
      sum.set(mux(drain, sumW, next.sum));
      carry.set(mux(drain, carryW, next.carry));
      m.output('sum', sum);
      m.output('carry', carry);
    },
    { doc: `OS OPT1 PE${corner ? ' (corner: accumulates fed beats only, zeros south outside LOAD)' : ''}: ${rec} partial products + carry-save accumulator in one ${p.tree} compressor tree` },
  );
}

export function tpeSystolicOs(params: TpeParams, opts: TpeArrayOptions = {}): ModuleDef {
  const p = validateTpeParams(params, tpeCallerLoc());
  if (p.arch !== 'systolic-os') throw userError(`tpeSystolicOs builds arch systolic-os, not ${p.arch}`, undefined, tpeCallerLoc());
  checkBuildable(p, true);
  const t = tpeTypes(p);
  const opt = p.form === 'opt';
  const pe = opt ? optPe(p, false) : basePe(p, false);
  const cornerPe = opt ? optPe(p, true) : basePe(p, true);
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
      // Column 0 has no skew register: the corner PE zeroes what it passes south (see peInputs).
      const north = bs.map((b, c) => (c === 0 ? b : delayLine(m, `skew_b${c}`, mux(feed, b, 0), c, step)));
      const grid: Record<string, Signal>[][] = [];
      const zeroRow = m.constant(0, uint(t.acc.width));
      for (let r = 0; r < p.m; r++) {
        grid.push([]);
        for (let c = 0; c < p.n; c++) {
          const westPe = c === 0 ? null : grid[r]![c - 1]!;
          const acc: Record<string, Signal> = opt
            ? { sum_w: westPe ? westPe.sum! : zeroRow, carry_w: westPe ? westPe.carry! : zeroRow }
            : { acc_w: westPe ? westPe.acc! : m.constant(0, t.acc) };
          grid[r]!.push(
            m.instance(`pe_${r}_${c}`, r === 0 && c === 0 ? cornerPe : pe, {
              a_in: c === 0 ? west[r]! : grid[r]![c - 1]!.a_out!,
              b_in: r === 0 ? north[c]! : grid[r - 1]![c]!.b_out!,
              ...acc,
              ...(r === 0 && c === 0 ? { feed } : {}),
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
