/** `lowbit-hdl lint <dir|design.ts>`: Verilator -Wall, Icarus and Yosys over generated RTL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommand, printDiagnostics, type Printer } from '../command-line.ts';
import { generateTo } from '../generate.ts';
import { lintAll, readRtlDir } from '../../lint/lint-rtl.ts';

export async function lintCommand(args: readonly string[], p: Printer): Promise<number> {
  const { values, positionals } = parseCommand(args, { param: { type: 'string', multiple: true } }, 1);
  const target = positionals[0]!;
  let dir = target;
  let tmp: string | undefined;
  if (/\.[cm]?[jt]s$/.test(target)) {
    tmp = mkdtempSync(join(tmpdir(), 'lowbit-lint-'));
    const g = await generateTo(target, { outDir: join(tmp, 'rtl'), params: values.param as string[] | undefined });
    printDiagnostics(g.warnings, p);
    dir = g.outDir;
  }
  try {
    const results = await lintAll(readRtlDir(dir));
    for (const r of results) {
      p.out(`${r.tool.padEnd(9)} ${r.ok ? 'ok' : 'FAILED'}\n`);
      if (!r.ok && r.output) p.out(r.output.replace(/^/gm, '  ') + '\n');
    }
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
