/**
 * The package as a user gets it: `npm pack`, a fresh `npm init -y` project (CommonJS, as npm makes
 * it), `npm i <tarball>` (dependencies from the npm cache when it has them), a design file that
 * imports only public entry points, then `npx lowbit-hdl gen` and `cosim` in that project. Also:
 * the tarball carries LICENSE, examples and docs; the installed package is never written to
 * (builds are cached in the project's .lowbit-hdl/); the README quick start runs from the package.
 * The installed command is the compiled JavaScript of dist/ (`npm pack` runs the `prepare` build):
 * the tarball holds no TypeScript but the examples and declarations, a module-resolution spy shows
 * `--help` loads only dist/ files and no tsx, and `gen` loads lowbit-hdl only from dist/; the
 * declarations type a user's design; `.mts` designs in an ES module package and designs outside any
 * package load too.
 *
 * The design builds, per its `part` parameter, a Booth + Dadda multiplier from `lowbit-hdl/lib`,
 * a K-hot (CSD) constant multiplier and a 2x2 MixPE array from `lowbit-hdl/pe`.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { realpathSync, mkdirSync } from 'node:fs';
import { execa } from 'execa';
import { ROOT } from '../cli/run-cli.ts';

const DESIGN = `// A user's design: imports only lowbit-hdl's public entry points. \`part\` picks the block:
// a Booth + Dadda multiplier from lowbit-hdl/lib, a K-hot (CSD) constant multiplier or a MixPE
// array from lowbit-hdl/pe.
import { defineDesign, module, sint } from 'lowbit-hdl';
import { multiply } from 'lowbit-hdl/lib';
import { khotConstMul, mixpeArray, mixpeArrayCosimSpec, mixpeParams } from 'lowbit-hdl/pe';

export interface Params {
  /** Which block to build. */
  part: 'dadda' | 'khot' | 'mixpe';
}

const mixpe = mixpeParams({ rows: 2, cols: 2, G: 32, K: 64 });

