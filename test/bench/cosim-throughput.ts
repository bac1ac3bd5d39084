/**
 * Cosim throughput bench (run with `npx tsx test/bench/cosim-throughput.ts [vectors]`; not a vitest
 * test). Design: an 8-lane INT4 x INT8 signed dot product, 16 data ports (a0..a7 sint4,
 * w0..w7 sint8) -> y sint16, combinational. Measures end-to-end vectors/s (seeded random vector
 * generation + goldenBatch + Verilator/Icarus simulation + comparison) with runCosim, the generated
 * harness alone over a pre-written vector file, and a minimal hand-written Verilator harness (inputs
 * from an in-process xorshift, outputs folded into a checksum) over the same RTL; then the start-up
 * time of a rerun with unchanged RTL (cached build, 1000 vectors).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildVerilator,
  generateVectors,
  resolveTarget,
  runBuiltVerilator,
  runCosim,
  writeVectorFile,
  type CosimTarget,
  type GoldenBatch,
  type GoldenModel,
  type NumColumn,
} from '../../src/cosim/index.ts';
import { defaultBuildDir } from '../../src/cosim/paths.ts';
import { runProcess } from '../../src/cosim/tools.ts';

const LANES = 8;
const N = Number(process.argv[2] ?? 20_000_000);
const N_ICARUS = Math.min(N, 200_000);
const dir = path.join(defaultBuildDir(), 'bench');
mkdirSync(dir, { recursive: true });

const lanes = [...Array(LANES).keys()];
const rtl = `// 8-lane INT4 x INT8 signed dot product (cosim throughput bench).
module dot8 (
${lanes.map((i) => `  input  wire signed [3:0]  a${i},`).join('\n')}
${lanes.map((i) => `  input  wire signed [7:0]  w${i},`).join('\n')}
  output wire signed [15:0] y
);
  assign y = ${lanes.map((i) => `a${i} * w${i}`).join(' + ')};
endmodule
`;
const rtlFile = path.join(dir, 'dot8.v');
writeFileSync(rtlFile, rtl);

const target: CosimTarget = {
  top: 'dot8',
  files: [rtlFile],
  inputs: [
    ...lanes.map((i) => ({ name: `a${i}`, width: 4, signed: true })),
    ...lanes.map((i) => ({ name: `w${i}`, width: 8, signed: true })),
  ],
  outputs: [{ name: 'y', width: 16, signed: true }],
  protocol: { kind: 'comb' },
};

const golden: GoldenModel = ([beat]) => {
  let acc = 0n;
  for (let i = 0; i < LANES; i++) acc += beat[i] * beat[LANES + i];
  return [[acc]];
};

// |sum| <= 8 * 8 * 128 = 8192: exact in Int32 arithmetic.
const goldenBatch: GoldenBatch = ([cols], [[y]], n) => {
  const [a0, a1, a2, a3, a4, a5, a6, a7, w0, w1, w2, w3, w4, w5, w6, w7] = cols as NumColumn[];
  for (let k = 0; k < n; k++) {
    y[k] =
      a0[k] * w0[k] + a1[k] * w1[k] + a2[k] * w2[k] + a3[k] * w3[k] +
      a4[k] * w4[k] + a5[k] * w5[k] + a6[k] * w6[k] + a7[k] * w7[k];
  }
};

const minimalCpp = `#include "Vdot8.h"
#include "verilated.h"
#include <chrono>
#include <cstdio>
#include <cstdlib>
int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 10000000;
  VerilatedContext ctx;
  Vdot8 m(&ctx);
  uint32_t x = 1;
  uint64_t sum = 0;
  auto next = [&]() { x ^= x << 13; x ^= x >> 17; x ^= x << 5; return x; };
  const auto t0 = std::chrono::steady_clock::now();
  for (long i = 0; i < n; ++i) {
    const uint32_t r = next(), s = next(), t = next();
    m.a0 = r & 15; m.a1 = (r >> 4) & 15; m.a2 = (r >> 8) & 15; m.a3 = (r >> 12) & 15;
    m.a4 = (r >> 16) & 15; m.a5 = (r >> 20) & 15; m.a6 = (r >> 24) & 15; m.a7 = (r >> 28) & 15;
    m.w0 = s & 255; m.w1 = (s >> 8) & 255; m.w2 = (s >> 16) & 255; m.w3 = s >> 24;
    m.w4 = t & 255; m.w5 = (t >> 8) & 255; m.w6 = (t >> 16) & 255; m.w7 = t >> 24;
    m.eval();
    sum += m.y;
  }
  const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%.0f %llu\\n", n / dt, (unsigned long long)sum);
  return 0;
}
`;

async function minimalHarnessRate(): Promise<number> {
  const mdir = path.join(dir, 'minimal');
  rmSync(mdir, { recursive: true, force: true });
  mkdirSync(mdir, { recursive: true });
  writeFileSync(path.join(mdir, 'main.cpp'), minimalCpp);
  const b = await runProcess(
    'verilator',
    ['--cc', '--exe', '--build', '-O3', '-j', '2', '--top-module', 'dot8', '-Mdir', 'obj', rtlFile, 'main.cpp'],
    { cwd: mdir },
  );
  if (b.code !== 0) throw new Error(b.stderr);
  const r = await runProcess(path.join(mdir, 'obj', 'Vdot8'), [String(N)]);
  return Number(r.stdout.split(' ')[0]);
}

const fmt = (v: number): string => `${(v / 1e6).toFixed(2)} M/s`;
const rows: [string, string, string][] = [];

// Warm-up (compiles or fetches the cached build; not timed as throughput).
const warm = await runCosim({ target, golden, goldenBatch, vectorOptions: { count: 1000 } });
if (warm.failed !== 0) throw new Error('warm-up run failed');

let t0 = performance.now();
const rv = await runCosim({ target, golden, goldenBatch, vectorOptions: { count: N } });
let dt = (performance.now() - t0) / 1000;
if (rv.failed !== 0) throw new Error('verilator run failed');
const endToEnd = rv.vectors / dt;
rows.push(['runCosim verilator (end to end)', `${rv.vectors}`, fmt(endToEnd)]);

t0 = performance.now();
const ri = await runCosim({ target, golden, goldenBatch, sim: 'icarus', vectorOptions: { count: N_ICARUS } });
dt = (performance.now() - t0) / 1000;
if (ri.failed !== 0) throw new Error('icarus run failed');
rows.push(['runCosim icarus (end to end)', `${ri.vectors}`, fmt(ri.vectors / dt)]);

// Generated harness alone over a pre-written vector file.
const rt = resolveTarget(target);
const build = await buildVerilator(rt);
const vecFile = path.join(dir, 'dot8.vec');
await writeVectorFile(rt, generateVectors(rt.inLayout, { count: N }, 1), vecFile);
t0 = performance.now();
await runBuiltVerilator(build, [{ in: vecFile, out: path.join(dir, 'dot8.out') }]);
dt = (performance.now() - t0) / 1000;
rows.push(['generated harness only (file in/out)', `${N}`, fmt(N / dt)]);
rmSync(vecFile, { force: true });
rmSync(path.join(dir, 'dot8.out'), { force: true });

const minimal = await minimalHarnessRate();
rows.push(['minimal hand-written Verilator harness', `${N}`, fmt(minimal)]);

t0 = performance.now();
const rerun = await runCosim({ target, golden, goldenBatch, vectorOptions: { count: 1000 } });
const startup = performance.now() - t0;

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`cosim throughput: dot8 (8 x INT4*INT8), Verilator -O3, ${N} random vectors`);
for (const [a, b, c] of rows) console.log(`  ${a.padEnd(width)}  ${b.padStart(9)}  ${c.padStart(12)}`);
console.log(`  end to end / minimal harness: ${((100 * endToEnd) / minimal).toFixed(1)} %`);
console.log(`  rerun start-up (cached build, ${rerun.vectors} vectors, compiled=${rerun.runs[0].compiled}): ${startup.toFixed(0)} ms`);
