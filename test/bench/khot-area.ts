/**
 * Bench section (QFX item 7): an 8-bit x 8-bit multiply vs K-hot multiplies (K = 1, 2, 3, run-time
 * FIELDS weights, M = 7 magnitude bits) on `synth --target xilinx`: LUT, CARRY and DSP counts side by
 * side, the full multiplier both with DSPs and LUT-only (-nodsp).
 * Targets: every K-hot variant uses 0 DSP; K = 2 uses fewer LUTs than the LUT-only full multiplier.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { module, sint, elaborate, type ModuleDef } from '../../src/index.ts';
import { synthesize } from '../../src/synth/index.ts';
import khot from '../../examples/khot-mul.ts';
import { writeDesignRtl } from '../../src/emit/write-output.ts';

function files(def: ModuleDef, dir: string): { files: string[]; top: string } {
  const { design } = elaborate(def);
  return { files: writeDesignRtl(design, join(dir, 'rtl'), 'bench'), top: design.top };
}

export async function khotAreaTable(): Promise<{ text: string; ok: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'khot-bench-'));
  try {
    const full = module('mul8x8', (m) => m.output('y', m.input('x', sint(8)).mul(m.input('w', sint(8)))), { clock: null });
    const rows: { name: string; lut: number; carry: number; dsp: number }[] = [];
    const run = async (name: string, def: ModuleDef, dsp: boolean): Promise<void> => {
      const sub = mkdtempSync(join(dir, 'd-'));
      const { files: fs, top } = files(def, sub);
      const r = await synthesize({ files: fs, top, target: 'xilinx', dsp });
      rows.push({ name, lut: r.fpga!.lut.total, carry: r.fpga!.carry, dsp: r.fpga!.dsp });
    };
    await run('8x8 multiply (DSP allowed)', full, true);
    await run('8x8 multiply (LUT only)', full, false);
    for (const k of [1, 2, 3] as const) await run(`K-hot K=${k} (M=7, FIELDS)`, khot.build({ k, m: 7, encoding: 'PLAIN' }), true);
    const w = Math.max(...rows.map((r) => r.name.length));
    const lines = [`${'design'.padEnd(w)}  ${'LUT'.padStart(5)}  ${'CARRY'.padStart(5)}  ${'DSP'.padStart(3)}`];
    for (const r of rows) lines.push(`${r.name.padEnd(w)}  ${String(r.lut).padStart(5)}  ${String(r.carry).padStart(5)}  ${String(r.dsp).padStart(3)}`);
    const lutOnly = rows[1]!.lut;
    const khotRows = rows.slice(2);
    const zeroDsp = khotRows.every((r) => r.dsp === 0);
    const k2 = khotRows[1]!;
    lines.push(`every K-hot variant 0 DSP: ${zeroDsp ? 'met' : 'MISSED'}; K=2 LUTs ${k2.lut} < LUT-only multiplier ${lutOnly}: ${k2.lut < lutOnly ? 'met' : 'MISSED'} (ratio ${(k2.lut / lutOnly).toFixed(2)})`);
    return { text: lines.join('\n'), ok: zeroDsp && k2.lut < lutOnly };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await khotAreaTable()).text);
}
