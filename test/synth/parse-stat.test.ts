import { describe, expect, it } from 'vitest';
import {
  extractWarnings,
  NON_HARDWARE_CELLS,
  parseAbcDelay,
  parseAbcDelayByModule,
  parseChipArea,
  parseLtp,
  parseSequentialArea,
  parseSta,
  parseStatJson,
  withoutHierarchyLines,
} from '../../src/synth/parse-stat.ts';

/** A `stat -json` document in Yosys's layout. */
function statJson(blocks: { design?: object; modules?: Record<string, object> }): string {
  return JSON.stringify({ creator: 'Yosys 0.55', invocation: 'stat -json', ...blocks }, null, 3);
}
const block = (byType: Record<string, number>, extra: object = {}): object => ({
  num_wires: 3,
  num_cells: Object.values(byType).reduce((s, n) => s + n, 0),
  num_cells_by_type: byType,
  ...extra,
});

describe('parseStatJson', () => {
  it('prefers the design block and sorts cell types', () => {
    const s = parseStatJson(
      statJson({ modules: { '\\sub': block({ $_AND_: 1 }) }, design: block({ $_XOR_: 2, $_AND_: 5 }) }),
      'top',
    );
    expect(s.cells).toEqual({ total: 7, byType: { $_AND_: 5, $_XOR_: 2 } });
    expect(Object.keys(s.cells.byType)).toEqual(['$_AND_', '$_XOR_']);
    expect(s.transistors).toBeNull();
    expect(s.area).toBeNull();
  });
  it('falls back to the top module block, then to the only module', () => {
    const two = statJson({ modules: { '\\top': block({ LUT6: 3 }), '\\other': block({ LUT2: 1 }) } });
    expect(parseStatJson(two, 'top').cells.total).toBe(3);
    expect(parseStatJson(statJson({ modules: { '\\x': block({ LUT2: 4 }) } }), 'top').cells.total).toBe(4);
  });
  it('reads transistor estimates, marking N+ as inexact', () => {
    const exact = parseStatJson(statJson({ design: block({ $_NAND_: 2 }, { estimated_num_transistors: '8' }) }), 't');
    expect(exact.transistors).toEqual({ count: 8, exact: true });
    const lower = parseStatJson(statJson({ design: block({ $_DFF_PP0_: 4 }, { estimated_num_transistors: '116+' }) }), 't');
    expect(lower.transistors).toEqual({ count: 116, exact: false });
  });
  it('reads liberty area', () => {
    expect(parseStatJson(statJson({ design: block({ NAND2: 2 }, { area: 3.5 }) }), 't').area).toBe(3.5);
  });
  it('leaves $scopeinfo (hierarchy bookkeeping of flatten, Yosys >= 0.38) out of every count', () => {
    expect(NON_HARDWARE_CELLS.has('$scopeinfo')).toBe(true);
    const s = parseStatJson(statJson({ design: block({ $_AND_: 5, $scopeinfo: 3, NAND2X1: 2 }) }), 't');
    expect(s.cells).toEqual({ total: 7, byType: { $_AND_: 5, NAND2X1: 2 } });
  });
  it('a Yosys 0.23 liberty stat (no area field in the JSON) gives a null area', () => {
    expect(parseStatJson(statJson({ modules: { '\\mul': block({ NAND2X1: 2 }) } }), 'mul').area).toBeNull();
  });
  it('fails loudly on malformed output', () => {
    expect(() => parseStatJson('{"modules": ', 't')).toThrow(/cannot parse/);
    expect(() => parseStatJson(statJson({ modules: {} }), 't')).toThrow(/no cell counts/);
    expect(() =>
      parseStatJson(statJson({ design: block({}, { estimated_num_transistors: 'many' }) }), 't'),
    ).toThrow(/transistor estimate/);
  });
});

describe('parseLtp', () => {
  it('takes the longest path over modules', () => {
    const t = 'Longest topological path in a (length=3):\n  0: x\nLongest topological path in b (length=12):\n';
    expect(parseLtp(t)).toEqual({ levels: 12, loops: false });
  });
  it('flags loops and reports absence as null', () => {
    expect(parseLtp('Warning: Detected loop at \\q [3] in cnt\nLongest topological path in cnt (length=19):')).toEqual({
      levels: 19,
      loops: true,
    });
    expect(parseLtp('nothing')).toEqual({ levels: null, loops: false });
  });
});

describe('parseChipArea', () => {
  it("reads Yosys 0.23's and 0.55's text chip area line of the top module", () => {
    const v023 = "   Number of cells:                741\n     AND2X2   28\n\n   Chip area for module '\\mul': 24162.000000\n";
    expect(parseChipArea(v023, 'mul')).toBe(24162);
    const v055 = "   Chip area for module '\\cnt': 103.000000\n     of which used for sequential elements: 48.000000 (46.60%)\n";
    expect(parseChipArea(v055, 'other')).toBe(103);
  });
  it('picks the top module (or the top-module total) among several, null when none', () => {
    const two = "Chip area for module '\\sub': 10.5\nChip area for module '\\top': 30.25\n";
    expect(parseChipArea(two, 'top')).toBe(30.25);
    expect(parseChipArea(two, 'nope')).toBeNull();
    const hier = `${two}Chip area for top module '\\top': 51.25\n`;
    expect(parseChipArea(hier, 'top')).toBe(51.25);
    expect(parseChipArea('Number of cells: 0\n', 'top')).toBeNull();
  });
});

