/**
 * Classify mapped cell types (Yosys internal gates, Xilinx 7-series/UltraScale primitives, iCE40
 * primitives) into the resource classes a report counts. Pure; unknown types are `other`.
 * Depth measurement also uses the sequential type patterns below to cut paths at registers.
 */

/**
 * Resource classes. `ff` = edge-triggered flip-flops (any enable/reset flavour); `latch` kept apart;
 * `lut` = look-up tables; `carry` = dedicated carry-chain cells (one CARRY4 covers 4 bits, one
 * CARRY8 8 bits, one SB_CARRY 1 bit); `dsp` = hard multiplier/MAC blocks; `bram` = block RAM
 * (including UltraRAM and iCE40 SPRAM); `lutram` = distributed RAM built from LUTs; `srl` =
 * LUT shift registers; `muxf` = the wide-function muxes MUXF7/8/9 that combine LUT outputs.
 */
export type CellClass = 'lut' | 'ff' | 'latch' | 'carry' | 'dsp' | 'bram' | 'lutram' | 'srl' | 'muxf' | 'other';

const RULES: ReadonlyArray<readonly [RegExp, CellClass]> = [
  // Yosys fine-grained FFs ($_DFF_P_, $_SDFFE_PP0P_, $_DFFSR_PPP_, $_ALDFF_PP_, $_FF_ ...) and coarse ones.
  [/^\$_(FF|DFF|DFFE|SDFF|SDFFE|SDFFCE|DFFSR|DFFSRE|ALDFF|ALDFFE)_/, 'ff'],
  [/^\$(ff|dff|dffe|adff|adffe|sdff|sdffe|sdffce|dffsr|dffsre|aldff|aldffe)$/, 'ff'],
  [/^\$_(DLATCH|DLATCHSR)_/, 'latch'],
  [/^\$(dlatch|adlatch|dlatchsr)$/, 'latch'],
  [/^FD[RSCP]E(_1)?$/, 'ff'],
  [/^LD[CP]E(_1)?$/, 'latch'],
  [/^SB_DFF/, 'ff'],
  [/^LUT[1-6]$/, 'lut'],
  [/^SB_LUT4$/, 'lut'],
  [/^(CARRY4|CARRY8|SB_CARRY)$/, 'carry'],
  [/^(DSP48|DSP58|MULT18X18|SB_MAC16$)/, 'dsp'],
  [/^(RAMB(18|36)|URAM288|SB_RAM40_4K|SB_SPRAM256KA$)/, 'bram'],
  [/^RAM(16|32|64|128|256|512)X\d|^RAM(32|64)M/, 'lutram'],
  [/^SRL(16|C16|C32)/, 'srl'],
  [/^MUXF[789]$/, 'muxf'],
];

export function classifyCell(type: string): CellClass {
  for (const [re, cls] of RULES) if (re.test(type)) return cls;
  return 'other';
}

/** Inputs of a LUT cell type (LUT1..LUT6, SB_LUT4 -> 4); null for anything else. */
export function lutSize(type: string): number | null {
  if (type === 'SB_LUT4') return 4;
  const m = /^LUT([1-6])$/.exec(type);
  return m ? Number(m[1]) : null;
}

/** Sum of counts per class over a `type -> count` table. */
export function countByClass(byType: Readonly<Record<string, number>>): Record<CellClass, number> {
  const out: Record<CellClass, number> = {
    lut: 0, ff: 0, latch: 0, carry: 0, dsp: 0, bram: 0, lutram: 0, srl: 0, muxf: 0, other: 0,
  };
  for (const [type, n] of Object.entries(byType)) out[classifyCell(type)] += n;
  return out;
}

/**
 * Vendor cell patterns (Yosys `t:` selection syntax) removed from the netlist view of `ltp`, so
 * paths start and end at registers, memories and hard blocks, as timing paths do. (`ltp -noff`
 * already skips Yosys's own FF types but not vendor primitives.) DSP blocks are cut too: Yosys
 * packs the accumulator register into the DSP (PREG), which `ltp` sees as combinational, so an
 * accumulator that feeds back through LUTs into the DSP looked like a combinational loop.
 */
export const SEQUENTIAL_CELL_PATTERNS: Readonly<Record<'xilinx' | 'ice40', readonly string[]>> = {
  xilinx: ['FD*', 'LD*', 'SRL*', 'RAM*', 'URAM*', 'DSP48*', 'MULT18X18*'],
  ice40: ['SB_DFF*', 'SB_RAM*', 'SB_SPRAM*', 'SB_MAC16'],
};
