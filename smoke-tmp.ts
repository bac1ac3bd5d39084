import { beatLayout } from './src/cosim/layout.ts';
import { generateVectors } from './src/cosim/vectors.ts';
import { expectedEngine } from './src/cosim/expected.ts';
const lanes = [...Array(8).keys()];
const inL = beatLayout([...lanes.map((i) => ({ name: `a${i}`, width: 4, signed: true })), ...lanes.map((i) => ({ name: `w${i}`, width: 8, signed: true }))]);
const outL = beatLayout([{ name: 'y', width: 16, signed: true }]);
const vs = generateVectors(inL, { count: 5_000_000, corners: false }, 1);
const eng = expectedEngine(inL, outL, ([b]) => { let a = 0n; for (let i = 0; i < 8; i++) a += b[i] * b[8 + i]; return [[a]]; }, ([cols], [[y]], n) => {
  const [a0, a1, a2, a3, a4, a5, a6, a7, w0, w1, w2, w3, w4, w5, w6, w7] = cols;
  for (let k = 0; k < n; k++) y[k] = a0[k] * w0[k] + a1[k] * w1[k] + a2[k] * w2[k] + a3[k] * w3[k] + a4[k] * w4[k] + a5[k] * w5[k] + a6[k] * w6[k] + a7[k] * w7[k];
});
const C = 65536; const buf = new Uint32Array(C * 16);
let tf = 0, te = 0, tx = 0;
for (let s = 0; s < vs.count; s += C) {
  const n = Math.min(C, vs.count - s);
  let t = performance.now(); const cols = eng.inputColumns(n); const f = vs.fill(s, n, buf, cols); tf += performance.now() - t;
  t = performance.now(); eng.compute(buf, n, s, f); te += performance.now() - t;
  t = performance.now(); eng.compute(buf, n, s, false); tx += performance.now() - t;
}
console.log('fill ns/vec', (tf * 1e6 / vs.count).toFixed(1), 'expected ns/vec', (te * 1e6 / vs.count).toFixed(1), 'expected+extract', (tx * 1e6 / vs.count).toFixed(1));
