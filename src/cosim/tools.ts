/**
 * External tools: spawn a process and collect its output, memoized tool versions (part of every
 * build-cache key) and named pipes. One process per build or per simulation run, never per vector.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/**
 * First line of `cmd versionArg` output (e.g. "Verilator 5.006 2023-01-22 ..."), part of every
 * build-cache key. Memoized per process and, when `cacheFile` is given, across processes keyed by
 * the executable's resolved path, size and mtime (an upgrade rewrites the file): asking Verilator
 * (a Perl wrapper) costs ~50 ms, a noticeable share of a cached rerun's start-up.
 */
export function toolVersion(cmd: string, versionArg: string, cacheFile?: string): Promise<string> {
  const exe = which(cmd);
  const st = exe ? statSync(exe) : undefined;
  const key = `${exe ?? cmd}|${st?.size ?? ''}|${st?.mtimeMs ?? ''}|${versionArg}`;
  let v = versions.get(key);
  if (!v) {
    v = lookupVersion(key, cmd, versionArg, cacheFile);
    versions.set(key, v);
  }
  return v;
}

async function lookupVersion(key: string, cmd: string, versionArg: string, cacheFile?: string): Promise<string> {
  const table = cacheFile ? readJson(cacheFile) : {};
  if (typeof table[key] === 'string') return table[key];
  const r = await runProcess(cmd, [versionArg]);
  const version = (r.stdout + r.stderr).trim().split('\n')[0] ?? '';
  if (cacheFile && r.code === 0) {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...readJson(cacheFile), [key]: version }, null, 2));
    renameSync(tmp, cacheFile);
  }
  return version;
}

function readJson(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Resolve `cmd` on PATH (undefined when not found). */
export function which(cmd: string): string | undefined {
  if (cmd.includes('/')) return existsSync(cmd) ? cmd : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
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

/** Where tool versions are remembered under a build root. */
export function versionCache(buildRoot: string): string {
  return path.join(buildRoot, 'tool-versions.json');
}
