/**
 * Run a system `yosys` binary in a fresh temporary directory holding the inputs and the script.
 * The directory is removed in every outcome (success, Yosys error, spawn failure). Yosys's exit
 * status is returned, not thrown; failing to start or being killed is an `EngineFailure`.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { EngineFailure, type RawYosysRun } from './raw-run.ts';
import { isOutputPath, LOG_PATH, withScript, YOSYS_ARGS, type YosysFiles } from './yosys-files.ts';

/** Prefix of the temporary directories, so tests can check none is left behind. */
export const NATIVE_TMP_PREFIX = 'lowbit-yosys-';

async function listFiles(root: string, rel: string = ''): Promise<string[]> {
  const out: string[] = [];
  for (const ent of await readdir(join(root, rel), { withFileTypes: true })) {
    const path = rel === '' ? ent.name : `${rel}/${ent.name}`;
    if (ent.isDirectory()) out.push(...(await listFiles(root, path)));
    else if (ent.isFile()) out.push(path);
  }
  return out;
}

export async function runNative(binary: string, script: string, inputs: YosysFiles): Promise<RawYosysRun> {
  const dir = await mkdtemp(join(tmpdir(), NATIVE_TMP_PREFIX));
  try {
    for (const [path, content] of withScript(script, inputs)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const r = await execa(binary, [...YOSYS_ARGS], { cwd: dir, reject: false, all: true, stdin: 'ignore' });
    if (r.exitCode === undefined) {
      throw new EngineFailure('native', `could not run '${binary}': ${r.shortMessage}`);
    }
    const files: Record<string, string> = {};
    for (const path of await listFiles(dir)) {
      if (isOutputPath(path, inputs)) files[path] = await readFile(join(dir, path), 'utf8');
    }
    const log = await readFile(join(dir, LOG_PATH), 'utf8').catch(() => '');
    return { exitCode: r.exitCode, log, console: r.all ?? '', files };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
