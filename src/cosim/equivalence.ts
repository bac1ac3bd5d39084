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

export type Equivalence = 'equivalent' | 'unproven';

export async function proveEquivalent(files: readonly string[], top: string, mutated: { file: string; text: string }, seq = 4): Promise<Equivalence> {
  const inputs: Record<string, string> = {};
  const name = (f: string, i: number): string => `rtl/${i}_${basename(f)}`;
  files.forEach((f, i) => (inputs[name(f, i)] = readFileSync(f, 'utf8')));
  inputs['rtl/gate_top.v'] = mutated.text.replace(/\b_t(\d+)\b/g, '_m_t$1');
  const script = [
    ...files.map((f, i) => `read_verilog ${name(f, i)}`),
    `rename ${top} gold`,
    // The mutant defines the top again (now free); the other modules are shared and unchanged.
    'read_verilog rtl/gate_top.v',
    `rename ${top} gate`,
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
