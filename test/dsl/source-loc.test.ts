import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { captureLoc, setLocCapture, locInFile } from '../../src/dsl/source-loc.ts';
import { module, uint } from '../../src/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = `${ROOT}test/fixtures/good/source-loc-probe.ts`;

/** Line (1-based) of the line carrying `// @marker`, and the column of `token` on it. */
function at(marker: string, token: string): { file: string; line: number; col: number } {
  const lines = readFileSync(PROBE, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(`// @${marker}`));
  return { file: PROBE, line: i + 1, col: lines[i]!.indexOf(token) + 1 };
}

describe('captureLoc under tsx (the CLI loader): real TypeScript lines and columns', () => {
  it('points at the user call site, skipping DSL frames', async () => {
    const r = await execa('node', ['--import', 'tsx', PROBE], { cwd: ROOT });
    const locs = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(locs).toEqual({
      direct: at('direct', 'captureLoc'),
      module: at('module', 'module('),
      a: at('input-a', 'input('),
      add: at('add', 'add('),
    });
  });
});

describe('captureLoc in process', () => {
  it('names this file, and nothing when capture is off', () => {
    expect(captureLoc()!.file).toBe(fileURLToPath(import.meta.url));
    setLocCapture(false);
    try {
      expect(captureLoc()).toBeUndefined();
      const def = module('x', (m) => void m.output('y', m.input('a', uint(1))), { clock: null });
      expect(def.ir.signals.every((s) => s.loc === undefined)).toBe(true);
    } finally {
      setLocCapture(true);
    }
    expect(captureLoc()).toBeDefined();
  });
});

describe('locInFile', () => {
  it('finds the first frame inside the given file (paths or file URLs)', () => {
    const e = new Error('boom');
    e.stack = ['Error: boom', '    at inner (/lib/x.js:1:2)', '    at build (file:///work/d.ts:7:9)', '    at /work/d.ts:12:3'].join('\n');
    expect(locInFile(e, '/work/d.ts')).toEqual({ file: '/work/d.ts', line: 7, col: 9 });
    expect(locInFile(e, '/lib/x.js')).toEqual({ file: '/lib/x.js', line: 1, col: 2 });
    expect(locInFile(e, '/elsewhere.ts')).toBeUndefined();
    expect(locInFile('not an error', '/work/d.ts')).toBeUndefined();
  });
});
