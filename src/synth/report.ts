/**
 * The synthesis report: plain JSON-serialisable data (no undefined, no Infinity, no class
 * instances), so `JSON.parse(JSON.stringify(r))` equals `r` and reports can be stored and diffed.
 * Sections that do not apply to a target are `null`, never missing.
 */
import type { YosysEngineChoice } from './yosys-engine.ts';
import type { IrDesign } from '../ir/types.ts';
import type { BoundaryCheck } from './boundary-paths.ts';

/** Version tag of this shape; bump when a field changes meaning. */
export const SYNTH_REPORT_SCHEMA = 'lowbit-hdl.synth-report/1';

/**
 * `generic`: Yosys's internal gate library (AND/NAND/OR/NOR/XOR/XNOR/ANDNOT/ORNOT/MUX/NOT + FFs);
 * `cmos`: NAND2/NOR2/NOT only, for `stat -tech cmos` transistor counts; `xilinx`: 7-series (or
 * the chosen family) via `synth_xilinx`; `ice40`: iCE40 via `synth_ice40`; `asic`: one run giving
 * generic cells, the CMOS estimate and a delay-oriented liberty mapping (area + critical-path delay;
 * needs `liberty`).
 */
export type SynthTarget = 'generic' | 'cmos' | 'xilinx' | 'ice40' | 'asic';
export const SYNTH_TARGETS: readonly SynthTarget[] = ['generic', 'cmos', 'xilinx', 'ice40', 'asic'];

/** How the ASIC flows treat the design hierarchy (`SynthOptions.hierarchy`). */
export type SynthHierarchy = 'flat' | 'per-module';
export const SYNTH_HIERARCHIES: readonly SynthHierarchy[] = ['flat', 'per-module'];

export interface SynthOptions {
  /** Verilog sources (host paths). `.sv` files are read with `read_verilog -sv`. */
  readonly files: readonly string[];
  /** Top module name (a plain Verilog identifier). */
  readonly top: string;
  readonly target: SynthTarget;
  /** Liberty file (host path) for area; ASIC targets (`generic`, `cmos`) only. */
  readonly liberty?: string;
  /**
   * Multiply-accumulates the design completes per clock cycle (average, may be fractional, > 0).
   * With a delay figure it gives throughput (GMAC/s) and, on `asic`, throughput / (area x delay).
   */
  readonly macsPerCycle?: number;
  /** FPGA targets: use hard DSP blocks (default true). `false` measures a LUT-only mapping. */
  readonly dsp?: boolean;
  /** `xilinx` only: `synth_xilinx -family` (default `xc7`; e.g. `xcu`, `xcup` for CARRY8/DSP48E2). */
  readonly family?: string;
  /**
   * ASIC targets (`generic`, `cmos`, `asic`): `flat` (default) flattens under `top` before synthesis,
   * so optimisation and timing see the whole design. `per-module` keeps the hierarchy: Yosys
   * synthesizes and maps each distinct module once, however many instances it has, and the counts
   * and areas are the hierarchy totals (each module's figure times its instance count). Much faster
   * for arrays of identical PEs. No optimisation crosses a module boundary (constant or unused PE
   * ports at the array edge stay), and the delay is the largest per-module delay
   * (`timing.byModule`): exact only when every path that crosses a module boundary is registered on
   * one side of it (the module output is a register output, or the input drives only register
   * inputs), and it does not see the buffering of a net fanned out across instances.
   */
  readonly hierarchy?: SynthHierarchy;
  /**
   * The elaborated design behind `files` (its `top` must be `top`), when there is one. With
   * `hierarchy: 'per-module'` it is checked for combinational paths across module boundaries
   * (`SynthReport.boundary`, src/synth/boundary-paths.ts); without it the condition is not checked.
   */
  readonly design?: IrDesign;
  readonly engine?: YosysEngineChoice;
  /** Native Yosys command for `engine: 'native' | 'auto'`; default `yosys`. */
  readonly yosysBinary?: string;
  /** Receives the complete Yosys log of the run (e.g. for a `--log` flag). */
  readonly onLog?: (log: string) => void;
}

/** Cell counts of the flattened, mapped top module. `byType` keys are sorted. */
export interface CellCounts {
  readonly total: number;
  readonly byType: Readonly<Record<string, number>>;
}

/**
 * Logic depth: the number of cells on the longest register-to-register (or port) combinational
 * path of the mapped netlist, from Yosys `ltp -noff` (plus vendor FF/RAM types cut on FPGAs).
 * Unit-delay only: a CARRY4 hop covers 4 carry bits, a DSP counts as one level; not timing.
 */
export interface LogicDepth {
  readonly levels: number;
  /** What one level is: a simple gate (`generic`, `cmos`) or a mapped FPGA cell. */
  readonly unit: 'gate' | 'fpga-cell';
  /** True if `ltp` met a combinational loop; `levels` is then not meaningful. */
  readonly loops: boolean;
}

