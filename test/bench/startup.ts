/**
 * Bench: CLI start-up, measured side by side with a bare `node -e 0` in one run (interleaved, median
 * of N each), so the ratios hold on any machine: the installed command, the compiled
 * dist/cli/bin.js (built first with `npm run build`, so it matches the sources), for `--help`
 * (target <= 5x) and `gen examples/mac-int8.ts` (target <= 12x); the same two through tsx from the
 * sources (src/cli/bin.mjs) for comparison, no target. Every gen after the first of each CLI takes
 * the parameter metadata from the cache, so the median is a cache hit. Prints a table and the ratios.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.js');
const SOURCES = join(ROOT, 'src/cli/bin.mjs');
const N = Number(process.argv[2] ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'lowbit-startup-'));

const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`);

const gen = (bin: string, out: string): string[] => [bin, 'gen', join(ROOT, 'examples/mac-int8.ts'), '-o', join(dir, out), '--force'];
const CASES: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'lowbit-hdl --help': [BIN, '--help'],
  'lowbit-hdl gen mac-int8': gen(BIN, 'out'),
  'sources (tsx): --help': [SOURCES, '--help'],
  'sources (tsx): gen mac-int8': gen(SOURCES, 'out-src'),
};

const times: Record<string, number[]> = Object.fromEntries(Object.keys(CASES).map((k) => [k, []]));
for (let i = 0; i < N; i++) {
  for (const [name, args] of Object.entries(CASES)) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
    times[name]!.push(ms);
  }
}
rmSync(dir, { recursive: true, force: true });
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(times['node -e 0']!);
const targets: Record<string, number> = { 'lowbit-hdl --help': 5, 'lowbit-hdl gen mac-int8': 12 };
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  const t = targets[name];
  console.log(`${name.padEnd(26)} ${m.toFixed(0).padStart(6)} ms  ${(m / base).toFixed(1).padStart(5)}x node${t ? `  (target <= ${t}x: ${m / base <= t ? 'met' : 'MISSED'})` : ''}`);
}
