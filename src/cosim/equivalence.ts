/**
 * Formal equivalence of a design and a variant of one of its files (a mutant), with Yosys's
 * equivalence flow: `equiv_make` pairs the nets of both versions by name (ports, registers, named
 * wires; the anonymous `_t<N>` temps of the variant are renamed apart, so a changed temp is free to
 * differ as long as nothing observable does), then `equiv_simple` and `equiv_induct` prove every pair
 * by SAT and temporal induction. Equivalent only if every pair is proven (`equiv_status -assert`):
 * then no test can kill the mutant. Used to tell equivalent mutants from surviving ones.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { runYosys } from '../synth/index.ts';

/** `not-attempted`: the module has a wide multiplier or is very large (see below). */
export type Equivalence = 'equivalent' | 'unproven' | 'not-attempted';

export async function proveEquivalent(files: readonly string[], top: string, mutated: { file: string; text: string }, seq = 4): Promise<Equivalence> {
  // SAT on multipliers wider than 32 bits does not finish in useful time, and WASM Yosys cannot be
  // interrupted: such modules (and very large ones) are not attempted rather than risk a stall.
  if (hasMultiplier(mutated.text) || mutated.text.length > 40_000) return 'not-attempted';
  const inputs: Record<string, string> = {};
  const name = (f: string, i: number): string => `rtl/${i}_${basename(f)}`;
  files.forEach((f, i) => (inputs[name(f, i)] = readFileSync(f, 'utf8')));
  // The mutated file's own module is compared (module-level equivalence implies the design's).
  const mod = /^\s*module\s+([A-Za-z_][A-Za-z0-9_$]*)/m.exec(mutated.text)?.[1] ?? top;
  inputs['rtl/gate_top.v'] = mutated.text.replace(/\b_t(\d+)\b/g, '_m_t$1');
  const script = [
    ...files.map((f, i) => `read_verilog ${name(f, i)}`),
    `rename ${mod} gold`,
    // The mutant defines the top again (now free); the other modules are shared and unchanged.
    'read_verilog rtl/gate_top.v',
    `rename ${mod} gate`,
    'proc',
    'flatten',
    'opt_clean',
    'equiv_make gold gate equiv',
    'hierarchy -top equiv',
    `equiv_simple -seq ${seq}`,
    `equiv_induct -seq ${seq}`,
    'equiv_status -assert',
  ].join('\n');
  try {
    await runYosys(script, inputs);
    return 'equivalent';
  } catch {
    return 'unproven';
  }
}

/** True if the Verilog text multiplies into a net wider than `maxWidth` bits (SAT gets too slow). */
export function hasMultiplier(text: string, maxWidth = 32): boolean {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const widths = new Map<string, number>();
  for (const m of code.matchAll(/\[(\d+):0\]\s+([A-Za-z_][\w$]*)\s*[;,)]/g)) widths.set(m[2]!, Number(m[1]) + 1);
  for (const m of code.matchAll(/assign\s+([A-Za-z_][\w$]*)\s*=[^;]*\s\*\s/g)) if ((widths.get(m[1]!) ?? 1) > maxWidth) return true;
  return false;
}
