/** Progress line: counts per status, skipped points, ETA from measured throughput. */
import { describe, expect, it } from 'vitest';
import { formatDuration, Progress, progressLine } from '../../src/sweep/progress.ts';

describe('progress', () => {
  it('formats durations', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(190_000)).toBe('3m10s');
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe('2h05m');
  });
  it('shows counts and an ETA from the points this run finished', () => {
    const line = progressLine({ total: 10, skipped: 2, ok: 3, invalid: 1, failed: 0 }, 40_000, 10);
    // 4 points in 40 s, 4 left: 40 s.
    expect(line).toBe('[██████░░░░] 6/10  ok 3  invalid 1  failed 0  (2 skipped)  ETA 40s');
    expect(progressLine({ total: 2, skipped: 0, ok: 0, invalid: 0, failed: 0 }, 0, 4)).toContain('ETA ?');
    expect(progressLine({ total: 2, skipped: 0, ok: 1, invalid: 0, failed: 1 }, 10, 4)).toMatch(/2\/2 .* done$/);
  });
  it('prints one line per point off a terminal and redraws on one', () => {
    const log: string[] = [];
    const p = new Progress(2, 0, (s) => log.push(s), false);
    p.start();
    p.add('ok', 'w=1');
    p.add('failed', 'w=2');
    p.finish();
    expect(log).toHaveLength(3);
    expect(log[2]).toMatch(/2\/2 {2}ok 1 {2}invalid 0 {2}failed 1 {2}done {2}failed w=2\n$/);
    const tty: string[] = [];
    const q = new Progress(1, 0, (s) => tty.push(s), true);
    q.add('invalid', 'w=3');
    q.finish();
    expect(tty[0]!.startsWith('\r\x1b[2K[')).toBe(true);
    expect(tty.at(-1)).toBe('\n');
  });
});
