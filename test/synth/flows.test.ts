import { describe, expect, it } from 'vitest';
import { SEQUENTIAL_CELL_PATTERNS } from '../../src/synth/cell-classes.ts';
import { ABC_DELAY_SCRIPT, ABC_LOG_MARKERS, abcDelayLog, buildScript, FLOW_OUTPUTS, type FlowInput } from '../../src/synth/flows.ts';
import { SYNTH_TARGETS } from '../../src/synth/report.ts';

const base: Omit<FlowInput, 'target'> = {
  top: 'mul8',
  sources: ['src/a.v', 'src/b.sv', 'src/c.v'],
  liberty: null,
  dsp: true,
  family: 'xc7',
  flatten: true,
};
const lines = (s: string): string[] => s.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));

describe('buildScript', () => {
  // 'asic' always has a liberty (synthesize refuses it without one), so it is covered below.
  for (const target of SYNTH_TARGETS.filter((t) => t !== 'asic')) {
    it(`${target}: reads sources in order, flattens the top, writes stat and ltp`, () => {
      const s = buildScript({ ...base, target });
      expect(s).not.toMatch(/{{|}}/);
      const l = lines(s);
      expect(l.slice(0, 3)).toEqual(['read_verilog src/a.v', 'read_verilog -sv src/b.sv', 'read_verilog src/c.v']);
      expect(l.some((x) => x.startsWith('synth') && x.includes('-top mul8') && x.includes('-flatten'))).toBe(true);
      expect(l.some((x) => x.startsWith(`tee -q -o ${FLOW_OUTPUTS.stat} stat -json`))).toBe(true);
      expect(l.some((x) => x.startsWith(`tee -q -o ${FLOW_OUTPUTS.ltp} ltp -noff`))).toBe(true);
      expect(s).not.toContain('liberty');
    });
  }
  it('generic: plain synth, gate-level ltp', () => {
    const l = lines(buildScript({ ...base, target: 'generic' }));
    expect(l).toContain('synth -top mul8 -flatten');
    expect(l).toContain(`tee -q -o ${FLOW_OUTPUTS.ltp} ltp -noff`);
  });
  it('cmos: legalise FFs, map to NAND/NOR/NOT, cost with -tech cmos', () => {
    const l = lines(buildScript({ ...base, target: 'cmos' }));
    const i = (p: string): number => l.findIndex((x) => x.startsWith(p));
    expect(i('synth -top mul8 -flatten')).toBeLessThan(i('dfflegalize'));
    expect(i('dfflegalize')).toBeLessThan(i('abc -g cmos2'));
    expect(i('abc -g cmos2')).toBeLessThan(i(`tee -q -o ${FLOW_OUTPUTS.stat} stat -json -tech cmos`));
    expect(l[i('dfflegalize')]).toContain('-cell $_DFF_?_ 01');
  });
  it('liberty branch restarts from the generic netlist after the target stats', () => {
    for (const target of ['generic', 'cmos'] as const) {
      const l = lines(buildScript({ ...base, target, liberty: 'lib/x.lib' }));
      const at = (p: string): number => l.findIndex((x) => x.startsWith(p));
      expect(at('design -save lowbit_synth')).toBe(at('synth -top') + 1);
      expect(at('design -load lowbit_synth')).toBeGreaterThan(at(`tee -q -o ${FLOW_OUTPUTS.ltp}`));
      expect(l.slice(at('design -load lowbit_synth'))).toEqual([
        'design -load lowbit_synth',
        'dfflibmap -liberty lib/x.lib',
        'abc -liberty lib/x.lib',
        'opt_clean',
        `tee -q -o ${FLOW_OUTPUTS.libertyJson} stat -json -liberty lib/x.lib`,
        `tee -q -o ${FLOW_OUTPUTS.libertyText} stat -liberty lib/x.lib`,
      ]);
    }
  });
  it('xilinx: out-of-context flags, -nodsp iff dsp is off, family passed, FF/RAM types cut from ltp', () => {
    const on = lines(buildScript({ ...base, target: 'xilinx', family: 'xcup' }));
    const off = lines(buildScript({ ...base, target: 'xilinx', dsp: false }));
    expect(on).toContain('synth_xilinx -top mul8 -flatten -family xcup -noiopad -noclkbuf');
    expect(off).toContain('synth_xilinx -top mul8 -flatten -family xc7 -noiopad -noclkbuf -nodsp');
    const cut = SEQUENTIAL_CELL_PATTERNS.xilinx.map((p) => ` t:${p} %d`).join('');
    expect(on).toContain(`tee -q -o ${FLOW_OUTPUTS.ltp} ltp -noff *${cut}`);
  });
  it('asic: generic stat, CMOS branch, then the delay-oriented liberty mapping of spec tpe.md section 5', () => {
    expect(ABC_DELAY_SCRIPT).toBe('+strash;dch,-f;map;topo;buffer;upsize;dnsize;stime,-p');
    const l = lines(buildScript({ ...base, target: 'asic', liberty: 'lib/x.lib' }));
    expect(l.slice(0, 3)).toEqual(['read_verilog src/a.v', 'read_verilog -sv src/b.sv', 'read_verilog src/c.v']);
    expect(l.slice(3)).toEqual([
      'synth -top mul8 -flatten',
      'design -save lowbit_synth',
      `tee -q -o ${FLOW_OUTPUTS.stat} stat -json`,
      `tee -q -o ${FLOW_OUTPUTS.ltp} ltp -noff`,
      l[7],
      'abc -g cmos2',
      'opt_clean',
      `tee -q -o ${FLOW_OUTPUTS.cmos} stat -json -tech cmos`,
      'design -load lowbit_synth',
      'dfflibmap -liberty lib/x.lib',
      `log ${ABC_LOG_MARKERS.begin}`,
      `abc -liberty lib/x.lib -script ${ABC_DELAY_SCRIPT}`,
      `log ${ABC_LOG_MARKERS.end}`,
      'opt_clean',
      `tee -q -o ${FLOW_OUTPUTS.libertyJson} stat -json -liberty lib/x.lib`,
      `tee -q -o ${FLOW_OUTPUTS.libertyText} stat -liberty lib/x.lib`,
    ]);
    expect(l[7]).toMatch(/^dfflegalize -cell \$_DFF_\?_ 01/);
  });
  it('flatten: false keeps the hierarchy on every ASIC target (the FPGA flows always flatten)', () => {
    for (const target of ['generic', 'cmos', 'asic'] as const) {
      const l = lines(buildScript({ ...base, target, liberty: 'lib/x.lib', flatten: false }));
      expect(l, target).toContain('synth -top mul8');
      expect(l.some((x) => x.includes('-flatten')), target).toBe(false);
      expect(l, target).toContain(`tee -q -o ${FLOW_OUTPUTS.libertyText} stat -liberty lib/x.lib`);
    }
    expect(lines(buildScript({ ...base, target: 'ice40', flatten: false }))).toContain('synth_ice40 -top mul8 -flatten -dsp');
  });
  it('abcDelayLog cuts the log between the markers only', () => {
    const log = `ABC: Delay = 9 ps\n${ABC_LOG_MARKERS.begin}\nABC: Delay = 5 ps\n${ABC_LOG_MARKERS.end}\nABC: Delay = 7 ps\n`;
    expect(abcDelayLog(log)).toBe(`${ABC_LOG_MARKERS.begin}\nABC: Delay = 5 ps\n`);
    expect(abcDelayLog('ABC: Delay = 9 ps')).toBe('');
  });
  it('xilinx: static timing (sta) after mapping', () => {
    const l = lines(buildScript({ ...base, target: 'xilinx' }));
    expect(l.at(-1)).toBe(`tee -q -o ${FLOW_OUTPUTS.sta} sta`);
  });
  it('ice40: -dsp iff dsp is on, SB_DFF/RAM cut from ltp', () => {
    expect(lines(buildScript({ ...base, target: 'ice40' }))).toContain('synth_ice40 -top mul8 -flatten -dsp');
    const off = lines(buildScript({ ...base, target: 'ice40', dsp: false }));
    expect(off).toContain('synth_ice40 -top mul8 -flatten');
    const cut = SEQUENTIAL_CELL_PATTERNS.ice40.map((p) => ` t:${p} %d`).join('');
    expect(off).toContain(`tee -q -o ${FLOW_OUTPUTS.ltp} ltp -noff *${cut}`);
  });
});
