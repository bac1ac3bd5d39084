/**
 * Interpretation of a finished harness process (Verilator binary or vvp): the status lines both
 * harnesses print (COSIM-DONE / -HANG / -EXTRA / -IO / -USAGE / -X / -XCOUNT) become either an outcome
 * or a HarnessFailure that names the cycle. Anything unrecognized is an internal error.
 */
import type { ProcessResult } from './tools.ts';
import { tailLines } from './tools.ts';
import type { SimName } from './types.ts';

export interface HarnessOutcome {
  /** Simulated cycles reported by the harness. */
  readonly cycles: number;
  /** Output beats with X/Z bits (Icarus only): beat index -> cycle; at most 1000 listed. */
  readonly xBeats: ReadonlyMap<number, number>;
  /** Total X/Z output beats (may exceed xBeats.size). */
  readonly xCount: number;
}

/** A protocol-level failure of the DUT (not a value mismatch). */
export class HarnessFailure extends Error {
  constructor(
    readonly kind: 'hang' | 'extra',
    readonly sim: SimName,
    /** Cycle at which the harness gave up / saw the extra beat. */
    readonly cycle: number,
    readonly fields: Readonly<Record<string, string>>,
  ) {
    super(`${kind} at cycle ${cycle}`);
  }
}

function fieldsOf(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/(\w+)=(\S+)/g)) out[m[1]] = m[2];
  return out;
}

export function interpretHarness(sim: SimName, r: ProcessResult): HarnessOutcome {
  const lines = (r.stdout + '\n' + r.stderr).split('\n');
  const find = (tag: string): string | undefined => lines.find((l) => l.startsWith(tag));
  for (const [tag, kind] of [['COSIM-HANG', 'hang'], ['COSIM-EXTRA', 'extra']] as const) {
    const l = find(tag);
    if (l) {
      const f = fieldsOf(l);
      throw new HarnessFailure(kind, sim, Number(f.cycle), f);
    }
  }
  const bad = find('COSIM-IO') ?? find('COSIM-USAGE');
  const done = find('COSIM-DONE');
  if (bad || !done || r.code !== 0) {
    throw new Error(
      `cosim: ${sim} harness failed (exit ${r.code ?? r.signal}): ${bad ?? ''}\n${tailLines(r.stderr + '\n' + r.stdout, 20)}`,
    );
  }
  const xBeats = new Map<number, number>();
  for (const l of lines) {
    if (l.startsWith('COSIM-X ')) {
      const f = fieldsOf(l);
      xBeats.set(Number(f.beat), Number(f.cycle));
    }
  }
  const xc = find('COSIM-XCOUNT');
  return { cycles: Number(fieldsOf(done).cycles), xBeats, xCount: xc ? Number(fieldsOf(xc).count) : xBeats.size };
}
