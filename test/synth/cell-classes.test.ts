import { describe, expect, it } from 'vitest';
import { classifyCell, countByClass, lutSize, type CellClass } from '../../src/synth/cell-classes.ts';

const EXPECT: Record<CellClass, string[]> = {
  ff: ['$_DFF_P_', '$_DFF_PN0_', '$_SDFFE_PP0P_', '$_DFFSR_PPP_', '$_ALDFF_PP_', '$_FF_', '$dff', '$adffe',
    'FDRE', 'FDSE', 'FDCE', 'FDPE', 'FDRE_1', 'SB_DFF', 'SB_DFFESR'],
  latch: ['$_DLATCH_P_', '$_DLATCHSR_PPP_', '$dlatch', 'LDCE', 'LDPE'],
  lut: ['LUT1', 'LUT6', 'SB_LUT4'],
  carry: ['CARRY4', 'CARRY8', 'SB_CARRY'],
  dsp: ['DSP48E1', 'DSP48E2', 'DSP48A1', 'SB_MAC16', 'MULT18X18D'],
  bram: ['RAMB18E1', 'RAMB36E2', 'URAM288', 'SB_RAM40_4K', 'SB_RAM40_4KNR', 'SB_SPRAM256KA'],
  lutram: ['RAM32M', 'RAM64M', 'RAM64X1D', 'RAM128X1D', 'RAM32X1S'],
  srl: ['SRL16E', 'SRLC32E'],
  muxf: ['MUXF7', 'MUXF8', 'MUXF9'],
  other: ['$_AND_', '$_NAND_', '$_MUX_', 'INV', 'BUFG', 'IBUF', 'LUT7', 'NAND2', 'DFF_custom'],
};

describe('classifyCell', () => {
  for (const [cls, types] of Object.entries(EXPECT)) {
    it(`classifies ${cls}`, () => {
      for (const t of types) expect(classifyCell(t), t).toBe(cls);
    });
  }
});

describe('lutSize / countByClass', () => {
  it('reads LUT input counts', () => {
    for (let k = 1; k <= 6; k++) expect(lutSize(`LUT${k}`)).toBe(k);
    expect(lutSize('SB_LUT4')).toBe(4);
    expect(lutSize('LUT7')).toBeNull();
    expect(lutSize('CARRY4')).toBeNull();
  });
  it('sums counts per class and loses no cell', () => {
    const byType = { LUT6: 96, LUT2: 6, CARRY4: 4, MUXF7: 38, FDRE: 8, DSP48E1: 1, INV: 1 };
    const c = countByClass(byType);
    expect(c).toMatchObject({ lut: 102, carry: 4, muxf: 38, ff: 8, dsp: 1, other: 1, bram: 0 });
    const total = Object.values(c).reduce((s, n) => s + n, 0);
    expect(total).toBe(Object.values(byType).reduce((s, n) => s + n, 0));
  });
});
