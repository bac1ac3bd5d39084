/**
 * Weight-stationary systolic array, k × n PEs (specs/tpe.md §4.2). PE (r, c) holds B[r][c]; row i
 * of A enters at the west edge, A[i][r] skewed by r steps, and hops east one PE per step; the
 * partial sums flow south, `psum_out = psum_in + a·b`; the south edge of column c gives C[i][c].
 *
 * Transaction (same for every form): `m` input beats, beat i = (a_0 … a_{k−1}) = A[i][·] plus the
 * weight ports b_<r>_<c> = B[r][c], read on the FIRST beat only (loaded into the PEs' weight
 * registers); `m` output beats, beat i = (c_0 … c_{n−1}) = C[i][·]. Valid/ready on both sides with
 * one global enable (`streamControl`): one row per cycle at full throughput, a bubble or a stall
 * moves nothing out of order. The first beat of a transaction waits until no row of the previous
 * transaction still needs the old weights (at most k + n − 2 cycles between transactions).
 *
 * Latency, both forms: an output row is valid k + n cycles after its input beat is taken (no
 * stalls): A[i][r] waits r + 1 registers (the registered boundary plus the skew), PE (r, c)
 * multiplies it at step r + c + 1, column c's result leaves the south edge after step k + c and is
 * deskewed by n − 1 − c registers.
 *
 * Baseline PE: multiplier and a CPA (kind `edgeCpa`) on the partial sum (`psumPe`, `cpaMac`).
 * OPT1 PE: the Booth (or EN-T) partial products plus the incoming carry-save rows in one compressor
 * tree; the partial sum travels south as (sum, carry), 2 × accW wires and registers; one CPA per
 * column (kind `edgeCpa`) at the south edge gives C in binary, before the deskew registers.
 */
import { module, type ModuleDef } from '../../dsl/module-builder.ts';
import type { Signal } from '../../dsl/signal.ts';
import { uint } from '../../dsl/types.ts';
import { userError } from '../../diag/error.ts';
import { delayLine } from '../../lib/array/delay-line.ts';
import { tpeCallerLoc } from './located.ts';
import { tpeAccW, validateTpeParams, type TpeParams } from './params.ts';
import { checkBuildable, tpeTypes, type TpeArrayOptions } from './rtl-common.ts';
import { streamControl } from './rtl-control.ts';
import { psumFrom, psumOut, psumPe, psumZero } from './rtl-psum-pe.ts';

/** Cycles from an accepted input beat to its output beat (no stalls), both forms. */
export function systolicWsLatency(p: Pick<TpeParams, 'k' | 'n'>): number {
  return p.k + p.n;
}

export function tpeSystolicWs(params: TpeParams, opts: TpeArrayOptions = {}): ModuleDef {
  const p = validateTpeParams(params, tpeCallerLoc());
  if (p.arch !== 'systolic-ws') throw userError(`tpeSystolicWs builds arch systolic-ws, not ${p.arch}`, undefined, tpeCallerLoc());
  checkBuildable(p, true);
  const t = tpeTypes(p);
  const pe = psumPe(p, 'stationary', 'ws');
  const L = systolicWsLatency(p);
  // A row that has passed s + 1 stages next uses the weights of the PEs r + c = s + 1; the new
  // weights may load only when no valid row still has r + c ≤ k + n − 2 ahead of it.
  const busy = p.k + p.n - 2;
  return module(
    opts.name ?? `tpe_systolic_ws_${p.form}`,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const as = Array.from({ length: p.k }, (_, r) => m.input(`a_${r}`, t.a, { doc: `A[i][${r}] of input beat i` }));
      const bs = Array.from({ length: p.k }, (_, r) =>
        Array.from({ length: p.n }, (_, c) => m.input(`b_${r}_${c}`, t.b, { doc: `B[${r}][${c}], read on the first beat` })),
      );
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
      const ctl = streamControl(m, {
        stages: L,
        beats: p.m,
        inValid,
        outReady,
        holdFirst: busy > 0 ? (v) => v.slice(0, busy).reduce((x, y) => x.or(y)) : undefined,
      });
      const west = as.map((a, r) => delayLine(m, `skew_a${r}`, a, r + 1, ctl.en));
      const grid: Record<string, Signal>[][] = [];
      for (let r = 0; r < p.k; r++) {
        grid.push([]);
        for (let c = 0; c < p.n; c++) {
          grid[r]!.push(
            m.instance(`pe_${r}_${c}`, pe, {
              a_in: c === 0 ? west[r]! : grid[r]![c - 1]!.a_out!,
              w_in: bs[r]![c]!,
              load: ctl.load,
              step: ctl.en,
              ...(r === 0 ? psumZero(m, p) : psumFrom(grid[r - 1]![c]!, p)),
            }),
          );
        }
      }
      m.output('in_ready', ctl.ready, { protocol: 'ready' });
      m.output('out_valid', ctl.valid[L - 1]!, { protocol: 'valid' });
      for (let c = 0; c < p.n; c++) {
        const south = psumOut(grid[p.k - 1]![c]!, p);
        m.output(`c_${c}`, delayLine(m, `deskew_c${c}`, south, p.n - 1 - c, ctl.en), { doc: `C[i][${c}] of output beat i` });
      }
    },
    {
      doc: `TPE systolic WS ${p.k}x${p.n}, form ${p.form}, W=${p.W} (A ${p.aSigned ? 'signed' : 'unsigned'}, B ${p.bSigned ? 'signed' : 'unsigned'}), accW ${tpeAccW(p)}; transaction: ${p.m} input beats (A row; B on the first), ${p.m} output beats (C row); latency ${L} cycles, one row per cycle`,
      params: { ...p },
    },
  );
}
