/**
 * Public surface of the cosimulation engine: stream vectors through generated RTL on Verilator
 * and/or Icarus Verilog and compare against an exact golden model, in TypeScript, in order.
 *
 *   const r = await runCosim({ target, golden, goldenBatch?, vectorOptions?, sim: 'both', seed: 1 });
 *   console.log(formatCosimReport(r));           // last line: "N passed, M failed"
 *
 * Flow: resolveTarget -> build (content-hash cache under .lowbit-hdl/build/{verilator,icarus}/ in the working directory, or $LOWBIT_HDL_CACHE) ->
 * vectors (exhaustive <= 20 input bits, else corners + seeded random, or explicit / JSONL) ->
 * feed: packed little-endian 32-bit-word chunks of 65 536 transactions go to the Verilator binary
 * through a named pipe (and to a file for Icarus) while the golden model computes the expected
 * words of the next chunk -> one process per simulator per run -> word-for-word comparison ->
 * mismatches (index, cycle, inputs, expected, actual) decoded to BigInt only for the first few.
 *
 * Formats (wire.ts, layout.ts): vector file = 8-word header + input beats; output file = output
 * beats (+ `.cycles`, u64 per beat, for stream). Each port is padded to whole words.
 *
 * Protocols (types.ts): comb; pipelined with a fixed latency; stream with valid/ready, seeded
 * bubbles/stalls (identical sequence on both simulators, so cycles match), hang detection
 * (`hangCycles` without an output beat) and extra-beat detection (`drainCycles`).
 *
 * Builds: Verilator `-O3`, lint warnings fatal (no -Wno-fatal; the harness needs no Verilator
 * warning flags), runtime objects (verilated.o, ...) compiled once per tool version and reused,
 * so a new DUT builds in ~1 s and an unchanged one is a cache hit (SimRun.compiled = false,
 * ~20 ms start-up). Several vector files can run through one built binary in one process
 * (runBuiltVerilator). One harness per top, by design: variants and mutants of one design share
 * module names, which cannot be elaborated together.
 *
 * Speed: with `goldenBatch` (Number columns, all ports <= 32 bits) and layout-specialized kernels
 * (kernels.ts), end-to-end throughput on an 8-lane INT4 x INT8 dot product is ~20M vectors/s, about
 * 40% of a minimal hand-written Verilator loop (test/bench/cosim-throughput.ts).
 *
 * Waves: `waves: true` builds with --trace; runs up to 20 000 cycles are dumped whole, longer ones
 * are rerun with a window around the first mismatch or hang; VCDs land in `waves.dir` (the CLI puts them next to the RTL
 * and prints where).
 *
 * Mutation (mutate.ts): generateMutants(verilog) -> width-preserving single edits of `assign`
 * right-hand sides; runMutants(...) -> killed / survived / invalid per mutant.
 */
export type * from './types.ts';
export { runCosim, COSIM_DEFAULTS, type CosimOptions, type WavesOptions } from './run-cosim.ts';
export { formatCosimReport, formatMismatch, type ReportOptions } from './report.ts';
export {
  generateVectors,
  exhaustiveVectors,
  randomVectors,
  explicitVectors,
  packedVectors,
  cornerTransactions,
  VECTOR_DEFAULTS,
  RANDOM_BLOCK,
  type VectorSet,
} from './vectors.ts';
export { loadVectorFile, parseVectorJsonl } from './vector-file.ts';
export { beatLayout, portRange, hexOf, decodeTxn, encodeTxn, type BeatLayout, type PortSlot } from './layout.ts';
export { resolveTarget, type ResolvedTarget } from './target.ts';
export { buildVerilator, verilatorArgs, VERILATOR_FLAGS, type BuildOptions, type SimBuild, type HarnessArgs } from './verilator.ts';
export { buildIcarus, icarusArgs, IVERILOG_FLAGS } from './icarus.ts';
export { writeVectorFile, runBuiltVerilator } from './batch-run.ts';
export {
  generateMutants,
  runMutants,
  formatMutationReport,
  MUTANT_KINDS,
  type Mutant,
  type MutantKind,
  type MutantOptions,
  type MutantResult,
  type MutationOptions,
  type MutationReport,
} from './mutate.ts';
export { BuildRejected } from './build-cache.ts';
export { HarnessFailure } from './harness-result.ts';
export { expectedEngine, batchEligible } from './expected.ts';
