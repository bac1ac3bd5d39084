/**
 * examples/bitmod.ts through the real CLI: `gen` writes the 4×4 FP4 array, `--list-params` shows
 * every parameter with its doc, and a parameter set the spec rejects is refused with the shared
 * validation's message. (The example's tile cosim runs through `lowbit-hdl cosim`; the same array
 * is cosimulated on both simulators by rtl-array.test.ts at test-sized G.)
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliBatch } from '../../cli/run-cli.ts';

describe('examples/bitmod.ts', () => {
  it('generates, lists parameters and refuses unsupported parameters', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bitmod-ex-')), 'rtl');
    const [gen, list, bad, bad2] = await runCliBatch([
      ['gen', 'examples/bitmod.ts', '-o', out],
      ['gen', 'examples/bitmod.ts', '--list-params'],
      ['gen', 'examples/bitmod.ts', '--param', 'L=16', '--param', 'G=32', '--param', 'K=64', '-o', out + '-bad'],
      ['gen', 'examples/bitmod.ts', '--param', 'weightTypes=FP5', '-o', out + '-bad2'],
    ]);
    expect(gen!.code, gen!.stderr).toBe(0);
    expect(readdirSync(out)).toContain('bitmod.v');
    const text = readFileSync(join(out, 'bitmod.v'), 'utf8');
    expect(text.match(/bitmod_pe_l4_fp4_fp16\w* pe_r\d_c\d/g)?.length).toBe(16);
    expect(list!.code).toBe(0);
    for (const [name, doc] of [['rows', 'PE rows'], ['L', 'Lanes per PE'], ['G', 'Group size'], ['weightTypes', 'Weight types'], ['gb', 'guard bits'], ['specialPolicy', 'Inf/NaN']]) {
      expect(list!.stdout).toMatch(new RegExp(`^${name}\\s.*${doc}`, 'm'));
    }
    expect(bad!.code).toBe(1);
    expect(bad!.stderr).toMatch(/scaleBits = 8 exceeds the 4 cycles of a FP4 group/);
    expect(bad2!.stderr).toMatch(/weightTypes = FP5 is not supported/);
    expect(bad!.stderr).not.toMatch(/\n\s+at /);
  });
});
