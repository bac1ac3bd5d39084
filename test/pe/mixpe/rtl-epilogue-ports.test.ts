/**
 * The epilogue's shared port declaration (src/pe/mixpe/rtl-epilogue-ports.ts): both epilogue forms
 * (exact/BLOCK_ALIGN and FP32_RNE) declare the same inputs in the same order, and each optional
 * port exists exactly when its mode needs it.
 */
import { describe, expect, it } from 'vitest';
import { module } from '../../../src/dsl/module-builder.ts';
import { uint } from '../../../src/dsl/types.ts';
import { mixpeParams, type MixpeParams } from '../../../src/pe/mixpe/params.ts';
import { epilogueInputs, regEn } from '../../../src/pe/mixpe/rtl-epilogue-ports.ts';
import { epilogueModule } from '../../../src/pe/mixpe/rtl-epilogue.ts';
import { intPe } from '../../../src/pe/mixpe/rtl-pe-int.ts';

const inputsOf = (names: { dir: string; name: string }[]): string[] => names.filter((q) => q.dir === 'input').map((q) => q.name);

function declared(p: MixpeParams, direct = false): string[] {
  const def = module('epi_ports', (m) => {
    const i = epilogueInputs(m, p, intPe(p), { direct });
    m.output('y', i.capO);
  });
  return inputsOf(def.ir.ports).filter((n) => n !== 'clk' && n !== 'rst');
}

describe('epilogue ports', () => {
  const small = { rows: 2, cols: 2, G: 32, K: 64 };

  it('declares the unsigned-weight INT8 ports in their fixed order, with s/z staging', () => {
    const p = mixpeParams({ ...small, weightBits: 4, weightSigned: false });
    const names = declared(p);
    expect(names.slice(0, 2)).toEqual(['p_head', 'r_head']);
    expect(names).toEqual(expect.arrayContaining(['s_in', 'z_in', 'sz_load', 'consume', 'shift_b', 'first_b', 'cap_c', 'sx_c', 'cap_d', 'cap_o']));
    expect(names).not.toContain('a_step');
    expect(names).not.toContain('p_e');
  });

  it('drops R_g and z_g for signed weights, s/z registers for a direct feed, and adds the bit-serial strobes', () => {
    const signed = declared(mixpeParams({ ...small, weightBits: 4, weightSigned: true }));
    expect(signed).not.toContain('r_head');
    expect(signed).not.toContain('z_in');
    const direct = declared(mixpeParams({ ...small, weightBits: 4, weightSigned: false }), true);
    expect(direct).not.toContain('sz_load');
    expect(direct).not.toContain('sz_stage');
    const serial = declared(mixpeParams({ ...small, weightBits: 4, weightSigned: false, dequantUnit: 'BIT_SERIAL', scaleFormat: 'BF16' }));
    expect(serial).toEqual(expect.arrayContaining(['a_step', 'a_out']));
  });

  it('gives the exact and the FP32_RNE epilogue the same inputs in the same order', () => {
    const exact = mixpeParams({ ...small, weightBits: 4, weightSigned: false });
    const fp32 = mixpeParams({ ...small, weightBits: 4, weightSigned: false, accMode: 'FP32_RNE' });
    const a = inputsOf(epilogueModule(exact, intPe(exact)).ir.ports);
    const b = inputsOf(epilogueModule(fp32, intPe(fp32)).ir.ports);
    expect(b).toEqual(a);
  });

  it('regEn registers its input under the enable', () => {
    const def = module('reg_en', (m) => {
      const d = m.input('d', uint(3));
      const en = m.input('en', uint(1));
      m.output('q', regEn(m, 'q_r', d, en));
    });
    const reg = def.ir.signals.find((s) => s.name === 'q_r');
    expect(reg?.role).toBe('reg');
  });
});