/**
 * `stat -tech cmos` estimate (`cmos` target): transistors of static-CMOS NAND2(4)/NOR2(4)/NOT(2)
 * and plain DFF(16) cells. `exact` is false when the netlist holds cells without a cost (e.g.
 * async-reset FFs), which are then counted as 0 — the true count is higher.
 */
export interface CmosEstimate {
  readonly transistors: number;
  readonly exact: boolean;
}

/** FPGA resources (`xilinx`, `ice40`), from the mapped cell counts via `classifyCell`. */
export interface FpgaResources {
  /** LUTs; `bySize` maps input count ("1".."6") to cells. */
  readonly lut: { readonly total: number; readonly bySize: Readonly<Record<string, number>> };
  readonly ff: number;
  readonly carry: number;
  readonly dsp: number;
  readonly bram: number;
  readonly lutram: number;
  readonly srl: number;
  readonly muxf: number;
}

/** Area after mapping to a liberty library (`dfflibmap` + `abc -liberty`), in the library's unit (usually um^2). */
export interface LibertyArea {
  /** The liberty file as given. */
  readonly file: string;
  readonly area: number;
  /** Part of `area` in sequential cells, when Yosys reports it (text `stat`); else null. */
  readonly sequentialArea: number | null;
  readonly cells: CellCounts;
  /** Cells left as Yosys internal types (the library lacks a match); excluded from `area`. */
  readonly unmapped: Readonly<Record<string, number>>;
}

/**
 * Critical combinational path delay of the mapped netlist, in picoseconds, between sequential or
 * port boundaries (register outputs and input ports to register inputs and output ports; clock-to-Q
 * and setup are not included on `asic`). `asic`: ABC's `stime -p` after the delay-oriented liberty
 * mapping `+strash;dch,-f;map;topo;buffer;upsize;dnsize;stime,-p` (liberty timing, no wires).
 * `xilinx`: Yosys `sta` over the specify delays of the Xilinx cell library (includes FD clock-to-Q).
 */
export interface TimingReport {
  readonly delayPs: number;
  readonly source: 'abc-stime' | 'yosys-sta';
  /**
   * Mapped cell types that have no timing arcs in the model (e.g. CARRY4, MUXF7 in Yosys 0.55's
   * Xilinx library): they count as 0 delay, so `delayPs` is then a lower bound. Sorted.
   */
  readonly untimedCells: readonly string[];
  /**
   * `asic` with `hierarchy: 'per-module'`: the ABC delay of each module mapped on its own (module
   * name -> ps; modules without logic absent); `delayPs` is the largest. Null otherwise.
   */
  readonly byModule: Readonly<Record<string, number>> | null;
}

/** Throughput figures from `SynthOptions.macsPerCycle` and the delay (one cycle = `delayPs`). */
export interface Efficiency {
  readonly macsPerCycle: number;
  /** macsPerCycle / delay: GMAC/s at a clock period equal to the critical-path delay. */
  readonly gmacPerS: number;
  /**
   * `asic`: throughput / (area x delay) = gmacPerS / area, in GMAC/s per mm^2 if the library's area
   * unit is um^2 (the usual one; liberty files do not declare it). Null on other targets.
   */
  readonly gmacPerSPerMm2: number | null;
}

export interface SynthReport {
  readonly schema: typeof SYNTH_REPORT_SCHEMA;
  readonly top: string;
  readonly target: SynthTarget;
  readonly files: readonly string[];
  /** The effective options (defaults filled in); null where an option does not apply. */
  readonly options: {
    readonly dsp: boolean | null;
    readonly family: string | null;
    readonly liberty: string | null;
    readonly macsPerCycle: number | null;
    /** ASIC targets: `flat` or `per-module`; null on FPGA targets (always flattened). */
    readonly hierarchy: SynthHierarchy | null;
  };
  readonly tool: { readonly engine: 'wasm' | 'native'; readonly version: string };
  /** The exact Yosys script that ran (paths are in Yosys's working filesystem). */
  readonly script: string;
  readonly cells: CellCounts;
  /** Flip-flops in the mapped netlist (all targets). */
  readonly ff: number;
  readonly depth: LogicDepth | null;
  readonly cmos: CmosEstimate | null;
  readonly fpga: FpgaResources | null;
  readonly liberty: LibertyArea | null;
  /** Critical-path delay (`asic`, `xilinx`); null on targets without a timing model or without logic. */
  readonly timing: TimingReport | null;
  /** Present when `macsPerCycle` was given and a delay exists. */
  readonly efficiency: Efficiency | null;
  /**
   * `hierarchy: 'per-module'` with `SynthOptions.design`: whether the per-module delay is exact (no
   * combinational path has logic on both sides of a module boundary) or, with the offending instance
   * ports listed, a lower bound of the flat delay. Null in flat mode and when no design was given.
   */
  readonly boundary: BoundaryCheck | null;
  /** Unique Yosys warnings (ltp loop notices summarised in `depth.loops`). */
  readonly warnings: readonly string[];
  /** Wall time of the Yosys run, milliseconds. */
  readonly elapsedMs: number;
}
