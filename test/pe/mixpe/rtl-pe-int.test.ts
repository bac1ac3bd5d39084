/**
 * W4A8 shift-and-add PE RTL (src/pe/mixpe/rtl-pe-int.ts) against level b (golden-mac.ts,
 * golden-group.ts): the product unit exhaustively for every INT8 × INT2/3/4 and UINT2/3/4 pair
 * (spec test 1), and the exact group accumulator over seeded random and extreme groups
 * (spec test 2: no overflow of the 20-bit accumulator, clear at every group boundary). The
 * radix-4 form from the row-shared 3x (`radix4Product`, `intRowMultiplesModule`, `x3Def`) is checked
 * the same way: exhaustively for UINT2/3/4 (with `en` high and low) and in the group bench.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { mux } from '../../../src/dsl/ops.ts';
import { sint, uint } from '../../../src/dsl/types.ts';
import { mixpeParams, type MixpeParams, type WeightBits } from '../../../src/pe/mixpe/params.ts';
import { intPe, intProductUnit, intRowMultiplesModule, radix4Product } from '../../../src/pe/mixpe/rtl-pe-int.ts';
import { macProductInt } from '../../../src/pe/mixpe/golden-mac.ts';
import { groupSum } from '../../../src/pe/mixpe/golden-group.ts';
import { cosim, emit } from '../../lib/cosim-harness.ts';

const VARIANTS = ([2, 3, 4] as WeightBits[]).flatMap((b) => [false, true].map((s) => mixpeParams({ weightBits: b, weightSigned: s })));

/** Weight value of the low `b` bits of `raw`, two's complement when signed. */
function weightOf(raw: bigint, p: MixpeParams): bigint {
  const b = BigInt(p.weightBits);
  const v = raw & ((1n << b) - 1n);
  return p.weightSigned && v >= 1n << (b - 1n) ? v - (1n << b) : v;
}

describe('MixPE shift-and-add product unit', () => {
  it('is a multiplier-free AND-gated shift-and-add', () => {
    const e = emit(intProductUnit(mixpeParams()));
    const v = [...e.text].find(([f]) => f.startsWith('mixpe_mul_'))![1];
    const code = v.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toContain('*');
    // four gated partial products, hard-wired shifts by concatenation
    expect(v.match(/assign pp_\d+ = /g)).toHaveLength(4);
    expect(v).toContain('{x, 3\'d0}');
  });

  it('equals the exact product for all 2^13 INT8 × 4-bit × en patterns, six weight variants and the three radix-4 forms, both simulators', async () => {
    const unsigned = VARIANTS.filter((p) => !p.weightSigned);
    const bank = module(
      'mul_bank',
      (m) => {
        const x = m.input('x', sint(8));
        const q = m.input('q', uint(4));
        const en = m.input('en', uint(1));
        VARIANTS.forEach((p, i) => {
          const qi = q.slice(p.weightBits - 1, 0);
          const prod = m.instance(`mul_${i}`, intProductUnit(p), { x, q: p.weightSigned ? qi.asSigned() : qi }).prod!;
          m.output(`prod_${i}`, prod);
        });
        // Radix-4 from the row multiple 3x, gated by en (0 when en is low).
        const x3 = m.instance('row_x3', intRowMultiplesModule(mixpeParams({ rows: 1, cols: 1 })), { x_0: x }).x3_0!;
        unsigned.forEach((p, i) => m.output(`r4_${i}`, radix4Product(m, x, x3, q.slice(p.weightBits - 1, 0), p, en, `dm${i}`)));
      },
      { clock: null },
    );
    const golden = ([[x, q, en]]: bigint[][]) => [
      [...VARIANTS.map((p) => macProductInt(x!, weightOf(q!, p), p)), ...unsigned.map((p) => (en ? macProductInt(x!, weightOf(q!, p), p) : 0n))],
    ];
    // The golden product is the exact one (level b's shift-and-add checked by its own tests).
    expect(golden([[-128n, 8n, 1n]])[0]).toEqual([...VARIANTS.map((p) => -128n * weightOf(8n, p)), ...unsigned.map((p) => -128n * weightOf(8n, p))]);
    const r = await cosim(bank, { protocol: { kind: 'comb' }, golden });
    expect(r.vectorsDescription).toBe('exhaustive 2^13');
    expect(r.failed, r.report).toBe(0);
    expect(r.passed).toBe(2 * 8192);
  });
});

