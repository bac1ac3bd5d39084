import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseEngines,
  describeEngine,
  isAvailable,
  probeNative,
  probeWasm,
  type EngineProbe,
} from '../../src/synth/yosys-engine.ts';
import { makeFakeYosys, type FakeYosys } from './fake-yosys.ts';

const wasm = (minor: number): EngineProbe => ({ kind: 'wasm', version: { major: 0, minor, commits: 0 } });
const native = (minor: number, commits = 0): EngineProbe => ({
  kind: 'native',
  version: { major: 0, minor, commits },
  binary: '/usr/bin/yosys',
});
const noWasm: EngineProbe = { kind: 'wasm', reason: 'cannot load' };
const noNative: EngineProbe = { kind: 'native', reason: 'not found' };
const kinds = (r: ReturnType<typeof chooseEngines>): string[] => r.order.map((e) => e.kind);

describe('chooseEngines', () => {
  it('auto prefers native only when strictly newer', () => {
    expect(kinds(chooseEngines('auto', wasm(55), native(56)))).toEqual(['native', 'wasm']);
    expect(kinds(chooseEngines('auto', wasm(55), native(55, 1)))).toEqual(['native', 'wasm']);
    expect(kinds(chooseEngines('auto', wasm(55), native(55)))).toEqual(['wasm', 'native']);
    expect(kinds(chooseEngines('auto', wasm(55), native(40)))).toEqual(['wasm', 'native']);
  });
  it('auto uses whichever is available', () => {
    expect(kinds(chooseEngines('auto', noWasm, native(10)))).toEqual(['native']);
    expect(kinds(chooseEngines('auto', wasm(55), noNative))).toEqual(['wasm']);
    const none = chooseEngines('auto', noWasm, noNative);
    expect(none.order).toEqual([]);
    expect(none.unavailable.map((u) => u.reason)).toEqual(['cannot load', 'not found']);
  });
  it('explicit choices never fall back', () => {
    expect(kinds(chooseEngines('wasm', wasm(55), native(99)))).toEqual(['wasm']);
    expect(kinds(chooseEngines('native', wasm(55), native(1)))).toEqual(['native']);
    expect(chooseEngines('native', wasm(55), noNative)).toEqual({ order: [], unavailable: [noNative] });
  });
});

describe('probes', () => {
  let fake: FakeYosys;
  beforeAll(async () => {
    fake = await makeFakeYosys('7.8+9');
  });
  afterAll(async () => fake.remove());

  it('finds the bundled WASM build and its upstream version', async () => {
    const { version } = await import('@yowasp/yosys');
    const p = await probeWasm();
    expect(isAvailable(p)).toBe(true);
    if (isAvailable(p)) expect(`${p.version.major}.${p.version.minor}`).toBe(version.split('.').slice(0, 2).join('.'));
  });
  it('reads a native binary version from -V', async () => {
    const p = await probeNative(fake.binary);
    expect(p).toEqual({ kind: 'native', version: { major: 7, minor: 8, commits: 9 }, binary: fake.binary });
    if (isAvailable(p)) expect(describeEngine(p)).toBe(`Yosys 7.8+9 (${fake.binary})`);
  });
  it('reports a missing binary as unavailable', async () => {
    const p = await probeNative('/nonexistent/lowbit/yosys');
    expect(isAvailable(p)).toBe(false);
    if (!isAvailable(p)) expect(p.reason).toMatch(/not found/);
  });
  it('reports a binary that prints no version as unavailable', async () => {
    const p = await probeNative('/bin/true');
    expect(isAvailable(p)).toBe(false);
    if (!isAvailable(p)) expect(p.reason).toMatch(/no Yosys version/);
  });
});
