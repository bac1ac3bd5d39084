/**
 * Small Verilog-2005 designs generated for the synthesis tests (not a test file itself), plus a
 * tiny liberty library whose cell areas the tests know. Each design is a plain function of its
 * parameters so a test can build two sizes and compare them.
 */

/** `p = a * b`, both operands signed `w` bits, full-width signed product. */
export function signedMultiplier(name: string, w: number): string {
  return [
    `module ${name}(input signed [${w - 1}:0] a, input signed [${w - 1}:0] b, output signed [${2 * w - 1}:0] p);`,
    '  assign p = a * b;',
    'endmodule',
    '',
  ].join('\n');
}

/** `s = a + b`, unsigned `w` bits with carry out. */
export function adder(name: string, w: number): string {
  return [
    `module ${name}(input [${w - 1}:0] a, input [${w - 1}:0] b, output [${w}:0] s);`,
    '  assign s = a + b;',
    'endmodule',
    '',
  ].join('\n');
}

/** `acc <= rst ? 0 : en ? acc + d : acc` on `clk`: `w` FFs with sync reset and enable around an adder. */
export function accumulator(name: string, w: number): string {
  return [
    `module ${name}(input clk, input rst, input en, input [${w - 1}:0] d, output reg [${w - 1}:0] acc);`,
    '  always @(posedge clk)',
    `    if (rst) acc <= ${w}'d0;`,
    '    else if (en) acc <= acc + d;',
    'endmodule',
    '',
  ].join('\n');
}

/** A `w`-bit register with asynchronous active-high reset (no CMOS cost in Yosys's table). */
export function asyncResetRegister(name: string, w: number): string {
  return [
    `module ${name}(input clk, input arst, input [${w - 1}:0] d, output reg [${w - 1}:0] q);`,
    '  always @(posedge clk or posedge arst)',
    `    if (arst) q <= ${w}'d0;`,
    '    else q <= d;',
    'endmodule',
    '',
  ].join('\n');
}

/** `y = ((a0 + a1) + a2) + ... + an`, `n` dependent `w`-bit adders through named wires. */
export function adderChain(name: string, n: number, w: number): string {
  const ports = Array.from({ length: n + 1 }, (_, i) => `input [${w - 1}:0] a${i}`).join(', ');
  const lines = [`module ${name}(${ports}, output [${w - 1}:0] y);`, `  wire [${w - 1}:0] s0 = a0;`];
  for (let i = 1; i <= n; i++) lines.push(`  wire [${w - 1}:0] s${i} = s${i - 1} + a${i};`);
  lines.push(`  assign y = s${n};`, 'endmodule', '');
  return lines.join('\n');
}

/** Cell areas of the test liberty library. */
export const TINY_LIB_AREA: Readonly<Record<string, number>> = { BUF: 1, INV: 1, NAND2: 1.5, NOR2: 1.5, DFF: 6 };

/** A minimal liberty library: BUF, INV, NAND2, NOR2 and a plain rising-edge DFF. */
export function tinyLiberty(): string {
  const a = TINY_LIB_AREA;
  const pin = (n: string, dir: string, fn?: string): string =>
    `pin(${n}) { direction : ${dir};${fn ? ` function : "${fn}";` : ''} }`;
  return [
    'library(tiny) {',
    '  delay_model : table_lookup;',
    `  cell(BUF) { area : ${a.BUF}; ${pin('A', 'input')} ${pin('Y', 'output', 'A')} }`,
    `  cell(INV) { area : ${a.INV}; ${pin('A', 'input')} ${pin('Y', 'output', "A'")} }`,
    `  cell(NAND2) { area : ${a.NAND2}; ${pin('A', 'input')} ${pin('B', 'input')} ${pin('Y', 'output', "(A*B)'")} }`,
    `  cell(NOR2) { area : ${a.NOR2}; ${pin('A', 'input')} ${pin('B', 'input')} ${pin('Y', 'output', "(A+B)'")} }`,
    `  cell(DFF) { area : ${a.DFF}; ff(IQ, IQN) { clocked_on : C; next_state : D; }`,
    '    pin(C) { direction : input; clock : true; } pin(D) { direction : input; }',
    '    pin(Q) { direction : output; function : "IQ"; } }',
    '}',
    '',
  ].join('\n');
}
