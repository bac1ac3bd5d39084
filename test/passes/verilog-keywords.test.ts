import { describe, it, expect } from 'vitest';
import { VERILOG_KEYWORDS } from '../../src/passes/verilog-keywords.ts';

describe('VERILOG_KEYWORDS', () => {
  it('holds the Verilog-2005 reserved words', () => {
    for (const k of ['always', 'assign', 'begin', 'end', 'module', 'endmodule', 'input', 'output', 'wire', 'reg', 'signed', 'generate', 'genvar', 'localparam', 'xor', 'xnor', 'uwire', 'config']) {
      expect(VERILOG_KEYWORDS.has(k), k).toBe(true);
    }
  });

  it('holds the SystemVerilog words that tools reject as identifiers', () => {
    for (const k of ['logic', 'bit', 'int', 'always_ff', 'always_comb', 'interface', 'package', 'import', 'export', 'enum', 'typedef']) {
      expect(VERILOG_KEYWORDS.has(k), k).toBe(true);
    }
  });

  it('is lower-case identifiers only, with no empty entry', () => {
    expect(VERILOG_KEYWORDS.size).toBeGreaterThan(130);
    for (const k of VERILOG_KEYWORDS) expect(k).toMatch(/^[a-z_][a-z0-9_]*$/);
    for (const k of ['a', 'sum', 'data', 'clk', 'rst']) expect(VERILOG_KEYWORDS.has(k)).toBe(false);
  });
});
