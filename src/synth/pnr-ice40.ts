/**
 * Real iCE40 timing: Yosys `synth_ice40 -json` and nextpnr-ice40 (Debian package `nextpnr-ice40`)
 * place and route the design, and nextpnr's `--report` gives the utilization and the Fmax it
 * computes from its timing model of the routed design.
 *
 * A datapath has far more port bits than a package has pins (39 on the UP5K SG48), so the design
 * is placed out of context, the usual way: a generated wrapper `lowbit_pnr_wrap` has three pins
 * (clk, sin, sout); every input bit of the design comes from a shift register fed by `sin`, every
 * output bit is registered and the registers are XOR-reduced onto `sout` (so none is optimized
 * away). The design's clock is the wrapper's clock. Fmax is then the register-to-register
 * frequency through the design, also for purely combinational designs; the utilization includes
 * the wrapper's `wrapperFf` I/O registers (one per port bit) and its parity LUTs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { userError } from '../diag/error.ts';
import { runYosys } from './run-yosys.ts';
import { formatYosysVersion } from './yosys-version.ts';

export type Ice40Device = 'up5k' | 'hx8k';
export const ICE40_DEVICES: readonly Ice40Device[] = ['up5k', 'hx8k'];
/** Package per device (the wrapper needs three pins; any package would do). */
const PACKAGE: Record<Ice40Device, string> = { up5k: 'sg48', hx8k: 'ct256' };

export const PNR_REPORT_SCHEMA = 'lowbit-hdl.pnr-report/1';

export interface PnrOptions {
  /** Verilog sources (host paths), leaves first. */
  readonly files: readonly string[];
  readonly top: string;
  readonly device: Ice40Device;
  /** The design's clock input; default: a 1-bit input named clk or clock, if any. */
  readonly clock?: string;
  /** nextpnr placer seed (default 1: runs are reproducible). */
  readonly seed?: number;
  /** nextpnr binary (default `nextpnr-ice40`). */
  readonly nextpnr?: string;
}

export interface Utilization {
  readonly used: number;
  readonly available: number;
}

export interface PnrReport {
  readonly schema: typeof PNR_REPORT_SCHEMA;
  readonly top: string;
  readonly device: Ice40Device;
  readonly package: string;
  /** Logic cells (LUT4 + FF + carry), RAM blocks, DSPs (SB_MAC16), I/O cells. */
  readonly lc: Utilization;
  readonly ram: Utilization;
  readonly dsp: Utilization;
  readonly io: Utilization;
  /** Achieved clock frequency in MHz; null when the routed design has no register-to-register path. */
  readonly fmaxMHz: number | null;
  /** I/O registers the wrapper adds (input bits + output bits), included in `lc.used`. */
  readonly wrapperFf: number;
  readonly tool: { readonly yosys: string; readonly nextpnr: string };
  readonly elapsedMs: number;
}

