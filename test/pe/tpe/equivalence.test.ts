/**
 * Formal equivalence of the TPE forms (tpe.md test case 5) through `lowbit-hdl equiv`: baseline and
 * transformed form of a small configuration (W = 2 keeps the multiplier SAT small) give the same
 * output beats for every input sequence of the given depth from reset — bounded SAT over the
 * transaction-level miter (the forms differ in latency). The W = 4 proofs take from 40 s (mul-tree)
 * to over 10 minutes (column) each on the shared machine and run in the bench
 * (test/bench/tpe-equiv.ts).
 * The planted-bug check of the same machinery is test/cosim/transaction-equiv.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.ts';

const CASES: [string, string[], number, number?, string[]?][] = [
  // One transaction of the OS array is k + (m + n − 2) + n = 2 + 1 + 2 = 5 cycles.
  ['examples/tpe-systolic-os.ts', ['W=2', 'm=1', 'k=2', 'n=2'], 8],
  // Mul-tree, 4 stages: the edge is registered (the weights come from the registers, reloaded by
  // every beat of m = 1); 2 beats taken in frames 2 and 3 leave in frames 6 and 7.
  ['examples/tpe-mul-tree.ts', ['W=2', 'm=1', 'k=2', 'n=1', 'stages=4'], 7],
  // WS 2×1, m = 1: every beat is a transaction and reloads the weights (held 1 cycle behind the
  // previous row); latency k + n = 3: 8 cycles cover 3 transactions.
  ['examples/tpe-systolic-ws.ts', ['W=2', 'm=1', 'k=2', 'n=1'], 8, 3],
  // Cube 2: one beat per GEMM, latency 3n − 2 = 4: 7 cycles cover 2 output beats.
  ['examples/tpe-cube.ts', ['W=2', 'n=2'], 7, 2],
  // Column: the C row must agree; `cycles` differs by design (baseline 1 + k + 1 = 4, opt with
  // D = 1 digit, block 1 and accW 5 (one fuse chunk): 1 + 2 + 2 + 1 = 6), so it is not compared.
  // Reset, take, 5 busy cycles, the output beat: 12 cycles cover one whole transaction of the
  // slower form with room for the start of a second.
  ['examples/tpe-column.ts', ['W=2', 'k=2', 'n=1', 'block=1'], 12, 2, ['--ignore-output', 'cycles']],
];

describe('baseline ≡ opt (bounded SAT, Yosys)', () => {
  for (const [design, params, depth, beats = 2, extra = []] of CASES) {
    it(`${design} ${params.join(' ')}: equivalent to depth ${depth}`, async () => {
      const args = ['equiv', design, ...params.flatMap((p) => ['--param', p]), '--param', 'form=baseline', '--against', 'form=opt', '--depth', String(depth), '--beats', String(beats), ...extra];
      const r = await runCli(args);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^equivalent: tpe_\\w+_baseline .* vs tpe_\\w+_opt .*\\n\\s+no input sequence of ${depth} cycles`, 'm'));
    }, 300_000);
  }
});
