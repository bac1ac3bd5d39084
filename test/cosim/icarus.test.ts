import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeVectorFile } from '../../src/cosim/batch-run.ts';
import { buildIcarus, icarusArgs } from '../../src/cosim/icarus.ts';
import { decodeTxn } from '../../src/cosim/layout.ts';
import { resolveTarget } from '../../src/cosim/target.ts';
import { runProcess } from '../../src/cosim/tools.ts';
import { explicitVectors } from '../../src/cosim/vectors.ts';

const fx = (f: string): string => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));
const target = resolveTarget({
  top: 'add100',
  files: [fx('add100.v')],
  inputs: [{ name: 'a', width: 100, signed: false }, { name: 'b', width: 100, signed: false }],
  outputs: [{ name: 's', width: 101, signed: false }],
  protocol: { kind: 'comb' },
});
const args = { seed: 1, hangCycles: 100, drainCycles: 4, bubble: 0, stall: 0 };

describe('buildIcarus', () => {
  it('compiles once per content hash and runs the testbench over a packed vector file', async () => {
    const buildDir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-icarus-'));
    const b = await buildIcarus(target, { buildDir });
    expect(b.compiled).toBe(true);
    const again = await buildIcarus(target, { buildDir });
    expect([again.compiled, again.dir]).toEqual([false, b.dir]);

    const max = (1n << 100n) - 1n;
    const txns = [[[0n, 0n]], [[max, 1n]], [[max, max]], [[123456789n << 60n, 987654321n]]];
    const vs = explicitVectors(target.inLayout, txns);
    const input = path.join(buildDir, 'v.bin');
    const out = path.join(buildDir, 'o.bin');
    await writeVectorFile(target, vs, input);
    const r = await runProcess('vvp', icarusArgs(b, args, { in: input, out }));
    expect(r.stdout).toContain(`COSIM-DONE cycles=${txns.length}`);
    const bytes = readFileSync(out);
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    txns.forEach(([[a, bb]], i) => expect(decodeTxn(target.outLayout, words, i)).toEqual([[a + bb]]));
  });

  it('the testbench refuses a missing vector file', async () => {
    const b = await buildIcarus(target);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-icarus-'));
    const r = await runProcess('vvp', icarusArgs(b, args, { in: path.join(dir, 'none.bin'), out: path.join(dir, 'o') }));
    expect(r.stdout).toContain('COSIM-IO cannot open');
  });
});
