/**
 * Public contract of the cosimulation engine (src/cosim): what a design under test looks like to
 * the harnesses, what a golden model is, and what a run returns. Everything here is plain data so
 * the CLI/DSL can build targets from an emitted manifest and serialize results.
 *
 * Value conventions used throughout src/cosim:
 * - A port value is a BigInt. Signed ports carry their two's-complement value (-1n, not 0xffn);
 *   unsigned ports carry 0 .. 2^width-1. Any width >= 1 is allowed, including > 64 bits.
 * - A *beat* is one value per port, in the order of the PortSpec list: `bigint[]`.
 * - A *transaction* is the unit the golden model maps: input beats -> output beats, `bigint[][]`.
 *   comb and pipelined protocols always have exactly one input and one output beat.
 * - On the wire (vector files, harness output), each port is padded to whole little-endian 32-bit
 *   words, least-significant word first, unused high bits zero (see layout.ts).
 */

/** One data port of the design under test (not clock, reset, valid or ready). */
export interface PortSpec {
  /** Verilog port name: a simple identifier, no `__` (Verilator mangles those). */
  readonly name: string;
  /** Width in bits, >= 1; any size (ports > 64 bits map to Verilator's VlWide). */
  readonly width: number;
  /** Two's-complement signedness of the *values* (the wire is just bits either way). */
  readonly signed: boolean;
}

/**
 * How transactions move through the DUT.
 * - comb: no clock. Apply one transaction's inputs, let logic settle, sample outputs. The reported
 *   `cycle` of a transaction is its index (Icarus advances 10 time units per vector).
 * - pipelined: clock `clk`; one transaction enters per cycle (before the rising edge of cycle c) and
 *   its outputs are sampled `latency` cycles later, just before the rising edge of cycle c+latency.
 *   latency 0 = combinational path inside a clocked module; latency 1 = one register stage.
 * - stream: clock; AXI-Stream style `in_valid/in_ready` and `out_valid/out_ready` handshakes, any and
 *   variable latency, transactions complete in order. The harness inserts seeded random input
 *   bubbles and output stalls (backpressure); a beat transfers when valid && ready at a rising edge.
 */
export type Protocol =
  | { readonly kind: 'comb' }
  | { readonly kind: 'pipelined'; readonly latency: number }
  | { readonly kind: 'stream' };

/** Reset port, asserted for `cycles` rising edges (default 2) at the start of a clocked run. */
export interface ResetSpec {
  readonly name: string;
  /** true: the DUT is in reset while the pin is 0 (e.g. `rst_n`). */
  readonly activeLow: boolean;
  /** Rising edges with reset asserted before the first transaction; default 2. */
  readonly cycles?: number;
}

/** Handshake port names for the stream protocol; defaults in_valid, in_ready, out_valid, out_ready. */
export interface HandshakeNames {
  readonly inValid: string;
  readonly inReady: string;
  readonly outValid: string;
  readonly outReady: string;
}

/** A Verilog design to cosimulate. */
export interface CosimTarget {
  /** Top module name. */
  readonly top: string;
  /** Verilog-2005 source files, absolute paths. Their contents are part of the build-cache key. */
  readonly files: readonly string[];
  /** Clock port for clocked protocols; default 'clk'. Ignored for comb. */
  readonly clock?: string;
  /** Reset port; omitted = the DUT has none. Ignored for comb. */
  readonly reset?: ResetSpec;
  /** Data input ports, in golden-model order. */
  readonly inputs: readonly PortSpec[];
  /** Data output ports, in golden-model order. */
  readonly outputs: readonly PortSpec[];
  readonly protocol: Protocol;
  /** stream only: one transaction is `in` input beats -> `out` output beats (default 1/1). */
  readonly beats?: { readonly in: number; readonly out: number };
  /** stream only: handshake port names (partial override of the defaults). */
  readonly handshake?: Partial<HandshakeNames>;
}

/**
 * Exact reference model for one transaction: input beats (each one BigInt per input port) to
 * output beats (each one BigInt per output port). Must be pure: it may be called in any order and
 * more than once per transaction (e.g. when a report is built). Values out of a port's range are
 * reported as golden-model errors, never silently wrapped.
 */
export interface GoldenModel {
  (inputs: bigint[][]): bigint[][];
}

