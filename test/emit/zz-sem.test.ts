import { it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { Prng } from '../../src/util/prng.ts';
import { randomModule, randomVectors } from './random-design.ts';
import { simulateRandomTop } from './emit-semantics.ts';

it('sem', async () => {
  const seed = Number(process.env.SEED ?? 1);
  const rng = new Prng(seed);
  const mods = Array.from({ length: 24 }, (_, k) => randomModule(rng, `rand_${k}`));
  const vecs = mods.map((r) => randomVectors(rng, r.inputs, 48));
  const dir = mkdtempSync(join(tmpdir(), 'sem-'));
  const t0 = Date.now();
  const res = await simulateRandomTop(mods, vecs, dir);
  console.log('sim ms', Date.now() - t0, 'checked', res.checked, dir);
  console.log(res.icarus.output.slice(0, 3000));
  console.log(res.mismatches.slice(0, 10).join('\n'));
  console.log(mods.flatMap((m) => m.typeErrors).join('\n'), mods.flatMap((m) => m.rangeErrors).join('\n'));
  const v = await execa('verilator', ['--lint-only', '-Wall', '--top-module', res.top, ...res.files], { reject: false, all: true });
  console.log('verilator', v.exitCode, (v.all ?? '').slice(0, 3000));
});
