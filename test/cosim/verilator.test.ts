import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeVectorFile } from '../../src/cosim/batch-run.ts';
import { DONE_MARKER } from '../../src/cosim/build-cache.ts';
import { explicitVectors } from '../../src/cosim/vectors.ts';
import { resolveTarget } from '../../src/cosim/target.ts';
import { runProcess } from '../../src/cosim/tools.ts';
import { buildVerilator, verilatorArgs } from '../../src/cosim/verilator.ts';

const fx = (f: string): string => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));
const target = resolveTarget({
  top: 'add100',
  files: [fx('add100.v')],
  inputs: [{ name: 'a', width: 100, signed: false }, { name: 'b', width: 100, signed: false }],
  outputs: [{ name: 's', width: 101, signed: false }],
  protocol: { kind: 'comb' },
});

describe('buildVerilator', () => {
  it('builds once per content hash, caches the runtime objects, and separates traced builds', async () => {
    const buildDir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-verilator-'));
    const first = await buildVerilator(target, { buildDir });
    expect(first.compiled).toBe(true);
    expect(existsSync(first.artifact)).toBe(true);
    expect(path.basename(first.dir)).toBe(`add100-${first.hash.slice(0, 16)}`);
    const meta = JSON.parse(readFileSync(path.join(first.dir, DONE_MARKER), 'utf8')) as { flags: string[]; version: string };
    expect(meta.flags).toEqual(['-O3']);
    expect(meta.version).toMatch(/^Verilator 5/);
    const [runtime] = ['verilator-runtime'].map((d) => path.join(buildDir, d));
    const rtDirs = (await runProcess('ls', [runtime])).stdout.trim().split('\n');
    expect(rtDirs).toHaveLength(1);
    for (const o of ['verilated.o', 'verilated_threads.o', DONE_MARKER]) expect(existsSync(path.join(runtime, rtDirs[0], o))).toBe(true);

    const again = await buildVerilator(target, { buildDir });
    expect([again.compiled, again.dir, again.hash]).toEqual([false, first.dir, first.hash]);
    const traced = await buildVerilator(target, { trace: true });
    expect(traced.trace).toBe(true);
    expect(traced.hash).not.toBe(first.hash);
  });

  it('the harness refuses vector files with a foreign header', async () => {
    const build = await buildVerilator(target);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-verilator-'));
    const bad = path.join(dir, 'bad.bin');
    writeFileSync(bad, Buffer.alloc(64));
    const args = verilatorArgs({ seed: 1, hangCycles: 10, drainCycles: 1, bubble: 0, stall: 0 }, [{ in: bad, out: path.join(dir, 'o') }]);
    const r = await runProcess(build.artifact, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a version 1 lowbit vector file');
    const good = path.join(dir, 'good.bin');
    await writeVectorFile(target, explicitVectors(target.inLayout, [[[1n, 2n]]]), good);
    const usage = await runProcess(build.artifact, ['--vcd', path.join(dir, 'x.vcd'), good, path.join(dir, 'o')]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--vcd needs a harness built with tracing');
  });
});