export default defineDesign<Params>({
  defaults: { part: 'dadda' },
  build: (p) => {
    if (p.part === 'mixpe') return mixpeArray(mixpe, { name: 'user_mixpe' });
    return module(\`user_\${p.part}\`, (m) => {
      const a = m.input('a', sint(6));
      if (p.part === 'khot') m.output('p', khotConstMul(a, 93n, 'CSD'), { doc: 'a * 93 by shifts and adds' });
      else m.output('p', multiply(a, m.input('b', sint(6)), { recoder: 'booth', schedule: 'dadda' }), { doc: 'a * b, Booth radix-4 + Dadda tree' });
    }, { clock: null });
  },
  cosim: (p) =>
    p.part === 'mixpe'
      ? mixpeArrayCosimSpec(mixpe, { random: 2, tiles: 1 })
      : { protocol: { kind: 'comb' }, golden: ([[a, b]]) => [[p.part === 'khot' ? a! * 93n : a! * b!]] },
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
}, 900_000); // npm pack (which builds dist/) and the install: minutes on a loaded machine
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

  it('npx lowbit-hdl gen and cosim work on every part (lowbit-hdl/lib Dadda, lowbit-hdl/pe K-hot and MixPE); the package is not written to', async () => {
    const pkg = join(proj, 'node_modules/lowbit-hdl');
    const before = stamp(pkg);
    const x = (args: string[]) => execa('npx', ['lowbit-hdl', ...args], { cwd: proj, reject: false, all: true });
    const gens = await Promise.all(['dadda', 'khot', 'mixpe'].map((part) => x(['gen', 'my-design.ts', '--param', `part=${part}`, '-o', `rtl-${part}`])));
    expect(gens.map((g) => g.all)).toEqual(['wrote rtl-dadda/ (1 module, top user_dadda, 7 files)', 'wrote rtl-khot/ (1 module, top user_khot, 7 files)', 'wrote rtl-mixpe/ (11 modules, top user_mixpe, 17 files)']);
    expect(readdirSync(join(proj, 'rtl-dadda')).sort()).toEqual(['README.md', 'manifest.json', 'user_dadda-timing.json', 'user_dadda-timing.svg', 'user_dadda.core', 'user_dadda.f', 'user_dadda.v']);
    const dadda = await x(['cosim', 'my-design.ts', '--sim', 'both']);
    expect(dadda.all).toMatch(/exhaustive 2\^12/);
    expect(dadda.all!.trim().split('\n').pop()).toBe('8192 passed, 0 failed'); // 2^12 on each simulator
    const khot = await x(['cosim', 'my-design.ts', '--param', 'part=khot', '--sim', 'both']);
    expect(khot.all!.trim().split('\n').pop()).toBe('128 passed, 0 failed'); // 2^6 on each simulator
    const help = await x(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.all).toMatch(/^lowbit-hdl \d+\.\d+\.\d+ — [^]*\n  lowbit-hdl gen <design\.ts>/);
    const mixpe = await x(['cosim', 'my-design.ts', '--param', 'part=mixpe', '--sim', 'both']);
    expect(mixpe.all!.trim().split('\n').pop()).toMatch(/^[1-9]\d* passed, 0 failed$/);
    expect(existsSync(join(proj, '.lowbit-hdl', 'build'))).toBe(true);
    expect(stamp(pkg)).toEqual(before);
  }, 600_000);

  it('the tarball ships compiled JavaScript: no TypeScript but the examples and declarations, bin at dist/cli/bin.js', async () => {
    const list = (await execa('tar', ['tzf', tarball])).stdout.split('\n');
    expect(list.filter((f) => /\.[cm]?ts$/.test(f) && !/\.d\.[cm]?ts$/.test(f) && !f.startsWith('package/examples/'))).toEqual([]);
    expect(list.some((f) => f.startsWith('package/src/'))).toBe(false);
    const pkg = join(proj, 'node_modules/lowbit-hdl');
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { bin: Record<string, string>; exports: Record<string, Record<string, string>> };
    expect(manifest.bin).toEqual({ 'lowbit-hdl': 'dist/cli/bin.js' });
    expect(realpathSync(join(proj, 'node_modules/.bin/lowbit-hdl'))).toBe(realpathSync(join(pkg, 'dist/cli/bin.js')));
    for (const [entry, target] of Object.entries(manifest.exports)) {
      expect(existsSync(join(pkg, target.default!)), `${entry} → ${target.default}`).toBe(true);
      expect(existsSync(join(pkg, target.types!)), `${entry} → ${target.types}`).toBe(true);
    }
    expect(Object.keys(manifest.exports).sort()).toEqual(['.', './cosim', './golden', './lib', './pe', './synth']);
  });

  it('--help loads only compiled dist/ modules (no tsx, no TypeScript); gen loads lowbit-hdl only from dist/', async () => {
    const spy = join(import.meta.dirname, 'resolve-spy.mjs');
    const bin = join(proj, 'node_modules/.bin/lowbit-hdl');
    const run = async (name: string, args: string[]) => {
      const log = join(base, `${name}.log`);
      const r = await execa(process.execPath, ['--import', spy, bin, ...args], { cwd: proj, reject: false, all: true, env: { SPY_LOG: log } });
      return { r, urls: readFileSync(log, 'utf8').trim().split('\n').filter((u) => !u.startsWith('node:')) };
    };
    const dist = `file://${realpathSync(join(proj, 'node_modules/lowbit-hdl/dist'))}/`;
    const help = await run('help', ['--help']);
    expect(help.r.exitCode).toBe(0);
    expect(help.r.all).toMatch(/^lowbit-hdl \d+\.\d+\.\d+ — /);
    expect(help.urls.length).toBeGreaterThan(0);
    expect(help.urls.filter((u) => !u.startsWith(dist) || !/\.m?js$/.test(u))).toEqual([]);
    const gen = await run('gen', ['gen', 'my-design.ts', '--param', 'part=khot', '-o', 'rtl-spy']);
    expect(gen.r.all).toBe('wrote rtl-spy/ (1 module, top user_khot, 7 files)');
    const own = gen.urls.filter((u) => u.includes('/node_modules/lowbit-hdl/'));
    expect(own.length).toBeGreaterThan(help.urls.length);
    expect(own.filter((u) => !u.startsWith(dist) || !/\.m?js$/.test(u))).toEqual([]);
    expect(gen.urls).toContain(`file://${realpathSync(proj)}/my-design.ts`); // the design itself, through tsx
  }, 120_000);

  it('the declarations type a design (tsc in the project resolves every entry point to dist/*.d.ts)', async () => {
    writeFileSync(join(proj, 'types-are-real.ts'), `import { uint } from 'lowbit-hdl';\nexport const wrong: string = uint(8);\n`);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = await execa(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--skipLibCheck', 'my-design.ts', 'types-are-real.ts'], { cwd: proj, reject: false, all: true });
    // my-design.ts is clean; the one error proves the types are real, not an unresolved `any`.
    expect(r.all).toBe(`types-are-real.ts(2,14): error TS2322: Type 'HwType' is not assignable to type 'string'.`);
  }, 120_000);

  it('the installed command loads a .mts design in an ES module package and a design outside any package', async () => {
    const bin = join(proj, 'node_modules/.bin/lowbit-hdl');
    const esm = join(proj, 'esm');
    mkdirSync(esm);
    writeFileSync(join(esm, 'package.json'), JSON.stringify({ name: 'esm', version: '1.0.0', type: 'module' }));
    writeFileSync(join(esm, 'my-design.mts'), DESIGN);
    const outside = join(base, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'my-design.ts'), DESIGN);
    expect(existsSync(join(dirname(base), 'package.json'))).toBe(false);
    const [a, b] = await Promise.all([
      execa(process.execPath, [bin, 'gen', 'my-design.mts', '--param', 'part=khot', '-o', 'rtl'], { cwd: esm, reject: false, all: true }),
      execa(process.execPath, [bin, 'gen', 'my-design.ts', '-o', 'rtl'], { cwd: outside, reject: false, all: true }),
    ]);
    expect(a.all).toBe('wrote rtl/ (1 module, top user_khot, 7 files)');
    expect(b.all).toBe('wrote rtl/ (1 module, top user_dadda, 7 files)');
  }, 120_000);

  it('the README quick start runs from the installed package: gen of a shipped example', async () => {
    const r = await execa('npx', ['lowbit-hdl', 'gen', 'node_modules/lowbit-hdl/examples/mac-int8.ts', '-o', 'mac'], { cwd: proj, reject: false, all: true });
    expect(r.all).toBe('wrote mac/ (1 module, top mac_int8, 7 files)');
  }, 120_000);
});
