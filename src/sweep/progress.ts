/**
 * Terminal progress for a sweep: `[██████░░░░] 12/40  ok 9  invalid 1  failed 2  (5 skipped)
 * ETA 3m10s`. On a TTY one line is redrawn in place; otherwise (CI logs, pipes) one line is
 * printed per finished point. The ETA is this run's elapsed time per finished point times the
 * points left: measured throughput, so it already reflects the parallelism achieved.
 */
import type { PointStatus } from './run-point.ts';

export interface ProgressCounts {
  total: number;
  skipped: number;
  ok: number;
  invalid: number;
  failed: number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function progressLine(c: ProgressCounts, elapsedMs: number, width = 24): string {
  const done = c.skipped + c.ok + c.invalid + c.failed;
  const ranNow = c.ok + c.invalid + c.failed;
  const left = c.total - done;
  const filled = c.total === 0 ? width : Math.round((width * done) / c.total);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const eta = left === 0 ? 'done' : ranNow === 0 ? 'ETA ?' : `ETA ${formatDuration((elapsedMs / ranNow) * left)}`;
  return `[${bar}] ${done}/${c.total}  ok ${c.ok}  invalid ${c.invalid}  failed ${c.failed}${c.skipped ? `  (${c.skipped} skipped)` : ''}  ${eta}`;
}

export class Progress {
  readonly counts: ProgressCounts;
  private readonly t0 = performance.now();
  private readonly tty: boolean;
  constructor(
    total: number,
    skipped: number,
    private readonly write: (s: string) => void,
    tty: boolean,
  ) {
    this.counts = { total, skipped, ok: 0, invalid: 0, failed: 0 };
    this.tty = tty;
  }

  start(): void {
    this.draw();
  }

  add(status: PointStatus, label: string): void {
    this.counts[status]++;
    this.draw(label, status);
  }

  private draw(label?: string, status?: PointStatus): void {
    const line = progressLine(this.counts, performance.now() - this.t0);
    if (this.tty) this.write(`\r\x1b[2K${line}`);
    else if (label !== undefined) this.write(`${line}  ${status} ${label}\n`);
    else this.write(`${line}\n`);
  }

  /** End the in-place line (TTY). */
  finish(): void {
    if (this.tty) this.write('\n');
  }
}
