/**
 * External tools: spawn a process and collect its output, memoized tool versions (part of every
 * build-cache key) and named pipes. One process per build or per simulation run, never per vector.
 */
import { spawn } from 'node:child_process';
import { userError } from '../diag/error.ts';

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Output kept per stream; tools that print more are truncated (the tail is kept). */
const MAX_CAPTURE = 4 << 20;

/** Run `cmd args` to completion, capturing stdout/stderr. Rejects only if it cannot be started. */
export function runProcess(cmd: string, args: readonly string[], opts: { cwd?: string } = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const keep = (acc: string, chunk: Buffer): string => {
      const s = acc + chunk.toString('utf8');
      return s.length > MAX_CAPTURE ? s.slice(s.length - MAX_CAPTURE) : s;
    };
    child.stdout.on('data', (c: Buffer) => (stdout = keep(stdout, c)));
    child.stderr.on('data', (c: Buffer) => (stderr = keep(stderr, c)));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? userError(`cosim: '${cmd}' is not installed or not on PATH`) : e),
    );
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const versions = new Map<string, Promise<string>>();

/** First line of `cmd versionArg` output, memoized per process (e.g. "Verilator 5.006 ..."). */
export function toolVersion(cmd: string, versionArg: string): Promise<string> {
  const key = `${cmd} ${versionArg}`;
  let v = versions.get(key);
  if (!v) {
    v = runProcess(cmd, [versionArg]).then((r) => (r.stdout + r.stderr).trim().split('\n')[0] ?? '');
    versions.set(key, v);
  }
  return v;
}

/** Create a named pipe (Linux/macOS `mkfifo`). */
export async function makeFifo(file: string): Promise<void> {
  const r = await runProcess('mkfifo', [file]);
  if (r.code !== 0) throw new Error(`mkfifo ${file} failed: ${r.stderr.trim()}`);
}

/** Last `n` non-empty lines of a tool's output, for error messages. */
export function tailLines(text: string, n = 30): string {
  return text.split('\n').filter((l) => l.trim() !== '').slice(-n).join('\n');
}