interface PortInfo {
  readonly name: string;
  readonly dir: 'input' | 'output';
  readonly width: number;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

function sources(files: readonly string[]): { inputs: Record<string, string>; reads: string } {
  const inputs: Record<string, string> = {};
  const names = files.map((f, i) => `src/${i}_${basename(f).replace(/[^A-Za-z0-9._-]/g, '_')}`);
  files.forEach((f, i) => (inputs[names[i]!] = readFileSync(f, 'utf8')));
  return { inputs, reads: names.map((n) => `read_verilog${/\.sv$/i.test(n) ? ' -sv' : ''} ${n}`).join('\n') };
}

/** The top module's ports, from Yosys's JSON of the elaborated hierarchy. */
async function readPorts(files: readonly string[], top: string): Promise<PortInfo[]> {
  const { inputs, reads } = sources(files);
  const r = await runYosys(`${reads}\nhierarchy -check -top ${top}\nproc\nwrite_json -noscopeinfo out/ports.json`, inputs);
  const json = JSON.parse(r.files['out/ports.json']!) as { modules: Record<string, { ports: Record<string, { direction: string; bits: unknown[] }> }> };
  const mod = json.modules[top];
  if (!mod) throw userError(`top module '${top}' not found by Yosys`);
  return Object.entries(mod.ports).map(([name, p]) => {
    if (p.direction !== 'input' && p.direction !== 'output') throw userError(`port '${name}' of '${top}' is ${p.direction}: place and route supports input and output ports only`);
    return { name, dir: p.direction, width: p.bits.length };
  });
}

/** Verilog of the three-pin out-of-context wrapper around `top`. */
export function wrapperVerilog(top: string, ports: readonly PortInfo[], clock: string | undefined): { text: string; ff: number } {
  const data = ports.filter((p) => p.name !== clock);
  const ni = data.filter((p) => p.dir === 'input').reduce((n, p) => n + p.width, 0);
  const no = data.filter((p) => p.dir === 'output').reduce((n, p) => n + p.width, 0);
  if (no === 0) throw userError(`'${top}' has no outputs: nothing to place and route`);
  const conns: string[] = [];
  let i = 0;
  let o = 0;
  for (const p of ports) {
    if (p.name === clock) conns.push(`.${p.name}(clk)`);
    else if (p.dir === 'input') conns.push(`.${p.name}(sr_in[${i + p.width - 1}:${i}])`), (i += p.width);
    else conns.push(`.${p.name}(dout[${o + p.width - 1}:${o}])`), (o += p.width);
  }
  const shift = ni === 0 ? '' : ni === 1 ? '  always @(posedge clk) sr_in <= sin;\n' : `  always @(posedge clk) sr_in <= {sr_in[${ni - 2}:0], sin};\n`;
  const text =
    `// Out-of-context place-and-route wrapper (lowbit-hdl pnr:ice40): ${ni} input and ${no} output register bits.\n` +
    `module lowbit_pnr_wrap (input wire clk, input wire sin, output wire sout);\n` +
    (ni > 0 ? `  reg [${ni - 1}:0] sr_in;\n${shift}` : `  wire unused_sin = sin;\n`) +
    `  wire [${no - 1}:0] dout;\n  reg [${no - 1}:0] sr_out;\n  always @(posedge clk) sr_out <= dout;\n  assign sout = ^sr_out;\n` +
    `  ${top} u_dut (${conns.join(', ')});\nendmodule\n`;
  return { text, ff: ni + no };
}

async function nextpnrVersion(bin: string): Promise<string> {
  const r = await execa(bin, ['--version'], { reject: false, all: true, stdin: 'ignore' });
  if (r.exitCode !== 0) throw userError(`'${bin}' does not run (${r.code ?? r.shortMessage})`, 'install it: apt-get install nextpnr-ice40');
  return (r.all ?? '').trim().split('\n')[0]!.trim();
}

interface NextpnrJsonReport {
  fmax?: Record<string, { achieved: number }>;
  utilization: Record<string, { used: number; available: number }>;
}

export async function placeAndRouteIce40(o: PnrOptions): Promise<PnrReport> {
  if (!IDENT.test(o.top)) throw userError(`top module name '${o.top}' is not a plain Verilog identifier`);
  if (!ICE40_DEVICES.includes(o.device)) throw userError(`unknown iCE40 device '${o.device}'`, `use one of ${ICE40_DEVICES.join(', ')}`);
  const bin = o.nextpnr ?? 'nextpnr-ice40';
  const t0 = performance.now();
  const nextpnr = await nextpnrVersion(bin);
  const ports = await readPorts(o.files, o.top);
  const clock = o.clock ?? ports.find((p) => p.dir === 'input' && p.width === 1 && /^(clk|clock)$/.test(p.name))?.name;
  const wrap = wrapperVerilog(o.top, ports, clock);
  const { inputs, reads } = sources(o.files);
  inputs['src/lowbit_pnr_wrap.v'] = wrap.text;
  // LUT-only mapping (no -dsp): with Yosys 0.55, `synth_ice40 -dsp` on the wrapped design left an
  // empty netlist. Yosys >= 0.4x keeps `$scopeinfo` cells after -flatten; nextpnr-ice40 0.4
  // cannot place them (they carry no logic), so they are deleted before the JSON is written.
  const script = `${reads}\nread_verilog src/lowbit_pnr_wrap.v\nsynth_ice40 -top lowbit_pnr_wrap -flatten\ndelete t:$scopeinfo\nwrite_json out/netlist.json`;
  const y = await runYosys(script, inputs);
  const dir = mkdtempSync(join(tmpdir(), 'lowbit-pnr-'));
  try {
    writeFileSync(join(dir, 'netlist.json'), y.files['out/netlist.json']!);
    const args = [`--${o.device}`, '--package', PACKAGE[o.device], '--json', 'netlist.json', '--pcf-allow-unconstrained', '--report', 'report.json', '--seed', String(o.seed ?? 1), '--freq', '12'];
    const r = await execa(bin, args, { cwd: dir, reject: false, all: true, stdin: 'ignore' });
    if (r.exitCode !== 0) {
      const err = (r.all ?? '').split('\n').filter((l) => /ERROR/.test(l)).join('; ') || `exit ${r.exitCode}`;
      throw userError(`nextpnr-ice40 failed on '${o.top}' (${o.device}): ${err}`);
    }
    const rep = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as NextpnrJsonReport;
    const u = (k: string): Utilization => ({ used: rep.utilization[k]?.used ?? 0, available: rep.utilization[k]?.available ?? 0 });
    const fmax = Object.values(rep.fmax ?? {}).map((f) => f.achieved);
    return {
      schema: PNR_REPORT_SCHEMA,
      top: o.top,
      device: o.device,
      package: PACKAGE[o.device],
      lc: u('ICESTORM_LC'),
      ram: u('ICESTORM_RAM'),
      dsp: u('ICESTORM_DSP'),
      io: u('SB_IO'),
      fmaxMHz: fmax.length ? Math.round(Math.min(...fmax) * 100) / 100 : null,
      wrapperFf: wrap.ff,
      tool: { yosys: formatYosysVersion(y.engine.version), nextpnr },
      elapsedMs: Math.round(performance.now() - t0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Human-readable lines for `synth --pnr`. */
export function formatPnrReport(r: PnrReport): string {
  const pct = (x: Utilization): string => (x.available ? `${((100 * x.used) / x.available).toFixed(1)} %` : '-');
  return [
    `place and route: nextpnr-ice40 ${r.device} (${r.package}), ${r.tool.nextpnr}`,
    `  logic cells  ${String(r.lc.used).padStart(6)} / ${r.lc.available}  (${pct(r.lc)}; ${r.wrapperFf} are the wrapper's I/O registers)`,
    `  RAM          ${String(r.ram.used).padStart(6)} / ${r.ram.available}`,
    `  DSP          ${String(r.dsp.used).padStart(6)} / ${r.dsp.available}`,
    `  Fmax         ${r.fmaxMHz === null ? 'n/a (no register-to-register path)' : `${r.fmaxMHz.toFixed(2)} MHz`}`,
  ].join('\n');
}
