import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintCommand } from '../../../src/cli/commands/lint.ts';
import { generateTo } from '../../../src/cli/generate.ts';
import type { Printer } from '../../../src/cli/command-line.ts';
import { ROOT } from '../run-cli.ts';

async function lint(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const p: Printer = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await lintCommand(args, p);
  return { code, out, err };
}

describe('lowbit-hdl lint', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'lowbit-lintcmd-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('lints a gen output directory: one ok line per tool, exit 0', async () => {
    const out = join(base, 'rtl');
    await generateTo(join(ROOT, 'test/fixtures/good/typed-params.ts'), { outDir: out, params: ['registered=true'] });
    expect(await lint([out])).toEqual({ code: 0, out: 'verilator ok\nicarus    ok\nyosys     ok\n', err: '' });
  });

  it('generates a design file into a temporary directory first, printing its warnings, and removes it', async () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('lowbit-lint-')).length;
    const r = await lint([join(ROOT, 'test/fixtures/good/keyword-name.ts')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('verilator ok\nicarus    ok\nyosys     ok\n');
    expect(r.err).toMatch(/warning: 'reg' is a Verilog keyword; input 'reg' is emitted as 'reg_'\n/);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('lowbit-lint-')).length).toBe(before);
  });

  it('exits 1 and shows the tool output indented when a tool fails', async () => {
    const out = join(base, 'rtl');
    writeFileSync(join(out, 'typed_params.v'), 'module typed_params (input wire a);\n  wire unused_net;\nendmodule\n');
    const r = await lint([out]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^verilator FAILED\n  %Warning-/);
  });
});
