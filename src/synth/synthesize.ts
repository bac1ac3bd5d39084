/**
 * `synthesize(options)`: read the user's Verilog (and liberty) files, run the target's Yosys flow
 * once, and turn its `stat -json` / `ltp` outputs into a `SynthReport`.
 * Errors in the user's input (missing file, bad name, Yosys rejecting the design) are LowbitErrors.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { userError } from '../diag/error.ts';
import { countByClass, lutSize } from './cell-classes.ts';
import { abcDelayLog, buildScript, FLOW_OUTPUTS } from './flows.ts';
import { extractWarnings, parseAbcDelay, parseAbcDelayByModule, parseChipArea, parseLtp, parseSequentialArea, parseSta, parseStatJson } from './parse-stat.ts';
import {
  SYNTH_HIERARCHIES,
  SYNTH_REPORT_SCHEMA,
  SYNTH_TARGETS,
  type CellCounts,
  type Efficiency,
  type FpgaResources,
  type LibertyArea,
  type SynthOptions,
  type SynthReport,
  type TimingReport,
} from './report.ts';
import { runYosys } from './run-yosys.ts';
import { checkBoundaryPaths } from './boundary-paths.ts';
import { formatYosysVersion } from './yosys-version.ts';

/** Plain Verilog identifiers only: the name is spliced into a Yosys script. */
const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** A name safe in a Yosys script and unique in `taken`: `dir/my file.v` -> `my_file.v`, `1_my_file.v`, ... */
function workName(dir: string, hostPath: string, taken: Set<string>): string {
  const base = basename(hostPath).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'file';
  let name = `${dir}/${base}`;
  for (let i = 1; taken.has(name); i++) name = `${dir}/${i}_${base}`;
  taken.add(name);
  return name;
}

