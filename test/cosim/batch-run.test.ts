import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBuiltVerilator, writeVectorFile } from '../../src/cosim/batch-run.ts';
import { decodeTxn } from '../../src/cosim/layout.ts';
import { resolveTarget } from '../../src/cosim/target.ts';
import { generateVectors } from '../../src/cosim/vectors.ts';
import { buildVerilator } from '../../src/cosim/verilator.ts';

const fx = (f: string): string => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));

describe('many vector files through one binary', () => {
  it('runs several independent IN/OUT pairs in one process (pipelined: fresh model and reset per pair)', async () => {
    const t = resolveTarget({
      top: 'mac_pipe2',
      files: [fx('mac_pipe2.v')],
      reset: { name: 'rst', activeLow: false },
      inputs: [{ name: 'a', width: 8, signed: true }, { name: 'b', width: 8, signed: true }, { name: 'c', width: 16, signed: true }],
      outputs: [{ name: 'y', width: 17, signed: true }],
      protocol: { kind: 'pipelined', latency: 2 },
    });
    const build = await buildVerilator(t);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-batch-'));
    const sets = [10, 500, 3].map((count, k) => generateVectors(t.inLayout, { count, corners: false }, k + 1));
    const pairs = sets.map((_, k) => ({ in: path.join(dir, `v${k}.bin`), out: path.join(dir, `o${k}.bin`) }));
    for (const [k, vs] of sets.entries()) await writeVectorFile(t, vs, pairs[k].in);
    const cycles = await runBuiltVerilator(build, pairs);
    expect(cycles).toEqual(sets.map((vs) => 2 + vs.count + 2));
    for (const [k, vs] of sets.entries()) {
      const bytes = readFileSync(pairs[k].out);
      const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
      for (let i = 0; i < vs.count; i++) {
        const [[a, b, c]] = vs.transaction(i);
        expect(decodeTxn(t.outLayout, words, i)).toEqual([[a * b + c]]);
      }
    }
  });
});
