/** `lowbit-hdl/pe` bitmod: BitMoD parameters, datatypes, quantizer and golden models (names prefixed `bitmod`). */
export {
  BITMOD_DEFAULTS as bitmodDefaults,
  BITMOD_WEIGHT_TYPES as bitmodWeightTypes,
  bitmodParams,
  bitmodWidths,
  cyclesPerGroup as bitmodCyclesPerGroup,
  termsPerWeight as bitmodTermsPerWeight,
  validateBitmodParams,
  type BitmodParams,
  type BitmodWeightType,
  type BitmodWidths,
} from './params.ts';
export {
  GRIDS as bitmodGrids,
  MIXTURES as bitmodMixtures,
  SPECIAL_VALUES as bitmodSpecialValues,
  decodeWeight as bitmodDecodeWeight,
  encodeWeight as bitmodEncodeWeight,
  type BitmodDatatype,
} from './datatypes.ts';
export {
  quantizeMatrix as bitmodQuantizeMatrix,
  quantizeRow as bitmodQuantizeRow,
  selectDatatype as bitmodSelectDatatype,
  type QuantizeOptions as BitmodQuantizeOptions,
  type QuantGroup as BitmodQuantGroup,
  type QuantRow as BitmodQuantRow,
} from './quantizer.ts';
export { type BitmodDotInput, type BitmodGroupInput } from './golden-inputs.ts';
export { bitmodDotExact, bitmodDotValue } from './golden-math.ts';
export { bitmodDot, checkBound as bitmodCheckBound, type BitmodDotResult } from './golden-dot.ts';
export { bitmodGroup } from './golden-group.ts';
export { randomDotInput as bitmodRandomDotInput, roundingTile as bitmodRoundingTile, scaledTile as bitmodScaledTile, specialsTile as bitmodSpecialsTile } from './vectors.ts';
export { bitmodPe, bitmodPeName, checkBitmodRtl } from './rtl-pe.ts';
export { bitmodArray, bitmodArrayName, bitmodRowStage } from './rtl-array.ts';
export { bitmodColumn, bitmodColumnName } from './rtl-column.ts';
export {
  bitmodArrayCosimSpec,
  bitmodArrayGolden,
  bitmodPeGolden,
  tileBeats as bitmodTileBeats,
  transactionBeats as bitmodTransactionBeats,
  type BitmodTile,
} from './rtl-cosim.ts';
