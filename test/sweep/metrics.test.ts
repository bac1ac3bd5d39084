/** Metric lists and the tool versions a metric set depends on. */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricId, parseMetrics, toolVersions, DEFAULT_COSIM_VECTORS, DEFAULT_LIBERTY } from '../../src/sweep/metrics.ts';
import { sha256 } from '../../src/sweep/point-key.ts';

describe('parseMetrics', () => {
  it('parses, de-duplicates and sorts', () => {
    const ms = parseMetrics('synth:cmos,lint,cosim:200,synth:cmos,pnr:ice40:hx8k,pnr:ice40,cosim');
    expect(ms.map(metricId)).toEqual(['cosim:1000', 'cosim:200', 'lint', 'pnr:ice40:hx8k', 'pnr:ice40:up5k', 'synth:cmos']);
    expect(parseMetrics('cosim')[0]).toEqual({ kind: 'cosim', vectors: DEFAULT_COSIM_VECTORS });
  });
  it.each([
    ['synth:asic:x', /names no synthesis target/],
    ['synth:vhdl', /names no synthesis target/],
    ['cosim:-1', /non-negative integer/],
    ['cosim:', /non-negative integer/],
    ['pnr:ecp5', /no place-and-route flow/],
    ['pnr:ice40:lp1k', /unknown iCE40 device/],
    ['lint:x', /takes no argument/],
    ['area', /is not a metric/],
    ['lint,,synth:generic', /empty entry/],
  ])('rejects %s', (list, msg) => {
    expect(() => parseMetrics(list)).toThrow(msg);
  });
});

describe('synth:asic', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'lowbit-metrics-'));
  const lib = join(tmp, 'tiny.lib');
  writeFileSync(lib, 'library (tiny) { }\n');
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('takes the --liberty file, by absolute path and content hash', () => {
    const [m] = parseMetrics('synth:asic', { liberty: lib });
    expect(m).toEqual({ kind: 'asic', liberty: lib, libertySha256: sha256('library (tiny) { }\n') });
    expect(metricId(m!)).toBe('synth:asic');
  });
  it('defaults to the osu018 liberty when installed', () => {
    const [m] = parseMetrics('synth:asic', { defaultLiberty: lib });
    expect(m).toMatchObject({ kind: 'asic', liberty: lib });
    expect(existsSync(DEFAULT_LIBERTY)).toBe(true); // installed by .ci/run (qflow-tech-osu018)
    const [d] = parseMetrics('synth:asic');
    expect(d).toEqual({ kind: 'asic', liberty: DEFAULT_LIBERTY, libertySha256: sha256(readFileSync(DEFAULT_LIBERTY)) });
  });
  it('is a clear usage error without a liberty, with an unreadable one, and --liberty without synth:asic', () => {
    expect(() => parseMetrics('synth:asic', { defaultLiberty: join(tmp, 'absent.lib') })).toThrow(/'synth:asic' needs a liberty file: pass --liberty FILE .*absent\.lib.*qflow-tech-osu018/);
    expect(() => parseMetrics('synth:asic', { liberty: join(tmp, 'nope.lib') })).toThrow(/--liberty: cannot read '.*nope\.lib': ENOENT/);
    expect(() => parseMetrics('synth:generic', { liberty: lib })).toThrow(/--liberty applies to the synth:asic metric/);
  });
  it('puts the liberty content in the tool versions (so a changed library reruns the points)', async () => {
    const v = await toolVersions(parseMetrics('synth:asic', { liberty: lib }));
    expect(v.liberty).toBe(`tiny.lib sha256:${sha256('library (tiny) { }\n')}`);
    expect(v['yosys-wasm']).toMatch(/^Yosys \d+\.\d+/);
    expect(Object.keys(v)).toEqual(['liberty', 'lowbit-hdl', 'node', 'yosys-native', 'yosys-wasm']);
  });
});

describe('toolVersions', () => {
  it('records only the tools the metrics run', async () => {
    const synth = await toolVersions(parseMetrics('synth:generic'));
    expect(Object.keys(synth)).toEqual(['lowbit-hdl', 'node', 'yosys-native', 'yosys-wasm']);
    expect(synth['yosys-wasm']).toMatch(/^Yosys \d+\.\d+/);
    const all = await toolVersions(parseMetrics('lint,cosim,pnr:ice40'));
    expect(all.verilator).toMatch(/^Verilator \d/);
    expect(all.iverilog).toMatch(/Icarus Verilog/);
    expect(all['nextpnr-ice40']).toMatch(/nextpnr-ice40/);
  });
});
