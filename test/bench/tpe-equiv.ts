/**
 * Bench section (issue 12 item 3, tpe.md test case 5 at W = 4): `lowbit-hdl equiv` proves the
 * baseline and transformed forms of every TPE architecture equivalent at W = 4 — bounded Yosys SAT
 * over the transaction-level miter, all input sequences of `depth` cycles from reset. These
 * proofs take minutes each on a shared machine (W = 2 runs in the tests,
 * test/pe/tpe/equivalence.test.ts, with the mul-tree also at W = 4), so they live here.
 * `TPE_EQUIV_ONLY=mul-tree,cube` restricts the architectures; `TPE_EQUIV_TIMEOUT` (seconds, default
 * 1800) bounds each proof. Every line is printed as soon as its proof ends: the architecture, the
 * configuration, the verdict and the wall time of the whole command (generation, Yosys, SAT).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const only = process.env.TPE_EQUIV_ONLY?.split(',').map((s) => s.trim());
const timeoutS = Number(process.env.TPE_EQUIV_TIMEOUT ?? 1800);

interface Case {
  readonly arch: string;
  readonly design: string;
  readonly params: readonly string[];
  readonly depth: number;
  readonly beats: number;
  readonly extra?: readonly string[];
  /** Why this depth covers what it covers. */
  readonly covers: string;
}

export const W4_CASES: readonly Case[] = [
  { arch: 'mul-tree', design: 'examples/tpe-mul-tree.ts', params: ['W=4', 'm=1', 'k=2', 'n=1', 'stages=1'], depth: 4, beats: 2, covers: '2 transactions of one row' },
  { arch: 'mul-tree', design: 'examples/tpe-mul-tree.ts', params: ['W=4', 'm=1', 'k=2', 'n=1', 'stages=4'], depth: 7, beats: 2, covers: '2 transactions through the registered edge, each reloading the weights' },
  { arch: 'systolic-ws', design: 'examples/tpe-systolic-ws.ts', params: ['W=4', 'm=1', 'k=2', 'n=1'], depth: 8, beats: 3, covers: '3 transactions, each reloading the weights' },
  { arch: 'cube', design: 'examples/tpe-cube.ts', params: ['W=4', 'n=2'], depth: 7, beats: 2, covers: '2 GEMMs (latency 3n − 2 = 4)' },
  // Opt column at W = 4, k = 2, block 1: 1 + 2 passes × 2 blocks + 2 (issue, weight registers) + 2 fuse chunks (accW 9) = 9 cycles.
  { arch: 'column', design: 'examples/tpe-column.ts', params: ['W=4', 'k=2', 'n=1', 'block=1'], depth: 13, beats: 2, extra: ['--ignore-output', 'cycles'], covers: 'one whole transaction of the slower form' },
  // OS 1×2 (n = 2, depth 8) did not finish in 900 s on the shared machine; 1×1 proves in under a minute.
  { arch: 'systolic-os', design: 'examples/tpe-systolic-os.ts', params: ['W=4', 'm=1', 'k=2', 'n=1'], depth: 6, beats: 1, covers: 'one transaction (k + m + n − 2 + n = 3 cycles) and the next one started' },
];

function prove(c: Case): Promise<string> {
  const args = [`${ROOT}src/cli/bin.mjs`, 'equiv', c.design, ...c.params.flatMap((p) => ['--param', p]), '--param', 'form=baseline', '--against', 'form=opt', '--depth', String(c.depth), '--beats', String(c.beats), ...(c.extra ?? [])];
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, timeout: timeoutS * 1000, maxBuffer: 1 << 24, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout) => {
      const s = ((performance.now() - t0) / 1000).toFixed(0);
      const what = `${c.arch} ${c.params.join(' ')} depth ${c.depth}, ${c.beats} beats (${c.covers})`;
      if (err && (err as { killed?: boolean }).killed) resolve(`${what}: NOT PROVEN, stopped after ${timeoutS} s`);
      else if (/^equivalent:/m.test(stdout)) resolve(`${what}: equivalent, ${s} s wall (${/Yosys SAT, ([\d.]+) s/.exec(stdout)?.[1] ?? '?'} s in Yosys)`);
      else resolve(`${what}: FAILED (${s} s)\n${stdout}`);
    });
  });
}

export async function tpeEquivTable(log: (s: string) => void = () => {}): Promise<string> {
  const out: string[] = [];
  for (const c of W4_CASES) {
    if (only && !only.includes(c.arch)) continue;
    const line = await prove(c);
    out.push(line);
    log(line);
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await tpeEquivTable((s) => console.log(s));
}
