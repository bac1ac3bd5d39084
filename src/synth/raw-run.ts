/**
 * What a runner (WASM or native) hands back to `runYosys`, and the signal that a runner could not
 * run Yosys at all (as opposed to Yosys running and reporting an error in the design or script).
 */

/** One finished Yosys process. `exitCode` != 0 means Yosys reported an error (see `log`). */
export interface RawYosysRun {
  readonly exitCode: number;
  /** The full `-l` log file (empty if Yosys died before opening it). */
  readonly log: string;
  /** stdout + stderr; with `-q` this is warnings and errors only. */
  readonly console: string;
  /** Files the run created, by relative POSIX path, decoded as UTF-8. */
  readonly files: Record<string, string>;
}

/** The engine itself failed (missing, crashed, killed): try another engine, if any. */
export class EngineFailure extends Error {
  constructor(
    readonly engine: 'wasm' | 'native',
    message: string,
  ) {
    super(message);
    this.name = 'EngineFailure';
  }
}
