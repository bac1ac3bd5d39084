import path from 'node:path';
import { runCosim, formatCosimReport } from './src/cosim/index.ts';
const fx = (f: string) => path.resolve('test/cosim/fixtures', f);
const s8 = (name: string) => ({ name, width: 8, signed: true });
const u8 = (name: string) => ({ name, width: 8, signed: false });
async function go(label: string, p: Promise<any>) {
  const t0 = performance.now();
  try { const r = await p; console.log(`--- ${label}\n` + formatCosimReport(r, { maxShown: 2 }), (performance.now() - t0).toFixed(0), 'ms'); }
  catch (e) { console.log(`--- ${label} ERROR`, (e as Error).message); }
}
await go('wrong', runCosim({ target: { top: 'mul8s_wrong', files: [fx('mul8s_wrong.v')], inputs: [s8('a'), s8('b')], outputs: [{ name: 'p', width: 16, signed: true }], protocol: { kind: 'comb' } }, golden: ([[a, b]]) => [[a * b]], sim: 'both' }));
await go('pipe', runCosim({ target: { top: 'mac_pipe2', files: [fx('mac_pipe2.v')], reset: { name: 'rst', activeLow: false }, inputs: [s8('a'), s8('b'), { name: 'c', width: 16, signed: true }], outputs: [{ name: 'y', width: 17, signed: true }], protocol: { kind: 'pipelined', latency: 2 } }, golden: ([[a, b, c]]) => [[a * b + c]], sim: 'both', vectorOptions: { count: 3000 } }));
await go('stream', runCosim({ target: { top: 'serial_mul', files: [fx('serial_mul.v')], reset: { name: 'rst', activeLow: false }, inputs: [u8('a'), u8('b')], outputs: [{ name: 'p', width: 16, signed: false }], protocol: { kind: 'stream' } }, golden: ([[a, b]]) => [[a * b]], sim: 'both', vectorOptions: { exhaustiveMaxBits: 8, count: 3000 } }));
await go('sumdiff', runCosim({ target: { top: 'sumdiff2', files: [fx('sumdiff2.v')], reset: { name: 'rst', activeLow: false }, inputs: [s8('x')], outputs: [{ name: 'y', width: 9, signed: true }], protocol: { kind: 'stream' }, beats: { in: 2, out: 2 } }, golden: ([[x0], [x1]]) => [[x0 + x1], [x0 - x1]], sim: 'both', vectorOptions: { exhaustiveMaxBits: 8, count: 3000 } }));
await go('add100', runCosim({ target: { top: 'add100', files: [fx('add100.v')], inputs: [{ name: 'a', width: 100, signed: false }, { name: 'b', width: 100, signed: false }], outputs: [{ name: 's', width: 101, signed: false }], protocol: { kind: 'comb' } }, golden: ([[a, b]]) => [[a + b]], sim: 'both', vectorOptions: { count: 3000 } }));
await go('hang', runCosim({ target: { top: 'never_valid', files: [fx('never_valid.v')], reset: { name: 'rst', activeLow: false }, inputs: [u8('a')], outputs: [u8('y')], protocol: { kind: 'stream' } }, golden: ([[a]]) => [[a]], sim: 'both', hangCycles: 500 }));
await go('hang-icarus', runCosim({ target: { top: 'never_valid', files: [fx('never_valid.v')], reset: { name: 'rst', activeLow: false }, inputs: [u8('a')], outputs: [u8('y')], protocol: { kind: 'stream' } }, golden: ([[a]]) => [[a]], sim: 'icarus', hangCycles: 500 }));
