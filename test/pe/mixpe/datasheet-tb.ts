/**
 * Test helper (not a test): an independent testbench for a generated stream top, driven only
 * through what its datasheet (`README.md` of `gen`) states — the port table (names, widths,
 * directions, protocol roles clock/reset/valid/ready/data, descriptions) — and nothing of the
 * cosim harness.
 *
 * `runDatasheetTb` writes a hand-built Verilog-2005 testbench for Icarus that
 * - drives the input stream beat by beat from a `$readmemh` file (data inputs concatenated in
 *   datasheet order), with `in_valid` and `out_ready` taken per cycle from a control file
 *   (gaps and backpressure), inputs changed 1 ns after the rising edge and the handshakes
 *   sampled 1 ns before the next one;
 * - optionally applies a synchronous mid-stream reset: when the input pointer first reaches
 *   `reset.at` (and at least `reset.afterOutputs` output beats have been seen) it holds
 *   `in_valid` low, asserts `rst` for 2 cycles, then restarts at beat `reset.restart`;
 * - logs every accepted input beat (`I cycle index`), every accepted output beat
 *   (`O cycle hex…`, data outputs in datasheet order), the reset (`R cycle`), and, once per
 *   cycle when `probe` is set, `in_ready` with `out_ready` forced 0 and then 1 inside the same
 *   cycle (`P cycle ready0 ready1`), which shows whether `in_ready` depends combinationally on
 *   `out_ready`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DatasheetPort {
  readonly name: string;
  readonly dir: 'input' | 'output';
  readonly width: number;
  readonly protocol: string;
  /** The port's description cell (beat semantics, e.g. "sampled on the last beat of group g"). */
  readonly description: string;
}

/** Parse the `## Ports` table of a generated datasheet. */
export function datasheetPorts(readme: string): DatasheetPort[] {
  const rows = readme.split('\n').filter((l) => /^\| `[^`]+` \| (input|output) \|/.test(l));
  return rows.map((l) => {
    const cells = l.split('|').map((c) => c.trim());
    return { name: cells[1]!.replace(/`/g, ''), dir: cells[2] as 'input' | 'output', width: Number(cells[4]), protocol: cells[5]!, description: cells[6] ?? '' };
  });
}

export interface TbRun {
  /** Accepted input beats: cycle and beat index. */
  readonly inputs: { cycle: number; index: number }[];
  /** Accepted output beats: cycle and the data outputs (datasheet order). */
  readonly outputs: { cycle: number; data: bigint[] }[];
  /** Cycle of the reset, if any. */
  readonly resetAt: number | null;
  /** Per-cycle probe of in_ready under out_ready = 0 and 1. */
  readonly probes: { cycle: number; ready0: number; ready1: number }[];
  /** Cycles simulated. */
  readonly cycles: number;
}

export interface TbOptions {
  /** Per cycle: in_valid wanted (bit 0) and out_ready (bit 1). Cycles beyond the list use 0b11. */
  readonly control: readonly number[];
  /** Mid-stream reset. */
  readonly reset?: { readonly at: number; readonly restart: number; readonly afterOutputs: number };
  /** Stop once this many output beats were accepted (or after `maxCycles`). */
  readonly expectOutputs: number;
  readonly maxCycles?: number;
  /** Log the in_ready/out_ready probe every cycle. */
  readonly probe?: boolean;
}

const hexW = (w: number): number => Math.ceil(w / 4);

/**
 * Simulate `top` (Verilog `files`) on Icarus with `beats` (one array per beat: the data inputs
 * in datasheet order) under `opts`; `dir` receives the testbench and its files.
 */
