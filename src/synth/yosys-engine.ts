/**
 * Find the Yosys builds this machine can run and pick one: the bundled WASM build
 * (`@yowasp/yosys`), or a system `yosys` binary when it is on PATH and newer.
 * Probes are cached per process; `chooseEngines` is pure so the policy is testable.
 */
import { execa } from 'execa';
import {
  compareYosysVersions,
  formatYosysVersion,
  parseYosysBanner,
  parseYowaspVersion,
  type YosysVersion,
} from './yosys-version.ts';

/** Which Yosys to use: `auto` = native when present and newer than WASM, else WASM. */
export type YosysEngineChoice = 'auto' | 'wasm' | 'native';

/** A runnable Yosys. `binary` is the command for a native build (a name on PATH or a path). */
export interface YosysEngine {
  readonly kind: 'wasm' | 'native';
  readonly version: YosysVersion;
  readonly binary?: string;
}

/** Why an engine cannot be used (package missing, binary not on PATH, unparsable `-V`). */
export interface EngineUnavailable {
  readonly kind: 'wasm' | 'native';
  readonly reason: string;
}

export type EngineProbe = YosysEngine | EngineUnavailable;

export function isAvailable(p: EngineProbe): p is YosysEngine {
  return 'version' in p;
}

/** Human name of an engine for messages: `Yosys 0.55 (WASM)`, `Yosys 0.58 (/usr/bin/yosys)`. */
export function describeEngine(e: YosysEngine): string {
  return `Yosys ${formatYosysVersion(e.version)} (${e.kind === 'wasm' ? 'WASM, @yowasp/yosys' : e.binary})`;
}

let wasmProbe: Promise<EngineProbe> | undefined;
const nativeProbes = new Map<string, Promise<EngineProbe>>();

/** Can `@yowasp/yosys` be imported, and which upstream version is it? (cached) */
export function probeWasm(): Promise<EngineProbe> {
  wasmProbe ??= (async (): Promise<EngineProbe> => {
    try {
      const mod = await import('@yowasp/yosys');
      const version = parseYowaspVersion(mod.version);
      if (!version) return { kind: 'wasm', reason: `unrecognised @yowasp/yosys version '${mod.version}'` };
      return { kind: 'wasm', version };
    } catch (e) {
      return { kind: 'wasm', reason: `cannot load @yowasp/yosys: ${(e as Error).message}` };
    }
  })();
  return wasmProbe;
}

/** Does `binary -V` run and print a Yosys version? (cached per binary) */
export function probeNative(binary: string = 'yosys'): Promise<EngineProbe> {
  let p = nativeProbes.get(binary);
  if (!p) {
    p = (async (): Promise<EngineProbe> => {
      try {
        const r = await execa(binary, ['-V'], { reject: false, timeout: 20_000, stdin: 'ignore' });
        if (r.failed && r.exitCode === undefined) {
          return { kind: 'native', reason: r.code === 'ENOENT' ? `'${binary}' not found on PATH` : (r.shortMessage ?? 'failed to start') };
        }
        const version = parseYosysBanner(`${r.stdout}\n${r.stderr}`);
        if (!version) return { kind: 'native', reason: `'${binary} -V' printed no Yosys version` };
        return { kind: 'native', version, binary };
      } catch (e) {
        return { kind: 'native', reason: (e as Error).message };
      }
    })();
    nativeProbes.set(binary, p);
  }
  return p;
}

/**
 * Order the engines to try. `auto`: native first only when strictly newer than WASM (a newer
 * Yosys maps better and runs faster natively; an older one may lack `stat -json` fields), WASM
 * otherwise; the other one is the fallback if the first cannot start. Explicit choices get no
 * fallback. Returns the unavailable probes too, so a failure can say why each was skipped.
 */
export function chooseEngines(
  choice: YosysEngineChoice,
  wasm: EngineProbe,
  native: EngineProbe,
): { order: YosysEngine[]; unavailable: EngineUnavailable[] } {
  const unavailable = [wasm, native].filter((p): p is EngineUnavailable => !isAvailable(p));
  const ok = (p: EngineProbe): YosysEngine[] => (isAvailable(p) ? [p] : []);
  if (choice === 'wasm') return { order: ok(wasm), unavailable: unavailable.filter((u) => u.kind === 'wasm') };
  if (choice === 'native') return { order: ok(native), unavailable: unavailable.filter((u) => u.kind === 'native') };
  const nativeFirst =
    isAvailable(native) && (!isAvailable(wasm) || compareYosysVersions(native.version, wasm.version) > 0);
  return { order: nativeFirst ? [...ok(native), ...ok(wasm)] : [...ok(wasm), ...ok(native)], unavailable };
}