/** A stream wrapper: G beats (x, raw q) in, both PEs' P_g (UINT4 and INT4 weights) out. */
function groupBench(G: number) {
  const pu = mixpeParams({ G, K: G, rows: Math.min(64, G) });
  const ps = mixpeParams({ G, K: G, rows: Math.min(64, G), weightSigned: true });
  const def = module('pe_group_bench', (m) => {
    const inValid = m.input('in_valid', uint(1), { protocol: 'valid' });
    const x = m.input('x', sint(8));
    const q = m.input('q', uint(4));
    const outReady = m.input('out_ready', uint(1), { protocol: 'ready' });
    const kw = Math.ceil(Math.log2(G));
    const k = m.reg('k', uint(kw), { reset: 0 });
    const full = m.reg('full', uint(1), { reset: 0 });
    const inReady = m.wire('in_ready_w', full.not().or(outReady));
    const en = m.wire('en', inValid.and(inReady));
    const last = m.wire('last', k.eq(G - 1));
    k.set(mux(en, mux(last, m.constant(0, uint(kw)), k.add(1).trunc(kw)), k));
    const done = en.and(last);
    full.set(mux(done, 1, mux(outReady, 0, full)));
    const pgU = m.instance('pe_u', intPe(pu).def, { x, q, en, last }).pg!;
    const pgS = m.instance('pe_s', intPe(ps).def, { x, q: q.asSigned(), en, last }).pg!;
    // The radix-4 PE (x3Def: gated product, no accumulator enable) with its row multiple.
    const x3 = m.instance('row_x3', intRowMultiplesModule(mixpeParams({ G, K: G, rows: 1, cols: 1 })), { x_0: x }).x3_0!;
    const pgX = m.instance('pe_x', intPe(pu).x3Def!, { x, x3, q, en, last }).pg!;
    const rx = m.reg('res_x', pgX.type, { en: done });
    rx.set(pgX);
    const ru = m.reg('res_u', pgU.type, { en: done });
    ru.set(pgU);
    const rs = m.reg('res_s', pgS.type, { en: done });
    rs.set(pgS);
    m.output('in_ready', inReady, { protocol: 'ready' });
    m.output('out_valid', full, { protocol: 'valid' });
    m.output('pg_u', ru);
    m.output('pg_s', rs);
    m.output('pg_x', rx);
  });
  const golden = (beats: bigint[][]) => {
    const xs = beats.map((b) => b[0]!);
    const [u, sg] = [groupSum(xs, beats.map((b) => b[1]!), pu).reg, groupSum(xs, beats.map((b) => weightOf(b[1]!, ps)), ps).reg].map((r) => (r as { acc: bigint }).acc);
    return [[u!, sg!, u!]];
  };
  return { def, golden };
}

describe('MixPE W4A8 PE group accumulator', () => {
  it('equals level b on seeded random and extreme groups of G = 128, back to back (both simulators)', async () => {
    const G = 128;
    const { def, golden } = groupBench(G);
    const group = (x: bigint, q: bigint) => Array.from({ length: G }, () => [x, q]);
    const corners = [group(-128n, 15n), group(127n, 15n), group(-128n, 8n), group(127n, 8n), group(0n, 15n)];
    // Spec test 2: the extreme P_g values (UINT4: −245,760 and +243,840; INT4 Q = −8: +131,072).
    expect(golden(corners[0]!)[0]![0]).toBe(-245_760n);
    expect(golden(corners[1]!)[0]![0]).toBe(243_840n);
    expect(golden(corners[2]!)[0]![1]).toBe(131_072n);
    const r = await cosim(def, {
      protocol: { kind: 'stream' },
      beats: { in: G, out: 1 },
      golden,
      corners,
      vectors: { count: 300, corners: true, maxCorners: 40 },
    });
    expect(r.failed, r.report).toBe(0);
    expect(r.vectors).toBe(300 + 40 + corners.length);
  });
});
