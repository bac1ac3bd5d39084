/**
 * The TPE example designs through the real CLI: `--list-params` shows every parameter with its
 * doc, `gen` writes the array, and a bad parameter is a located error at the example's build line
 * with the golden model's message (exit 1, nothing written, no stack trace).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/run-cli.ts';

const EXAMPLES = ['tpe-systolic-os', 'tpe-systolic-ws', 'tpe-cube', 'tpe-mul-tree', 'tpe-column'];
/** Shape parameters per example (the column has no m, the cube only n). */
const SHAPE: Record<string, string[]> = { 'tpe-column': ['k', 'n'], 'tpe-cube': ['n'] };

describe('examples/tpe-*.ts', () => {
  for (const ex of EXAMPLES) {
    it(`${ex}: --list-params, gen, and a located parameter error`, async () => {
      const list = await runCli(['gen', `examples/${ex}.ts`, '--list-params']);
      expect(list.code, list.stderr).toBe(0);
      const shape = SHAPE[ex] ?? ['m', 'k', 'n'];
      for (const name of [...shape, 'form', 'W', 'aSigned', 'bSigned', 'accW', 'recoder', 'tree', 'compress42', 'signExt', 'edgeCpa']) {
        expect(list.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
      }
      const out = join(mkdtempSync(join(tmpdir(), 'tpe-ex-')), 'rtl');
      const gen = await runCli(['gen', `examples/${ex}.ts`, ...shape.flatMap((s) => ['--param', `${s}=2`]), '-o', out]);
      expect(gen.code, gen.stderr).toBe(0);
      expect(readdirSync(out).some((f) => f.endsWith('.f'))).toBe(true);
      const badOut = join(mkdtempSync(join(tmpdir(), 'tpe-ex-')), 'rtl');
      const bad = await runCli(['gen', `examples/${ex}.ts`, '--param', 'W=7', '-o', badOut]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(new RegExp(`examples/${ex}\\.ts:\\d+:\\d+: error: tpe \\S+: parameter W must be an even integer from 2 to 16, got 7`));
      expect(bad.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(badOut)).toBe(false);
    }, 120_000);
  }
});
