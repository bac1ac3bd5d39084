/**
 * The emitter's semantic check, as a reusable harness: wrap random modules in one top (each module
 * instantiated once, its ports brought out as `m<k>_<port>`), emit the design, write an Icarus
 * testbench that applies every vector and `$display`s every output in hex, run it once, and compare
 * each output's bits with the BigInt evaluator's expected value.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { module, uint, sint, elaborate } from '../../src/index.ts';
import { emitDesign } from '../../src/emit/emit-design.ts';
import { writeOutputDir } from '../../src/emit/write-output.ts';
import { bitsOf, type RandomModule } from './random-design.ts';

export interface SemanticRun {
  /** Files in compile order (leaves first, top last), absolute. */
  readonly files: string[];
  readonly top: string;
  /** Every output value checked (module x vector x output). */
  readonly checked: number;
  readonly mismatches: string[];
  readonly icarus: { readonly code: number | undefined; readonly output: string };
}

const hexLiteral = (v: bigint, w: number): string => `${w}'h${bitsOf(v, w).toString(16)}`;

/** Emit `mods` under one top into `dir/rtl` and return the design's Verilog files. */
export function emitRandomTop(mods: readonly RandomModule[], dir: string): { files: string[]; top: string } {
  const top = module(
    'rand_top',
    (m) => {
      mods.forEach((r, k) => {
        const ins = Object.fromEntries(r.inputs.map((p) => [p.name, m.input(`m${k}_${p.name}`, p.ty.signed ? sint(p.ty.width) : uint(p.ty.width))]));
        const inst = m.instance(`u${k}`, r.def, ins);
        for (const o of r.outputs) m.output(`m${k}_${o.name}`, inst[o.name]!);
      });
    },
    { clock: null },
  );
  const { design } = elaborate(top);
  const out = join(dir, 'rtl');
  writeOutputDir(out, emitDesign(design, { version: 'test' }));
  return { files: design.modules.map((mod) => join(out, `${mod.name}.v`)), top: design.top };
}

/** Simulate every vector of every module in one Icarus run and compare with the evaluator. */
export async function simulateRandomTop(mods: readonly RandomModule[], vectors: readonly (readonly bigint[])[][], dir: string): Promise<SemanticRun> {
  const { files, top } = emitRandomTop(mods, dir);
  const decl: string[] = [];
  const conns: string[] = [];
  mods.forEach((r, k) => {
    for (const p of r.inputs) decl.push(`  reg [${p.ty.width - 1}:0] m${k}_${p.name};`);
    for (const o of r.outputs) decl.push(`  wire [${o.ty.width - 1}:0] m${k}_${o.name};`);
    for (const p of [...r.inputs, ...r.outputs]) conns.push(`.m${k}_${p.name}(m${k}_${p.name})`);
  });
  const body: string[] = [];
  const nVec = vectors[0]!.length;
  for (let v = 0; v < nVec; v++) {
    mods.forEach((r, k) => r.inputs.forEach((p, i) => body.push(`    m${k}_${p.name} = ${hexLiteral(vectors[k]![v]![i]!, p.ty.width)};`)));
    body.push('    #1;');
    mods.forEach((r, k) => {
      if (r.outputs.length === 0) return;
      body.push(`    $display("${k} ${v}${' %h'.repeat(r.outputs.length)}", ${r.outputs.map((o) => `m${k}_${o.name}`).join(', ')});`);
    });
  }
  const tb = ['module tb;', ...decl, `  ${top} dut (${conns.join(', ')});`, '  initial begin', ...body, '    $finish;', '  end', 'endmodule', ''].join('\n');
  const tbFile = join(dir, 'tb.v');
  writeFileSync(tbFile, tb);
  const vvp = join(dir, 'sim.vvp');
  const compile = await execa('iverilog', ['-g2005', '-o', vvp, '-s', 'tb', tbFile, ...files], { reject: false, all: true });
  if (compile.exitCode !== 0) return { files, top, checked: 0, mismatches: [], icarus: { code: compile.exitCode, output: compile.all ?? '' } };
  const run = await execa('vvp', ['-n', vvp], { reject: false, all: true });

  const seen = new Map<string, string[]>();
  for (const line of (run.stdout ?? '').split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length >= 2 && /^\d+$/.test(parts[0]!) && /^\d+$/.test(parts[1]!)) seen.set(`${parts[0]} ${parts[1]}`, parts.slice(2));
  }
  const mismatches: string[] = [];
  let checked = 0;
  mods.forEach((r, k) => {
    for (let v = 0; v < nVec; v++) {
      const got = seen.get(`${k} ${v}`);
      if (got === undefined) {
        if (r.outputs.length > 0) mismatches.push(`module ${r.name} vector ${v}: no output line`);
        continue;
      }
      const env = vectors[k]![v]!;
      r.outputs.forEach((o, j) => {
        checked++;
        const want = bitsOf(o.ev(env), o.ty.width);
        const text = got[j] ?? '';
        const value = /^[0-9a-f]+$/.test(text) ? BigInt('0x' + text) : undefined;
        if (value !== want) {
          const inputs = r.inputs.map((p, i) => `${p.name}=${env[i]}`).join(' ');
          mismatches.push(`module ${r.name} ${o.name} (${o.text}) with ${inputs}: simulated ${text}, expected ${want.toString(16)}`);
        }
      });
    }
  });
  return { files, top, checked, mismatches, icarus: { code: run.exitCode, output: (compile.all ?? '') + (run.stderr ?? '') } };
}
