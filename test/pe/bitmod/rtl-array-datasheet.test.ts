/**
 * Independent check of the generated BitMoD array (the MixPE-issue style): the test reads the
 * emitted datasheet (README.md) for the ports and the transaction shape, drives the top from that
 * description only, and compares every output with a model written here from the spec (§2.3,
 * §5.2, §6.2–6.5) that shares no code with level b (src/pe/bitmod/golden-*.ts); only the generic
 * FP16 encoder of src/golden rounds the final value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCosim } from '../../../src/cosim/run-cosim.ts';
import { formatCosimReport } from '../../../src/cosim/report.ts';
import type { PortSpec } from '../../../src/cosim/types.ts';
import { encodeRational } from '../../../src/golden/float/encode.ts';
import { FP16 } from '../../../src/golden/float/format.ts';
import { rational } from '../../../src/golden/rounding.ts';
import { bitmodParams } from '../../../src/pe/bitmod/params.ts';
import { bitmodArray } from '../../../src/pe/bitmod/rtl-array.ts';
import { Prng } from '../../../src/util/prng.ts';
import { emitToTemp } from '../../lib/rtl-harness.ts';

const R = 2, C = 2, L = 4, G = 32, GROUPS = 2, GB = 3, ACCW = 15;
const SV = [10, -10, 16, -16];

// ---- the spec model (FP4 mixture, FP16 activations, excludeInactiveLanes, EXACT_WIDE, FP16 out)
const FP4_TABLE = [0, 1, 2, 3, 4, 6, 8, 12];
const gridValue = (code: number, id: number): number => (code === 8 ? SV[id]! : code < 8 ? FP4_TABLE[code]! : -FP4_TABLE[code - 8]!);
/** Leading-one terms of |v| as bit positions (cycle 0, cycle 1), −1 for an absent term. */
function positions(v: number): [number, number] {
  const a = Math.abs(v);
  if (a === 0) return [-1, -1];
  const hi = 31 - Math.clz32(a);
  const rest = a - (1 << hi);
  return [hi, rest === 0 ? -1 : 31 - Math.clz32(rest)];
}
const floorDiv2k = (x: bigint, k: number): bigint => (k <= 0 ? x << BigInt(-k) : x >> BigInt(k));
function specDot(acts: number[], groups: { id: number; delta: number; codes: number[] }[], sch: number): bigint {
  let wide = 0n; // units 2^(−28)
  groups.forEach((g, gi) => {
    let accE = 0;
    let accM = 0n;
    for (let j = 0; j < G / L; j++) {
      const lanes = Array.from({ length: L }, (_, i) => {
        const a = acts[gi * G + j * L + i]!;
        const field = (a >> 10) & 31;
        const v = gridValue(g.codes[j * L + i]!, g.id);
        return { s: (a >> 15) ^ (v < 0 ? 1 : 0), ae: field === 0 ? 1 : field, am: BigInt((a & 1023) | (field === 0 ? 0 : 1024)), pos: positions(v) };
      });
      for (let t = 0; t < 2; t++) {
        const act = lanes.filter((l) => l.pos[t]! >= 0);
        if (act.length === 0) continue;
        const E = Math.max(...act.map((l) => l.ae + l.pos[t]!));
        let S = 0n;
        for (const l of act) {
          const al = floorDiv2k(l.am, E - (l.ae + l.pos[t]!) - GB);
          S += l.s ? -al : al;
        }
        const Ep = Math.max(accE, E);
        const sum = floorDiv2k(S, Ep - E) + floorDiv2k(accM, Ep - accE);
        const mag = sum < 0n ? -sum : sum;
        const msb = mag === 0n ? 0 : mag.toString(2).length - 1;
        const k = Math.max(0, msb - (ACCW - 2));
        accM = floorDiv2k(sum, k);
        accE = Ep + k;
      }
    }
    wide += (accM * BigInt(g.delta)) << BigInt(accE);
  });
  const f = (sch >> 10) & 31;
  const schM = BigInt((sch & 1023) | (f === 0 ? 0 : 1024)) * (sch >> 15 ? -1n : 1n);
  const schE = (f === 0 ? 1 : f) - 25;
  // value = wide · 2^−28 · schM · 2^schE
  const num = wide * schM;
  const e = schE - 28;
  return encodeRational(e >= 0 ? rational(num << BigInt(e)) : rational(num, 1n << BigInt(-e)), FP16, { round: 'TIES_EVEN' }).code;
}

