/** `lowbit-hdl/pe` tpe: bit-weight-transformed MAC arrays (specs/tpe.md): generators, params, golden models, cosim specs. */
export {
  TPE_ARCHS as tpeArchs,
  TPE_FORMS as tpeForms,
  TPE_DEFAULTS as tpeDefaults,
  TPE_PAPER_SIZES as tpePaperSizes,
  tpeParams,
  tpeWithDefaults,
  validateTpeParams as tpeValidateParams,
  checkTpeParams as tpeCheckParams,
  tpeMinAccW,
  tpeAccW,
  tpeDigits,
  type TpeParams,
  type TpeArch,
  type TpeForm,
  type TpeRecoder,
  type TpeSignExt,
} from './params.ts';
export { tpeGemm, tpeGemmBitWeight, tpeColumnCycles, columnNonZeroDigits as tpeColumnNonZeroDigits } from './golden.ts';
export { tpeBeatGolden, tpeBeatShape, tpeInputBeats, tpeOutputBeats } from './golden-beats.ts';
export { tpeCosimSpec, tpeCorners } from './cosim-spec.ts';
export { tpeSystolicOs } from './rtl-systolic-os.ts';
export { tpeSystolicWs, systolicWsLatency as tpeSystolicWsLatency } from './rtl-systolic-ws.ts';
export { tpeCube, cubeLatency as tpeCubeLatency } from './rtl-cube.ts';
export { tpeMulTree } from './rtl-mul-tree.ts';
export { tpeColumn } from './rtl-column.ts';
export { tpeColumnCore, type TpeColumnBoundary } from './rtl-column-core.ts';
export { tpeTypes, type TpeArrayOptions } from './rtl-common.ts';
