/** Pareto fronts: minimized and maximized metrics, ties, non-ok points, default pairs. */
import { describe, expect, it } from 'vitest';
import { defaultPairs, direction, paretoKeys, plottable } from '../../src/sweep/pareto.ts';
import type { StoredPoint } from '../../src/sweep/store.ts';

const pt = (key: string, values: Record<string, number>, status: StoredPoint['status'] = 'ok'): StoredPoint => ({
  key, design: 'd.ts', designHash: 'h', params: { k: key }, metrics: [], tools: {}, status, message: '', values, rtlSha256: '', wallMs: 0, worker: 'local', finishedAt: '', attempts: 1,
});

describe('pareto', () => {
  it('knows which metrics are maximized', () => {
    expect(direction('pnr.fmaxMHz')).toBe('max');
    expect(direction('cmos.transistors')).toBe('min');
  });
  it('finds the front of two minimized metrics, keeping ties and dropping duplicates that are beaten', () => {
    const pts = [pt('a', { x: 1, y: 9 }), pt('b', { x: 2, y: 5 }), pt('c', { x: 3, y: 5 }), pt('d', { x: 4, y: 1 }), pt('e', { x: 4, y: 1 }), pt('f', { x: 5, y: 6 }), pt('g', { x: 0, y: 0 }, 'failed'), pt('h', { x: 1 })];
    expect([...paretoKeys(pts, 'x', 'y')].sort()).toEqual(['a', 'b', 'd', 'e']);
    expect(plottable(pts, 'x', 'y').map((p) => p.key)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
  it('maximizes Fmax', () => {
    const pts = [pt('small-slow', { 'pnr.lc': 10, 'pnr.fmaxMHz': 50 }), pt('big-fast', { 'pnr.lc': 40, 'pnr.fmaxMHz': 90 }), pt('big-slow', { 'pnr.lc': 40, 'pnr.fmaxMHz': 60 })];
    expect([...paretoKeys(pts, 'pnr.lc', 'pnr.fmaxMHz')].sort()).toEqual(['big-fast', 'small-slow']);
  });
  it('chooses default pairs from the columns present', () => {
    expect(defaultPairs(['cmos.depth', 'cmos.transistors', 'generic.cells', 'pnr.fmaxMHz', 'pnr.lc'])).toEqual([['cmos.transistors', 'cmos.depth'], ['pnr.lc', 'pnr.fmaxMHz']]);
    expect(defaultPairs(['a.b', 'c.d'])).toEqual([['a.b', 'c.d']]);
    expect(defaultPairs(['a.b'])).toEqual([]);
  });
});