// ---- the datasheet
function readDatasheet(dir: string): { ports: (PortSpec & { dir: string; protocol: string })[]; text: string } {
  const text = readFileSync(join(dir, 'README.md'), 'utf8');
  const ports = [...text.matchAll(/^\| `(\w+)` \| (input|output) \| (u|s)int\((\d+)\) \| \d+ \| (\w+) \|/gm)].map((m) => ({
    name: m[1]!, dir: m[2]!, signed: m[3] === 's', width: Number(m[4]), protocol: m[5]!,
  }));
  return { ports, text };
}

describe('BitMoD array driven from its datasheet against a spec model', () => {
  it('every output of random tiles matches (Verilator, bubbles and backpressure)', async () => {
    const p = bitmodParams({ rows: R, cols: C, L, G, K: G * GROUPS });
    const rtl = emitToTemp(bitmodArray(p, { name: 'bitmod_ds' }), 'bitmod-ds');
    const ds = readDatasheet(rtl.dir);
    expect(ds.text).toMatch(/a group takes G\/L·T cycles \(FP4 16\)/);
    expect(ds.text).toMatch(/groups·G\/L input beats/);
    const inputs = ds.ports.filter((x) => x.dir === 'input' && x.protocol === 'data');
    const outputs = ds.ports.filter((x) => x.dir === 'output' && x.protocol === 'data');
    expect(outputs.map((x) => x.name)).toEqual(['y_r0_c0', 'y_r0_c1', 'y_r1_c0', 'y_r1_c1']);
    const g = new Prng(2024);
    const tiles = Array.from({ length: 16 }, () => ({
      X: Array.from({ length: R }, () => Array.from({ length: G * GROUPS }, () => (g.below(2) << 15) | (g.int(8, 22) << 10) | g.below(1024))),
      W: Array.from({ length: C }, () => Array.from({ length: GROUPS }, () => ({ id: g.below(4), delta: g.below(256), codes: Array.from({ length: G }, () => g.below(16)) }))),
      S: Array.from({ length: C }, () => (g.below(2) << 15) | (g.int(10, 18) << 10) | g.below(1024)),
    }));
    // Beats by port name, from the datasheet's transaction description.
    const beatsOf = (t: (typeof tiles)[number]): bigint[][] => {
      const beats: bigint[][] = [];
      for (let gi = 0; gi < GROUPS; gi++) {
        for (let j = 0; j < G / L; j++) {
          const v: Record<string, number> = { last: gi === GROUPS - 1 && j === G / L - 1 ? 1 : 0, sv_we: 0, sv_data: 0 };
          for (let r = 0; r < R; r++) for (let i = 0; i < L; i++) v[`x_r${r}_${i}`] = t.X[r]![gi * G + j * L + i]!;
          for (let c = 0; c < C; c++) {
            for (let i = 0; i < L; i++) v[`w_c${c}_${i}`] = t.W[c]![gi]!.codes[j * L + i]!;
            v[`dt_c${c}`] = t.W[c]![gi]!.id;
            v[`delta_c${c}`] = t.W[c]![gi]!.delta;
            v[`sch_c${c}`] = t.S[c]!;
          }
          beats.push(inputs.map((x) => BigInt(v[x.name]!)));
        }
      }
      return beats;
    };
    const byKey = new Map<string, bigint[]>();
    const vectors = tiles.map((t) => {
      const b = beatsOf(t);
      const out: bigint[] = [];
      for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) out.push(specDot(t.X[r]!, t.W[c]!, t.S[c]!));
      byKey.set(b.flat().join(','), out);
      return b;
    });
    const r = await runCosim({
      target: { top: rtl.top, files: rtl.files, clock: 'clk', reset: { name: 'rst', activeLow: false }, inputs, outputs, protocol: { kind: 'stream' }, beats: { in: GROUPS * (G / L), out: 1 } },
      golden: (beats) => [byKey.get(beats.flat().join(','))!],
      vectors,
      sim: 'verilator',
      seed: 8,
      backpressure: { bubble: 0.2, stall: 0.3 },
    });
    expect(r.failed, formatCosimReport(r)).toBe(0);
    expect(r.passed).toBe(tiles.length);
  });
});