describe('parseSequentialArea / extractWarnings', () => {
  it('a hierarchical report: the sequential area under the top-module total', () => {
    const t =
      "Chip area for module '\\pe': 30.0\n  of which used for sequential elements: 10.0 (33%)\n" +
      "=== design hierarchy ===\nChip area for top module '\\top': 65.0\n  of which used for sequential elements: 22.0 (34%)\n";
    expect(parseSequentialArea(t)).toBe(22);
  });
  it('reads the sequential share of liberty area', () => {
    const t = "   Chip area for module '\\cnt': 103.000000\n     of which used for sequential elements: 48.000000 (46.60%)\n";
    expect(parseSequentialArea(t)).toBe(48);
    expect(parseSequentialArea("   Chip area for module '\\cnt': 103.000000\n")).toBeNull();
  });
  it('deduplicates warnings, drops ltp loop notices, and caps the list', () => {
    const log = 'Warning: a\nWarning: Detected loop at x\nWarning: b\nWarning: a\n';
    expect(extractWarnings(log)).toEqual(['a', 'b']);
    const many = Array.from({ length: 5 }, (_, i) => `Warning: w${i}`).join('\n');
    expect(extractWarnings(many, 3)).toEqual(['w0', 'w1', 'w2', '... and 2 more warnings']);
  });
});

describe('parseAbcDelay / parseSta', () => {
  it('reads the delay of ABC stime summary lines (the largest of several), null when none', () => {
    const line = (d: string) =>
      `ABC: WireLoad = "none"  Gates =    574 (  9.9 %)   Cap = 39.1 ff (  0.2 %)   Area =    17300.00 ( 99.3 %)   Delay =  ${d} ps  ( 16.2 %)`;
    expect(parseAbcDelay(line('1950.79'))).toBe(1950.79);
    expect(parseAbcDelay(`${line('12.5')}\n${line('700')}\n${line('3')}`)).toBe(700);
    expect(parseAbcDelay('ABC: + stime -p\nDon\'t know how to map')).toBeNull();
  });
  it('per module: the delay after each "Extracting gate netlist of module" belongs to that module', () => {
    const line = (d: string) => `ABC: WireLoad = "none"  Gates = 9 ( 1 %)   Area = 5.00 ( 99 %)   Delay =  ${d} ps  ( 1 %)`;
    const log = [
      "4.1. Extracting gate netlist of module `\\pe' to `<abc-temp-dir>/input.blif'..",
      line('2397.61'),
      "4.2. Extracting gate netlist of module `\\ctrl' to `<abc-temp-dir>/input.blif'..",
      'Don\'t call ABC as there is nothing to map.',
      "4.3. Extracting gate netlist of module `\\top' to `<abc-temp-dir>/input.blif'..",
      line('800'),
    ].join('\n');
    expect(parseAbcDelayByModule(log)).toEqual({ pe: 2397.61, top: 800 });
    expect(Object.keys(parseAbcDelayByModule(log))).toEqual(['pe', 'top']);
    expect(parseAbcDelayByModule(line('5'))).toEqual({});
  });
  it('reads the latest arrival and the untimed cell types of Yosys sta', () => {
    const t = [
      "Warning: Module 'CARRY4' has no timing arcs!",
      "Warning: Module 'MUXF7' has no timing arcs!",
      "Warning: Module 'CARRY4' has no timing arcs!",
      "Latest arrival time in 'm' is 2196:",
      '    2196 (<unknown>)',
    ].join('\n');
    expect(parseSta(t)).toEqual({ arrival: 2196, untimed: ['CARRY4', 'MUXF7'] });
    expect(parseSta("Warning: Module 'SB_DFF' has no timing arcs!\nNo timing paths found.")).toEqual({ arrival: null, untimed: ['SB_DFF'] });
  });
});

describe('withoutHierarchyLines (Yosys 0.23, three-level hierarchies)', () => {
  it('drops the bare `name  count` hierarchy lines from the design block and keeps valid JSON intact', () => {
    const bad = [
      '{',
      '   "modules": {',
      '      "\\\\top": { "num_cells": 3, "num_cells_by_type": { "$_OR_": 2, "mid": 1 } }',
      '   },',
      '       leaf_pe     32',
      '      "design": {',
      '         "num_cells":         7',
      '      }',
      '}',
    ].join('\n');
    expect(() => JSON.parse(bad)).toThrow();
    const good = withoutHierarchyLines(bad);
    expect(JSON.parse(good).design.num_cells).toBe(7);
    expect(parseStatJson(bad, 'top').cells.total).toBe(7);
    const clean = '{\n  "design": {\n    "num_cells": 5\n  }\n}';
    expect(withoutHierarchyLines(clean)).toBe(clean);
  });
});
