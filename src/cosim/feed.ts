/**
 * Vector feeding: generate packed input chunks, compute their expected outputs, and stream them to
 * the harnesses' inputs (a named pipe read by a running Verilator binary, and/or a regular file for
 * Icarus). Writes are asynchronous (libuv thread pool), so the next chunk's generation and golden
 * evaluation overlap with the simulator consuming the previous chunk: with 2 cores, TypeScript and
 * the simulator run in parallel. Double-buffered: at most one write per sink is in flight.
 */
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { ExpectedEngine } from './expected.ts';
import type { ResolvedTarget } from './target.ts';
import type { ProcessResult } from './tools.ts';
import type { VectorSet } from './vectors.ts';
import { bytesOf, vectorHeader } from './wire.ts';

/** Transactions per chunk: the unit of generation, golden evaluation, writing and comparison. */
export const CHUNK_TXNS = 65_536;

export interface Sink {
  write(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

/** A regular file written synchronously (Icarus input, waveform reruns). */
export function fileSink(file: string): Sink {
  const fd = openSync(file, 'w');
  let open = true;
  return {
    async write(bytes) {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    },
    async close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/**
 * The write end of a named pipe whose reader is the harness process `proc`. Opening a FIFO blocks
 * until the reader opens it; if the process exits first, the pending open is released by opening
 * the read end ourselves and `undefined` is returned (the caller then reports the process error).
 */
export async function fifoSink(fifo: string, proc: Promise<ProcessResult>): Promise<Sink | undefined> {
  const opening = open(fifo, 'w');
  const exited = (): 'exited' => 'exited';
  const first = await Promise.race([opening.then(() => 'open' as const), proc.then(exited, exited)]);
  if (first === 'exited') {
    const rd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    await (await opening).close();
    closeSync(rd);
    return undefined;
  }
  const fh: FileHandle = await opening;
  let open_ = true;
  return {
    async write(bytes) {
      let off = 0;
      while (off < bytes.length) off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
    },
    async close() {
      if (open_) await fh.close();
      open_ = false;
    },
  };
}

/**
 * Write the header and all transactions of `vs` to every sink; with an engine, return the expected
 * output words per chunk (chunk k covers transactions [k*CHUNK_TXNS, ...)). Sinks are not closed.
 */
export async function feed(
  t: ResolvedTarget,
  vs: VectorSet,
  sinks: readonly Sink[],
  engine?: ExpectedEngine,
): Promise<Uint32Array[]> {
  const expected: Uint32Array[] = [];
  const header = vectorHeader(t.inLayout, t.outLayout, vs.count);
  let pending: Promise<unknown> = Promise.all(sinks.map((s) => s.write(header)));
  const wpt = t.inLayout.wordsPerTxn;
  const size = Math.min(CHUNK_TXNS, Math.max(vs.count, 1));
  const buffers = [new Uint32Array(size * wpt), new Uint32Array(size * wpt)];
  for (let start = 0, k = 0; start < vs.count; start += CHUNK_TXNS, k++) {
    const n = Math.min(CHUNK_TXNS, vs.count - start);
    const buf = buffers[k % 2].subarray(0, n * wpt);
    const cols = engine?.inputColumns(n);
    const filled = vs.fill(start, n, buf, cols) === true;
    if (engine) expected.push(engine.compute(buf, n, start, filled));
    await pending;
    const bytes = bytesOf(buf);
    pending = Promise.all(sinks.map((s) => s.write(bytes)));
  }
  await pending;
  return expected;
}
