/** Public surface of the synthesis-report engine (behind `lowbit-hdl synth`). */
export { synthesize } from './synthesize.ts';
export { ABC_DELAY_SCRIPT } from './flows.ts';
export { runYosys, YosysError, type RunYosysOptions, type YosysRunResult } from './run-yosys.ts';
export type { YosysFiles } from './yosys-files.ts';
export type { YosysEngine, YosysEngineChoice } from './yosys-engine.ts';
export { boundaryNotes, compareReports, formatComparison, formatReport, metricsOf, type ComparisonRow, type Metric } from './compare.ts';
export { checkBoundaryPaths, formatBoundaryCheck, groupBoundaryCrossings, type BoundaryCheck, type BoundaryCrossing, type BoundaryGroup } from './boundary-paths.ts';
export { formatTable } from './format-table.ts';
export {
  SYNTH_HIERARCHIES,
  SYNTH_REPORT_SCHEMA,
  SYNTH_TARGETS,
  type CellCounts,
  type CmosEstimate,
  type Efficiency,
  type FpgaResources,
  type LibertyArea,
  type LogicDepth,
  type SynthHierarchy,
  type SynthOptions,
  type SynthReport,
  type SynthTarget,
  type TimingReport,
} from './report.ts';
