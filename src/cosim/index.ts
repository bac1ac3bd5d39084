/**
 * Public surface of the cosimulation engine. Typical use:
 *   const r = await runCosim({ target, golden, sim: 'both' });
 *   console.log(formatCosimReport(r));
 * Lower levels (buildVerilator/buildIcarus, vector sets, the mutation helper) are exported for the
 * CLI and for tools that run many vector files through one build.
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
  type VectorSet,
} from './vectors.ts';
export { loadVectorFile, parseVectorJsonl } from './vector-file.ts';
export { beatLayout, portRange, hexOf, type BeatLayout, type PortSlot } from './layout.ts';
export { resolveTarget, type ResolvedTarget } from './target.ts';
export { buildVerilator, verilatorArgs, VERILATOR_FLAGS, type BuildOptions, type SimBuild, type HarnessArgs } from './verilator.ts';
export { buildIcarus, icarusArgs } from './icarus.ts';
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
