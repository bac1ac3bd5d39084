/**
 * Bench section (BitMoD, issue 11 item 7): the BitMoD PE (4 lanes, FP4 mixture, G = 128, FP16
 * activations, EXACT_WIDE, FP16 output) against an FP16 FMA PE with the same lane count (L
 * instances of src/pe/mixpe/baseline-fp16-fma-pe.ts: FP16 × FP16 multiply, FP32 accumulate) and a
 * BitMoD PE that also serves INT8/INT6; generic cells, CMOS transistors, Xilinx LUTs, depth; then
 * weights per cycle per 1000 transistors (BitMoD streams L weights per T cycles). Target: BitMoD
 * PE ≤ 0.76× the FP16 FMA PE in CMOS transistors (the paper reports 24 % smaller). Also the
 * quantizer's speed on a 4096 × 4096 FP16 Gaussian matrix (target ≤ 20 s).
 * Run with `npx tsx test/bench/bitmod-area.ts`.
 */
import { module } from '../../src/dsl/module-builder.ts';
import { uint } from '../../src/dsl/types.ts';
import { fp16FmaBaselinePe } from '../../src/pe/mixpe/baseline-fp16-fma-pe.ts';
import { mixpeParams } from '../../src/pe/mixpe/params.ts';
import { bitmodParams, termsPerWeight, type BitmodParams } from '../../src/pe/bitmod/params.ts';
import { bitmodPe } from '../../src/pe/bitmod/rtl-pe.ts';
import { quantizeMatrixFast } from '../../src/pe/bitmod/quantizer-fast.ts';
import { summaryTable } from '../../src/pe/bitmod/quant-files.ts';
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

// Quantizer speed: 4096 × 4096 FP16 Gaussian (seeded), FP4 mixture, G = 128; then the summary
// tables (MSE against INT4/INT3 at the same G) on a Gaussian and a heavy-tailed (Student-t, 3 dof) matrix.
const g = new Prng(42);
const gauss = (): number => {
  const u = (g.u32() + 1) / 2 ** 32;
  const v = g.u32() / 2 ** 32;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};
/** Round to the nearest FP16 value (data generation only; ties are irrelevant here). */
const toF16 = (x: number): number => {
  if (x === 0) return 0;
  const e = Math.max(Math.floor(Math.log2(Math.abs(x))), -14);
  const q = 2 ** (e - 10);
  return Math.min(65504, Math.max(-65504, Math.round(x / q) * q));
};
const student3 = (): number => gauss() / Math.sqrt((gauss() ** 2 + gauss() ** 2 + gauss() ** 2) / 3);
const makeMatrix = (n: number, c: number, draw: () => number): Float64Array[] =>
  Array.from({ length: n }, () => Float64Array.from({ length: c }, () => toF16(draw() * 0.02)));
const N = 4096;
const big = makeMatrix(N, N, gauss);
const t0 = performance.now();
const q = quantizeMatrixFast(big, { wtype: 'FP4', G: 128 });
const sec = (performance.now() - t0) / 1000;
console.log(`\nquantizer: ${N}x${N} FP16 Gaussian, FP4 mixture, G = 128: ${sec.toFixed(2)} s (target <= 20 s: ${sec <= 20 ? 'met' : 'MISSED'}); ${q.exactFallbacks} of ${N * (N / 128)} groups decided by the exact quantizer`);
for (const [name, draw] of [['Gaussian', gauss], ['heavy-tailed (Student-t, 3 dof)', student3]] as const) {
  const m = makeMatrix(256, 1024, draw);
  for (const [bits, wtype] of [[4, 'FP4'], [3, 'FP3']] as const) {
    const rows = quantizeMatrixFast(m, { wtype, G: 128 }).rows;
    const baselines = (['INT4', 'INT3'] as const).map((b) => ({ name: b, rows: quantizeMatrixFast(m, { wtype: b, G: 128 }).rows }));
    console.log(`\n${name} 256x1024, ${bits}-bit:`);
    console.log(summaryTable({ wtype, G: 128, L: 4, scaleBits: 8, source: name, dtype: 'float16', rows, baselines }));
  }
}
console.log(`\nall targets ${r.ok && sec <= 20 ? 'met' : 'NOT met'}`);
