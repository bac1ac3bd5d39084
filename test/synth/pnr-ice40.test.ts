/** nextpnr-ice40 place and route: the out-of-context wrapper, real runs on UP5K and HX8K. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { placeAndRouteIce40, wrapperVerilog, formatPnrReport } from '../../src/synth/pnr-ice40.ts';

const MUL = `module mul (input wire clk, input wire [5:0] a, input wire [5:0] b, output reg [11:0] y);
  always @(posedge clk) y <= a * b;
endmodule
`;
const XOR = `module x2 (input wire [1:0] a, output wire y);
  assign y = a[0] ^ a[1];
endmodule
`;

describe('wrapperVerilog', () => {
  it('chains every input bit through a shift register and XOR-reduces the registered outputs', async () => {
    const w = wrapperVerilog('mul', [{ name: 'clk', dir: 'input', width: 1 }, { name: 'a', dir: 'input', width: 6 }, { name: 'b', dir: 'input', width: 6 }, { name: 'y', dir: 'output', width: 12 }], 'clk');
    expect(w.ff).toBe(24);
    expect(w.text).toContain('always @(posedge clk) sr_in <= {sr_in[10:0], sin};');
    expect(w.text).toContain('mul u_dut (.clk(clk), .a(sr_in[5:0]), .b(sr_in[11:6]), .y(dout[11:0]));');
    expect(w.text).toContain('assign sout = ^sr_out;');
    // It is Verilog-2005 that Icarus accepts with the design.
    const dir = mkdtempSync(join(tmpdir(), 'pnr-'));
    writeFileSync(join(dir, 'mul.v'), MUL);
    writeFileSync(join(dir, 'wrap.v'), w.text);
    const r = await execa('iverilog', ['-g2005', '-Wall', '-o', '/dev/null', '-s', 'lowbit_pnr_wrap', join(dir, 'mul.v'), join(dir, 'wrap.v')], { reject: false, all: true });
    expect(r.exitCode, r.all).toBe(0);
    expect(() => wrapperVerilog('t', [{ name: 'a', dir: 'input', width: 1 }], undefined)).toThrow(/no outputs/);
  });
});

describe('placeAndRouteIce40', () => {
  it('reports utilization and Fmax on both devices, reproducibly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pnr-'));
    writeFileSync(join(dir, 'mul.v'), MUL);
    writeFileSync(join(dir, 'x2.v'), XOR);
    const up = await placeAndRouteIce40({ files: [join(dir, 'mul.v')], top: 'mul', device: 'up5k' });
    expect(up).toMatchObject({ device: 'up5k', package: 'sg48', wrapperFf: 24, lc: { available: 5280 }, io: { used: 3 } });
    // 24 wrapper registers, 12 product registers and the 6x6 multiplier's LUTs.
    expect(up.lc.used).toBeGreaterThan(60);
    expect(up.fmaxMHz).toBeGreaterThan(10);
    expect(up.fmaxMHz).toBeLessThan(500);
    expect(up.tool.nextpnr).toMatch(/nextpnr-ice40/);
    expect(formatPnrReport(up)).toMatch(/Fmax +\d+\.\d\d MHz/);
    const again = await placeAndRouteIce40({ files: [join(dir, 'mul.v')], top: 'mul', device: 'up5k' });
    expect([again.lc.used, again.fmaxMHz]).toEqual([up.lc.used, up.fmaxMHz]);
    const hx = await placeAndRouteIce40({ files: [join(dir, 'x2.v')], top: 'x2', device: 'hx8k' });
    expect(hx).toMatchObject({ device: 'hx8k', package: 'ct256', wrapperFf: 3, lc: { available: 7680 } });
    // A combinational design gets its Fmax from the wrapper's input and output registers.
    expect(hx.fmaxMHz).toBeGreaterThan(50);
  });
  it('rejects bad names and devices', async () => {
    await expect(placeAndRouteIce40({ files: [], top: 'a b', device: 'up5k' })).rejects.toThrow(/not a plain Verilog identifier/);
    await expect(placeAndRouteIce40({ files: [], top: 'a', device: 'lp1k' as never })).rejects.toThrow(/unknown iCE40 device/);
  });
});
