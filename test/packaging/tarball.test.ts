/**
 * The package as a user gets it: `npm pack`, a fresh `npm init -y` project (CommonJS, as npm makes
 * it), `npm i <tarball>` (dependencies from the npm cache when it has them), a design file that
 * imports only public entry points, then `npx lowbit-hdl gen` and `cosim` in that project. Also:
 * the tarball carries LICENSE, examples and docs; the installed package is never written to
 * (builds are cached in the project's .lowbit-hdl/); the README quick start runs from the package.
 *
 * `lowbit-hdl/pe` exports no family yet (src/pe/<family>/index.ts are still empty on this
 * branch), so the design builds a Dadda/Booth multiplier from `lowbit-hdl/lib` and a DSL MAC; the
 * MixPE array and K-hot multiplier join it when their indexes export them.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { ROOT } from '../cli/run-cli.ts';

const DESIGN = `// A user's design: imports only lowbit-hdl's public entry points.
import { defineDesign, module, sint } from 'lowbit-hdl';
import { multiply } from 'lowbit-hdl/lib';

export interface Params {
  /** Operand width in bits. */
  width: number;
}

export default defineDesign<Params>({
  defaults: { width: 6 },
  build: (p) =>
    module('user_mul', (m) => {
      const a = m.input('a', sint(p.width));
      const b = m.input('b', sint(p.width));
      m.output('p', multiply(a, b, { recoder: 'booth', schedule: 'dadda' }), { doc: 'a * b, Booth radix-4 + Dadda tree' });
    }, { clock: null }),
  cosim: () => ({ protocol: { kind: 'comb' }, golden: ([[a, b]]) => [[a! * b!]] }),
});
`;

let base: string;
let tarball: string;
let proj: string;
const npm = (args: string[], cwd: string) => execa('npm', args, { cwd, reject: false, all: true, env: { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

/** Every file under `dir` with its size and mtime: proof that nothing was written there. */
function stamp(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((d) => {
    const p = join(d.parentPath, d.name);
    const s = statSync(p);
    return `${p}:${s.size}:${s.mtimeMs}`;
  }).sort();
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'lowbit-tarball-'));
  const pack = await npm(['pack', '--pack-destination', base], ROOT);
  expect(pack.exitCode, pack.all).toBe(0);
  tarball = join(base, readdirSync(base).find((f) => f.endsWith('.tgz'))!);
  proj = join(base, 'proj');
  await execa('mkdir', [proj]);
  expect((await npm(['init', '-y'], proj)).exitCode).toBe(0);
  const install = await npm(['i', '--prefer-offline', tarball], proj);
  expect(install.exitCode, install.all).toBe(0);
  writeFileSync(join(proj, 'my-design.ts'), DESIGN);
}, 300_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the packed tarball in a fresh npm init -y project', () => {
  it('the project is CommonJS, as npm init -y makes it', () => {
    expect(JSON.parse(readFileSync(join(proj, 'package.json'), 'utf8')).type ?? 'commonjs').toBe('commonjs');
  });

  it('ships LICENSE, README, the examples and the docs', async () => {
    const list = (await execa('tar', ['tzf', tarball])).stdout.split('\n');
    expect(list).toEqual(expect.arrayContaining(['package/LICENSE', 'package/README.md', 'package/examples/mac-int8.ts', 'package/examples/mixpe.ts', 'package/docs/api.md']));
    expect(readFileSync(join(proj, 'node_modules/lowbit-hdl/LICENSE'), 'utf8')).toMatch(/^Apache License\s+Version 2\.0/);
  });

  it('npx lowbit-hdl gen and cosim work on a design importing lowbit-hdl and lowbit-hdl/lib; the package is not written to', async () => {
    const pkg = join(proj, 'node_modules/lowbit-hdl');
    const before = stamp(pkg);
    const gen = await execa('npx', ['lowbit-hdl', 'gen', 'my-design.ts', '-o', 'rtl'], { cwd: proj, reject: false, all: true });
    expect(gen.all).toBe('wrote rtl/ (1 module, top user_mul, 7 files)');
    expect(readdirSync(join(proj, 'rtl')).sort()).toEqual(['README.md', 'manifest.json', 'user_mul-timing.json', 'user_mul-timing.svg', 'user_mul.core', 'user_mul.f', 'user_mul.v']);
    const cosim = await execa('npx', ['lowbit-hdl', 'cosim', 'my-design.ts', '--sim', 'both'], { cwd: proj, reject: false, all: true });
    expect(cosim.exitCode, cosim.all).toBe(0);
    expect(cosim.all).toMatch(/exhaustive 2\^12/);
    expect(cosim.all!.trim().split('\n').pop()).toBe('8192 passed, 0 failed'); // 2^12 on each simulator
    expect(existsSync(join(proj, '.lowbit-hdl', 'build'))).toBe(true);
    expect(stamp(pkg)).toEqual(before);
  }, 300_000);

  it('the README quick start runs from the installed package: gen of a shipped example', async () => {
    const r = await execa('npx', ['lowbit-hdl', 'gen', 'node_modules/lowbit-hdl/examples/mac-int8.ts', '-o', 'mac'], { cwd: proj, reject: false, all: true });
    expect(r.all).toBe('wrote mac/ (1 module, top mac_int8, 7 files)');
  }, 120_000);
});
