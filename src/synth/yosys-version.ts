/**
 * Yosys version strings: parse and order them, so `runYosys` can prefer a system `yosys` only when
 * it is newer than the bundled WASM build.
 * Input: `yosys -V` output or an `@yowasp/yosys` package version. Output: a comparable triple.
 */

/**
 * An upstream Yosys version `major.minor+commits`. Upstream numbers releases `0.55` and
 * development snapshots `0.55+12` (12 commits after 0.55); `commits` is 0 for a release.
 */
export interface YosysVersion {
  readonly major: number;
  readonly minor: number;
  readonly commits: number;
}

/** Parse the first `Yosys X.Y[+N]` in `yosys -V` (or log header) text; null when absent. */
export function parseYosysBanner(text: string): YosysVersion | null {
  const m = /Yosys\s+(\d+)\.(\d+)(?:\+(\d+))?/.exec(text);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), commits: m[3] === undefined ? 0 : Number(m[3]) };
}

/**
 * Map an `@yowasp/yosys` npm version to the upstream Yosys version it was built from. YoWASP
 * publishes release builds as `X.Y.M` (M = package build number, not upstream) and development
 * builds of upstream `X.Y+N` as `X.(Y+1).N-dev.M` (see the package README).
 */
export function parseYowaspVersion(pkgVersion: string): YosysVersion | null {
  const m = /^(\d+)\.(\d+)\.(\d+)(-dev\.\d+)?$/.exec(pkgVersion.trim());
  if (!m) return null;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[4] === undefined) return { major, minor, commits: 0 };
  return { major, minor: minor - 1, commits: patch };
}

/** Total order on versions: negative when a < b, 0 when equal, positive when a > b. */
export function compareYosysVersions(a: YosysVersion, b: YosysVersion): number {
  return a.major - b.major || a.minor - b.minor || a.commits - b.commits;
}

/** Upstream spelling: `0.55` or `0.55+12`. */
export function formatYosysVersion(v: YosysVersion): string {
  return `${v.major}.${v.minor}${v.commits > 0 ? `+${v.commits}` : ''}`;
}
