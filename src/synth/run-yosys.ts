/**
 * `runYosys(script, files)`: run one Yosys script over a set of in-memory files on the best
 * available engine (see `chooseEngines`) and return the log and the files the script wrote.
 * A Yosys error becomes a `YosysError` carrying Yosys's own message; no engine -> `LowbitError`.
 */
import { LowbitError } from '../diag/error.ts';
import { EngineFailure, type RawYosysRun } from './raw-run.ts';
import { runNative } from './run-native.ts';
import { runWasm } from './run-wasm.ts';
import {
  chooseEngines,
  describeEngine,
  probeNative,
  probeWasm,
  type YosysEngine,
  type YosysEngineChoice,
} from './yosys-engine.ts';
import type { YosysFiles } from './yosys-files.ts';

export interface RunYosysOptions {
  /** Default `auto`: system `yosys` if on PATH and newer than the WASM build, else WASM. */
  readonly engine?: YosysEngineChoice;
  /** Native command (name on PATH or path); default `yosys`. */
  readonly yosysBinary?: string;
  /**
   * Input path -> name to show in error messages (e.g. the user's file path for `src/top.v`).
   * Applied to Yosys's message text only.
   */
  readonly displayNames?: Readonly<Record<string, string>>;
}

export interface YosysRunResult {
  /** The complete Yosys log (`yosys -l`), including the banner with the exact version. */
  readonly log: string;
  /** Files the script wrote (e.g. `tee -o out/stat.json ...`), by relative path, UTF-8 text. */
  readonly files: Readonly<Record<string, string>>;
  readonly engine: YosysEngine;
  /** Wall time of the Yosys process (excluding engine probing), milliseconds. */
  readonly elapsedMs: number;
}

/** Yosys ran and stopped with an error. `message` is Yosys's `ERROR:` text; `log` is the full log. */
export class YosysError extends LowbitError {
  constructor(
    readonly yosysMessage: string,
    readonly log: string,
    readonly engine: YosysEngine,
  ) {
    super({ severity: 'error', message: `Yosys: ${yosysMessage}`, hint: `ran ${describeEngine(engine)}` });
    this.name = 'YosysError';
  }
}

/**
 * Yosys's error text: the first `ERROR:` line of the log (or console), keeping any
 * `file:line:` prefix Yosys puts before it, e.g. `top.v:2: syntax error, unexpected ';'`.
 */
export function extractYosysError(log: string, consoleText: string): string {
  for (const text of [log, consoleText]) {
    const m = /^(.*?)ERROR:\s*(.*)$/m.exec(text);
    if (m) return `${m[1]}${m[2]}`.trim();
  }
  const tail = consoleText.trim().split('\n').slice(-3).join(' ').trim();
  return tail === '' ? 'exited with an error and no message' : tail;
}

/** Replace input paths by display names in one pass (longest key first; no re-rewriting). */
export function renamePaths(text: string, names: Readonly<Record<string, string>>): string {
  const keys = Object.keys(names).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return text;
  const re = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return text.replace(re, (k) => names[k]);
}

export async function runYosys(
  script: string,
  files: YosysFiles,
  options: RunYosysOptions = {},
): Promise<YosysRunResult> {
  const choice = options.engine ?? 'auto';
  const binary = options.yosysBinary ?? 'yosys';
  const [wasm, native] = await Promise.all([
    choice === 'native' ? Promise.resolve({ kind: 'wasm' as const, reason: 'not requested' }) : probeWasm(),
    choice === 'wasm' ? Promise.resolve({ kind: 'native' as const, reason: 'not requested' }) : probeNative(binary),
  ]);
  const { order, unavailable } = chooseEngines(choice, wasm, native);
  const label = (kind: 'wasm' | 'native'): string => (kind === 'wasm' ? '@yowasp/yosys' : `system ${binary}`);
  const failures = unavailable.map((u) => `${label(u.kind)}: ${u.reason}`);
  for (const engine of order) {
    const t0 = performance.now();
    let raw: RawYosysRun;
    try {
      raw = engine.kind === 'wasm' ? await runWasm(script, files) : await runNative(engine.binary!, script, files);
    } catch (e) {
      if (!(e instanceof EngineFailure)) throw e;
      failures.push(`${label(engine.kind)}: ${e.message}`);
      continue;
    }
    const elapsedMs = performance.now() - t0;
    if (raw.exitCode !== 0) {
      const msg = renamePaths(extractYosysError(raw.log, raw.console), options.displayNames ?? {});
      throw new YosysError(msg, raw.log, engine);
    }
    return { log: raw.log, files: raw.files, engine, elapsedMs };
  }
  const hints: Record<YosysEngineChoice, string> = {
    auto: 'reinstall dependencies (npm ci) for the bundled @yowasp/yosys, or put a Yosys binary on PATH',
    wasm: 'reinstall dependencies (npm ci) for the bundled @yowasp/yosys, or choose engine auto/native',
    native: `install Yosys so that '${binary}' runs, or choose engine auto/wasm`,
  };
  throw new LowbitError({
    severity: 'error',
    message: `no usable Yosys (engine ${choice}): ${failures.join('; ')}`,
    hint: hints[choice],
  });
}
