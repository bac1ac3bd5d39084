import { describe, expect, it } from 'vitest';
import { boundaryNotes, compareReports, formatComparison, formatReport, metricsOf } from '../../src/synth/compare.ts';
import { countByClass, lutSize } from '../../src/synth/cell-classes.ts';
import { SYNTH_REPORT_SCHEMA, type SynthReport, type SynthTarget } from '../../src/synth/report.ts';
import { Prng } from '../../src/util/prng.ts';

/** A report shaped like `synthesize` output, built from a cell table (no Yosys run). */
function makeReport(target: SynthTarget, byType: Record<string, number>, extra: Partial<SynthReport> = {}): SynthReport {
  const fpga = target === 'xilinx' || target === 'ice40';
  const cls = countByClass(byType);
  const bySize: Record<string, number> = {};
  for (const [t, n] of Object.entries(byType)) {
    const k = lutSize(t);
    if (k !== null) bySize[String(k)] = (bySize[String(k)] ?? 0) + n;
  }
  return {
    schema: SYNTH_REPORT_SCHEMA,
    top: 'top',
    target,
    files: ['top.v'],
    options: { dsp: fpga ? true : null, family: target === 'xilinx' ? 'xc7' : null, liberty: null, macsPerCycle: null, hierarchy: fpga ? null : 'flat' },
    tool: { engine: 'wasm', version: '0.55' },
    script: '',
    cells: { total: Object.values(byType).reduce((s, n) => s + n, 0), byType },
    ff: cls.ff,
    depth: { levels: 5, unit: fpga ? 'fpga-cell' : 'gate', loops: false },
    cmos: null,
    fpga: fpga
      ? { lut: { total: cls.lut, bySize }, ff: cls.ff, carry: cls.carry, dsp: cls.dsp, bram: cls.bram, lutram: 0, srl: 0, muxf: cls.muxf }
      : null,
    liberty: null,
    timing: null,
    efficiency: null,
    boundary: null,
    warnings: [],
    elapsedMs: 1000,
    ...extra,
  };
}

describe('metricsOf', () => {
  it('lists summary metrics first, then ASIC cell types alphabetically', () => {
    const r = makeReport('cmos', { $_NOR_: 3, $_NAND_: 4, $_DFF_P_: 1 }, { cmos: { transistors: 44, exact: true } });
    expect(metricsOf(r).map((m) => m.name)).toEqual([
      'cells', 'ff', 'depth', 'transistors', 'cell:$_DFF_P_', 'cell:$_NAND_', 'cell:$_NOR_',
    ]);
  });
  it('FPGA reports list resource classes (and LUTs by size) instead of cell types', () => {
    const r = makeReport('xilinx', { LUT6: 2, LUT3: 1, CARRY4: 1, FDRE: 4, DSP48E1: 1 });
    const m = Object.fromEntries(metricsOf(r).map((x) => [x.name, x.value]));
    expect(m).toEqual({
      cells: 9, ff: 4, depth: 5, lut: 3, lut3: 1, lut6: 2, carry: 1, muxf: 0, dsp: 1, bram: 0, lutram: 0, srl: 0,
    });
  });
  it('includes liberty area and cells when present', () => {
    const r = makeReport('generic', { $_AND_: 1 }, {
      liberty: { file: 'x.lib', area: 12.5, sequentialArea: 6, cells: { total: 2, byType: { DFF: 1, NAND2: 1 } }, unmapped: {} },
    });
    const names = metricsOf(r).map((m) => m.name);
    expect(names).toEqual(['cells', 'ff', 'depth', 'area', 'area.sequential', 'cell:$_AND_', 'lib:DFF', 'lib:NAND2']);
  });
  it('asic reports add delay, area x delay and the efficiency figures, after area', () => {
    const r = makeReport('asic', { $_AND_: 1 }, {
      liberty: { file: 'x.lib', area: 200, sequentialArea: null, cells: { total: 1, byType: { AND2X2: 1 } }, unmapped: {} },
      timing: { delayPs: 500, source: 'abc-stime', untimedCells: [], byModule: null },
      efficiency: { macsPerCycle: 4, gmacPerS: 8, gmacPerSPerMm2: 40000 },
    });
    expect(metricsOf(r).map((m) => [m.name, m.value])).toEqual([
      ['cells', 1], ['ff', 0], ['depth', 5], ['area', 200], ['delay.ps', 500], ['area*delay', 100000],
      ['macs/cycle', 4], ['gmac/s', 8], ['gmac/s/mm2', 40000], ['cell:$_AND_', 1], ['lib:AND2X2', 1],
    ]);
    expect(formatReport(r)).toMatch(/ABC stime/);
  });
  it('an FPGA delay with untimed cells is flagged as a lower bound', () => {
    const r = makeReport('xilinx', { LUT6: 2, CARRY4: 1 }, { timing: { delayPs: 900, source: 'yosys-sta', untimedCells: ['CARRY4'], byModule: null } });
    expect(metricsOf(r).find((m) => m.name === 'delay.ps')?.value).toBe(900);
    expect(formatReport(r)).toMatch(/lower bound: no timing arcs for CARRY4/);
  });
});

