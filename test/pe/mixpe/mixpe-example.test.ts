/**
 * examples/mixpe.ts through the real CLI: `gen` is fast, `--list-params` shows every parameter
 * with its doc comment, `cosim` passes on Verilator and Icarus for W4A16 (activation FP16, BF16;
 * the default 16×16 W4A8 cosim is test/cli/cosim.test.ts's), `zeroPoint = COLUMN_EDGE` is listed, documented
 * and cosimulated (Icarus), and a bad parameter is refused with level b's (or the generator's) message at its declaration.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../../src/cli/generate.ts';
import { runCli, runCliBatch, ROOT } from '../../cli/run-cli.ts';

const DESIGN = join(ROOT, 'examples/mixpe.ts');

describe('examples/mixpe.ts', () => {
  // Generation speed is measured by `npm run bench`, never asserted in a test (shared machines).
  it('generates the default 16×16 array', async () => {
    const g = await generate(DESIGN);
    expect(g.ir.top).toBe('mixpe');
    expect([...g.files.keys()]).toContain('mixpe.v');
    const out = mkdtempSync(join(tmpdir(), 'mixpe-gen-'));
    const r = await runCli(['gen', 'examples/mixpe.ts', '-o', join(out, 'rtl')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'rtl'))).toContain('mixpe.f');
  });

  it('lists every parameter with its type, default and doc comment', async () => {
    const r = await runCli(['gen', 'examples/mixpe.ts', '--list-params']);
    expect(r.code, r.stderr).toBe(0);
    for (const [name, doc] of [
      ['rows', 'PE rows'],
      ['cols', 'PE columns'],
      ['G', 'Quantization group size'],
      ['K', 'Reduction length per tile'],
      ['weightBits', 'Weight bits'],
      ['weightSigned', 'Signed two'],
      ['accW', 'Group accumulator width'],
      ['outputRound', 'Rounding of the one final output rounding'],
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^${name}\\s.*${doc}`, 'm'));
    }
    expect(r.stdout).toMatch(/^accMode\s+"EXACT_WIDE" \| "BLOCK_ALIGN" \| "FP32_RNE"/m);
    expect(r.stdout).toMatch(/^dequantUnit\s+"SHARED_MULT" \| "BIT_SERIAL"\s+"SHARED_MULT"/m);
  });

  // The default 16×16 W4A8 cosim on both simulators (its 18 spec corners and realistic tiles, then
  // seeded random tiles) runs in test/cli/cosim.test.ts ("cosimulates examples/mixpe.ts on
  // Verilator and Icarus", the same command without `--vectors 0`, a superset of the vectors); it
  // is not repeated here (~30 s of CPU: the 16×16 array on Icarus).

  it('W4A16: activation = FP16 and BF16 pass whole-tile cosim against level b on both simulators', async () => {
    const small = ['--param', 'rows=2', '--param', 'cols=3', '--param', 'G=32', '--param', 'K=64', '--vectors', '2'];
    for (const [activation, tiles] of [['FP16', 15], ['BF16', 12]] as const) {
      const r = await runCli(['cosim', 'examples/mixpe.ts', '--param', `activation=${activation}`, ...small]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      // FP corners (subnormals, overflow, near-max, cancellation, specials …), realistic tiles, a tie tile, 2 random.
      expect(r.stdout).toMatch(new RegExp(`verilator: ${tiles + 2} checked, 0 mismatching`));
      expect(r.stdout).toMatch(new RegExp(`icarus: ${tiles + 2} checked, 0 mismatching`));
    }
    const list = await runCli(['gen', 'examples/mixpe.ts', '--list-params']);
    expect(list.stdout).toMatch(/^activation\s+"INT8" \| "FP16" \| "BF16"\s+"INT8"/m);
  });

  // zeroPoint = COLUMN_EDGE (Q − z at the column edge, zero-folded FP PEs, no R_g; z on the
  // first beat of a group). Icarus here: the same generator and configuration run on both
  // simulators in rtl-array-fp.test.ts, and one more Verilator build of the 2×3 FP16 top would
  // add ~15 s of CI.
  it('zeroPoint = COLUMN_EDGE: listed, stated in the datasheet, cosim against level b (Icarus), refused where u is not one exact sum', async () => {
    const small = ['--param', 'rows=2', '--param', 'cols=3', '--param', 'G=32', '--param', 'K=64'];
    const [list, ok, int8, signed, fp32] = await runCliBatch([
      ['gen', 'examples/mixpe.ts', '--list-params'],
      ['cosim', 'examples/mixpe.ts', ...small, '--param', 'activation=FP16', '--param', 'zeroPoint=COLUMN_EDGE', '--vectors', '2', '--sim', 'icarus'],
      ['gen', 'examples/mixpe.ts', ...small, '--param', 'zeroPoint=COLUMN_EDGE'],
      ['gen', 'examples/mixpe.ts', ...small, '--param', 'activation=FP16', '--param', 'weightSigned=true', '--param', 'zeroPoint=COLUMN_EDGE'],
      ['gen', 'examples/mixpe.ts', ...small, '--param', 'activation=FP16', '--param', 'accMode=FP32_RNE', '--param', 'zeroPoint=COLUMN_EDGE'],
    ]);
    expect(list!.stdout).toMatch(/^zeroPoint\s+"ROW_SUM" \| "COLUMN_EDGE"\s+"ROW_SUM"\s+Where the zero point is applied/m);
    expect(ok!.code, ok!.stdout + ok!.stderr).toBe(0);
    // FP16 corners (15: subnormals, overflow, cancellation, specials …, realistic tiles), 2 random;
    // the spec is level b with z on the first beat (junk on the last).
    expect(ok!.stdout).toMatch(/icarus: 17 checked, 0 mismatching/);
    const g = await generate(DESIGN, { params: ['rows=2', 'cols=3', 'G=32', 'K=64', 'activation=FP16', 'zeroPoint=COLUMN_EDGE'] });
    const readme = g.files.get('README.md')!;
    expect(readme).toMatch(/W4A16 array, G = 32, K = 64, EXACT_WIDE, zero point folded at the column edge/);
    expect(readme).toMatch(/^\| `z_0` \| input \| .* zero point z_\{g,0\}, sampled on the FIRST beat of group g \|$/m);
    expect([...g.files.keys()].join(' ')).not.toMatch(/row_edge/);
    const line = readFileSync(DESIGN, 'utf8').split('\n').findIndex((l) => /^  zeroPoint: /.test(l)) + 1;
    for (const [r, got] of [[int8!, 'INT8 activations'], [signed!, 'signed weights'], [fp32!, 'FP32_RNE accumulation']] as const) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`examples/mixpe.ts:${line}:3: error: MixPE RTL: zeroPoint COLUMN_EDGE needs unsigned weights, FP16/BF16 activations and EXACT_WIDE accumulation, got ${got}`);
      expect(r.stderr).toContain('(from --param zeroPoint=COLUMN_EDGE)');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('reaches every accumulation mode and dequantization unit from its parameters (gen)', async () => {
    const small = ['rows=2', 'cols=3', 'G=32', 'K=64'];
    const cases: [string[], RegExp][] = [
      [['accMode=FP32_RNE', 'dequantUnit=BIT_SERIAL', 'scaleFormat=BF16'], /W4A8 array, G = 32, K = 64, FP32_RNE, 2 epilogue\(s\) of 2 column\(s\), BIT_SERIAL dequantization \(8 cycles per group result\)/],
      [['accMode=BLOCK_ALIGN', 'activation=BF16', 'guardBits=0'], /W4A16 array, G = 32, K = 64, BLOCK_ALIGN/],
      [['dequantUnit=BIT_SERIAL', 'accMode=FP32_RNE', 'activation=FP16'], /W4A16 array, G = 32, K = 64, FP32_RNE, 3 epilogue\(s\) of 1 column\(s\), BIT_SERIAL dequantization \(11 cycles/],
      [['activation=FP16', 'crossGroupAcc=FP32_RNE', 'zeroPoint=COLUMN_EDGE'], /W4A16 array, G = 32, K = 64, EXACT_WIDE groups, FP32_RNE across groups, zero point folded at the column edge/],
    ];
    for (const [extra, want] of cases) {
      const g = await generate(DESIGN, { params: [...small, ...extra] });
      expect(g.files.get('README.md')!, extra.join(' ')).toMatch(want);
    }
  });

  it('refuses K not a multiple of G and rows > G with the level-b message', async () => {
    const k = await runCli(['gen', 'examples/mixpe.ts', '--param', 'K=200']);
    expect(k.code).toBe(1);
    expect(k.stderr).toContain('MixPE parameter K = 200 is not a positive multiple of the group size G = 128');
    const rows = await runCli(['gen', 'examples/mixpe.ts', '--param', 'G=32', '--param', 'K=64', '--param', 'rows=33']);
    expect(rows.code).toBe(1);
    expect(rows.stderr).toContain('MixPE parameter rows = 33 exceeds the group size G = 32');
  });
});
