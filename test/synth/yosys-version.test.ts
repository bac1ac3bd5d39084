import { describe, expect, it } from 'vitest';
import {
  compareYosysVersions,
  formatYosysVersion,
  parseYosysBanner,
  parseYowaspVersion,
  type YosysVersion,
} from '../../src/synth/yosys-version.ts';

const grid: YosysVersion[] = [];
for (let major = 0; major <= 2; major++)
  for (let minor = 0; minor <= 3; minor++)
    for (const commits of [0, 1, 9, 10]) grid.push({ major, minor, commits });

describe('parseYosysBanner', () => {
  it('reads release and development banners', () => {
    expect(parseYosysBanner('Yosys 0.55 (git sha1 60f126cd0, clang 18 -O3)')).toEqual({ major: 0, minor: 55, commits: 0 });
    expect(parseYosysBanner('Yosys 0.33+65 (git sha1 abc)')).toEqual({ major: 0, minor: 33, commits: 65 });
    expect(parseYosysBanner(' /---\\\n Yosys 1.2+3 (git sha1 x)\n')).toEqual({ major: 1, minor: 2, commits: 3 });
  });
  it('returns null without a version', () => {
    expect(parseYosysBanner('command not found')).toBeNull();
  });
  it('round-trips every formatted version of a grid', () => {
    for (const v of grid) expect(parseYosysBanner(`Yosys ${formatYosysVersion(v)} (git sha1 0)`)).toEqual(v);
  });
});

describe('parseYowaspVersion', () => {
  it('maps release builds X.Y.M to upstream X.Y (M is the package build number)', () => {
    expect(parseYowaspVersion('0.55.944')).toEqual({ major: 0, minor: 55, commits: 0 });
  });
  it('maps development builds X.(Y+1).N-dev.M to upstream X.Y+N', () => {
    expect(parseYowaspVersion('0.46.12-dev.120')).toEqual({ major: 0, minor: 45, commits: 12 });
  });
  it('rejects other shapes', () => {
    for (const s of ['0.55', 'v0.55.1', '0.55.1-rc.1', '']) expect(parseYowaspVersion(s)).toBeNull();
  });
});

describe('compareYosysVersions', () => {
  const key = (v: YosysVersion): number => v.major * 1e6 + v.minor * 1e3 + v.commits;
  it('agrees with the lexicographic (major, minor, commits) order on all grid pairs', () => {
    for (const a of grid)
      for (const b of grid) expect(Math.sign(compareYosysVersions(a, b))).toBe(Math.sign(key(a) - key(b)));
  });
  it('puts a snapshot after its release and before the next release', () => {
    const rel = { major: 0, minor: 55, commits: 0 };
    const dev = { major: 0, minor: 55, commits: 3 };
    const next = { major: 0, minor: 56, commits: 0 };
    expect(compareYosysVersions(dev, rel)).toBeGreaterThan(0);
    expect(compareYosysVersions(dev, next)).toBeLessThan(0);
  });
});