describe('compareReports', () => {
  it('ratio is b/a on every shared metric with a != 0 (seeded random reports)', () => {
    const rng = new Prng(20240611);
    const types = ['LUT2', 'LUT4', 'LUT6', 'CARRY4', 'FDRE', 'DSP48E1', 'MUXF7'];
    for (let trial = 0; trial < 50; trial++) {
      const table = (): Record<string, number> =>
        Object.fromEntries(types.filter(() => rng.below(3) > 0).map((t) => [t, rng.int(0, 40)]));
      const a = makeReport('xilinx', table());
      const b = makeReport('xilinx', table());
      const ma = new Map(metricsOf(a).map((m) => [m.name, m.value]));
      const mb = new Map(metricsOf(b).map((m) => [m.name, m.value]));
      const rows = compareReports(a, b);
      expect(new Set(rows.map((r) => r.metric))).toEqual(new Set([...ma.keys(), ...mb.keys()]));
      for (const row of rows) {
        expect(row.a).toBe(ma.get(row.metric) ?? null);
        expect(row.b).toBe(mb.get(row.metric) ?? null);
        if (row.a !== null && row.b !== null && row.a !== 0) expect(row.ratio).toBe(row.b / row.a);
        else expect(row.ratio).toBeNull();
      }
    }
  });
  it('handles metrics on one side only and zero baselines', () => {
    const a = makeReport('generic', { $_AND_: 4, $_XOR_: 2 });
    const b = makeReport('generic', { $_AND_: 2, $_MUX_: 1 });
    const rows = Object.fromEntries(compareReports(a, b).map((r) => [r.metric, r]));
    expect(rows['cell:$_AND_']).toEqual({ metric: 'cell:$_AND_', a: 4, b: 2, ratio: 0.5 });
    expect(rows['cell:$_XOR_']).toEqual({ metric: 'cell:$_XOR_', a: 2, b: null, ratio: null });
    expect(rows['cell:$_MUX_']).toEqual({ metric: 'cell:$_MUX_', a: null, b: 1, ratio: null });
    expect(rows.ff).toEqual({ metric: 'ff', a: 0, b: 0, ratio: null });
    expect(rows.cells.ratio).toBe(3 / 6);
  });
  it('rows are JSON-serialisable as they are', () => {
    const rows = compareReports(makeReport('ice40', { SB_LUT4: 3 }), makeReport('ice40', { SB_LUT4: 6, SB_MAC16: 1 }));
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });
});

describe('formatComparison / formatReport', () => {
  it('prints metric, both values and b/a in aligned columns', () => {
    const a = makeReport('xilinx', { LUT6: 160, CARRY4: 4 });
    const b = makeReport('xilinx', { DSP48E1: 1 });
    const text = formatComparison(compareReports(a, b), ['lut-only', 'dsp']);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^metric\s+lut-only\s+dsp\s+dsp\/lut-only$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines.find((l) => l.startsWith('cells'))).toMatch(/^cells\s+164\s+1\s+0\.006$/);
    expect(lines.find((l) => l.startsWith('dsp'))).toMatch(/^dsp\s+0\s+1\s+-$/);
  });
  it('a single report prints its metrics and notes', () => {
    const r = makeReport('cmos', { $_DFF_PP0_: 4 }, {
      cmos: { transistors: 0, exact: false },
      warnings: ['w'],
      depth: { levels: 0, unit: 'gate', loops: true },
    });
    const text = formatReport(r);
    expect(text.split('\n')[0]).toBe('top — target cmos — Yosys 0.55 (wasm), 1.0 s');
    expect(text).toMatch(/^transistors\s+0$/m);
    expect(text).toContain('lower bound');
    expect(text).toContain('combinational loop');
    expect(text).toContain('1 Yosys warning(s)');
  });
});

describe('boundaryNotes (the per-module validity verdict in the text report)', () => {
  const perModule = (boundary: SynthReport['boundary']) => {
    const r = makeReport('asic', { $_AND_: 1 }, { boundary, timing: { delayPs: 500, source: 'abc-stime', untimedCells: [], byModule: { pe: 500 } } });
    return { ...r, options: { ...r.options, hierarchy: 'per-module' as const } };
  };
  it('flat: nothing; per-module without a design: not checked; exact; lower bound with the ports', () => {
    expect(boundaryNotes(makeReport('asic', { $_AND_: 1 }))).toEqual([]);
    expect(formatReport(perModule(null))).toContain('note: per-module delay not checked for combinational paths across module boundaries');
    const exact = formatReport(perModule({ exact: true, portsChecked: 12, crossings: [] }));
    expect(exact).toContain('per-module delay is exact: no combinational path crosses a module boundary (12 instance ports checked)');
    const crossing = { instance: 'pe_1', module: 'pe', port: 'x', dir: 'input' as const, logicBefore: 2, logicAfter: 3, registerPath: true, from: 'r (register)', to: 'pe_1.q (register input)' };
    const text = formatReport(perModule({ exact: false, portsChecked: 12, crossings: [crossing, { ...crossing, instance: 'pe_0', logicAfter: 1 }] }));
    expect(text).toContain('warning: per-module delay is a lower bound: 2 of 12 instance ports (2 on register-to-register paths)');
    expect(text.split('\n')).toContain('  pe_1.x [input] (and 1 more instance of pe): 2 logic op(s) before, 3 after; e.g. r (register) -> pe_1.q (register input)');
    const portOnly = formatReport(perModule({ exact: false, portsChecked: 12, crossings: [{ ...crossing, registerPath: false, from: 'a (top input)' }] }));
    expect(portOnly).toContain('e.g. a (top input) -> pe_1.q (register input) (port paths only: from a top input or to a top output)');
  });
});
