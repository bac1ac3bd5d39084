/**
 * Transaction-level equivalence (src/cosim/transaction-equiv.ts) through `lowbit-hdl equiv`: forms
 * of different latency are proven equivalent, a planted bug is caught with a counterexample that
 * replays as a cosim vector file, and the miter/trace helpers behave.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { miterVerilog, parseSatTable, proveTransactionEquivalence, transactionsOfTrace } from '../../src/cosim/transaction-equiv.ts';
import type { CosimTarget } from '../../src/cosim/types.ts';
import { runCli } from '../cli/run-cli.ts';

const FIXTURE = 'test/cosim/fixtures/equiv-planted.ts';
const target: CosimTarget = {
  top: 't',
  files: [],
  reset: { name: 'rst', activeLow: false },
  inputs: [{ name: 'x', width: 4, signed: true }],
  outputs: [{ name: 'y', width: 7, signed: true }],
  protocol: { kind: 'stream' },
  beats: { in: 2, out: 1 },
};

describe('miter and trace helpers', () => {
  it('the miter offers a beat to both sides only when both are ready and compares recorded beats', () => {
    const v = miterVerilog(target, 3);
    expect(v).toContain('assign take = env_valid & a_in_ready & b_in_ready;');
    expect(v).toContain('gold_top u_a(.clk(clk), .rst(rst), .in_valid(take), .out_ready(env_ready)');
    expect(v.match(/assert \(a_s\d == b_s\d\)/g)).toHaveLength(3);
  });
  it('ignored outputs stay connected but leave the compared beat', () => {
    const two: CosimTarget = { ...target, outputs: [...target.outputs, { name: 'n', width: 3, signed: false }] };
    expect(miterVerilog(two, 1)).toContain('wire [9:0] a_beat = {a_y, a_n};');
    const v = miterVerilog(two, 1, ['n']);
    expect(v).toContain('wire [6:0] a_beat = {a_y};');
    expect(v).toContain('.n(b_n)');
  });
  it('refuses an ignored name that is no data output, and ignoring every output', async () => {
    const side = { files: [], target };
    await expect(proveTransactionEquivalence(side, side, { ignore: ['cycles'] })).rejects.toThrow(/ignored output 'cycles' is not a data output of t/);
    await expect(proveTransactionEquivalence(side, side, { ignore: ['y'] })).rejects.toThrow(/every data output is ignored/);
  });
  it('a SAT table becomes the accepted input transactions (signed values, reset frames skipped)', () => {
    const log = [
      '         1 \\rst                    1          1          1',
      '         1 \\take                   1          1          1',
      '         1 \\x                     -1          f       1111',
      '         2 \\rst                    0          0          0',
      '         2 \\take                   1          1          1',
      '         2 \\x                      5          5       0101',
      '         3 \\rst                    0          0          0',
      '         3 \\take                   0          0          0',
      '         3 \\x                      7          7       0111',
      '         4 \\rst                    0          0          0',
      '         4 \\take                   1          1          1',
      '         4 \\x                     -8          8       1000',
    ].join('\n');
    const frames = parseSatTable(log);
    expect(frames.get(2)!.get('x')).toBe('0101');
    expect(transactionsOfTrace(frames, target)).toEqual([[[5n], [-8n]]]);
  });
});

describe('lowbit-hdl equiv', () => {
  it('proves a 1-stage and a 2-stage form equivalent (different latency)', async () => {
    const r = await runCli(['equiv', FIXTURE, '--param', 'variant=direct', '--against', 'variant=slow', '--depth', '8', '--beats', '4']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^equivalent: times3 \[variant=direct\] vs times3 \[variant=slow\]/m);
  }, 120_000);
  it('catches the planted bug and reports the counterexample as a replayable cosim vector file', async () => {
    const cex = join(mkdtempSync(join(tmpdir(), 'equiv-')), 'cex.jsonl');
    const r = await runCli(['equiv', FIXTURE, '--param', 'variant=direct', '--against', 'variant=bug', '--depth', '8', '--beats', '4', '--cex', cex]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/DIFFERENT: times3/);
    const lines = readFileSync(cex, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[][]);
    expect(lines.flat(2)).toContain('5');
    // Replaying the counterexample in cosim fails the buggy variant and passes the correct one.
    const bad = await runCli(['cosim', FIXTURE, '--param', 'variant=bug', '--vector-file', cex, '--sim', 'icarus']);
    expect(bad.code).not.toBe(0);
    const good = await runCli(['cosim', FIXTURE, '--param', 'variant=slow', '--vector-file', cex, '--sim', 'icarus']);
    expect(good.code, good.stdout + good.stderr).toBe(0);
  }, 180_000);
});
