import { describe, it, expect } from 'vitest';
import { module, uint, elaborate } from '../../src/index.ts';
import { designTiming } from '../../src/emit/timing.ts';
import { timingDiagram, renderTimingSvg } from '../../src/emit/timing-diagram.ts';

const streamDesign = elaborate(
  module('s', (m) => {
    const v = m.input('in_valid', uint(1), { protocol: 'valid' });
    const a = m.input('a', uint(4));
    const z = m.input('z', uint(4));
    const r = m.input('out_ready', uint(1), { protocol: 'ready' });
    const q = m.reg('q', uint(4), { reset: 0 });
    q.set(a.xor(z));
    m.output('in_ready', r, { protocol: 'ready' });
    m.output('out_valid', v, { protocol: 'valid' });
    m.output('y', q);
  }),
).design;

const waves = (w: ReturnType<typeof timingDiagram>) => w.signal.filter((s): s is { name: string; wave: string; data?: readonly string[] } => 'wave' in s);

describe('timingDiagram', () => {
  it('stream 4 → 2: input beats under valid/ready, a gap, output beats; every wave the same length', () => {
    const t = designTiming(streamDesign, { protocol: { kind: 'stream' }, beats: { in: 4, out: 2 }, golden: (x) => x, sampled: { z: 'on the first beat' } });
    const w = waves(timingDiagram(streamDesign, t));
    expect(w.map((s) => s.name)).toEqual(['clk', 'in_valid', 'in_ready', 'a', 'z', 'out_valid', 'out_ready', 'y']);
    expect(new Set(w.map((s) => s.wave.length))).toEqual(new Set([4 + 2 + 4]));
    expect(w.find((s) => s.name === 'a')).toEqual({ name: 'a', wave: 'x====x|...', data: ['in0', 'in1', 'in2', 'in3'] });
    expect(w.find((s) => s.name === 'z')).toMatchObject({ wave: 'x=x...|...', data: ['once'] });
    expect(w.find((s) => s.name === 'y')).toEqual({ name: 'y', wave: 'x.....|==x', data: ['out0', 'out1'] });
    expect(w.find((s) => s.name === 'out_valid')!.wave).toBe('0.....|1.0');
  });

  it('pipelined latency 3: outputs three cycles after the inputs', () => {
    const t = designTiming(streamDesign, { protocol: { kind: 'pipelined', latency: 3 }, golden: (x) => x });
    const w = waves(timingDiagram(streamDesign, t));
    expect(w.find((s) => s.name === 'a')!.wave).toBe('x=xxxx');
    expect(w.find((s) => s.name === 'y')!.wave).toBe('xxxx=x');
  });

  it('renders to a deterministic WaveDrom SVG', () => {
    const t = designTiming(streamDesign, { protocol: { kind: 'stream' }, golden: (x) => x });
    const svg = renderTimingSvg(timingDiagram(streamDesign, t));
    expect(svg).toMatch(/^<svg [^>]*class="WaveDrom"/);
    expect(svg).toContain('in_valid');
    expect(renderTimingSvg(timingDiagram(streamDesign, t))).toBe(svg);
  });
});
