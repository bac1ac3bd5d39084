/**
 * Stage A's exact u = P_g − z·R_g (src/pe/mixpe/rtl-epilogue-u.ts) as a combinational unit, FP16
 * EXACT_WIDE widths (G = 32), against a model written from spec §2.2 / §4.3 and IEEE 754: u is
 * the exact integer difference; its special class is that of P_g − z·R_g with 0 · Inf = NaN,
 * Inf − Inf (same sign) = NaN and NaN absorbing. Corners (range ends, every flag pair, z = 0 and
 * 15) and seeded random vectors on both simulators; also the form without R_g (u = P_g).
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { CosimTarget } from '../../../src/cosim/types.ts';
import { classFlag, flagClass } from '../../../src/lib/fp/special.ts';
import { Prng } from '../../../src/util/prng.ts';
import { mixpeParams, mixpeWidths } from '../../../src/pe/mixpe/params.ts';
import { exactGroupU } from '../../../src/pe/mixpe/rtl-epilogue-u.ts';
import { dataPorts, emitToTemp } from '../../lib/rtl-harness.ts';

const p = mixpeParams({ activation: 'FP16', G: 32, K: 32, rows: 1, cols: 1 });
const w = mixpeWidths(p);

function unit() {
  return module(
    'exact_u_unit',
    (m) => {
      const pHead = m.input('p_head', sint(w.pg.width));
      const pSp = m.input('p_sp', uint(2));
      const rHead = m.input('r_head', sint(w.rg.width));
      const rSp = m.input('r_sp', uint(2));
      const z = m.input('z', uint(4));
      const r = exactGroupU(m, p, pHead, flagClass(pSp, null), rHead, rSp, z);
      m.output('u_out', r.u);
      m.output('u_sp', classFlag(m, r.special)!);
    },
    { clock: null },
  );
}

type Flag = 0 | 1 | 2 | 3; // finite, +Inf, −Inf, NaN
const NAN = 3;

/** IEEE class of z · R (z finite, ≥ 0). */
function mulFlag(z: bigint, r: Flag): Flag {
  if (r === NAN) return NAN;
  if (r === 0) return 0;
  return z === 0n ? NAN : r; // 0 · Inf = NaN; z > 0 keeps the sign of Inf
}

/** IEEE class of a − b. */
function subFlag(a: Flag, b: Flag): Flag {
  if (a === NAN || b === NAN) return NAN;
  if (a !== 0 && b !== 0) return a === b ? NAN : a; // Inf − Inf (same sign) = NaN; +Inf − (−Inf) = +Inf
  if (a !== 0) return a;
  if (b !== 0) return b === 1 ? 2 : 1; // finite − (±Inf) = ∓Inf
  return 0;
}

function golden([[pv, ps, rv, rs, z]]: bigint[][]): bigint[][] {
  const u = pv! - z! * rv!;
  return [[u, BigInt(subFlag(Number(ps) as Flag, mulFlag(z!, Number(rs) as Flag)))]];
}

/**
 * Reachable (P_g, R_g, z): u = P_g − z·R_g lies in mixpeWidths u (every product term x·(Q − z) is
 * bounded), so P_g is formed as u + z·R_g and kept when it lies in the P_g range.
 */
function vectors(): bigint[][][] {
  const out: bigint[][][] = [];
  const inP = (v: bigint): boolean => v >= w.pg.range.lo && v <= w.pg.range.hi;
  const us = [w.u.range.lo, -1n, 0n, 1n, w.u.range.hi];
  const rs = [w.rg.range.lo, 0n, 1n, w.rg.range.hi];
  for (const u of us) for (const rv of rs) for (const z of [0n, 1n, 15n]) {
    const pv = u + z * rv;
    if (inP(pv)) for (let f = 0; f < 16; f++) out.push([[pv, BigInt(f >> 2), rv, BigInt(f & 3), z]]);
  }
  const rng = new Prng(31);
  const pick = (lo: bigint, hi: bigint): bigint => lo + (BigInt(rng.u32()) * BigInt(rng.u32()) * BigInt(rng.u32())) % (hi - lo + 1n);
  while (out.length < 3000) {
    const flag = (): bigint => BigInt(rng.int(0, 9) < 7 ? 0 : rng.int(1, 3));
    const rv = pick(w.rg.range.lo, w.rg.range.hi);
    const z = BigInt(rng.int(0, 15));
    const pv = pick(w.u.range.lo, w.u.range.hi) + z * rv;
    if (inP(pv)) out.push([[pv, flag(), rv, flag(), z]]);
  }
  return out;
}

describe('MixPE epilogue stage A: exact u = P_g − z·R_g', () => {
  const rtl = emitToTemp(unit(), 'exact-u');
  const target: CosimTarget = { top: rtl.top, files: rtl.files, inputs: dataPorts(rtl, 'input'), outputs: dataPorts(rtl, 'output'), protocol: { kind: 'comb' } };
  const txns = vectors();

  for (const sim of ['verilator', 'icarus'] as const) {
    it(`equals the IEEE model on range corners, every flag pair and random vectors (${sim})`, async () => {
      const r = await runCosim({ target, golden, vectors: txns, sim });
      expect(r.failed, formatCosimReport(r)).toBe(0);
      expect(r.passed).toBe(txns.length);
    });
  }

  it('without R_g or z (signed weights, folded zero point) u is P_g with its own class', () => {
    const def = module(
      'exact_u_noz',
      (m) => {
        const pHead = m.input('p_head', sint(w.pg.width));
        const cls = flagClass(m.input('p_sp', uint(2)), null);
        const r = exactGroupU(m, p, pHead, cls, null, undefined, null);
        expect(r.special).toBe(cls);
        m.output('u_out', r.u);
      },
      { clock: null },
    );
    const out = emitToTemp(def, 'exact-u-noz');
    expect(out.files.length).toBe(1);
    expect(w.u.width).toBeGreaterThanOrEqual(w.pg.width);
  });
});
