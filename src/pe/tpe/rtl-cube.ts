/**
 * 3D-Cube, n × n × n PEs (specs/tpe.md §4.3), computing one n × n × n GEMM per cycle. With the
 * GEMM C[i][j] = Σ_t A[i][t] · B[t][j] mapped as PE (x = j, y = t, z = i) — the spec's
 * `C[x][z] = Σ_y A[z][y] · B[y][x]` — PE (x, y, z) multiplies A[z][y] by B[y][x]:
 * - A[z][y] is the same for every x, so it enters at x = 0 and hops along x (one PE per step);
 * - B[y][x] is the same for every z, so it enters at z = 0 and hops along z;
 * - the partial sum hops along y (the reduction axis); the y = n − 1 face gives C[z][x].
 * PE (x, y, z) works at step x + y + z: A[z][y] enters after y + z skew registers, B[y][x] after
 * x + y; C[z][x] leaves the y edge after step x + z + n − 1 and is deskewed by 2n − 2 − x − z.
 *
 * Transaction (same for every form): 1 input beat (A row-major, then B row-major: a_<i>_<t>,
 * b_<t>_<j>), 1 output beat (C row-major: c_<i>_<j>). Valid/ready with one global enable
 * (`streamControl`): one GEMM per cycle at full throughput. Latency, both forms: the output beat
 * is valid 3n − 2 cycles after its input beat is taken (no stalls).
 *
 * Baseline PE: multiplier and a CPA (kind `edgeCpa`) on the partial sum (`psumPe`, flowing weight).
 * The y = 0 layer (both forms) uses the PE without an incoming partial sum (`first`: it is zero).
 * OPT1 PE: Booth (or EN-T) partial products plus the incoming carry-save rows in one compressor
 * tree, the partial sum travelling in carry-save form (2 × accW) along y; n × n CPAs (kind
 * `edgeCpa`) at the y edge give C in binary, before the deskew registers.
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
import { psumFrom, psumOut, psumPe } from './rtl-psum-pe.ts';

/** Cycles from an accepted input beat to its output beat (no stalls), both forms. */
export function cubeLatency(p: Pick<TpeParams, 'n'>): number {
  return 3 * p.n - 2;
}

export function tpeCube(params: TpeParams, opts: TpeArrayOptions = {}): ModuleDef {
  const p = validateTpeParams(params, tpeCallerLoc());
  if (p.arch !== 'cube') throw userError(`tpeCube builds arch cube, not ${p.arch}`, undefined, tpeCallerLoc());
  checkBuildable(p, true);
  const t = tpeTypes(p);
  const N = p.n;
  const pe = psumPe(p, 'flowing', 'cube');
  // The y = 0 layer's incoming partial sum is zero: its PEs are built without it (no CPA in the
  // baseline, only the partial products in OPT1's tree), so that per-module synthesis sees it too.
  const peFirst = psumPe(p, 'flowing', 'cube', { first: true });
  const L = cubeLatency(p);
  const idx = (f: (i: number, j: number) => Signal) => Array.from({ length: N }, (_, i) => Array.from({ length: N }, (_, j) => f(i, j)));
  return module(
    opts.name ?? `tpe_cube_${p.form}`,
    (m) => {
      const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
      const A = idx((i, j) => m.input(`a_${i}_${j}`, t.a, { doc: `A[${i}][${j}]` }));
      const B = idx((i, j) => m.input(`b_${i}_${j}`, t.b, { doc: `B[${i}][${j}]` }));
      const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
      const ctl = streamControl(m, { stages: L, beats: 1, inValid, outReady });
      // pe[y][z][x]; every neighbour (x − 1, y − 1 or z − 1) is built before its successor.
      const pes: Record<string, Signal>[][][] = [];
      for (let y = 0; y < N; y++) {
        pes.push([]);
        for (let z = 0; z < N; z++) {
          pes[y]!.push([]);
          for (let x = 0; x < N; x++) {
            pes[y]![z]!.push(
              m.instance(`pe_${x}_${y}_${z}`, y === 0 ? peFirst : pe, {
                a_in: x === 0 ? delayLine(m, `skew_a${z}_${y}`, A[z]![y]!, y + z, ctl.en) : pes[y]![z]![x - 1]!.a_out!,
                b_in: z === 0 ? delayLine(m, `skew_b${y}_${x}`, B[y]![x]!, x + y, ctl.en) : pes[y]![z - 1]![x]!.b_out!,
                step: ctl.en,
                ...(y === 0 ? {} : psumFrom(pes[y - 1]![z]![x]!, p)),
              }),
            );
          }
        }
      }
      m.output('in_ready', ctl.ready, { protocol: 'ready' });
      m.output('out_valid', ctl.valid[L - 1]!, { protocol: 'valid' });
      for (let z = 0; z < N; z++) {
        for (let x = 0; x < N; x++) {
          const edge = psumOut(pes[N - 1]![z]![x]!, p);
          m.output(`c_${z}_${x}`, delayLine(m, `deskew_c${z}_${x}`, edge, 2 * N - 2 - x - z, ctl.en), { doc: `C[${z}][${x}]` });
        }
      }
    },
    {
      doc: `TPE 3D-Cube ${N}x${N}x${N}, form ${p.form}, W=${p.W} (A ${p.aSigned ? 'signed' : 'unsigned'}, B ${p.bSigned ? 'signed' : 'unsigned'}), accW ${tpeAccW(p)}; transaction: 1 input beat (A, B row-major), 1 output beat (C row-major); latency ${L} cycles, one GEMM per cycle`,
      params: { ...p },
    },
  );
}