async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    throw userError(`cannot read ${what} '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function checkOptions(o: SynthOptions): void {
  if (!SYNTH_TARGETS.includes(o.target)) {
    throw userError(`unknown synthesis target '${o.target}'`, `use one of ${SYNTH_TARGETS.join(', ')}`);
  }
  if (!IDENT.test(o.top)) throw userError(`top module name '${o.top}' is not a plain Verilog identifier`);
  if (o.files.length === 0) throw userError('no Verilog sources given to synthesize');
  const fpga = o.target === 'xilinx' || o.target === 'ice40';
  if (o.liberty !== undefined && fpga) {
    throw userError(`a liberty file applies to ASIC targets (generic, cmos, asic), not '${o.target}'`);
  }
  if (o.target === 'asic' && o.liberty === undefined) {
    throw userError(
      `target 'asic' needs a liberty file`,
      'pass liberty (CLI --liberty FILE), e.g. /usr/share/qflow/tech/osu018/osu018_stdcells.lib from the Debian package qflow-tech-osu018',
    );
  }
  if (o.macsPerCycle !== undefined) {
    if (!(Number.isFinite(o.macsPerCycle) && o.macsPerCycle > 0)) {
      throw userError(`MACs per cycle must be a positive number, got ${o.macsPerCycle}`);
    }
    if (o.target !== 'asic' && o.target !== 'xilinx') {
      throw userError(`MACs per cycle need a delay figure, which targets asic and xilinx give, not '${o.target}'`);
    }
  }
  if (o.hierarchy !== undefined) {
    if (!SYNTH_HIERARCHIES.includes(o.hierarchy)) {
      throw userError(`unknown hierarchy mode '${o.hierarchy}'`, `use one of ${SYNTH_HIERARCHIES.join(', ')}`);
    }
    if (fpga) throw userError(`'hierarchy' applies to ASIC targets (generic, cmos, asic); FPGA flows always flatten`);
  }
  if (o.family !== undefined && o.target !== 'xilinx') throw userError(`'family' applies to target xilinx only`);
  if (o.design !== undefined && o.design.top !== o.top) {
    throw userError(`the design given for the boundary check has top '${o.design.top}', not '${o.top}'`);
  }
  if (o.family !== undefined && !/^[a-z0-9]+$/.test(o.family)) throw userError(`invalid Xilinx family '${o.family}'`);
  if (o.dsp !== undefined && !fpga) throw userError(`'dsp' applies to FPGA targets (xilinx, ice40) only`);
}

function fpgaResources(cells: CellCounts): FpgaResources {
  const cls = countByClass(cells.byType);
  const bySize: Record<string, number> = {};
  for (const [type, n] of Object.entries(cells.byType)) {
    const k = lutSize(type);
    if (k !== null) bySize[String(k)] = (bySize[String(k)] ?? 0) + n;
  }
  const sortedBySize: Record<string, number> = {};
  for (const k of Object.keys(bySize).sort()) sortedBySize[k] = bySize[k];
  return {
    lut: { total: cls.lut, bySize: sortedBySize },
    ff: cls.ff,
    carry: cls.carry,
    dsp: cls.dsp,
    bram: cls.bram,
    lutram: cls.lutram,
    srl: cls.srl,
    muxf: cls.muxf,
  };
}

function output(files: Readonly<Record<string, string>>, name: string): string {
  const text = files[name];
  if (text === undefined) throw new Error(`Yosys run produced no '${name}'`);
  return text;
}

function cmosOf(
  target: SynthReport['target'],
  transistors: { readonly count: number; readonly exact: boolean } | null,
  files: Readonly<Record<string, string>>,
  top: string,
): SynthReport['cmos'] {
  if (target === 'asic') transistors = parseStatJson(output(files, FLOW_OUTPUTS.cmos), top).transistors;
  else if (target !== 'cmos') return null;
  return transistors ? { transistors: transistors.count, exact: transistors.exact } : null;
}

/** `asic`: ABC's stime delay; `xilinx`: Yosys `sta` (cells without arcs listed); others: none. */
function timingOf(
  target: SynthReport['target'],
  files: Readonly<Record<string, string>>,
  log: string,
  cells: CellCounts,
  perModule: boolean,
): TimingReport | null {
  if (target === 'asic') {
    const abcLog = abcDelayLog(log);
    const delay = parseAbcDelay(abcLog);
    const byModule = perModule ? parseAbcDelayByModule(abcLog) : null;
    return delay === null ? null : { delayPs: delay, source: 'abc-stime', untimedCells: [], byModule };
  }
  if (target === 'xilinx') {
    const sta = parseSta(output(files, FLOW_OUTPUTS.sta));
    if (sta.arrival === null) return null;
    return { delayPs: sta.arrival, source: 'yosys-sta', untimedCells: sta.untimed.filter((t) => t in cells.byType), byModule: null };
  }
  return null;
}

function efficiencyOf(macsPerCycle: number | undefined, timing: TimingReport | null, liberty: LibertyArea | null): Efficiency | null {
  if (macsPerCycle === undefined || timing === null || timing.delayPs <= 0) return null;
  const gmacPerS = (macsPerCycle * 1000) / timing.delayPs;
  // GMAC/s per um^2 -> per mm^2: x 1e6.
  const perArea = liberty !== null && liberty.area > 0 ? (gmacPerS / liberty.area) * 1e6 : null;
  return { macsPerCycle, gmacPerS, gmacPerSPerMm2: perArea };
}

export async function synthesize(options: SynthOptions): Promise<SynthReport> {
  checkOptions(options);
  const fpga = options.target === 'xilinx' || options.target === 'ice40';
  const dsp = fpga ? (options.dsp ?? true) : null;
  const hierarchy = fpga ? null : (options.hierarchy ?? 'flat');
  const family = options.target === 'xilinx' ? (options.family ?? 'xc7') : null;

  const taken = new Set<string>();
  const inputs: Record<string, Uint8Array> = {};
  const displayNames: Record<string, string> = {};
  const sources: string[] = [];
  for (const f of options.files) {
    const name = workName('src', f, taken);
    inputs[name] = await readInput(f, 'Verilog source');
    displayNames[name] = f;
    sources.push(name);
  }
  let libName: string | null = null;
  if (options.liberty !== undefined) {
    libName = workName('lib', options.liberty, taken);
    inputs[libName] = await readInput(options.liberty, 'liberty file');
    displayNames[libName] = options.liberty;
  }

  // Structural, no Yosys: done first so a design the check cannot read fails before a long run.
  const boundary = hierarchy === 'per-module' && options.design ? checkBoundaryPaths(options.design) : null;
  const script = buildScript({
    target: options.target,
    top: options.top,
    sources,
    liberty: libName,
    dsp: dsp ?? false,
    family: family ?? 'xc7',
    flatten: hierarchy !== 'per-module',
  });
  const run = await runYosys(script, inputs, {
    engine: options.engine,
    yosysBinary: options.yosysBinary,
    displayNames,
  });
  options.onLog?.(run.log);

  const stat = parseStatJson(output(run.files, FLOW_OUTPUTS.stat), options.top);
  const ltp = parseLtp(output(run.files, FLOW_OUTPUTS.ltp));
  let liberty: LibertyArea | null = null;
  if (options.liberty !== undefined) {
    const lib = parseStatJson(output(run.files, FLOW_OUTPUTS.libertyJson), options.top);
    const unmapped: Record<string, number> = {};
    for (const [type, n] of Object.entries(lib.cells.byType)) if (type.startsWith('$')) unmapped[type] = n;
    const text = output(run.files, FLOW_OUTPUTS.libertyText);
    // Yosys 0.23's `stat -json -liberty` has no area field: the text report's `Chip area` line has it.
    const area = lib.area ?? parseChipArea(text, options.top);
    if (area === null) throw new Error(`Yosys 'stat -liberty' reported no chip area for '${options.top}'`);
    liberty = {
      file: options.liberty,
      area,
      sequentialArea: parseSequentialArea(text),
      cells: lib.cells,
      unmapped,
    };
  }
  const timing = timingOf(options.target, run.files, run.log, stat.cells, hierarchy === 'per-module');
  return {
    schema: SYNTH_REPORT_SCHEMA,
    top: options.top,
    target: options.target,
    files: [...options.files],
    options: { dsp, family, liberty: options.liberty ?? null, macsPerCycle: options.macsPerCycle ?? null, hierarchy },
    tool: { engine: run.engine.kind, version: formatYosysVersion(run.engine.version) },
    script,
    cells: stat.cells,
    ff: countByClass(stat.cells.byType).ff,
    depth:
      ltp.levels === null
        ? null
        : { levels: ltp.levels, unit: fpga ? 'fpga-cell' : 'gate', loops: ltp.loops },
    cmos: cmosOf(options.target, stat.transistors, run.files, options.top),
    fpga: fpga ? fpgaResources(stat.cells) : null,
    liberty,
    timing,
    efficiency: efficiencyOf(options.macsPerCycle, timing, options.target === 'asic' ? liberty : null),
    boundary,
    warnings: extractWarnings(run.log),
    elapsedMs: Math.round(run.elapsedMs),
  };
}
