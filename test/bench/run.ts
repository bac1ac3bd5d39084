/**
 * `npm run bench`: performance and PPA figures, measured side by side in one run (never timed
 * tests). Each section runs in child processes so memory figures are per workload.
 *   1. Generator scaling: elaborate + emit a 64x64 INT8 MAC array and one 4x its size (128x128);
 *      time per PE, peak RSS, and the 4x/1x time ratio (target <= 4.5, 64x64 <= 2 s and 1 GB).
 *   2. K-hot vs full multiplier on Xilinx: LUT / CARRY / DSP (khot-area.ts).
 *   3. MixPE PEs and arrays vs their dequantize-first baselines: cells, CMOS, Xilinx (mixpe-area.ts).
 *   1b. 256x256 and 512x512 (262k PEs): time, peak RSS, 4x/1x ratio (targets 30 s, 4 GB, 4.5).
 *   1c. CLI start-up: --help and gen of examples/mac-int8.ts against bare `node -e 0` (startup.ts).
 *   4. Cosim throughput: 8-lane INT4 x INT8 dot product, end to end vs Icarus vs a bare harness
 *      (cosim-throughput.ts).
 *   5. lib/arith: multipliers (array/Booth/EN-T x Wallace/Dadda x CPA), adders and multi-operand
 *      adders vs `*` and `+`: generic cells, CMOS transistors, depth (arith-area.ts).
 *   6. BitMoD PE vs an L-lane FP16 FMA PE (target ≤ 0.76× transistors) and the quantizer's speed (bitmod-area.ts).
 *   7. TPE arrays, baseline vs transformed: area, delay, throughput/(area x delay) (tpe-area.ts).
 *   7b. TPE baseline ≡ transformed at W = 4, Yosys SAT proofs with their times (tpe-equiv.ts).
 *   8. Sweep: points/minute with 1 and 2 pool workers, overhead over bare gen + synth (sweep.ts).
 */
import { execFileSync as run } from 'node:child_process';
import { khotAreaTable } from './khot-area.ts';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

interface GenResult { rows: number; cols: number; pes: number; ms: number; peakRssMb: number; bytes: number }

function genArray(rows: number, cols: number): GenResult {
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', `${here}gen-array.ts`, String(rows), String(cols)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as GenResult;
}

function best(rows: number, cols: number, runs: number): GenResult {
  const all = Array.from({ length: runs }, () => genArray(rows, cols));
  return all.reduce((a, b) => (b.ms < a.ms ? b : a));
}

console.log('== generator scaling: elaborate + check + emit, INT8 MAC array (best of 3) ==');
const small = best(64, 64, 3);
const large = best(128, 128, 3);
for (const r of [small, large]) {
  console.log(`${`${r.rows}x${r.cols}`.padEnd(8)} ${r.pes.toString().padStart(6)} PEs  ${r.ms.toFixed(0).padStart(6)} ms  ${((r.ms * 1000) / r.pes).toFixed(1).padStart(7)} us/PE  peak RSS ${r.peakRssMb.toFixed(0).padStart(5)} MB  ${(r.bytes / 1e6).toFixed(1)} MB of output`);
}
const ratio = large.ms / small.ms;
console.log(`4x/1x time ratio: ${ratio.toFixed(2)} (target <= 4.5)`);
console.log(`64x64 targets: time ${small.ms <= 2000 ? 'met' : 'MISSED'} (${small.ms.toFixed(0)} ms <= 2000), memory ${small.peakRssMb <= 1024 ? 'met' : 'MISSED'} (${small.peakRssMb.toFixed(0)} MB <= 1024)`);

console.log('\n== generator at scale: 256x256 and 512x512 INT8 MAC arrays (one run each) ==');
{
  const [a, b] = [genArray(256, 256), genArray(512, 512)];
  for (const r of [a, b]) console.log(`${`${r.rows}x${r.cols}`.padEnd(8)} ${r.pes.toString().padStart(6)} PEs  ${(r.ms / 1000).toFixed(1).padStart(6)} s  peak RSS ${(r.peakRssMb / 1024).toFixed(2)} GB`);
  console.log(`4x/1x time ratio: ${(b.ms / a.ms).toFixed(2)} (target <= 4.5); 512x512: time ${b.ms <= 30_000 ? 'met' : 'MISSED'} (<= 30 s), memory ${b.peakRssMb <= 4096 ? 'met' : 'MISSED'} (<= 4 GB)`);
}

console.log('\n== CLI start-up vs bare node (startup.ts) ==');
console.log(run(process.execPath, ['--import', 'tsx', `${here}startup.ts`], { encoding: 'utf8' }));

console.log('\n== QFX: 8x8 multiply vs K-hot multiplies, synth --target xilinx ==');
console.log((await khotAreaTable()).text);

// Sections 3 and 4 are standalone scripts (long-running; each prints its own table and targets).
for (const script of ['mixpe-area.ts', 'cosim-throughput.ts', 'arith-area.ts', 'bitmod-area.ts', 'tpe-area.ts', 'tpe-equiv.ts', 'sweep.ts']) {
  console.log(`\n== ${script} ==`);
  console.log(run(process.execPath, ['--import', 'tsx', `${here}${script}`], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}