/**
 * A column of one port's values across a batch: Int32Array (sign-extended) for signed ports,
 * Uint32Array for unsigned ports. Only ports of width <= 32 have columns.
 */
export type NumColumn = Int32Array | Uint32Array;

/**
 * Optional batch fast path of the golden model, used when every input and output port is at most
 * 32 bits wide (so each value is an exact JS Number). `inputs[b][p]` is the column of input beat b,
 * port p; `outputs[b][p]` is a preallocated column for output beat b, port p, which the function
 * fills for indices 0 .. count-1 (columns may be longer than count). It must agree exactly with the
 * BigInt model: cosim uses it instead of `golden` to compute expected outputs (the path that
 * reaches >= 10M vectors/s end to end); reports decode values from the packed words. Signed outputs out of range are detected; an
 * unsigned result >= 2^32 wraps in a Uint32Array and cannot be detected, so keep results exact.
 */
export interface GoldenBatch {
  (inputs: readonly (readonly NumColumn[])[], outputs: NumColumn[][], count: number): void;
}

/** Which simulator(s) to run. 'both' runs the same vectors through each and reports both. */
export type SimName = 'verilator' | 'icarus';
export type SimChoice = SimName | 'both';

/** How vectors are generated when the caller does not give them explicitly (see vectors.ts). */
export interface VectorOptions {
  /** Enumerate every input combination when a transaction has at most this many input bits
   * (default 20, at most 32). */
  readonly exhaustiveMaxBits?: number;
  /** Number of seeded random transactions when not exhaustive (default 10 000). */
  readonly count?: number;
  /** Prepend corner cases (default true): per-port min/max/0/1/-1 and extreme combinations. */
  readonly corners?: boolean;
  /** Cap on the number of corner-case transactions (default 4096). */
  readonly maxCorners?: number;
  /** Seed; default: the run's seed. Same seed -> same vectors. */
  readonly seed?: number;
}

/** Stream backpressure: probabilities (0..1, quantized to 1/256) per cycle. */
export interface Backpressure {
  /** Probability that an available input beat is withheld this cycle (in_valid low). */
  readonly bubble: number;
  /** Probability that out_ready is low this cycle. */
  readonly stall: number;
}

/** One failing transaction, values as BigInts in beat/port order (signed ports negative). */
export interface Mismatch {
  readonly sim: SimName;
  /** Transaction index in the vector set (0-based). */
  readonly index: number;
  /** Cycle of the first wrong output beat: rising edges since simulation start, reset included
   * (comb: the transaction index). The same number is the VCD time / 10. */
  readonly cycle: number;
  readonly inputs: bigint[][];
  readonly expected: bigint[][];
  readonly actual: bigint[][];
  /** Extra remark, e.g. Icarus saw X/Z bits (which read as 0 in `actual`). */
  readonly note?: string;
}

/** Result of one simulator over the whole vector set. */
export interface SimRun {
  readonly sim: SimName;
  readonly passed: number;
  readonly failed: number;
  /** First `maxMismatches` failures in transaction order. */
  readonly mismatches: Mismatch[];
  /** false when the build came from the cache (the compiler was not invoked). */
  readonly compiled: boolean;
  /** Wall time of the build step (cache lookup only on a hit), ms. */
  readonly buildMs: number;
  /** Wall time of vector streaming + simulation + comparison, ms. */
  readonly runMs: number;
  /** Total simulated cycles (comb: transactions). */
  readonly cycles: number;
  /** VCD written for this run, when `waves` was requested. */
  readonly wavesFile?: string;
  /** Build directory (binary / vvp file live here). */
  readonly buildDir: string;
  /** Remarks that do not fit a mismatch, e.g. more X/Z beats than were itemized. */
  readonly notes: string[];
}

/** Result of runCosim. With sim 'both', counts are per (simulator, transaction) check. */
export interface CosimResult {
  readonly top: string;
  readonly protocol: Protocol['kind'];
  /** Number of transactions in the vector set. */
  readonly vectors: number;
  /** How the vectors were made, e.g. "exhaustive 2^16" or "random 10000 + 37 corners, seed 1". */
  readonly vectorsDescription: string;
  readonly passed: number;
  readonly failed: number;
  /** Mismatches of all runs, simulator order then transaction order (each run capped). */
  readonly mismatches: Mismatch[];
  readonly runs: SimRun[];
  /** Input/output port specs, so a report can be formatted without the target. */
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
}
