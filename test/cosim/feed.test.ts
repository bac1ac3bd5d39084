import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedEngine } from '../../src/cosim/expected.ts';
import { CHUNK_TXNS, feed, fifoSink, fileSink } from '../../src/cosim/feed.ts';
import { decodeTxn } from '../../src/cosim/layout.ts';
import { resolveTarget } from '../../src/cosim/target.ts';
import { makeFifo, runProcess } from '../../src/cosim/tools.ts';
import { generateVectors } from '../../src/cosim/vectors.ts';
import { HEADER_WORDS } from '../../src/cosim/harness-model.ts';

const t = resolveTarget({
  top: 'dut',
  files: ['/x.v'],
  inputs: [{ name: 'a', width: 12, signed: true }, { name: 'b', width: 12, signed: false }],
  outputs: [{ name: 'y', width: 25, signed: true }],
  protocol: { kind: 'comb' },
});
const golden = ([[a, b]]: bigint[][]): bigint[][] => [[a * b]];

describe('feed', () => {
  it('writes the header and every transaction in order, and returns expected outputs per chunk', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-feed-'));
    const file = path.join(dir, 'v.bin');
    const vs = generateVectors(t.inLayout, { count: CHUNK_TXNS + 100 }, 3);
    const sink = fileSink(file);
    const expected = await feed(t, vs, [sink], expectedEngine(t.inLayout, t.outLayout, golden));
    await sink.close();
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(4 * (HEADER_WORDS + vs.count * t.inLayout.wordsPerTxn));
    expect(bytes.readUInt32LE(16)).toBe(vs.count);
    const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset + 4 * HEADER_WORDS, bytes.byteOffset + bytes.length));
    expect(expected.map((e) => e.length)).toEqual([CHUNK_TXNS, vs.count - CHUNK_TXNS]);
    for (const i of [0, 17, CHUNK_TXNS - 1, CHUNK_TXNS, vs.count - 1]) {
      const txn = decodeTxn(t.inLayout, words, i);
      expect(txn).toEqual(vs.transaction(i));
      const chunk = expected[Math.floor(i / CHUNK_TXNS)];
      expect(decodeTxn(t.outLayout, chunk, i % CHUNK_TXNS)).toEqual(golden(txn));
    }
  });

  it('streams through a named pipe to a reading process', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-feed-'));
    const fifo = path.join(dir, 'p');
    await makeFifo(fifo);
    const proc = runProcess('sh', ['-c', `wc -c < ${fifo}`]);
    const sink = await fifoSink(fifo, proc);
    expect(sink).toBeDefined();
    const vs = generateVectors(t.inLayout, { count: 1000 }, 1);
    await feed(t, vs, [sink!]);
    await sink!.close();
    expect(Number((await proc).stdout.trim())).toBe(4 * (HEADER_WORDS + vs.count * 2));
  });

  it('gives up on a pipe whose reader exited without opening it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lowbit-feed-'));
    const fifo = path.join(dir, 'p');
    await makeFifo(fifo);
    const proc = runProcess('sh', ['-c', 'exit 2']);
    expect(await fifoSink(fifo, proc)).toBeUndefined();
  });
});
