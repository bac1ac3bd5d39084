/**
 * Run the bundled WASM Yosys (`@yowasp/yosys`) on an in-memory filesystem: nothing touches the
 * host disk, so there is nothing to clean up. Yosys's own exit status is returned, not thrown;
 * a crash of the WASM instance itself (trap, out of memory) is an `EngineFailure`.
 */
import { asText, isOutputPath, LOG_PATH, withScript, YOSYS_ARGS, type YosysFiles } from './yosys-files.ts';
import { EngineFailure, type RawYosysRun } from './raw-run.ts';

type Tree = { [name: string]: Tree | string | Uint8Array };

function toTree(files: Map<string, string | Uint8Array>): Tree {
  const root: Tree = {};
  for (const [path, content] of files) {
    const segs = path.split('/');
    let dir = root;
    for (const seg of segs.slice(0, -1)) {
      dir = (dir[seg] ??= {}) as Tree; // withScript() guarantees no file/folder clash
    }
    dir[segs[segs.length - 1]] = content;
  }
  return root;
}

function flatten(tree: Tree, prefix: string, out: Map<string, string | Uint8Array>): void {
  for (const [name, node] of Object.entries(tree)) {
    const path = prefix + name;
    if (typeof node === 'string' || node instanceof Uint8Array) out.set(path, node);
    else flatten(node, `${path}/`, out);
  }
}

export async function runWasm(script: string, inputs: YosysFiles): Promise<RawYosysRun> {
  const { runYosys, Exit } = await import('@yowasp/yosys');
  let consoleText = '';
  const decoder = new TextDecoder();
  const sink = (bytes: Uint8Array | null): void => {
    if (bytes) consoleText += decoder.decode(bytes, { stream: true });
  };
  let tree: Tree;
  let exitCode = 0;
  try {
    tree = (await runYosys([...YOSYS_ARGS], toTree(withScript(script, inputs)), {
      stdout: sink,
      stderr: sink,
    })) as Tree;
  } catch (e) {
    if (!(e instanceof Exit)) throw new EngineFailure('wasm', `WASM Yosys crashed: ${(e as Error).message}`);
    exitCode = e.code;
    tree = e.files as Tree;
  }
  const all = new Map<string, string | Uint8Array>();
  flatten(tree ?? {}, '', all);
  const files: Record<string, string> = {};
  for (const [path, content] of all) if (isOutputPath(path, inputs)) files[path] = asText(content);
  const log = all.get(LOG_PATH);
  return { exitCode, log: log === undefined ? '' : asText(log), console: consoleText, files };
}
