/**
 * Bench section (BitMoD, issue 11 item 7): the BitMoD PE (4 lanes, FP4 mixture, G = 128, FP16
 * activations, EXACT_WIDE, FP16 output) against an FP16 FMA PE with the same lane count (L
 * instances of src/pe/baseline/fp16-fma-pe.ts: FP16 × FP16 multiply, FP32 accumulate) and a
 * BitMoD PE that also serves INT8/INT6; generic cells, CMOS transistors, Xilinx LUTs, depth; then
 * weights per cycle per 1000 transistors (BitMoD streams L weights per T cycles). Target: BitMoD
 * PE ≤ 0.76× the FP16 FMA PE in CMOS transistors (the paper reports 24 % smaller). Also the
 * quantizer's speed on a 4096 × 4096 FP16 Gaussian matrix (target ≤ 20 s).
 * Run with `npx tsx test/bench/bitmod-area.ts`.
 */
import { module } from '../../src/dsl/module-builder.ts';
import { uint } from '../../src/dsl/types.ts';
import { fp16FmaBaselinePe } from '../../src/pe/baseline/fp16-fma-pe.ts';
import { mixpeParams } from '../../src/pe/mixpe/params.ts';
import { bitmodParams, termsPerWeight, type BitmodParams } from '../../src/pe/bitmod/params.ts';
import { bitmodPe } from '../../src/pe/bitmod/rtl-pe.ts';
import { quantizeMatrixFast } from '../../src/pe/bitmod/quantizer-fast.ts';
import { dyadicFromDouble } from '../../src/golden/float/dyadic.ts';
import { Prng } from '../../src/util/prng.ts';
import { mixpeAreaComparison, type BenchPair } from './mixpe-area.ts';

const L = 4;
const FP4: BitmodParams = bitmodParams({ L, G: 128, K: 1024 });
const MULTI: BitmodParams = bitmodParams({ L, G: 128, K: 1024, weightTypes: ['FP4', 'FP3', 'INT8', 'INT6'] });

/** L FP16 FMA PEs side by side: the same lane count as the BitMoD PE. */
function fmaLanes(n: number) {
  const one = fp16FmaBaselinePe(mixpeParams({ activation: 'FP16', K: 1024 }));
  return module(`fp16_fma_x${n}`, (m) => {
    const en = m.input('en', uint(1));
    const last = m.input('last', uint(1));
    for (let i = 0; i < n; i++) {
      const x = m.input(`x${i}`, uint(16));
      const w = m.input(`w${i}`, uint(16));
      m.output(`pg${i}`, m.instance(`lane${i}`, one, { x, w, en, last }).pg!);
    }
  });
}

const PAIRS: BenchPair[] = [
  {
    title: `BitMoD PE (L = ${L}, FP4 mixture, G = 128) vs ${L}-lane FP16 FMA PE`,
    baseline: { name: `FP16 FMA x${L}`, build: () => fmaLanes(L) },
    mixpe: { name: 'BitMoD FP4', build: () => bitmodPe(FP4) },
    maxTransistorRatio: 0.76,
  },
  {
    title: `BitMoD PE (L = ${L}, FP4/FP3/INT8/INT6) vs ${L}-lane FP16 FMA PE`,
    baseline: { name: `FP16 FMA x${L}`, build: () => fmaLanes(L) },
    mixpe: { name: 'BitMoD multi', build: () => bitmodPe(MULTI) },
  },
];

const r = await mixpeAreaComparison(PAIRS);
console.log(r.text);
console.log('\nweights per cycle per 1000 CMOS transistors:');
for (const res of r.results) {
  const row = res.rows.find((x) => x.metric === 'cmos transistors');
  if (!row) continue;
  const [base, bm] = [Number(row.a), Number(row.b)];
  const types = res.pair.mixpe.name === 'BitMoD FP4' ? FP4.weightTypes : MULTI.weightTypes;
  console.log(`  ${res.pair.baseline.name}: ${((L / base) * 1000).toFixed(4)} (${L} weights/cycle)`);
  for (const t of types) console.log(`  ${res.pair.mixpe.name} ${t}: ${((L / termsPerWeight(t) / bm) * 1000).toFixed(4)} (${L}/${termsPerWeight(t)} weights/cycle)`);
}

// Quantizer speed: 4096 × 4096 FP16 Gaussian (seeded), FP4 mixture, G = 128.
const N = 4096;
const g = new Prng(42);
const gauss = (): number => {
  const u = (g.u32() + 1) / 2 ** 32;
  const v = g.u32() / 2 ** 32;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};
const f16 = new Float32Array(1);
const rows = Array.from({ length: N }, () => {
  const row = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    f16[0] = gauss() * 0.02;
    row[i] = Math.fround(f16[0]); // FP16-representable values are produced by the quantizer's input rounding below
  }
  return row;
});
const t0 = performance.now();
const q = quantizeMatrixFast(rows, { wtype: 'FP4', G: 128 });
const sec = (performance.now() - t0) / 1000;
console.log(`\nquantizer: ${N}x${N} FP4 mixture, G = 128: ${sec.toFixed(2)} s (target <= 20 s: ${sec <= 20 ? 'met' : 'MISSED'}); ${q.exactFallbacks} groups decided exactly`);
console.log(`\nall targets ${r.ok && sec <= 20 ? 'met' : 'NOT met'}`);
void dyadicFromDouble;
