/**
 * Run the real `lowbit-hdl` command (src/cli/bin.mjs) in a subprocess from the repository root,
 * so design files load through tsx exactly as for a user and diagnostics carry real TS lines.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = `${ROOT}src/cli/bin.mjs`;

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[], cwd: string = ROOT, env: Record<string, string> = {}): Promise<CliResult> {
  const r = await execa('node', [BIN, ...args], { cwd, reject: false, env: { NO_COLOR: '1', ...env } });
  return { code: r.exitCode ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * Run several command lines in one subprocess (test/cli/cli-batch.mjs): the same loader and the
 * same `main()` as the `lowbit-hdl` binary, without a process start per command line.
 */
export async function runCliBatch(argvs: readonly (readonly string[])[], cwd: string = ROOT): Promise<CliResult[]> {
  const r = await execa('node', [`${ROOT}test/cli/cli-batch.mjs`, JSON.stringify(argvs)], { cwd, reject: false, env: { NO_COLOR: '1' } });
  if (r.exitCode !== 0) throw new Error(`cli-batch failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { code: number; stdout: string; stderr: string }[]).map((x) => ({ code: x.code, stdout: x.stdout.trimEnd(), stderr: x.stderr.trimEnd() }));
}