export function runDatasheetTb(
  dir: string,
  files: readonly string[],
  top: string,
  ports: readonly DatasheetPort[],
  beats: readonly (readonly bigint[])[],
  opts: TbOptions,
): TbRun {
  const clk = ports.find((p) => p.protocol === 'clock')!.name;
  const rst = ports.find((p) => p.protocol === 'reset')!.name;
  const inValid = ports.find((p) => p.dir === 'input' && p.protocol === 'valid')!.name;
  const outReady = ports.find((p) => p.dir === 'input' && p.protocol === 'ready')!.name;
  const inReady = ports.find((p) => p.dir === 'output' && p.protocol === 'ready')!.name;
  const outValid = ports.find((p) => p.dir === 'output' && p.protocol === 'valid')!.name;
  const din = ports.filter((p) => p.dir === 'input' && p.protocol === 'data');
  const dout = ports.filter((p) => p.dir === 'output' && p.protocol === 'data');
  const inW = din.reduce((a, p) => a + p.width, 0);
  // Beat memory: the first data input in the most significant bits.
  const words = beats.map((b) => {
    let v = 0n;
    din.forEach((p, i) => {
      const mask = (1n << BigInt(p.width)) - 1n;
      v = (v << BigInt(p.width)) | (BigInt.asUintN(p.width, b[i]!) & mask);
    });
    return v.toString(16).padStart(hexW(inW), '0');
  });
  writeFileSync(join(dir, 'tb_in.hex'), words.join('\n') + '\n');
  const maxCycles = opts.maxCycles ?? opts.control.length + 20 * beats.length + 1000;
  const ctl = Array.from({ length: maxCycles }, (_, c) => (c < opts.control.length ? opts.control[c]! : 3));
  writeFileSync(join(dir, 'tb_ctl.hex'), ctl.map((c) => c.toString(16)).join('\n') + '\n');
  let off = inW;
  const slices = din.map((p) => {
    const hi = off - 1;
    off -= p.width;
    return `.${p.name}(beat[${hi}:${off}])`;
  });
  const r = opts.reset;
  const tb = `\`timescale 1ns/1ps
module tb;
  reg ${clk} = 1'b0;
  reg ${rst} = 1'b1;
  reg ${inValid} = 1'b0;
  reg ${outReady} = 1'b0;
  reg [${inW - 1}:0] beat;
  wire ${inReady};
  wire ${outValid};
${dout.map((p) => `  wire [${p.width - 1}:0] ${p.name};`).join('\n')}
  reg [${inW - 1}:0] mem [0:${beats.length - 1}];
  reg [1:0] ctl [0:${maxCycles - 1}];
  integer ip, cyc, nout, fd, resetDone, fireIn, hold, rstLeft;
  ${top} dut (.${clk}(${clk}), .${rst}(${rst}), .${inValid}(${inValid}), .${outReady}(${outReady}), ${slices.join(', ')},
    ${dout.map((p) => `.${p.name}(${p.name})`).join(', ')}, .${inReady}(${inReady}), .${outValid}(${outValid}));
  always #5 ${clk} = ~${clk};
  initial begin
    $readmemh("tb_in.hex", mem);
    $readmemh("tb_ctl.hex", ctl);
    fd = $fopen("tb_out.txt", "w");
    ip = 0; nout = 0; resetDone = 0; fireIn = 0; rstLeft = 0;
    beat = mem[0];
    repeat (3) @(posedge ${clk});
    #1 ${rst} = 1'b0;
    for (cyc = 0; cyc < ${maxCycles} && nout < ${opts.expectOutputs}; cyc = cyc + 1) begin
      if (cyc > 0) begin @(posedge ${clk}); #1; end
      if (fireIn) ip = ip + 1;
      fireIn = 0;
      if (rstLeft > 0) begin
        rstLeft = rstLeft - 1;
        if (rstLeft == 0) begin ${rst} = 1'b0; ip = ${r ? r.restart : 0}; end
      end
      hold = ${r ? `(ip == ${r.at} && resetDone == 0)` : '0'};
      if (hold && nout >= ${r ? r.afterOutputs : 0} && rstLeft == 0 && ${rst} == 1'b0) begin
        ${rst} = 1'b1; rstLeft = 2; resetDone = 1;
        $fdisplay(fd, "R %0d", cyc);
      end
      ${inValid} = (ctl[cyc][0] && ip < ${beats.length} && !hold && ${rst} == 1'b0) ? 1'b1 : 1'b0;
      beat = mem[ip < ${beats.length} ? ip : 0];
${opts.probe ? `      ${outReady} = 1'b0; #1; $fdisplay(fd, "P %0d %0d", cyc, ${inReady});
      ${outReady} = 1'b1; #1; $fdisplay(fd, "Q %0d %0d", cyc, ${inReady});` : ''}
      ${outReady} = ctl[cyc][1];
      #${opts.probe ? 6 : 8};
      if (${inValid} && ${inReady}) begin fireIn = 1; $fdisplay(fd, "I %0d %0d", cyc, ip); end
      if (${outValid} && ${outReady} && ${rst} == 1'b0) begin
        $fdisplay(fd, "O %0d${dout.map(() => ' %h').join('')}", cyc${dout.map((p) => `, ${p.name}`).join('')});
        nout = nout + 1;
      end
    end
    $fdisplay(fd, "E %0d", cyc);
    $fclose(fd);
    $finish;
  end
endmodule
`;
  writeFileSync(join(dir, 'tb.v'), tb);
  execFileSync('iverilog', ['-g2005', '-o', join(dir, 'tb.vvp'), '-s', 'tb', join(dir, 'tb.v'), ...files], { cwd: dir, stdio: 'pipe' });
  execFileSync('vvp', ['-n', join(dir, 'tb.vvp')], { cwd: dir, stdio: 'pipe' });
  const lines = readFileSync(join(dir, 'tb_out.txt'), 'utf8').trim().split('\n');
  const run: TbRun = { inputs: [], outputs: [], resetAt: null, probes: [], cycles: 0 };
  const probe0 = new Map<number, number>();
  for (const l of lines) {
    const [k, ...f] = l.split(' ');
    if (k === 'I') run.inputs.push({ cycle: Number(f[0]), index: Number(f[1]) });
    else if (k === 'O') run.outputs.push({ cycle: Number(f[0]), data: f.slice(1).map((h) => BigInt(`0x${h}`)) });
    else if (k === 'R') (run as { resetAt: number | null }).resetAt = Number(f[0]);
    else if (k === 'P') probe0.set(Number(f[0]), Number(f[1]));
    else if (k === 'Q') run.probes.push({ cycle: Number(f[0]), ready0: probe0.get(Number(f[0]))!, ready1: Number(f[1]) });
    else if (k === 'E') (run as { cycles: number }).cycles = Number(f[0]);
  }
  return run;
}
